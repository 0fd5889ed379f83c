"""The working paper: one agency's year as an auditor files it.

Five sections, each a table: the report's source and quality (OCR pages, low-confidence
cells, low-quality pages, warnings), its measures (with their ITA topic and whether their
text is a template), every finding with its page, text and review state, the comparison with
the agency's previous year, and the plan against the report. index/paperformats.py writes
them as XLSX, Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index import audit
from index.compare import compare_pair
from index.copyforward import previous_report
from index.model import StoredReport
from index.planreport import plan_against_report, planned_span
from index.reviews import STATE_LABELS
from index.store import Store
from index.topics import load_table, report_topics
from ingest.model import COLUMN_KEYS, COLUMN_TITLES, LOW_OCR_CONFIDENCE, Measure

LOW_QUALITY = 0.8  # page text quality below this is listed


@dataclass(frozen=True)
class Section:
    key: str  # a sheet name
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""  # said when there are no rows, or above them


@dataclass(frozen=True)
class Workpaper:
    agency: str
    year: int
    title: str
    sections: tuple[Section, ...]


class NoReport(LookupError):
    """The store has no current report of that agency for that year."""


def _pages(pages: Sequence[int]) -> str:
    return ", ".join(map(str, pages))


def source_section(stored: StoredReport, versions: int, templates: dict[int, int]) -> Section:
    r = stored.report
    org = r.organization
    rows: list[tuple[Any, ...]] = [
        ("agency", org.name), ("kind of agency", org.kind),
        ("district", org.district or ""), ("province", org.province or ""),
        ("fiscal year", r.fiscal_year.be if r.fiscal_year else ""), ("title", r.title),
        ("document", r.document_kind), ("source file", r.source.path),
        ("sha256", r.source.sha256), ("pages", r.source.pages),
        ("written (PDF date)", r.source.issued or ""), ("ingested", stored.ingested_at),
        ("versions stored", versions), ("measures", len(r.measures)),
        ("pages read by OCR", _pages(r.ocr_pages) or "none"),
    ]
    for p in r.pages:
        if p.low_confidence:
            rows.append((f"page {p.number}", f"read by OCR with low confidence "
                                             f"({p.confidence:.0%})"))
        elif p.quality < LOW_QUALITY and p.chars:
            rows.append((f"page {p.number}", f"text quality {p.quality:.0%} ({p.defects} defects)"))
    for m in r.measures:
        for cell, conf in m.confidence:
            if conf < LOW_OCR_CONFIDENCE:
                name = COLUMN_TITLES.get(cell, cell)
                rows.append((f"measure {m.number}, {name}", f"OCR confidence {conf:.0%}"))
    rows += [("warning", w) for w in r.warnings]
    rows += [(f"measure {n}", f"template text: shared by {k} agencies")
             for n, k in sorted(templates.items())]
    return Section("source", "Source and quality", ("item", "value"), tuple(rows))


def measures_section(stored: StoredReport, templates: dict[int, int]) -> Section:
    table = load_table()
    topics = report_topics(stored.report, table)
    rows = tuple(
        (m.number, _pages(m.pages), table.get(topics[m.number]).label,
         f"shared by {templates[m.number]} agencies" if m.number in templates else "",
         *(m.cells.get(k) for k in COLUMN_KEYS),
         "; ".join(f"{name}: {text}" for name, text in m.extra if text.strip()))
        for m in stored.report.measures
    )
    return Section("measures", "Measures",
                   ("#", "pages", "ITA topic", "template", *(COLUMN_TITLES[k] for k in COLUMN_KEYS),
                    "other columns"), rows)


def findings_section(found: Sequence[audit.AuditFinding]) -> Section:
    rows = tuple(
        (f.key, f.kind, f.document_kind, f.measure or "", COLUMN_TITLES.get(f.column or "", ""),
         _pages(f.pages), f.text, f.message, STATE_LABELS[f.state] or "unreviewed",
         f.review.note if f.review else "", f.review.user if f.review else "",
         f.review.at if f.review else "")
        for f in found
    )
    return Section("findings", "Findings",
                   ("key", "kind", "document", "#", "column", "pages", "text", "finding",
                    "review", "note", "reviewed by", "reviewed at"), rows,
                   "" if rows else "no findings")


def _title(m: Measure | None) -> str:
    return m.cells.measure if m is not None else ""


def previous_section(stored: StoredReport, reports: Sequence[StoredReport]) -> Section:
    header = ("status", "last year #", "this year #", "similarity", "changed columns",
              "last year's title", "this year's title")
    previous = previous_report([s.report for s in reports], stored.report)
    if previous is None:
        return Section("previous", "Comparison with the previous year", header, (),
                       "no earlier report of this agency is stored")
    step = compare_pair(previous, stored.report)
    s = step.summary
    note = (f"{step.years[0]} against {step.years[1]}: {s.unchanged} unchanged, {s.edited} "
            f"edited, {s.added} added, {s.dropped} dropped; {s.carried_over:.0%} of this "
            "year's text carried over verbatim")
    rows = tuple(
        (p.status, p.before.number if p.before else "", p.after.number if p.after else "",
         f"{p.similarity:.0%}" if p.before and p.after else "",
         ", ".join(COLUMN_TITLES[c.column] for c in p.cells if c.changed) if p.before
         and p.after else "", _title(p.before), _title(p.after))
        for p in step.pairs
    )
    return Section("previous", "Comparison with the previous year", header, rows, note)


def plan_section(stored: StoredReport, plan: StoredReport | None) -> Section:
    header = ("status", "plan #", "planned measure", "planned period", "report #",
              "reported measure", "period carried out", "outside the plan")
    if plan is None:
        return Section("plan", "Plan against report", header, (),
                       "no measure plan of this agency for this year is stored")
    rows = []
    for row in plan_against_report(plan.report, stored.report):
        span = planned_span(row.plan.periods) if row.plan else None
        planned = row.plan.cells.period if row.plan else ""
        if span:
            planned += f" ({span[0]} – {span[1]})"
        rows.append((
            row.status, row.plan.number if row.plan else "", _title(row.plan), planned,
            row.report.number if row.report else "", _title(row.report),
            row.report.cells.period if row.report else "",
            "; ".join(f"{p.text} ({p.start} – {p.end})" for p in row.outside),
        ))
    return Section("plan", "Plan against report", header, tuple(rows),
                   f"plan: {plan.report.source.path}")


def build(store: Store, agency: str, year: int) -> Workpaper:
    """The working paper for `agency` (a name or unique part of one) and fiscal year `year`.

    Raises NoReport when there is no current report for them (AmbiguousAgency from the
    store when the name matches several agencies).
    """
    reports = store.reports_for(agency)
    stored = next((s for s in reports if s.report.fiscal_year
                   and s.report.fiscal_year.be == year), None)
    if stored is None:
        years = ", ".join(str(s.report.fiscal_year.be) for s in reports if s.report.fiscal_year)
        raise NoReport(f"no report of {agency} for {year} is stored"
                       + (f" (years stored: {years})" if years else ""))
    name = stored.report.organization.name
    plans = store.reports_for(name, [year], kind="plan")
    versions = store.db.execute(
        "SELECT COUNT(*) FROM reports WHERE document = (SELECT document FROM reports "
        "WHERE id = ?)", (stored.report_id,)).fetchone()[0]
    templates = audit.template_measures(store, stored.report_id)
    found = [f for f in audit.collect(store, agency=name, years=[(year, year)])
             if f.agency == name]
    return Workpaper(
        agency=name, year=year, title=f"Working paper: {name}, fiscal year {year}",
        sections=(
            source_section(stored, versions, templates),
            measures_section(stored, templates),
            findings_section(found),
            previous_section(stored, reports),
            plan_section(stored, plans[0] if plans else None),
        ),
    )
