"""The committed sample corpus is consistent: PDFs and truth files pair up and agree."""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import LIT

from ingest.model import COLUMN_KEYS, ORG_KINDS
from sample_docs import hostile

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"
BAD = SAMPLES / "bad"
WRITERS = {"libreoffice", "chromium", "typst", "calc"}
LIBREOFFICE = {"libreoffice", "calc"}  # Writer and Calc both say "LibreOffice" as Producer
KINDS = {"report", "plan"}
NUMBER_HEADERS = ("ลำดับ", "ที่")
PERIOD_KINDS = {
    "date", "month", "month_range", "day_range", "quarter", "fiscal_year", "year", "year_range",
}
DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
ITEM_START = re.compile(r"^(?:[๐-๙0-9]{1,2}\.|\([๐-๙0-9]{1,2}\))")


def _truths() -> dict[str, dict]:
    return {
        p.name.removesuffix(".truth.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(SAMPLES.glob("*.truth.json"))
    }


TRUTHS = _truths()


def _nows(text: str) -> str:
    return "".join(text.split())


def _reports() -> dict[str, dict]:
    return {stem: t for stem, t in TRUTHS.items() if t["document_kind"] == "report"}


def _printed_number(m: dict) -> str:
    """The measure number as the table prints it: in a ลำดับ column, else before the title."""
    for header in NUMBER_HEADERS:
        if m.get("extra", {}).get(header):
            return m["extra"][header].strip(" .")
    return m["cells"]["measure"].split(".")[0]


def test_every_pdf_has_a_truth_file_and_back():
    pdfs = {p.stem for p in SAMPLES.glob("*.pdf")}
    assert pdfs, "no sample PDFs"
    assert pdfs == set(TRUTHS)
    for stem, truth in TRUTHS.items():
        assert truth["file"] == f"{stem}.pdf"


@pytest.mark.parametrize("stem", sorted(TRUTHS))
def test_truth_has_the_documented_shape(stem):
    t = TRUTHS[stem]
    assert t["document_kind"] in KINDS
    assert t["writer"] in WRITERS
    assert isinstance(t["font"], str) and t["font"]
    assert "ประจำปีงบประมาณ" in t["title"]
    org = t["organization"]
    assert org["kind"] in ORG_KINDS
    assert all(isinstance(org[k], str) and org[k] for k in ("name", "district", "province"))
    assert t["fiscal_year"]["ce"] == t["fiscal_year"]["be"] - 543
    assert t["previous"] is None or t["previous"] in TRUTHS
    numbers = [m["number"] for m in t["measures"]]
    assert numbers == list(range(1, len(numbers) + 1))
    for m in t["measures"]:
        assert list(m["cells"]) == list(COLUMN_KEYS)
        assert all(isinstance(v, str) for v in m["cells"].values())
        assert _printed_number(m).translate(DIGITS) == str(m["number"])
        assert all(isinstance(k, str) and k and isinstance(v, str)
                   for k, v in m.get("extra", {}).items())
        assert set(m["items"]) == {"steps", "results"}
        assert m["continues"] is None or isinstance(m["continues"], int)
        assert m["periods"], f"measure {m['number']} names no period"
        for p in m["periods"]:
            assert p["kind"] in PERIOD_KINDS
            assert dt.date.fromisoformat(p["start"]) <= dt.date.fromisoformat(p["end"])


@pytest.mark.parametrize("stem", sorted(TRUTHS))
def test_items_cover_the_numbered_part_of_their_cell(stem):
    for m in TRUTHS[stem]["measures"]:
        for key, items in m["items"].items():
            assert all(ITEM_START.match(item) for item in items), (m["number"], key)
            joined = _nows("".join(items))
            # Text before the first number belongs to no item; all text after it does.
            assert _nows(m["cells"][key]).endswith(joined), (m["number"], key)


def test_each_agency_has_two_or_more_distinct_years_linked_in_order():
    years = defaultdict(list)
    for stem, t in _reports().items():
        years[t["organization"]["name"]].append((t["fiscal_year"]["be"], stem))
    assert len(years) >= 3
    for files in years.values():
        files.sort()
        bes = [be for be, _ in files]
        assert len(bes) >= 2 and len(set(bes)) == len(bes), files
        assert TRUTHS[files[0][1]]["previous"] is None
        for (_, prev), (_, cur) in zip(files, files[1:], strict=False):
            assert TRUTHS[cur]["previous"] == prev


@pytest.mark.parametrize("stem", sorted(TRUTHS))
def test_continues_points_at_a_measure_of_the_previous_file(stem):
    t = TRUTHS[stem]
    if t["previous"] is None:
        assert all(m["continues"] is None for m in t["measures"])
        return
    previous = {m["number"] for m in TRUTHS[t["previous"]]["measures"]}
    links = [m["continues"] for m in t["measures"] if m["continues"] is not None]
    assert links and set(links) <= previous
    assert len(links) == len(set(links))


def test_each_plan_plans_what_its_report_reports_but_one_measure_more_and_one_less():
    """The plan has one measure the report leaves out, and the report one it added during the
    year (both planted for the plan-against-report findings: sample_docs/anomalies.py)."""
    plans = {stem: t for stem, t in TRUTHS.items() if t["document_kind"] == "plan"}
    assert plans
    for stem, plan in plans.items():
        report = TRUTHS[plan["report"]]
        assert report["document_kind"] == "report", stem
        assert (report["organization"], report["fiscal_year"]) == (
            plan["organization"], plan["fiscal_year"])
        reported = [m["reported_as"] for m in plan["measures"]]
        numbers = [m["number"] for m in report["measures"]]
        planned = sorted(n for n in reported if n is not None)
        assert set(planned) <= set(numbers) and len(planned) == len(numbers) - 1
        assert reported.count(None) == 1
        by_number = {m["number"]: m for m in report["measures"]}
        for m in plan["measures"]:
            if m["reported_as"] is not None:
                done = by_number[m["reported_as"]]["cells"]
                # The same measure: its title past the number, as the report has it.
                assert _nows(m["cells"]["measure"]).split(".", 1)[1] == _nows(
                    done["measure"]).split(".", 1)[1]
        assert all(not m["cells"]["results"] for m in plan["measures"])


def test_variant_layouts_are_in_the_corpus():
    """Extra columns, a numbered ลำดับ column and tables without some canonical column."""
    extra = {k for t in TRUTHS.values() for m in t["measures"] for k in m.get("extra", {})}
    assert {"ลำดับ", "งบประมาณ (บาท)", "ปัญหา/อุปสรรค", "ตัวชี้วัด"} <= extra
    widths = set()
    for t in _reports().values():
        present = {k for m in t["measures"] for k, v in m["cells"].items() if v}
        widths.add(len(present) + len(t["measures"][0].get("extra", {})))
    assert {6, 7} <= widths


def test_one_agency_writes_arabic_digits_and_the_seed_thai_digits():
    def has_thai_digit(t):
        return any(re.search("[๐-๙]", v) for m in t["measures"] for v in m["cells"].values())

    assert any(not has_thai_digit(t) for t in TRUTHS.values())
    assert any(has_thai_digit(t) for t in TRUTHS.values())


def test_every_writer_and_several_fonts_are_present_as_the_pdfs_say():
    assert {t["writer"] for t in TRUTHS.values()} == WRITERS
    fonts = set()
    for stem, t in TRUTHS.items():
        with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
            page = pdf.pages[0]
            names = {c["fontname"].split("+")[-1].split("-")[0] for c in page.chars}
            producer = str(pdf.metadata.get("Producer", "")) + str(pdf.metadata.get("Creator", ""))
        assert names == {t["font"]}, stem
        assert ("LibreOffice" in producer) == (t["writer"] in LIBREOFFICE), stem
        assert ("Typst" in producer) == (t["writer"] == "typst"), stem
        fonts |= names
    assert "Laksaman" in fonts and len(fonts) >= 2


def test_bad_directory_holds_the_broken_and_hostile_cases_and_their_causes():
    expected = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
    names = {
        "encrypted.pdf", "truncated.pdf", "empty.pdf", "not_a_pdf.pdf", "photo.pdf",
        "garbage_middle.pdf", *hostile.FILES,
    }
    assert set(expected) == names
    assert {p.name for p in BAD.glob("*.pdf")} == names
    assert (BAD / "empty.pdf").stat().st_size == 0
    assert not (BAD / "not_a_pdf.pdf").read_bytes().startswith(b"%PDF")
    assert b"/Encrypt" in (BAD / "encrypted.pdf").read_bytes()
    assert b"%%EOF" not in (BAD / "truncated.pdf").read_bytes()
    garbage = expected["garbage_middle.pdf"]
    assert garbage["opens"] is True and garbage["lost_pages"]


def test_photo_and_scanned_samples_have_images_and_no_text():
    scans = [BAD / "photo.pdf", *sorted((SAMPLES / "scanned").glob("*_scan[0-9]*.pdf"))]
    assert len(scans) >= 5
    for path in scans:
        with pdfplumber.open(path) as pdf:
            assert all(not page.chars and page.images for page in pdf.pages), path.name


def test_mixed_sample_is_typed_but_its_last_page():
    (mixed,) = (SAMPLES / "scanned").glob("*_signed_last_page_scan.pdf")
    with pdfplumber.open(mixed) as pdf:
        typed = [bool(page.chars) for page in pdf.pages]
        assert not pdf.pages[-1].chars and pdf.pages[-1].images
    assert typed == [True] * (len(typed) - 1) + [False]


def test_each_scan_keeps_its_sources_truth_under_its_own_name():
    for truth_path in sorted((SAMPLES / "scanned").glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        assert truth["file"] == truth_path.name.replace(".truth.json", ".pdf")
        assert (SAMPLES / "scanned" / truth["file"]).exists()
        source = next(s for s in TRUTHS if truth["file"].startswith(s + "_"))
        assert {k: v for k, v in truth.items() if k != "file"} == {
            k: v for k, v in TRUTHS[source].items() if k != "file"}


def test_garbage_middle_loses_exactly_the_recorded_pages():
    lost = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))["garbage_middle.pdf"]
    with pdfplumber.open(BAD / "garbage_middle.pdf") as pdf:
        empty = [i for i, page in enumerate(pdf.pages, 1) if not page.chars]
        assert 0 < len(empty) < len(pdf.pages)
    assert empty == lost["lost_pages"]


def _raw_objects(path):
    """Every object of a hostile file by number, read with pdfminer without resolving any."""
    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        return {i: doc.getobj(i) for x in doc.xrefs for i in x.get_objids()}, doc.catalog


def test_hostile_files_are_what_they_claim():
    """Checked on the files' own structure, not through raingan's reading of them."""
    bomb = (BAD / "bomb.pdf").read_bytes()
    assert len(bomb) < 10_000 and b"/Filter [ /FlateDecode /FlateDecode ]" in bomb
    start = bomb.index(b"stream\n") + 7
    inner = zlib.decompress(bomb[start: bomb.index(b"\nendstream")])
    assert len(inner) > 2_000_000  # the first layer: a 2 MB stream of a 2 GiB bomb
    assert zlib.decompressobj().decompress(inner, 10_000_000) == b" " * 10_000_000

    objects, catalog = _raw_objects(BAD / "many_pages.pdf")
    assert sum(isinstance(o, dict) and o.get("Type") == LIT("Page") for o in objects.values()) == 5000

    objects, catalog = _raw_objects(BAD / "deep_nesting.pdf")
    depth, node = 0, catalog["Pages"]
    while isinstance(node, PDFObjRef) and objects[node.objid].get("Type") == LIT("Pages"):
        depth, node = depth + 1, objects[node.objid]["Kids"][0]
    assert depth > 3000

    objects, catalog = _raw_objects(BAD / "reference_loop.pdf")
    first = catalog["Pages"].objid
    second = objects[first].objid
    assert objects[second].objid == first

    objects, catalog = _raw_objects(BAD / "page_tree_loop.pdf")
    root = catalog["Pages"]
    assert root.objid in [kid.objid for kid in objects[root.objid]["Kids"]]

    with pdfplumber.open(BAD / "huge_page.pdf") as pdf:
        (page,) = pdf.pages
        (image,) = page.images
        assert (page.width, page.height) == (14400, 14400)
        assert image["srcsize"] == (14400, 14400) and page.chars

    raw = (BAD / "active_content.pdf").read_bytes()
    objects, catalog = _raw_objects(BAD / "active_content.pdf")
    assert catalog["OpenAction"]["S"] == LIT("JavaScript")
    assert catalog["OpenAction"]["Next"]["S"] == LIT("Launch")
    files = [o for o in objects.values() if isinstance(o, PDFStream)
             and o.attrs.get("Type") == LIT("EmbeddedFile")]
    assert [f.get_data()[:2] for f in files] == [b"MZ"]
    assert b"setup.exe" in raw
