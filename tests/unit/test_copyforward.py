"""Results copied forward: last year's cell with only its years and dates changed."""

from __future__ import annotations

from index.copyforward import (
    DATE_MARK,
    YEAR_MARK,
    mask_dates,
    message,
    previous_report,
    unchanged_cells,
    worth_comparing,
)
from tests.conftest import report_with

AGENCY = "องค์การบริหารส่วนตำบลบางครก"


def cells(results: str, outcome: str = "ประชาชนพึงพอใจ", title: str = "๑. มาตรการเผยแพร่ข้อมูลข่าวสาร") -> dict[str, str]:
    return {"measure": title, "steps": "๑. เผยแพร่ข้อมูลบนเว็บไซต์", "responsible": "สำนักปลัด",
            "period": "ปีงบประมาณ ๒๕๖๘", "results": results, "outcome": outcome}


def test_years_and_dates_are_masked_in_either_script() -> None:
    assert mask_dates("ประจำปีฯ ๖๗ ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๗") == f"{DATE_MARK}ข้อมูลณวันที่{DATE_MARK}"
    assert mask_dates("ประจำปีฯ 68 ข้อมูล ณ วันที่ 3 มีนาคม 2568") == mask_dates("ประจำปีฯ ๖๗ ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๗")
    assert mask_dates("คำสั่งที่ ๑๒๔/๒๕๖๖") == f"คำสั่งที่124/{YEAR_MARK}"
    # Counts are not years: a changed count is a changed result.
    assert mask_dates("ผู้เข้าร่วม ๘๗ คน") != mask_dates("ผู้เข้าร่วม ๙๒ คน")


def test_a_dash_is_not_worth_comparing() -> None:
    assert not worth_comparing(" - ")
    assert not worth_comparing("ปีงบประมาณ ๒๕๖๘")
    assert worth_comparing("ดำเนินการแล้ว")


def test_results_with_only_the_year_moved_are_found_and_real_changes_are_not() -> None:
    before = report_with(AGENCY, 2567, [
        cells("๑. เผยแพร่แผน ประจำปีงบประมาณ ๒๕๖๗ เมื่อวันที่ ๒๕ ตุลาคม ๒๕๖๖"),
        cells("อบรม ๑ ครั้ง ผู้เข้าร่วม ๔๒ คน", title="๒. มาตรการส่งเสริมจริยธรรมของบุคลากร"),
    ])
    after = report_with(AGENCY, 2568, [
        cells("อบรม ๑ ครั้ง ผู้เข้าร่วม ๕๐ คน", title="๑. มาตรการส่งเสริมจริยธรรมของบุคลากร"),
        cells("๑. เผยแพร่แผน ประจำปีงบประมาณ ๒๕๖๘ เมื่อวันที่ ๒๔ ตุลาคม ๒๕๖๗", title="๒. มาตรการเผยแพร่ข้อมูลข่าวสาร"),
    ])
    found = {(u.measure.number, u.column, u.identical) for u in unchanged_cells(before, after)}
    # Measure 2 (measure 1 last year): results with the year moved; both outcomes identical.
    assert found == {(2, "results", False), (2, "outcome", True), (1, "outcome", True)}
    u = next(u for u in unchanged_cells(before, after) if u.column == "results")
    assert message(u) == "results of measure 2: 2567's text with only the years and dates changed (measure 1 then)"


def test_previous_report_is_the_nearest_earlier_year() -> None:
    reports = [report_with(AGENCY, y, [cells("x")]) for y in (2565, 2567, 2568)]
    assert previous_report(reports, reports[2]).fiscal_year.be == 2567
    assert previous_report(reports, reports[0]) is None
