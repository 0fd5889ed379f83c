"""Every finding about the stored documents, one list: what each report says wrong about
itself (ingest/checks.py), and what only shows across reports.

Across reports:
- ``shared_with_agency``: a measure near-identical to another agency's (index/crossref.py),
  unless so many agencies share it that it is a template;
- ``results_unchanged``: a results or outcome cell that is the agency's previous-year cell with
  only its years and dates changed (index/copyforward.py);
- ``planned_not_reported``, ``reported_not_planned``, ``period_outside_plan``: the agency's
  plan against its report for one year (index/planreport.py);
- ``topic_missing``: an ITA topic none of a report's measures is about (index/topics.py).

Each finding has a stable `key`, built from what it is about (kind, agency, year, the
measure's title, column, and what was found) and not from store ids, so an auditor's review
(index/reviews.py) stays with it through a re-ingest or a new version of the report.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from index import copyforward, crossref, planreport
from index.analyzer import squeeze
from index.compare import strip_number
from index.model import StoredReport
from index.reviews import UNREVIEWED, Review, latest
from index.store import Store
from index.topics import load_table, missing_topics, report_topics
from ingest.checks import KINDS as REPORT_KINDS
from ingest.metadata import expand_abbreviations
from ingest.model import COLUMN_KEYS, Measure

SHARED = "shared_with_agency"
UNCHANGED = "results_unchanged"
TOPIC_MISSING = "topic_missing"
CROSS_KINDS = (SHARED, UNCHANGED, *planreport.KINDS, TOPIC_MISSING)
KINDS = (*REPORT_KINDS, *CROSS_KINDS)


@dataclass(frozen=True)
class AuditFinding:
    """One finding, where it is and what it says; `review` is its latest review, if any."""

    kind: str
    report_id: int
    agency: str
    province: str | None
    year: int | None
    document_kind: str
    measure: int | None
    column: str | None
    pages: tuple[int, ...]
    text: str  # as written
    message: str
    source_path: str
    key: str
    detail: Mapping[str, Any] = field(default_factory=dict)
    review: Review | None = None

    @property
    def state(self) -> str:
        return self.review.state if self.review else UNREVIEWED

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON types, with the names `raingan findings --json` has always used."""
        r = self.review
        return {
            "key": self.key, "kind": self.kind, "report_id": self.report_id,
            "organization": self.agency, "province": self.province, "fiscal_year": self.year,
            "document_kind": self.document_kind, "measure": self.measure, "column": self.column,
            "pages": list(self.pages), "text": self.text, "message": self.message,
            "source_path": self.source_path, "detail": dict(self.detail),
            "review": {"state": r.state, "note": r.note, "user": r.user, "at": r.at}
            if r else {"state": UNREVIEWED, "note": "", "user": "", "at": ""},
        }


def title_key(measure: Measure | None) -> str:
    """A measure's title without its number, squeezed: how a finding names its measure."""
    if measure is None:
        return ""
    return squeeze(strip_number(measure.cells.measure))[:80]


def finding_key(kind: str, agency: str, year: int | None, document_kind: str,
                measure: Measure | None, column: str | None, what: str) -> str:
    """16 hex digits naming a finding by what it is about."""
    parts = (kind, agency, str(year or ""), document_kind, title_key(measure), column or "",
             squeeze(what))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _measure(stored: StoredReport, number: int | None) -> Measure | None:
    if number is None:
        return None
    return next((m for m in stored.report.measures if m.number == number), None)


def _finding(stored: StoredReport, kind: str, measure: Measure | None, column: str | None,
             text: str, message: str, what: str, detail: Mapping[str, Any] | None = None
             ) -> AuditFinding:
    r = stored.report
    year = r.fiscal_year.be if r.fiscal_year else None
    return AuditFinding(
        kind, stored.report_id, r.organization.name, r.organization.province, year,
        r.document_kind, measure.number if measure else None, column,
        measure.pages if measure else (), text, message, r.source.path,
        finding_key(kind, r.organization.name, year, r.document_kind, measure, column, what),
        detail or {},
    )


def report_findings(stored: StoredReport) -> list[AuditFinding]:
    """The findings the report carries from ingest (ingest/checks.py)."""
    return [
        _finding(stored, f.kind, _measure(stored, f.measure), f.column, f.text, f.message,
                 f.text)
        for f in stored.report.findings
    ]


def column_of(measure: Measure, span: str) -> str | None:
    """The cell a shared span starts in (its first words, spaces ignored)."""
    head = squeeze(span)[:24]
    for key in COLUMN_KEYS:
        if head and head in squeeze(measure.cells.get(key)):
            return key
    return None


def shared_findings(by_id: Mapping[int, StoredReport],
                    matches: Mapping[int, list[crossref.SharedMatch]]) -> list[AuditFinding]:
    """`shared_with_agency` for each measure that one or two other agencies share, one per
    other agency (its most similar measure); templates give none."""
    out = []
    for found in matches.values():
        if crossref.is_template(found) or found[0].report_id not in by_id:
            continue
        stored = by_id[found[0].report_id]
        measure = _measure(stored, found[0].number)
        if measure is None:
            continue
        for m in crossref.best_per_agency(found):
            message = (f"measure {m.number} shares its text with {m.other_agency} "
                       f"{m.other_year or '?'} measure {m.other_number} "
                       f"(similarity {m.similarity:.0%})")
            detail = {"other_agency": m.other_agency, "other_year": m.other_year,
                      "other_measure": m.other_number, "other_report_id": m.other_report_id,
                      "similarity": m.similarity, "span": m.span, "other_span": m.other_span}
            out.append(_finding(stored, SHARED, measure, column_of(measure, m.span), m.span,
                                message, m.other_agency, detail))
    return out


def templates(matches: Mapping[int, list[crossref.SharedMatch]]) -> dict[tuple[int, int], int]:
    """(report id, measure number) -> how many agencies share it, for template measures."""
    return {
        (found[0].report_id, found[0].number): crossref.sharing_agencies(found)
        for found in matches.values()
        if crossref.is_template(found)
    }


def template_measures(store: Store, report_id: int) -> dict[int, int]:
    """Measure number -> agencies sharing its text, for one report's template measures."""
    marked = templates(crossref.shared_matches(store))
    return {n: k for (rid, n), k in marked.items() if rid == report_id}


def unchanged_findings(reports: Sequence[StoredReport]) -> list[AuditFinding]:
    """`results_unchanged` for one agency's reports (any years, any order)."""
    out = []
    plain = [s.report for s in reports]
    for stored in reports:
        previous = copyforward.previous_report(plain, stored.report)
        if previous is None:
            continue
        for u in copyforward.unchanged_cells(previous, stored.report):
            detail = {"previous_year": u.previous_year, "previous_measure": u.previous.number,
                      "identical": u.identical}
            out.append(_finding(stored, UNCHANGED, u.measure, u.column, u.measure.cells.get(
                u.column), copyforward.message(u), u.column, detail))
    return out


def plan_findings(plan: StoredReport, report: StoredReport) -> list[AuditFinding]:
    """The plan-against-report findings of one agency's year."""
    out = []
    for row in planreport.plan_against_report(plan.report, report.report):
        for kind in row.kinds:
            on_report = row.report is not None
            stored, measure = (report, row.report) if on_report else (plan, row.plan)
            column = "period" if kind == planreport.PERIOD_OUTSIDE_PLAN else "measure"
            assert measure is not None
            text = measure.cells.get(column)
            detail = {"plan_report_id": plan.report_id, "report_id": report.report_id,
                      "plan_measure": row.plan.number if row.plan else None,
                      "report_measure": row.report.number if row.report else None}
            # Keyed on the plan's measure when there is one: the plan is what was promised.
            what = title_key(row.plan) if row.plan else ""
            out.append(_finding(stored, kind, measure, column, text,
                                planreport.row_message(row, kind), what, detail))
    return out


def topic_findings(stored: StoredReport) -> list[AuditFinding]:
    """`topic_missing` for each ITA topic none of the report's measures is about."""
    if not stored.report.measures:
        return []
    topics = report_topics(stored.report)
    return [
        _finding(stored, TOPIC_MISSING, None, None, t.label,
                 f"no measure on {t.label} ({t.thai})", t.key, {"topic": t.key})
        for t in missing_topics(topics.values(), load_table())
    ]


def own_findings(stored: StoredReport) -> list[AuditFinding]:
    """What one document shows on its own: ingest's findings, and missing ITA topics."""
    found = report_findings(stored)
    if stored.report.document_kind == "report":
        found += topic_findings(stored)
    return found


def agency_findings(docs: Sequence[StoredReport]) -> list[AuditFinding]:
    """Every finding about one agency's current documents but shared text: each document's
    own, results copied forward between its years, and each year's plan against its report."""
    found = [f for s in docs for f in own_findings(s)]
    reports = [s for s in docs if s.report.document_kind == "report"]
    found += unchanged_findings(reports)
    plans = {s.report.fiscal_year.be: s for s in docs
             if s.report.document_kind == "plan" and s.report.fiscal_year}
    for r in reports:
        plan = plans.get(r.report.fiscal_year.be) if r.report.fiscal_year else None
        if plan is not None:
            found += plan_findings(plan, r)
    return found


def findings_for(store: Store, stored: StoredReport) -> list[AuditFinding]:
    """The findings about one current document, reviews attached, in measure order (what the
    report screen shows under each measure)."""
    name = stored.report.organization.name
    if not stored.current or not name:
        found = own_findings(stored)  # an older version is compared with nothing
    else:
        docs = [s for kind in ("report", "plan") for s in store.reports_for(name, kind=kind)]
        found = [f for f in agency_findings(docs) if f.report_id == stored.report_id]
        found += shared_findings({stored.report_id: stored}, crossref.shared_matches(store))
    reviews = latest(store)
    return sorted((replace(f, review=reviews.get(f.key)) for f in found),
                  key=lambda f: (f.measure or 0, KINDS.index(f.kind), f.key))


def _pick(stored: StoredReport, agency: str | None, provinces: Collection[str] | None) -> bool:
    org = stored.report.organization
    if agency and expand_abbreviations(agency) not in org.name:
        return False
    return not provinces or any(p in (org.province or "") for p in provinces)


def in_years(year: int | None, spans: Sequence[tuple[int, int]] | None) -> bool:
    return spans is None or (year is not None and any(a <= year <= b for a, b in spans))


def collect(
    store: Store,
    *,
    agency: str | None = None,
    years: Sequence[tuple[int, int]] | None = None,
    provinces: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
    states: Collection[str] | None = None,
) -> list[AuditFinding]:
    """Every finding about the current documents, reviews attached, filtered and sorted by
    agency, year and measure. `agency` and `provinces` match parts of names; `years` are
    inclusive BE ranges; `states` are review states (index/reviews.py)."""
    stored = [s for s in store.iter_reports() if _pick(s, agency, provinces)]
    by_id = {s.report_id: s for s in stored}
    by_agency: dict[str, list[StoredReport]] = defaultdict(list)
    for s in stored:
        if s.report.organization.name:
            by_agency[s.report.organization.name].append(s)
    found: list[AuditFinding] = []
    for docs in by_agency.values():
        found += agency_findings(docs)
    found += [f for s in stored if not s.report.organization.name for f in own_findings(s)]
    found += shared_findings(by_id, crossref.shared_matches(store))
    reviews = latest(store)
    found = [replace(f, review=reviews.get(f.key)) for f in found
             if in_years(f.year, years) and (not kinds or f.kind in kinds)]
    if states:
        found = [f for f in found if f.state in states]
    return sorted(found, key=lambda f: (f.agency, f.year or 0, f.document_kind != "report",
                                        f.measure or 0, KINDS.index(f.kind), f.key))


def count_by_kind(findings: Iterable[AuditFinding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return counts
