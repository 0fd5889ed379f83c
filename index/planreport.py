"""Plan against report: did the agency report on every measure it planned, and when?

An agency publishes its measure plan (แผนการดำเนินการตามมาตรการ…) before the fiscal year and
its report after it. Their measures are paired as `raingan compare` pairs two years
(index/compare.py: an optimal one-to-one assignment over text similarity), on the title and
steps only, since a plan has no results. Then:

- ``planned_not_reported``: a planned measure with no reported measure, or one whose results
  and outcome cells are both empty;
- ``reported_not_planned``: a reported measure the plan does not have;
- ``period_outside_plan``: a reported measure carried out (its period cell) partly or wholly
  outside the period its plan gave.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from index.compare import align
from ingest.model import Measure, Period, Report

REPORTED = "reported"
PLANNED_NOT_REPORTED = "planned_not_reported"
REPORTED_NOT_PLANNED = "reported_not_planned"
PERIOD_OUTSIDE_PLAN = "period_outside_plan"
KINDS = (PLANNED_NOT_REPORTED, REPORTED_NOT_PLANNED, PERIOD_OUTSIDE_PLAN)
# The title names the measure; the steps confirm it. A plan has no results to compare.
PLAN_WEIGHTS = {"measure": 0.7, "steps": 0.3}
# Spans of several years frame a strategy; they do not say when a measure was carried out.
_FRAMING = ("year_range",)


@dataclass(frozen=True)
class PlanRow:
    """One line of the plan-against-report table."""

    status: str  # reported | planned_not_reported | reported_not_planned
    plan: Measure | None
    report: Measure | None
    similarity: float
    outside: tuple[Period, ...] = ()  # the report's periods outside the planned span

    @property
    def kinds(self) -> tuple[str, ...]:
        """The finding kinds this row is (none for a measure reported as planned)."""
        return ((self.status,) if self.status != REPORTED else ()) + (
            (PERIOD_OUTSIDE_PLAN,) if self.outside else ()
        )


def planned_span(periods: tuple[Period, ...]) -> tuple[dt.date, dt.date] | None:
    """From the first planned day to the last; None when the plan gives no period."""
    spans = [p for p in periods if p.kind not in _FRAMING]
    if not spans:
        return None
    return min(p.start for p in spans), max(p.end for p in spans)


def outside(planned: tuple[Period, ...], carried: tuple[Period, ...]) -> tuple[Period, ...]:
    """The periods of `carried` that reach outside the span `planned` covers."""
    span = planned_span(planned)
    if span is None:
        return ()
    return tuple(
        p for p in carried if p.kind not in _FRAMING and (p.start < span[0] or p.end > span[1])
    )


def has_result(m: Measure) -> bool:
    return bool(m.cells.results.strip() or m.cells.outcome.strip())


def plan_against_report(plan: Report, report: Report) -> list[PlanRow]:
    """The plan's and the report's measures paired, in the report's order."""
    rows: list[PlanRow] = []
    for planned, reported, sim in align(plan.measures, report.measures, weights=PLAN_WEIGHTS):
        if reported is None:
            rows.append(PlanRow(PLANNED_NOT_REPORTED, planned, None, 0.0))
        elif planned is None:
            rows.append(PlanRow(REPORTED_NOT_PLANNED, None, reported, 0.0))
        else:
            status = REPORTED if has_result(reported) else PLANNED_NOT_REPORTED
            rows.append(
                PlanRow(status, planned, reported, sim, outside(planned.periods, reported.periods))
            )
    return rows


def row_message(row: PlanRow, kind: str) -> str:
    """What one finding of `row` says, in a line."""
    if kind == PLANNED_NOT_REPORTED:
        assert row.plan is not None
        if row.report is None:
            return f"planned measure {row.plan.number} has no measure in the report"
        return (f"planned measure {row.plan.number} is reported as measure "
                f"{row.report.number} with no result")
    if kind == REPORTED_NOT_PLANNED:
        assert row.report is not None
        return f"measure {row.report.number} is not in the plan"
    assert row.plan is not None and row.report is not None
    when = ", ".join(f"{p.text} ({p.start} – {p.end})" for p in row.outside)
    span = planned_span(row.plan.periods)
    planned = f"{span[0]} – {span[1]}" if span else "?"
    return (f"measure {row.report.number} was carried out {when}, outside the planned "
            f"{row.plan.cells.period.strip() or planned} ({planned})")
