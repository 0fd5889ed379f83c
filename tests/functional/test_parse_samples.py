"""Every committed sample parses to its ground truth: kind, cells, extra cells, measures,
items and periods."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from ingest.metadata import KIND_FIELDS
from ingest.model import COLUMN_KEYS, Report
from ingest.parse import parse_pdf
from ingest.tables import _ITEM_MARK as ITEM_MARK

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"
# The corpus, and samples rendered again in another layout (sample_docs/corpus.py, VARIANTS).
TRUTHS = sorted(SAMPLES.glob("*.truth.json")) + sorted(SAMPLES.glob("unrepeated/*.truth.json"))


def _id(truth_path: Path) -> str:
    return truth_path.relative_to(SAMPLES).with_suffix("").as_posix()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def parsed(pdf: Path) -> Report:
    return parse_pdf(pdf)


def load(truth_path: Path) -> tuple[dict, Report]:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    return truth, parsed(truth_path.parent / truth["file"])


def test_corpus_is_there() -> None:
    assert len(TRUTHS) >= 1


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_every_measure_found_none_invented(truth_path: Path) -> None:
    truth, report = load(truth_path)
    assert [m.number for m in report.measures] == [m["number"] for m in truth["measures"]]


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_every_cell_equals_truth_without_whitespace(truth_path: Path) -> None:
    truth, report = load(truth_path)
    got = {(m.number, k): squash(m.cells.get(k)) for m in report.measures for k in COLUMN_KEYS}
    want = {(m["number"], k): squash(m["cells"][k]) for m in truth["measures"] for k in COLUMN_KEYS}
    wrong = {key: (got.get(key), want[key]) for key in want if got.get(key) != want[key]}
    assert wrong == {}


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_extra_cells_equal_truth_without_whitespace(truth_path: Path) -> None:
    truth, report = load(truth_path)
    got = {m.number: [(squash(k), squash(v)) for k, v in m.extra] for m in report.measures}
    want = {
        m["number"]: [(squash(k), squash(v)) for k, v in m.get("extra", {}).items()]
        for m in truth["measures"]
    }
    assert got == want


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_document_kind_equals_truth(truth_path: Path) -> None:
    truth, report = load(truth_path)
    assert report.document_kind == truth["document_kind"]


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_a_missing_column_is_one_warning(truth_path: Path) -> None:
    """A canonical column the table lacks (its cells empty in every measure of the truth) is
    named in one warning; a plan is not expected to have results or an outcome yet."""
    truth, report = load(truth_path)
    expected = KIND_FIELDS[truth["document_kind"]]
    absent = [k for k in expected if not any(m["cells"][k] for m in truth["measures"])]
    said = [w for w in report.warnings if w.startswith("measure table has no column")]
    assert len(said) == (1 if absent else 0), report.warnings
    for key in absent:
        assert f"({key})" in said[0]
    # Nor is a column the table lacks an empty cell to flag in every measure.
    lacking = {k for k in COLUMN_KEYS if not any(m["cells"][k] for m in truth["measures"])}
    assert [f for f in report.findings if f.kind == "empty_cell" and f.column in lacking] == []


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_items_equal_truth(truth_path: Path) -> None:
    truth, report = load(truth_path)
    for m, t in zip(report.measures, truth["measures"], strict=True):
        assert [squash(i) for i in m.items.steps] == [squash(i) for i in t["items"]["steps"]], m.number
        assert [squash(i) for i in m.items.results] == [squash(i) for i in t["items"]["results"]], m.number


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_metadata_equals_truth(truth_path: Path) -> None:
    truth, report = load(truth_path)
    org = report.organization
    assert {"name": org.name, "kind": org.kind, "district": org.district,
            "province": org.province} == truth["organization"]
    assert report.fiscal_year is not None
    assert (report.fiscal_year.be, report.fiscal_year.ce) == (
        truth["fiscal_year"]["be"], truth["fiscal_year"]["ce"])
    assert squash(report.title) == squash(truth["title"])


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_period_cells_parse_to_intended_ranges(truth_path: Path) -> None:
    truth, report = load(truth_path)
    for m, t in zip(report.measures, truth["measures"], strict=True):
        got = [(p.start.isoformat(), p.end.isoformat(), p.kind) for p in m.periods]
        want = [(p["start"], p["end"], p["kind"]) for p in t["periods"]]
        assert got == want, (m.number, m.cells.period)


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_pages_are_clean_after_repair(truth_path: Path) -> None:
    _, report = load(truth_path)
    assert [p.number for p in report.pages if p.defects] == []


def test_seed_reports_known_faults_are_found() -> None:
    """The seed report mentions last year where it means this one, names another agency's web
    site and skips numbers in its lists (../shared/seed/README.md): all three are findings."""
    report = parsed(SAMPLES / "bangkrok_2568_libreoffice.pdf")
    found = {(f.kind, f.measure, f.text) for f in report.findings}
    assert ("earlier_year", 4, "ประจำปีฯ ๖๗") in found
    assert ("other_website", 2, "poraiwan.go.th") in found
    assert ("items_skipped", 1, "3 → 5") in found


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_tables_read_without_column_rules_are_named_in_the_warnings(truth_path: Path) -> None:
    truth, report = load(truth_path)
    said = [w for w in report.warnings if "table read without column rules" in w]
    pages = sorted({p for m in report.measures for p in m.pages})
    if truth.get("layout") == "horizontal":
        # Every page the table is on, and only those.
        assert said == [f"page {p}: table read without column rules" for p in pages]
    elif truth.get("layout") == "horizontal_once":
        # The header only on the first page: the pages after it are named as carrying it on.
        assert said == [f"page {pages[0]}: table read without column rules"] + [
            f"page {p}: table read without column rules, as the continuation of page {p - 1}'s"
            " (no header on the page)"
            for p in pages[1:]
        ]
        assert len(pages) >= 2
    else:
        assert said == []


def _break_offsets(text: str) -> set[int]:
    """Where a cell's lines break, as offsets into its text with whitespace removed."""
    out, at = set(), 0
    for line in text.split("\n")[:-1]:
        at += len(squash(line))
        out.add(at)
    return out


def _item_offsets(text: str) -> set[int]:
    """Offsets (whitespace removed) where a numbered item starts."""
    return {len(squash(text[: m.start()])) for m in ITEM_MARK.finditer(text)}


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_no_line_break_is_invented(truth_path: Path) -> None:
    """Every newline kept in a cell is a line end the document has on purpose, or the start of
    a numbered item (which begins a line of its own, as before)."""
    truth, report = load(truth_path)
    got = {(m.number, k): m.cells.get(k) for m in report.measures for k in COLUMN_KEYS}
    for m in truth["measures"]:
        for key in COLUMN_KEYS:
            cell = got[m["number"], key]
            extra = _break_offsets(cell) - _break_offsets(m["cells"][key]) - _item_offsets(cell)
            assert not extra, (m["number"], key, cell)


@pytest.mark.parametrize(
    ("stem", "number", "cell"),
    [
        ("thayang_2567_chromium", 1, "สำนักปลัดเทศบาล\nกองคลัง\nกองช่าง"),
        ("thayang_2567_chromium", 8, "กองช่าง\nกองยุทธศาสตร์และงบประมาณ"),
        ("thayang_2566_calc", 4, "กองคลัง\n(งานพัสดุและทรัพย์สิน)"),
        ("banlat_2568_chromium", 2, "- สำนักปลัดเทศบาล\n- กองคลัง\n- กองช่าง\n- กองการศึกษา"),
        ("banlat_2568_chromium", 6, "สำนักปลัดเทศบาล\nกองคลัง"),
        ("bangkrok_2566_chromium", 7, "- สำนักปลัด\n- กองช่าง"),
    ],
)
def test_units_listed_one_a_line_stay_one_a_line(stem: str, number: int, cell: str) -> None:
    _, report = load(SAMPLES / f"{stem}.truth.json")
    (measure,) = [m for m in report.measures if m.number == number]
    assert measure.cells.responsible == cell
