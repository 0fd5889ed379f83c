"""The committed sample corpus is consistent: PDFs and truth files pair up and agree."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest

from ingest.model import COLUMN_KEYS, ORG_KINDS

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"
BAD = SAMPLES / "bad"
WRITERS = {"libreoffice", "chromium", "calc"}
LIBREOFFICE = {"libreoffice", "calc"}  # Writer and Calc both say "LibreOffice" as Producer
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


def test_every_pdf_has_a_truth_file_and_back():
    pdfs = {p.stem for p in SAMPLES.glob("*.pdf")}
    assert pdfs, "no sample PDFs"
    assert pdfs == set(TRUTHS)
    for stem, truth in TRUTHS.items():
        assert truth["file"] == f"{stem}.pdf"


@pytest.mark.parametrize("stem", sorted(TRUTHS))
def test_truth_has_the_documented_shape(stem):
    t = TRUTHS[stem]
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
        assert m["cells"]["measure"].split(".")[0].translate(DIGITS) == str(m["number"])
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
    for stem, t in TRUTHS.items():
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


def test_one_agency_writes_arabic_digits_and_the_seed_thai_digits():
    def has_thai_digit(t):
        return any(re.search("[๐-๙]", v) for m in t["measures"] for v in m["cells"].values())

    assert any(not has_thai_digit(t) for t in TRUTHS.values())
    assert any(has_thai_digit(t) for t in TRUTHS.values())


def test_both_writers_and_both_fonts_are_present_as_the_pdfs_say():
    assert {t["writer"] for t in TRUTHS.values()} == WRITERS
    fonts = set()
    for stem, t in TRUTHS.items():
        with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
            page = pdf.pages[0]
            names = {c["fontname"].split("+")[-1].split("-")[0] for c in page.chars}
            producer = str(pdf.metadata.get("Producer", "")) + str(pdf.metadata.get("Creator", ""))
        assert names == {t["font"]}, stem
        assert ("LibreOffice" in producer) == (t["writer"] in LIBREOFFICE), stem
        fonts |= names
    assert "Laksaman" in fonts and len(fonts) >= 2


def test_bad_directory_holds_the_six_cases_and_their_causes():
    expected = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
    names = {
        "encrypted.pdf", "truncated.pdf", "empty.pdf", "not_a_pdf.pdf", "scanned.pdf",
        "garbage_middle.pdf",
    }
    assert set(expected) == names
    assert {p.name for p in BAD.glob("*.pdf")} == names
    assert (BAD / "empty.pdf").stat().st_size == 0
    assert not (BAD / "not_a_pdf.pdf").read_bytes().startswith(b"%PDF")
    assert b"/Encrypt" in (BAD / "encrypted.pdf").read_bytes()
    assert b"%%EOF" not in (BAD / "truncated.pdf").read_bytes()
    garbage = expected["garbage_middle.pdf"]
    assert garbage["opens"] is True and garbage["lost_pages"]


def test_scanned_sample_has_an_image_and_no_text():
    with pdfplumber.open(BAD / "scanned.pdf") as pdf:
        assert all(not page.chars and page.images for page in pdf.pages)


def test_garbage_middle_loses_exactly_the_recorded_pages():
    lost = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))["garbage_middle.pdf"]
    with pdfplumber.open(BAD / "garbage_middle.pdf") as pdf:
        empty = [i for i, page in enumerate(pdf.pages, 1) if not page.chars]
        assert 0 < len(empty) < len(pdf.pages)
    assert empty == lost["lost_pages"]
