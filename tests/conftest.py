"""Shared fixtures: Reports from the sample corpus's truth files, and a store holding them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ingest.model import (
    SCHEMA,
    Cells,
    FiscalYear,
    Items,
    Measure,
    Organization,
    PageQuality,
    Period,
    Report,
    Source,
)
from ingest.serialize import report_from_dict

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DOCS = ROOT / "sample_docs"


def report_from_truth(
    truth: dict[str, Any], path: str, sha256: str, issued: str | None = None
) -> Report:
    """A Report with the document kind, cells, extra cells, items and periods a truth file
    says the parser must find.

    Truth files carry no page numbers or page quality, so those stay empty.
    """
    body = {
        "schema": SCHEMA,
        "document_kind": truth.get("document_kind", "report"),
        "source": {"path": path, "sha256": sha256, "pages": 0, "issued": issued},
        "title": truth["title"],
        "organization": truth["organization"],
        "fiscal_year": truth.get("fiscal_year"),
        "measures": [{"pages": [], **m} for m in truth["measures"]],
        "pages": [],
    }
    return report_from_dict(body)


def _issued(pdf: Path) -> str | None:
    """When the PDF says it was made, as the parser reads it."""
    from ingest.pdf import issued, open_pdf

    doc = open_pdf(pdf)
    try:
        return issued(doc.metadata)
    finally:
        doc.close()


def load_truth_reports(folder: Path = SAMPLE_DOCS) -> list[Report]:
    """Reports for every *.truth.json in `folder`, sorted by file name.

    The sha256 and the date are the PDF's when it is there (what the parser would report),
    else the sha256 is the truth file's, so each sample stays distinct. The date decides which
    of two documents on one agency-year the store keeps current: the plan made in October,
    or the report made when the year was over.
    """
    reports = []
    for truth_path in sorted(folder.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        pdf = folder / truth.get("file", truth_path.name.replace(".truth.json", ".pdf"))
        data = pdf.read_bytes() if pdf.exists() else truth_path.read_bytes()
        when = _issued(pdf) if pdf.exists() else None
        reports.append(report_from_truth(truth, str(pdf), hashlib.sha256(data).hexdigest(), when))
    return reports


def current_reports(reports: list[Report]) -> list[Report]:
    """The reports a store holding all of `reports` keeps current: of each document (by
    index.identity: kind, agency, year and a matching title) the newest version, by the
    store's own rule (index.store.version_key)."""
    from index.identity import best_match, document_key
    from index.store import version_key

    keys: list[tuple[int, Any]] = []  # (group, key of its first version)
    newest: dict[int, Report] = {}
    for r in reports:
        key = document_key(r)
        group = best_match(key, keys)
        if group is None:
            group = len(keys)
            keys.append((group, key))
        held = newest.get(group)
        if held is None or version_key(r.source.issued, r.source.path) > version_key(
            held.source.issued, held.source.path
        ):
            newest[group] = r
    return [r for r in reports if r in newest.values()]


def make_report(
    name: str = "องค์การบริหารส่วนตำบลทดสอบ",
    year: int | None = 2568,
    sha256: str = "a" * 64,
    *,
    path: str | None = None,
    measures: int = 2,
    province: str | None = "เพชรบุรี",
    title: str | None = None,
    kind: str = "report",
    issued: str | None = None,
) -> Report:
    """A small synthetic Report: `measures` measures whose cells name the agency and year."""
    fy = FiscalYear.from_be(year) if year is not None else None
    return Report(
        document_kind=kind,
        source=Source(
            path=path or f"/reports/{sha256[:8]}.pdf", sha256=sha256, pages=2, issued=issued
        ),
        title=f"รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. {year}" if title is None else title,
        organization=Organization(name=name, kind="อบต.", district="บ้านแหลม", province=province),
        fiscal_year=fy,
        measures=tuple(
            Measure(
                number=i,
                pages=(1, 2) if i == measures else (1,),
                cells=Cells(
                    measure=f"{i}. มาตรการที่ {i} ของ {name}",
                    steps=f"๑. ขั้นตอน {i}\n๒. ติดตามผล",
                    responsible="- สำนักปลัด",
                    period=f"ปีงบประมาณ {year}",
                    results=f"ดำเนินการแล้ว {i}",
                    outcome="บรรลุเป้าหมาย",
                ),
                items=Items(steps=(f"๑. ขั้นตอน {i}", "๒. ติดตามผล"), results=()),
                periods=(Period(fy.start, fy.end, "fiscal_year", f"ปีงบประมาณ {year}"),)
                if fy
                else (),
            )
            for i in range(1, measures + 1)
        ),
        pages=(PageQuality(1, 1200, 0.95, 1), PageQuality(2, 800, 0.5, 9)),
    )


def report_with(
    name: str,
    year: int | None,
    cells: list[dict[str, str]],
    *,
    kind: str = "report",
    province: str | None = "เพชรบุรี",
    sha256: str | None = None,
) -> Report:
    """A Report of `name` for `year` whose measures have these cells (numbered from 1; the
    period cell is parsed as the report would be)."""
    from ingest.checks import check_measures
    from ingest.thaidate import parse_periods

    fy = FiscalYear.from_be(year) if year is not None else None
    measures = tuple(
        Measure(
            number=i,
            pages=(i + 1,),
            cells=Cells(**c),
            periods=tuple(parse_periods(c.get("period", ""), fiscal_year=year)),
        )
        for i, c in enumerate(cells, 1)
    )
    digest = sha256 or hashlib.sha256(f"{name}{year}{kind}{cells}".encode()).hexdigest()
    return Report(
        document_kind=kind,
        source=Source(path=f"/reports/{digest[:8]}.pdf", sha256=digest, pages=len(cells) + 1),
        title=("แผนการดำเนินการตามมาตรการ" if kind == "plan" else "รายงานผลการดำเนินการตามมาตรการ")
        + f"ส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {year}",
        organization=Organization(name=name, kind="อบต.", district="บ้านแหลม", province=province),
        fiscal_year=fy,
        measures=measures,
        pages=tuple(PageQuality(i, 900, 0.95, 0) for i in range(1, len(cells) + 2)),
        findings=check_measures(measures, fy),
    )


def canonical_dump(data_dir: Path) -> dict[str, Any]:
    """The store's content without ids or timestamps, keyed by file, for comparing two runs."""
    db = sqlite3.connect(Path(data_dir) / "raingan.sqlite")
    try:
        docs = sorted(
            db.execute(
                "SELECT path, sha256, size, pages, status, error FROM documents"
            ).fetchall(),
            key=repr,
        )
        reports = sorted(
            db.execute(
                "SELECT d.sha256, r.org_name, r.fiscal_year, r.document_kind, r.current, r.body "
                "FROM reports r JOIN documents d ON d.id = r.document_id"
            ).fetchall()
        )
        measures = sorted(
            db.execute(
                "SELECT d.sha256, m.number, m.measure, m.steps, m.responsible, m.period, "
                "m.results, m.outcome, m.items, m.periods, m.pages, m.extra, m.confidence "
                "FROM measures m "
                "JOIN reports r ON r.id = m.report_id JOIN documents d ON d.id = r.document_id"
            ).fetchall()
        )
    finally:
        db.close()
    return {"documents": docs, "reports": reports, "measures": measures}


FAKE_PARSER = "tests.unit.test_batch:fake_parse"


def cli_command(data_dir: Path, *args: str) -> list[str]:
    """argv that runs the raingan CLI in a fresh interpreter on `data_dir` (cwd: the repo)."""
    return [sys.executable, "-m", "tui.cli", "--data", str(data_dir), *args]


def write_fake_pdf(folder: Path, filename: str, /, **spec: Any) -> Path:
    """A "PDF" that tests.unit.test_batch.fake_parse understands (a small JSON object)."""
    path = folder / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sample_reports() -> list[Report]:
    """Reports built from sample_docs/*.truth.json (no pages, page quality left empty)."""
    return load_truth_reports()


@pytest.fixture
def store_with_samples(tmp_path: Path, sample_reports: list[Report]):
    """A Store in a temporary data dir holding every sample report."""
    from index.store import Store

    store = Store(tmp_path / "data")
    for report in sample_reports:
        store.add_report(report)
    yield store
    store.close()


@pytest.fixture
def report_factory() -> Callable[..., Report]:
    """make_report, for tests that need synthetic reports."""
    return make_report
