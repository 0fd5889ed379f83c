"""Every date pythainlp writes, in Thai or Arabic digits, full or abbreviated month, reads back."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import thai_strftime

from ingest.model import FiscalYear
from ingest.thaidate import fiscal_year_of, format_period, parse_periods

# BE 2560 to 2570 inclusive.
DATES = st.dates(min_value=dt.date(2560 - 543, 1, 1), max_value=dt.date(2570 - 543, 12, 31))
# %B is the full month (ตุลาคม), %b the dotted abbreviation (ต.ค.); %y the two-digit BE year.
FORMATS = st.sampled_from(["%-d %B %Y", "%-d %b %Y", "%d %b %y", "%-d %B %y"])


def _written(day: dt.date, fmt: str, thai_digits: bool) -> str:
    return thai_strftime(dt.datetime.combine(day, dt.time()), fmt, thaidigit=thai_digits)


@given(day=DATES, fmt=FORMATS, thai_digits=st.booleans())
def test_thai_strftime_date_parses_back(day, fmt, thai_digits):
    text = _written(day, fmt, thai_digits)
    (period,) = parse_periods(text)
    assert (period.start, period.end, period.kind, period.text) == (day, day, "date", text)


@given(day=DATES, fmt=FORMATS, thai_digits=st.booleans())
def test_date_inside_a_sentence_parses_back(day, fmt, thai_digits):
    written = _written(day, fmt, thai_digits)
    (period,) = parse_periods(f"ข้อมูล ณ วันที่ {written} ของหน่วยงาน")
    assert (period.start, period.end, period.kind, period.text) == (day, day, "date", written)


@given(day=DATES)
def test_fiscal_year_of_contains_the_day(day):
    fiscal = FiscalYear.from_be(fiscal_year_of(day))
    assert fiscal.start <= day <= fiscal.end


@given(day=DATES, thai_digits=st.booleans())
def test_fiscal_year_display_reads_back(day, thai_digits):
    be = fiscal_year_of(day)
    (period,) = parse_periods(f"ปีงบประมาณ {be}")
    (again,) = parse_periods(format_period(period, thai_digits=thai_digits))
    assert (again.start, again.end, again.kind) == (period.start, period.end, "fiscal_year")
    assert again.start <= day <= again.end


def test_every_day_from_be_2560_to_2570_parses_back():
    # The exhaustive sweep behind the sampled properties above: about 16,000 texts.
    day, last = dt.date(2560 - 543, 1, 1), dt.date(2570 - 543, 12, 31)
    wrong = []
    while day <= last:
        for fmt in ("%-d %B %Y", "%-d %b %Y"):
            for thai_digits in (True, False):
                text = _written(day, fmt, thai_digits)
                got = [(p.start, p.end, p.kind) for p in parse_periods(text)]
                if got != [(day, day, "date")]:
                    wrong.append((text, got))
        day += dt.timedelta(days=1)
    assert wrong == []
