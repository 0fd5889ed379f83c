"""What looks wrong in a report: the things an auditor reads a report for.

Pure functions over a Report's measures. Each finding names the measure, the column and the
text as written, so it can be shown beside the cell it is about. They are findings, not
errors: a reference to last year's plan can be right, and the auditor decides.

Checked:
- ``earlier_year`` / ``later_year``: a period in a measure's cells that lies wholly before the
  report's fiscal year began, or after it ended ("ประจำปีฯ ๖๗" in a ๒๕๖๘ report: a section
  copied from last year's report and not updated);
- ``period_unreadable``: a period cell with no date, month or year raingan can read;
- ``items_skipped``: a numbered list in a cell that jumps ("๓." then "๕.");
- ``measures_skipped``: measure numbers that jump or repeat;
- ``empty_cell``: a measure with no responsible unit, no results or no outcome;
- ``other_website``: more than one government web site named, the rarer ones likely another
  agency's (reports are often copied from a neighbour's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ingest.model import Finding, FiscalYear, Measure, Period
from ingest.tables import to_int
from ingest.thaidate import parse_periods

KINDS = ("earlier_year", "later_year", "period_unreadable", "items_skipped", "measures_skipped",
         "empty_cell", "other_website")
# Columns whose text speaks about what was done and when.
DATED_COLUMNS = ("steps", "period", "results", "outcome")
REQUIRED_COLUMNS = ("responsible", "results", "outcome")
# Spans of several years (a national strategy, "พ.ศ. ๒๕๖๕ – ๒๕๖๘") frame the year, not date it.
FRAMING_KINDS = ("year_range",)
# A year just after one of these names a law, plan or order ("พระราชบัญญัติ … พ.ศ. ๒๕๔๐"),
# not when the agency acted.
CITATION_WORDS = ("พระราชบัญญัติ", "พ.ร.บ.", "พระราชกฤษฎีกา", "ระเบียบ", "กฎหมาย", "ประมวล",
                  "รัฐธรรมนูญ", "ยุทธศาสตร์", "ประกาศ", "คำสั่ง", "มติ", "แผนแม่บท")
CITATION_REACH = 80
# A report on a fiscal year is written after it ends: dates up to half a year later are normal.
REPORTING_GRACE = dt.timedelta(days=183)

_ITEM_NUMBER = re.compile(r"^\(?\s*([๐-๙0-9]{1,2})\s*[.)]")
_GOV_SITE = re.compile(r"(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.go\.th)", re.I)


def out_of_year(period: Period, fy: FiscalYear) -> str | None:
    """"earlier_year" or "later_year" when the period lies wholly outside the fiscal year."""
    if period.kind in FRAMING_KINDS:
        return None
    if period.end < fy.start:
        return "earlier_year"
    grace = dt.timedelta(0) if period.kind in ("fiscal_year", "quarter") else REPORTING_GRACE
    if period.start > fy.end + grace:
        return "later_year"
    return None


def cites(text: str, start: int) -> bool:
    """Whether the period at `start` is the year of a law, plan or order named just before."""
    before = text[max(0, start - CITATION_REACH) : start]
    return any(word in before for word in CITATION_WORDS)


def _cell_periods(measure: Measure, column: str, fiscal_be: int) -> Sequence[Period]:
    """The periods a dated cell names: the period cell's are the measure's own `periods`,
    parsed once when the report was built (with this same fiscal year); the rest are read here.
    """
    if column == "period":
        return measure.periods
    return parse_periods(measure.cells.get(column), fiscal_year=fiscal_be)


def year_findings(measure: Measure, fy: FiscalYear) -> list[Finding]:
    """Periods in the measure's cells that fall outside the report's fiscal year.

    The period cell is read from `measure.periods`, which must have been parsed with `fy`
    as context (as ingest.parse does).
    """
    out: list[Finding] = []
    for column in DATED_COLUMNS:
        text = measure.cells.get(column)
        pos = 0
        for p in _cell_periods(measure, column, fy.be):
            at = text.find(p.text, pos)
            pos = max(pos, at + len(p.text)) if at >= 0 else pos
            if p.kind == "year" and text[: max(at, 0)].rstrip().endswith("ประจำ"):
                # In a government report "ประจำปี Y" is fiscal year Y, whatever the grammar.
                as_fiscal = FiscalYear.from_be(p.start.year + 543)
                p = Period(as_fiscal.start, as_fiscal.end, "fiscal_year", p.text)
            kind = out_of_year(p, fy)
            if kind and not cites(text, max(at, 0)):
                when = "before" if kind == "earlier_year" else "after"
                out.append(Finding(kind, measure.number, column, p.text,
                                   f"{p.text} ({p.start} – {p.end}) lies {when} fiscal year"
                                   f" {fy.be} ({fy.start} – {fy.end})"))
    return out


def skipped_numbers(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """(from, to) where a numbered list jumps forward by more than one or repeats."""
    return [(a, b) for a, b in zip(numbers, numbers[1:], strict=False) if b != a + 1 and b != 1]


def item_findings(measure: Measure) -> list[Finding]:
    """Numbered sub-items that skip a number, per cell and per list style."""
    out: list[Finding] = []
    for column, items in (("steps", measure.items.steps), ("results", measure.items.results)):
        lists: dict[bool, list[int]] = {True: [], False: []}  # parenthesised or not
        for item in items:
            m = _ITEM_NUMBER.match(item)
            if m:
                lists[item.lstrip().startswith("(")].append(to_int(m.group(1)))
        for numbers in lists.values():
            for a, b in skipped_numbers(numbers):
                out.append(Finding("items_skipped", measure.number, column, f"{a} → {b}",
                                   f"numbered items jump from {a} to {b}"))
    return out


def empty_findings(measure: Measure) -> list[Finding]:
    return [
        Finding("empty_cell", measure.number, column, "", f"the {column} cell is empty")
        for column in REQUIRED_COLUMNS
        if not measure.cells.get(column).strip()
    ]


def period_findings(measure: Measure) -> list[Finding]:
    """A period cell with text in which no period was read (`measure.periods` is empty).

    Surrounding whitespace neither makes nor breaks a period, so the periods parsed from the
    cell as written are the ones of its stripped text.
    """
    cell = measure.cells.period.strip()
    if cell and not measure.periods:
        return [Finding("period_unreadable", measure.number, "period", cell,
                        "no date, month or year can be read from the period cell")]
    return []


def numbering_findings(measures: Sequence[Measure]) -> list[Finding]:
    numbers = [m.number for m in measures]
    return [
        Finding("measures_skipped", b, "measure", f"{a} → {b}",
                f"measure numbers jump from {a} to {b}")
        for a, b in skipped_numbers(numbers)
    ]


def website_findings(measures: Iterable[Measure]) -> list[Finding]:
    """Government sites named in the cells; every one but the most named is flagged."""
    seen: Counter[str] = Counter()
    where: dict[str, tuple[int, str]] = {}
    for m in measures:
        for column, text in m.cells.as_dict().items():
            for site in _GOV_SITE.findall(text):
                site = site.lower()
                seen[site] += 1
                where.setdefault(site, (m.number, column))
    if len(seen) < 2:
        return []
    own = seen.most_common(1)[0][0]
    return [
        Finding("other_website", where[site][0], where[site][1], site,
                f"names {site} as well as {own}: another agency's web site?")
        for site in sorted(seen)
        if site != own
    ]


def check_measures(measures: Sequence[Measure], fy: FiscalYear | None) -> tuple[Finding, ...]:
    """Every finding for a report's measures, in measure order.

    Each measure's `periods` are its period cell parsed with `fy` as context, as a report's
    measures are built (ingest.parse); the checks read them rather than parse the cell again.
    """
    found: list[Finding] = []
    for m in measures:
        if fy is not None:
            found.extend(year_findings(m, fy))
        found.extend(period_findings(m))
        found.extend(item_findings(m))
        found.extend(empty_findings(m))
    found.extend(numbering_findings(measures))
    found.extend(website_findings(measures))
    return tuple(sorted(found, key=lambda f: (f.measure or 0, f.kind)))
