"""Periods named in Thai report text: dates, months, ranges, quarters, fiscal and calendar years.

``parse_periods(text)`` finds every period in a cell or a paragraph and returns it as a
:class:`ingest.model.Period` (start and end inclusive, a kind, and the span as written).

Why hand-written and not pythainlp's ``thai_strptime``: checked against pythainlp 5.4.0,
``thai_strptime`` (a) raises IndexError on a Thai-digit day ("๑๕ ต.ค. ๒๕๖๗", "๕ ตุลาคม ๒๕๖๗")
because its day pattern is a list of Arabic numbers, while Thai-digit years do work (it uses
``\\d``); (b) maps numeric months 10, 11 and 12 silently to January ("15 10 2567",
"15-10-2567", "15.12.2567" all give 2024-01-15) because it looks the month up by substring and
"1" is in "10" (month names are right: "1 ธันวาคม 2567" gives 1 December); "15/10/2567"
with "%d/%B/%Y" raises KeyError ("/" is not a separator it knows); (c) reads one date: "1 - 15
ต.ค. 2567" gives 15 October with the range lost, a month without a day ("%B %Y") raises
KeyError, and it knows nothing of fiscal years, quarters or undotted abbreviations ("ตค",
"ต. ค." raise IndexError). pythainlp is used where it is right: digit conversion (through
:mod:`ingest.digits`) and ``thai_strftime`` for display.

Reading rules (all forms take Thai, Arabic or mixed digits; the text is folded to Arabic
digits one character for one, so spans map back to the original):

- A four-digit year from 2400 to 2700 is Buddhist Era (CE = BE - 543); one from 1900 to 2200
  with no พ.ศ. is CE (as is any year after ค.ศ.); a two-digit year is BE 25xx (๖๘ = 2568),
  or 20xx after ค.ศ.
- A bare number is never a year: it needs a month before it, or ปี / พ.ศ. / ค.ศ. /
  ปีงบประมาณ / ประจำปีฯ before it. A two-digit number followed by ". " is an item number.
- ``date``: a day, a month and a year ("๓๐ ตุลาคม ๒๕๖๗", "15/01/2568").
- ``month``: a month with a year ("มกราคม ๒๕๖๘"), the whole month.
- ``month_range``: "ต.ค.-ธ.ค.๖๗"; a missing first year is the second year, or the year before
  when the first month comes after the second.
- ``day_range``: days within one month ("๑-๑๕ ต.ค. ๖๗") and also date-to-date ranges
  ("๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘"), since both are spans of whole days.
- ``fiscal_year``: ปีงบประมาณ / ประจำปีฯ / ตลอดปีงบประมาณ Y, 1 October of Y-1 to
  30 September of Y; "ปีงบประมาณ ๒๕๖๖ - ๒๕๖๘" is one fiscal_year period over three years.
- ``quarter``: ไตรมาสที่ N [ปีงบประมาณ Y]: fiscal quarters, Q1 is October to December of the
  year before; "ไตรมาสที่ ๑-๒" is one quarter period over both.
- ``year`` / ``year_range``: calendar years after พ.ศ. / ค.ศ. / ปี ("พ.ศ. ๒๕๖๕ – ๒๕๖๘").
  "ประจำปี ๒๕๖๘" is a calendar year as written; only งบประมาณ / งบฯ / ฯ make a year fiscal.
- Range words: -, – (U+2013), — (U+2014), ถึง, จนถึง, optionally followed by วันที่, เดือน or a
  weekday ("16 มกราคม – วันอาทิตย์ที่ 8 พฤษภาคม 2559").
- Context: ``fiscal_year`` (BE) gives the year to a quarter without one, to "ตลอดปี" /
  "ตลอดปีงบประมาณ", and to year-less month ranges and dates (October to December fall in
  the year before). Without it those give no period.
- An invalid date ("๓๑ เมษายน ๒๕๖๘") gives no period at all, not a month or a year instead:
  the longest match claims its span whether or not it is valid.

Known ambiguity: "ก.พ." is also the Civil Service Commission, so "ก.พ. ๒๕๖๘" reads as
February 2568.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from pythainlp.util import thai_strftime

from ingest.digits import fold_digits, to_thai_digits
from ingest.model import FiscalYear, Period

__all__ = ["Period", "fiscal_year_of", "format_period", "parse_periods"]

# Thai letters, vowels and marks (U+0E01..U+0E4E); the Thai digits (U+0E50..U+0E59) are not
# in it, and are folded to Arabic before matching anyway.
_THAI = "\u0e01-\u0e4e"
_NOT_AFTER_THAI = f"(?<![{_THAI}])"
_NOT_BEFORE_THAI = f"(?![{_THAI}])"

# (full name, short spoken name, abbreviation as its two parts), January first.
_MONTHS: tuple[tuple[str, str, str, str], ...] = (
    ("มกราคม", "มกรา", "ม", "ค"),
    ("กุมภาพันธ์", "กุมภา", "ก", "พ"),
    ("มีนาคม", "มีนา", "มี", "ค"),
    ("เมษายน", "เมษา", "เม", "ย"),
    ("พฤษภาคม", "พฤษภา", "พ", "ค"),
    ("มิถุนายน", "มิถุนา", "มิ", "ย"),
    ("กรกฎาคม", "กรกฎา", "ก", "ค"),
    ("สิงหาคม", "สิงหา", "ส", "ค"),
    ("กันยายน", "กันยา", "ก", "ย"),
    ("ตุลาคม", "ตุลา", "ต", "ค"),
    ("พฤศจิกายน", "พฤศจิกา", "พ", "ย"),
    ("ธันวาคม", "ธันวา", "ธ", "ค"),
)


def _month_regex(full: str, short: str, a: str, b: str) -> str:
    # "ต.ค." "ต.ค" "ต. ค." "ตค": the undotted and unfinished forms must stand alone, so that
    # "ตค" inside an ordinary word does not fire; the short name too ("ตุลาการ" is no month).
    abbr = rf"{a}(?:\.\s?)?{b}(?:\.|{_NOT_BEFORE_THAI})"
    return rf"{full}|{short}{_NOT_BEFORE_THAI}|{abbr}"


_MONTH_RES = tuple(re.compile(_month_regex(*m)) for m in _MONTHS)
_MONTH_ALT = "|".join(f"(?:{_month_regex(*m)})" for m in _MONTHS)
# "พ .ศ." with a stray space before the dot is a real extraction defect.
_ERA = r"[พค]\s?\.\s?ศ\.?"
# The thanthakhat (U+0E4C) of a weekday is often lost in extraction ("วันเสารที่").
_WEEKDAY = "วัน(?:จันทร\u0e4c?|อังคาร|พุธ|พฤหัส(?:บดี)?|ศุกร\u0e4c?|เสาร\u0e4c?|อาทิตย\u0e4c?)(?:ที่)?"
_DASH = rf"\s*(?:[-–—]|(?:จน)?ถึง)\s*(?:(?:วันที่|{_WEEKDAY}|เดือน)\s*)?"
_FISCAL_WORD = r"(?:ประจำ)?ปี\s?(?:งบประมาณ|งบฯ|ฯ)"
# A number that is not part of a longer number, an amount or a decimal.
_NUM_BEFORE = r"(?<!\d)(?<!\d[.,])"
_NUM_AFTER = r"(?!\d)(?![.,]\d)"


def _day(tag: str) -> str:
    return rf"{_NUM_BEFORE}(?P<{tag}>\d{{1,2}}){_NUM_AFTER}"


def _month(tag: str) -> str:
    return rf"(?:เดือน\s*|{_NOT_AFTER_THAI})(?P<{tag}>{_MONTH_ALT})"


def _year(tag: str, era: bool = True) -> str:
    # A two-digit year followed by ". " is an item number ("๖๘. เผยแพร่").
    number = rf"{_NUM_BEFORE}(?P<{tag}>\d{{4}}|\d{{2}}(?!\.(?:\s|$))){_NUM_AFTER}"
    return rf"(?:(?P<{tag}e>{_ERA})\s*)?{number}" if era else number


def _date(tag: str) -> str:
    """A textual date (day, month, optional year) or a numeric one (15/01/2568, 15-01-2568).

    A year-less date names a day only with the fiscal-year context.
    """
    text = rf"{_day(tag + 'd')}\s*{_month(tag + 'm')}(?:\s*{_year(tag + 'y')})?"
    numeric = (
        rf"{_NUM_BEFORE}(?<![/.-])(?P<{tag}nd>\d{{1,2}})(?P<{tag}s>[/.-])(?P<{tag}nm>\d{{1,2}})"
        rf"(?P={tag}s)(?P<{tag}ny>\d{{4}}|(?<=/)\d{{2}})(?![\d/])"
    )
    return rf"(?:{text}|{numeric})"


# ---------------------------------------------------------------------------------------
# From matched text to numbers


def _month_number(text: str) -> int:
    text = text.removeprefix("เดือน").strip()
    return next(i for i, rx in enumerate(_MONTH_RES, 1) if rx.fullmatch(text))


def _ce_year(number: str, era: str | None) -> int | None:
    """The CE year a written year means, or None when it cannot be a year."""
    y = int(number)
    ce_era = bool(era) and era.startswith("ค")
    if len(number) == 2:
        return 2000 + y if ce_era else 2500 + y - 543
    if ce_era:
        return y if 1900 <= y <= 2200 else None
    if 2400 <= y <= 2700:
        return y - 543
    return y if not era and 1900 <= y <= 2200 else None


def _fiscal_month_year(month: int, fiscal_be: int) -> int:
    """The CE year of a month in fiscal year ``fiscal_be`` (October-December: the year before)."""
    return fiscal_be - 543 - (1 if month >= 10 else 0)


def _safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _g(m: re.Match[str], name: str) -> str | None:
    """A group's text, or None when it did not take part or the rule has no such group."""
    return m.groupdict().get(name) or None


def _group_year(m: re.Match[str], tag: str) -> int | None:
    number = _g(m, tag)
    return _ce_year(number, _g(m, tag + "e")) if number else None


def _match_date(m: re.Match[str], tag: str, fiscal_be: int | None) -> dt.date | None:
    """The date a :func:`_date` group set names (year-less dates take the fiscal context)."""
    if _g(m, tag + "nd"):
        year = _ce_year(m[tag + "ny"], None)
        return _safe_date(year, int(m[tag + "nm"]), int(m[tag + "nd"]))
    month = _month_number(m[tag + "m"])
    year = _group_year(m, tag + "y")
    if _g(m, tag + "y") is None and fiscal_be is not None:
        year = _fiscal_month_year(month, fiscal_be)
    return _safe_date(year, month, int(m[tag + "d"]))


def _first_year(first_month: int, second_month: int, second_year: int) -> int:
    """The year of a range's first month when only the second has one."""
    return second_year - 1 if first_month > second_month else second_year


# ---------------------------------------------------------------------------------------
# Rules: a pattern and a builder that turns a match into (start, end, kind), or None when the
# match names no valid period (it still claims its span, so nothing shorter fires inside it).

Span = tuple[dt.date, dt.date, str]
Builder = Callable[[re.Match[str], "int | None"], "Span | None"]


def _ordered(start: dt.date | None, end: dt.date | None, kind: str) -> Span | None:
    if start is None or end is None or start > end:
        return None
    return start, end, kind


def _build_date(m: re.Match[str], fy: int | None) -> Span | None:
    day = _match_date(m, "a", fy)
    return _ordered(day, day, "date")


def _build_date_range(m: re.Match[str], fy: int | None) -> Span | None:
    end = _match_date(m, "b", fy)
    if end is None:
        return None
    if _g(m, "am") and _g(m, "ay") is None:
        # "1 ต.ค. - 31 ธ.ค. 67": the first date takes the second's year, or the one before.
        first_month = _month_number(m["am"])
        year = _first_year(first_month, end.month, end.year)
        return _ordered(_safe_date(year, first_month, int(m["ad"])), end, "day_range")
    return _ordered(_match_date(m, "a", fy), end, "day_range")


def _build_day_range(m: re.Match[str], fy: int | None) -> Span | None:
    end = _match_date(m, "b", fy)
    if end is None:
        return None
    return _ordered(_safe_date(end.year, end.month, int(m["ad"])), end, "day_range")


def _month_and_year(m: re.Match[str], tag: str, fy: int | None) -> tuple[int, int | None]:
    month = _month_number(m[tag + "m"])
    if _g(m, tag + "y") is None:
        return month, _fiscal_month_year(month, fy) if fy is not None else None
    return month, _group_year(m, tag + "y")


def _build_month(m: re.Match[str], fy: int | None) -> Span | None:
    month, year = _month_and_year(m, "a", None)
    if year is None:
        return None
    return dt.date(year, month, 1), _month_end(year, month), "month"


def _build_month_range(m: re.Match[str], fy: int | None) -> Span | None:
    end_month, end_year = _month_and_year(m, "b", fy)
    if end_year is None:
        return None
    first_month, first_year = _month_and_year(m, "a", None)
    if _g(m, "ay") is None:
        first_year = _first_year(first_month, end_month, end_year)
    if first_year is None:
        return None
    start = dt.date(first_year, first_month, 1)
    return _ordered(start, _month_end(end_year, end_month), "month_range")


def _fiscal_be(m: re.Match[str], tag: str, fy: int | None) -> int | None:
    if _g(m, tag) is None:
        return fy
    year = _group_year(m, tag)
    return None if year is None else year + 543


def _build_fiscal(m: re.Match[str], fy: int | None) -> Span | None:
    first = _fiscal_be(m, "ay", fy)
    last = _fiscal_be(m, "by", None) if _g(m, "by") else first
    if first is None or last is None:
        return None
    return _ordered(FiscalYear.from_be(first).start, FiscalYear.from_be(last).end, "fiscal_year")


def _quarter_start(fiscal_be: int, quarter: int) -> dt.date:
    months = 3 * (quarter - 1) + 9  # months after January of the year before the fiscal year
    return dt.date(fiscal_be - 544 + months // 12, months % 12 + 1, 1)


def _build_quarter(m: re.Match[str], fy: int | None) -> Span | None:
    be = _fiscal_be(m, "ay", fy)
    if be is None:
        return None
    first = int(m["q1"])
    last = int(m["q2"]) if _g(m, "q2") else first
    end = _quarter_start(be, last)
    return _ordered(_quarter_start(be, first), _month_end(end.year, end.month + 2), "quarter")


def _build_year(m: re.Match[str], fy: int | None) -> Span | None:
    first = _group_year(m, "ay")
    last = _group_year(m, "by") if _g(m, "by") else first
    if _g(m, "by") and not _g(m, "bye") and _g(m, "aye"):
        last = _ce_year(m["by"], m["aye"])  # "ค.ศ. 2020-2025": the era carries over
    if first is None or last is None:
        return None
    kind = "year_range" if _g(m, "by") else "year"
    return _ordered(dt.date(first, 1, 1), dt.date(last, 12, 31), kind)


_YEAR_TO = rf"(?:{_DASH}(?:(?P<bye>{_ERA})\s*)?{_year('by', era=False)})?"
_Q = r"ไตรมาส\s*(?:ที่)?\s*"
_RULES: tuple[tuple[re.Pattern[str], Builder], ...] = tuple(
    (re.compile(pattern), builder)
    for pattern, builder in (
        (_date("a") + _DASH + _date("b"), _build_date_range),
        (_day("ad") + _DASH + _date("b"), _build_day_range),
        (_date("a"), _build_date),
        (_month("am") + rf"(?:\s*{_year('ay')})?" + _DASH + _month("bm")
         + rf"(?:\s*{_year('by')})?", _build_month_range),
        (_month("am") + rf"\s*{_year('ay')}", _build_month),
        (rf"(?:ตลอด|ทั้ง)?{_FISCAL_WORD}\s*(?:{_ERA}\s*)?{_year('ay', era=False)}"
         rf"(?:{_DASH}{_year('by', era=False)})?", _build_fiscal),
        (rf"(?:ตลอด|ทั้ง)ปี(?:งบประมาณ|งบฯ|ฯ)?(?!\s*(?:{_ERA}\s*)?\d)", _build_fiscal),
        (rf"{_Q}(?P<q1>[1-4])(?!\d)(?:{_DASH}(?:{_Q})?(?P<q2>[1-4])(?!\d))?"
         rf"(?:\s*(?:/|(?:ของ)?{_FISCAL_WORD}|ปี)?\s*(?:{_ERA}\s*)?{_year('ay', era=False)})?",
         _build_quarter),
        (rf"(?:ปี\s*)?(?P<aye>{_ERA})\s*{_year('ay', era=False)}{_YEAR_TO}", _build_year),
        (rf"ปี\s*(?P<ay>\d{{4}}){_NUM_AFTER}{_YEAR_TO}", _build_year),
    )
)


def parse_periods(text: str, *, fiscal_year: int | None = None) -> list[Period]:
    """Every period named in ``text``, in order and non-overlapping.

    ``fiscal_year`` (BE) is the context year for a quarter or fiscal period without a year of
    its own (the report's fiscal year). Invalid dates and non-years give nothing.
    """
    folded = fold_digits(text)
    found = [(m.start(), m.end(), m, build) for rx, build in _RULES for m in rx.finditer(folded)]
    # The longest match wins; among equals, the earliest (and the earlier rule, sort is stable).
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken: list[tuple[int, int]] = []
    periods: list[tuple[int, Period]] = []
    for start, end, match, build in found:
        if start == end or any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        span = build(match, fiscal_year)
        if span is not None:
            periods.append((start, Period(span[0], span[1], span[2], text[start:end])))
    return [p for _, p in sorted(periods, key=lambda sp: sp[0])]


def fiscal_year_of(day: dt.date) -> int:
    """The BE fiscal year that contains ``day`` (1 October starts the next one)."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


def _fmt(day: dt.date, pattern: str, thai_digits: bool) -> str:
    return thai_strftime(dt.datetime.combine(day, dt.time()), pattern, thaidigit=thai_digits)


def _numbers(first: int, last: int, thai_digits: bool) -> str:
    text = str(first) if first == last else f"{first} – {last}"
    return to_thai_digits(text) if thai_digits else text


def format_period(p: Period, *, thai_digits: bool = True) -> str:
    """A period as an auditor reads it, in Thai with BE years ("๑–๑๕ ต.ค. ๒๕๖๗").

    The text parses back to the same start, end and kind.
    """
    start, end = p.start, p.end
    if p.kind == "date":
        return _fmt(start, "%-d %B %Y", thai_digits)
    if p.kind == "month":
        return _fmt(start, "%B %Y", thai_digits)
    if p.kind == "month_range":
        return f"{_fmt(start, '%b %Y', thai_digits)} – {_fmt(end, '%b %Y', thai_digits)}"
    if p.kind == "day_range":
        if (start.year, start.month) == (end.year, end.month):
            return _fmt(start, "%-d", thai_digits) + " – " + _fmt(end, "%-d %b %Y", thai_digits)
        return f"{_fmt(start, '%-d %b %Y', thai_digits)} – {_fmt(end, '%-d %b %Y', thai_digits)}"
    if p.kind == "quarter":
        quarters = [(d.month - 10) % 12 // 3 + 1 for d in (start, end)]
        return (
            f"ไตรมาสที่ {_numbers(*quarters, thai_digits)} "
            f"ปีงบประมาณ พ.ศ. {_numbers(fiscal_year_of(end), fiscal_year_of(end), thai_digits)}"
        )
    if p.kind == "fiscal_year":
        years = fiscal_year_of(start), fiscal_year_of(end)
        return f"ปีงบประมาณ พ.ศ. {_numbers(*years, thai_digits)}"
    if p.kind in ("year", "year_range"):
        return f"พ.ศ. {_numbers(start.year + 543, end.year + 543, thai_digits)}"
    raise ValueError(f"unknown period kind: {p.kind}")
