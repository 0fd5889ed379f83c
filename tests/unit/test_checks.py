"""Audit findings on tiny literal measures."""

from __future__ import annotations

from ingest.checks import (
    check_measures,
    empty_findings,
    item_findings,
    numbering_findings,
    period_findings,
    skipped_numbers,
    website_findings,
    year_findings,
)
from ingest.model import Cells, FiscalYear, Items, Measure
from ingest.thaidate import parse_periods

FY68 = FiscalYear.from_be(2568)


def measure(number: int = 1, **cells: str) -> Measure:
    """A measure of a 2568 report, its period cell parsed as the report would parse it."""
    base = {"measure": f"{number}. มาตรการ", "responsible": "สำนักปลัด", "period": "ปีงบประมาณ ๒๕๖๘",
            "results": "ดำเนินการแล้ว", "outcome": "สำเร็จ"}
    merged = base | cells
    periods = tuple(parse_periods(merged["period"], fiscal_year=FY68.be))
    return Measure(number=number, pages=(1,), cells=Cells(**merged), periods=periods)


def test_last_years_fiscal_year_in_results_is_earlier_year() -> None:
    found = year_findings(measure(results="๑. มีแผนดำเนินงาน ประจำปีฯ ๖๗ แล้ว"), FY68)
    assert [(f.kind, f.column, f.text) for f in found] == [("earlier_year", "results", "ประจำปีฯ ๖๗")]


def test_this_years_dates_are_not_flagged() -> None:
    m = measure(results="ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๗ ไตรมาสที่ ๒", period="ต.ค. ๒๕๖๗ – มี.ค. ๒๕๖๘")
    assert year_findings(m, FY68) == []


def test_law_years_and_strategy_ranges_are_not_flagged() -> None:
    m = measure(steps="ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐",
                results="ยุทธศาสตร์ชาติ ระยะที่ ๔ (พ.ศ.๒๕๖๕ – ๒๕๖๘)")
    assert year_findings(m, FY68) == []


def test_a_report_written_after_the_year_ends_may_date_itself_then() -> None:
    assert year_findings(measure(results="ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๘"), FY68) == []
    later = year_findings(measure(results="ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๙"), FY68)
    assert [f.kind for f in later] == ["later_year"]


def test_next_fiscal_year_is_later_year() -> None:
    assert [f.kind for f in year_findings(measure(period="ปีงบประมาณ ๒๕๖๙"), FY68)] == ["later_year"]


def test_prajam_pi_reads_as_the_fiscal_year() -> None:
    # "ประจำปี 2567" in a 2568 report: the calendar year overlaps, the fiscal year does not.
    assert [f.kind for f in year_findings(measure(results="รายงาน ประจำปี 2567"), FY68)] == [
        "earlier_year"]


def test_skipped_numbers() -> None:
    assert skipped_numbers([1, 2, 3, 5, 1, 2, 4]) == [(3, 5), (2, 4)]
    assert skipped_numbers([1, 2, 3]) == []


def test_items_skipped_per_list_style() -> None:
    m = Measure(1, (1,), Cells(), Items(results=("๑. ก", "๒. ข", "(๑) ค", "(๒) ง", "(๔) จ", "๔. ฉ")))
    found = item_findings(m)
    assert sorted(f.text for f in found) == ["2 → 4", "2 → 4"]
    assert {f.column for f in found} == {"results"}


def test_empty_cells() -> None:
    found = empty_findings(measure(responsible="", results="  "))
    assert [(f.kind, f.column) for f in found] == [("empty_cell", "responsible"), ("empty_cell", "results")]


def test_unreadable_period() -> None:
    assert [f.kind for f in period_findings(measure(period="ตามความเหมาะสม"))] == [
        "period_unreadable"]
    assert period_findings(measure(period="ไตรมาสที่ ๒")) == []
    # A blank cell is an empty cell, not an unreadable one.
    assert period_findings(measure(period=" \n ")) == []


def test_checks_read_the_period_cell_through_the_measures_periods() -> None:
    # The period cell is parsed once, into Measure.periods; the checks read that, so a measure
    # whose cell names a next-year period but whose periods are empty is unreadable, not late.
    unparsed = Measure(1, (1,), Cells(period="ปีงบประมาณ ๒๕๖๙"))
    assert [f.kind for f in period_findings(unparsed)] == ["period_unreadable"]
    assert year_findings(unparsed, FY68) == []
    assert [f.kind for f in year_findings(measure(period="ปีงบประมาณ ๒๕๖๙"), FY68)] == ["later_year"]


def test_measure_numbers_that_jump() -> None:
    found = numbering_findings([measure(1), measure(2), measure(4)])
    assert [(f.measure, f.text) for f in found] == [(4, "2 → 4")]


def test_other_agencies_web_site() -> None:
    ms = [measure(1, results="เว็บไซต์ www.bangkrok.go.th และ https://www.bangkrok.go.th/ita"),
          measure(2, outcome="ดูที่ www.poraiwan.go.th")]
    found = website_findings(ms)
    assert [(f.measure, f.column, f.text) for f in found] == [(2, "outcome", "poraiwan.go.th")]
    assert website_findings(ms[:1]) == []


def test_check_measures_orders_by_measure() -> None:
    ms = [measure(1, results="ประจำปีฯ ๖๗"), measure(3, responsible="")]
    found = check_measures(ms, FY68)
    assert [(f.measure, f.kind) for f in found] == [
        (1, "earlier_year"), (3, "empty_cell"), (3, "measures_skipped")]


def test_no_fiscal_year_still_checks_the_rest() -> None:
    assert [f.kind for f in check_measures([measure(1, outcome="")], None)] == ["empty_cell"]
