"""Results copied forward: a measure's results or outcome cell that is the same agency's
previous-year cell with only its years and dates changed.

"ผลการดำเนินการ" is supposed to say what was done this year. When it reads exactly as last
year's once every year and date is masked, the agency most likely pasted last year's text and
moved the year. Measures are paired across the two years as `raingan compare` pairs them
(index/compare.py), so a renumbered measure is still compared with itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.compare import align
from ingest.digits import fold_digits
from ingest.model import Measure, Report
from ingest.thaidate import parse_periods

COLUMNS = ("results", "outcome")
DATE_MARK = "⟨date⟩"
YEAR_MARK = "⟨year⟩"
# A four-digit Buddhist-era year (digits already folded), not inside a longer number.
_BE_YEAR = re.compile(r"(?<!\d)25\d\d(?!\d)")
# A two-digit year after the words that introduce one: "ประจำปีฯ ๖๗", "พ.ศ. 68", "ปี ๖๘".
_SHORT_YEAR = re.compile(r"((?:ปี(?:งบประมาณ)?|พ\.ศ\.)\s*ฯ?\s*)\d{2}(?!\d)")
_SPACE = re.compile(r"\s+")
# What is left once whitespace, punctuation and the marks are gone must have letters in it:
# two "-" cells are not a copy.
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Unchanged:
    """One cell of `measure` that equals `previous`'s once years and dates are masked."""

    measure: Measure
    previous: Measure
    previous_year: int
    column: str
    identical: bool  # the text is the same even before masking


def mask_dates(text: str) -> str:
    """`text` with every date, period and year replaced by a mark, whitespace removed.

    Digits are folded first, so ๒๕๖๗ and 2567 mask alike.
    """
    folded = fold_digits(text)
    out: list[str] = []
    at = 0
    for period in parse_periods(folded):
        start = folded.find(period.text, at)
        if start < 0:
            continue
        out += [folded[at:start], DATE_MARK]
        at = start + len(period.text)
    masked = "".join(out) + folded[at:]
    masked = _SHORT_YEAR.sub(lambda m: m.group(1) + YEAR_MARK, masked)
    masked = _BE_YEAR.sub(YEAR_MARK, masked)
    return _SPACE.sub("", masked)


def worth_comparing(text: str) -> bool:
    """True when a cell says something once masked (not empty, not only a dash)."""
    return _says_something(mask_dates(text))


def _says_something(masked: str) -> bool:
    """True when a text mask_dates() returned has a letter besides the marks."""
    bare = masked.replace(DATE_MARK, "").replace(YEAR_MARK, "")
    return _LETTER.search(bare) is not None


def unchanged_cells(previous: Report, current: Report) -> list[Unchanged]:
    """Cells of `current` that are `previous`'s (the same agency, an earlier year) once years
    and dates are masked, measures paired as compare pairs them."""
    if previous.fiscal_year is None:
        return []
    out: list[Unchanged] = []
    for before, after, _ in align(previous.measures, current.measures):
        if before is None or after is None:
            continue
        for column in COLUMNS:
            new, old = after.cells.get(column), before.cells.get(column)
            masked = mask_dates(new)
            if _says_something(masked) and masked == mask_dates(old):
                identical = _SPACE.sub("", new) == _SPACE.sub("", old)
                out.append(Unchanged(after, before, previous.fiscal_year.be, column, identical))
    return out


def previous_report(reports: Sequence[Report], current: Report) -> Report | None:
    """The agency's report of the nearest earlier year (reports: one agency's, any order)."""
    if current.fiscal_year is None:
        return None
    be = current.fiscal_year.be
    earlier = [r for r in reports if r.fiscal_year is not None and r.fiscal_year.be < be]
    return max(earlier, key=lambda r: r.fiscal_year.be) if earlier else None  # type: ignore[union-attr]


def message(u: Unchanged) -> str:
    """"results of measure 3: 2567's text with only the years and dates changed"."""
    how = "unchanged" if u.identical else "with only the years and dates changed"
    then = f" (measure {u.previous.number} then)" if u.previous.number != u.measure.number else ""
    return f"{u.column} of measure {u.measure.number}: {u.previous_year}'s text {how}{then}"
