"""Active content (JavaScript, launch actions, embedded files) and page trees that do not add up."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from ingest import structure
from ingest.structure import Carried, carried, carried_warnings, could_carry, page_count_warning
from sample_docs import hostile


def scan(tmp_path: Path, objects: dict[int, bytes], packed: frozenset[int] = frozenset()) -> Carried:
    """What the walk finds, checked against what the scan-first reading finds."""
    path = tmp_path / "x.pdf"
    hostile.write_pdf(objects, path, packed=packed)
    with pdfplumber.open(path) as walked, pdfplumber.open(path) as scanned:
        found = carried(walked.doc)
        assert carried(scanned.doc, path) == found
    return found


def page(extra_objects: dict[int, bytes] | None = None, page_extra: bytes = b"") -> dict:
    objects = hostile.one_page(hostile.text_content(["x"]))
    objects[3] = objects[3].replace(b"/Contents", page_extra + b" /Contents")
    objects.update(extra_objects or {})
    return objects


def test_plain_file_carries_nothing(tmp_path: Path) -> None:
    assert scan(tmp_path, page()) == Carried()


def test_script_in_an_open_action_nested_in_the_catalog(tmp_path: Path) -> None:
    objects = page()
    objects[1] = (b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript "
                  b"/JS (app.alert\\(1\\)) /Next << /S /Launch /F (calc.exe) >> >> >>")
    assert scan(tmp_path, objects) == Carried(scripts=1, launches=1)


def test_script_in_an_annotation_and_a_name_tree(tmp_path: Path) -> None:
    objects = page({
        6: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A 7 0 R >>",
        7: b"<< /S /JavaScript /JS 8 0 R >>",
        8: hostile.stream(b"", b"this.print();"),
        9: b"<< /Names [(init) 7 0 R] >>",
    }, b"/Annots [6 0 R]")
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 9 0 R >> >>"
    assert scan(tmp_path, objects).scripts == 1  # one action, referenced twice


def test_embedded_files_by_name_in_file_order(tmp_path: Path) -> None:
    objects = page({
        6: b"<< /Type /Filespec /F (old.doc) /UF <FEFF0E23 0E32 0E22 0E07 0E32 0E19002E007A00690070>"
           b" /EF << /F 8 0 R >> >>",
        7: b"<< /Type /Filespec /F (setup.exe) /EF << /F 8 0 R >> >>",
        8: hostile.stream(b"/Type /EmbeddedFile", b"MZ"),
        9: b"<< /Type /Filespec /F (link-only.pdf) >>",  # names a file outside: not embedded
    })
    assert scan(tmp_path, objects).files == ("รายงาน.zip", "setup.exe")


def test_a_hostile_file_name_stays_one_short_line(tmp_path: Path) -> None:
    name = b"evil\\nname\\r\\t" + b"x" * 300
    objects = page({6: b"<< /Type /Filespec /F (" + name + b") /EF << /F 7 0 R >> >>",
                    7: hostile.stream(b"", b"")})
    (found,) = scan(tmp_path, objects).files
    assert found.startswith("evil name x")
    assert len(found) == 80 and found.endswith("…")


def test_deep_nesting_and_loops_cost_nothing(tmp_path: Path) -> None:
    deep = b"[" * 50_000 + b"<< /S /JavaScript /JS (x) >>" + b"]" * 50_000
    objects = page({6: deep, 7: b"<< /Me 7 0 R /Kid << /Up 7 0 R >> >>"})
    assert scan(tmp_path, objects).scripts == 1


@pytest.mark.parametrize("data", [
    b"<< /JS (x) >>", b"/S /JavaScript", b"/S /Launch", b"<< /EF << /F 8 0 R >> >>",
    b"/J#53", b"/#4a#53", b"/#4A#53", b"/J#S", b"/##JS", b"/Java#53cript", b"/L#61#75nch",
    b"/E#46", b"/JSX",  # a longer name: walked for nothing, which is safe
])
def test_a_name_the_walk_acts_on_is_seen_however_it_is_spelled(data: bytes) -> None:
    assert could_carry(b"%PDF-1.7 " + data)


@pytest.mark.parametrize("data", [
    b"<< /Type /Page /Contents 5 0 R >>", b"(JS JavaScript)", b"/J S", b"/J#54", b"/E#4", b"/Js",
])
def test_no_name_the_walk_acts_on(data: bytes) -> None:
    assert not could_carry(data)


def test_a_script_in_a_compressed_object_stream(tmp_path: Path) -> None:
    objects = page({6: b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
                    7: b"<< /Type /Filespec /F (a.exe) /EF << /F 8 0 R >> >>",
                    8: hostile.stream(b"", b"MZ")})
    packed = frozenset({1, 2, 3, 4, 6, 7})
    assert scan(tmp_path, objects, packed) == Carried(scripts=1, files=("a.exe",))
    assert not could_carry((tmp_path / "x.pdf").read_bytes())  # the names are compressed


def test_a_file_that_cannot_carry_anything_is_not_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[object] = []
    monkeypatch.setattr(structure, "_dicts", lambda obj: walked.append(obj) or [])
    path = tmp_path / "x.pdf"
    hostile.write_pdf(page(), path, packed=frozenset({1, 2, 3, 4}))
    with pdfplumber.open(path) as pdf:
        assert carried(pdf.doc, path) == Carried()
        assert walked == []
        carried(pdf.doc)
        assert len(walked) == 7  # without the bytes: 5 objects, the object and xref streams


def test_an_action_type_written_as_a_string_is_no_action(tmp_path: Path) -> None:
    objects = page({6: b"<< /S (JavaScript) /Next << /S (Launch) >> >>"})
    assert scan(tmp_path, objects) == Carried()


def test_carried_warnings() -> None:
    assert carried_warnings(Carried()) == []
    assert carried_warnings(Carried(scripts=1, launches=2, files=("setup.exe",))) == [
        "carries JavaScript (1 script); it is never run",
        "asks to launch a program; it is never launched",
        "carries embedded file, never extracted: setup.exe",
    ]
    many = tuple(f"f{i}.bin" for i in range(8))
    assert carried_warnings(Carried(scripts=3, files=many)) == [
        "carries JavaScript (3 scripts); it is never run",
        "carries embedded files, never extracted: f0.bin, f1.bin, f2.bin, f3.bin, f4.bin"
        " and 3 more",
    ]


@pytest.mark.parametrize(("kids", "count", "want"), [
    (b"[3 0 R]", 1, None),
    (b"[3 0 R 2 0 R]", 2, "damaged page tree: it claims 2 pages, 1 found"),
    (b"[3 0 R 3 0 R]", 2, "damaged page tree: it claims 2 pages, 1 found"),
    (b"[3 0 R]", 7, "damaged page tree: it claims 7 pages, 1 found"),
])
def test_page_count_warning(tmp_path: Path, kids: bytes, count: int, want: str | None) -> None:
    objects = page()
    objects[2] = b"<< /Type /Pages /Kids " + kids + b" /Count %d >>" % count
    path = tmp_path / "x.pdf"
    hostile.write_pdf(objects, path)
    with pdfplumber.open(path) as pdf:
        assert page_count_warning(pdf.doc, len(pdf.pages)) == want
