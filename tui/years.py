"""Fiscal years as auditors type them: "2568", "๒๕๖๘", "68", "2566-2568"."""

from __future__ import annotations

import re

from ingest.digits import fold_digits

_SPAN = re.compile(r"^\s*(\d{2}|\d{4})\s*(?:[-–]\s*(\d{2}|\d{4}))?\s*$")


def be_year(digits: str) -> int:
    """A Buddhist Era year from two or four Arabic digits; two digits mean 25xx (68 is 2568)."""
    year = int(digits)
    return year + 2500 if year < 100 else year


def year_range(text: str) -> tuple[int, int] | None:
    """An inclusive (first, last) BE range from one year or "first-last", in Thai or Arabic
    digits, either order; None when the text is blank or not a year."""
    m = _SPAN.match(fold_digits(text))
    if not m:
        return None
    first = be_year(m.group(1))
    last = be_year(m.group(2)) if m.group(2) else first
    return min(first, last), max(first, last)
