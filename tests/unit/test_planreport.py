"""Plan against report: measures planned and not reported, reported and not planned, late."""

from __future__ import annotations

from index.planreport import (
    PERIOD_OUTSIDE_PLAN,
    PLANNED_NOT_REPORTED,
    REPORTED,
    REPORTED_NOT_PLANNED,
    outside,
    plan_against_report,
    row_message,
)
from ingest.thaidate import parse_periods
from tests.conftest import report_with

AGENCY = "องค์การบริหารส่วนตำบลบางครก"
GIFT = "มาตรการงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)"
BUY = "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง"
HR = "มาตรการบริหารงานบุคคลอย่างเป็นธรรม"
ESERVICE = "มาตรการพัฒนาการให้บริการผ่านระบบ e-Service"


def planned(n: int, title: str, period: str, steps: str = "") -> dict[str, str]:
    return {"measure": f"{n}. {title}", "steps": steps or f"๑. ดำเนินการตาม{title}", "responsible": "สำนักปลัด",
            "period": period}


def reported(n: int, title: str, period: str, results: str = "ดำเนินการแล้วเสร็จ") -> dict[str, str]:
    return {**planned(n, title, period), "results": results, "outcome": "บรรลุเป้าหมาย"}


def test_rows_pair_plan_and_report_by_text_not_number() -> None:
    plan = report_with(AGENCY, 2568, [planned(1, GIFT, "ไตรมาสที่ ๑"), planned(2, BUY, "ปีงบประมาณ ๒๕๖๘"),
                                      planned(3, HR, "ปีงบประมาณ ๒๕๖๘")], kind="plan")
    report = report_with(AGENCY, 2568, [reported(1, BUY, "ปีงบประมาณ ๒๕๖๘"),
                                        reported(2, GIFT, "ต.ค. ๒๕๖๗ – มี.ค. ๒๕๖๘"),
                                        reported(3, ESERVICE, "ปีงบประมาณ ๒๕๖๘")])
    rows = plan_against_report(plan, report)
    got = {(r.status, r.plan.number if r.plan else None, r.report.number if r.report else None)
           for r in rows}
    assert got == {(REPORTED, 2, 1), (REPORTED, 1, 2), (PLANNED_NOT_REPORTED, 3, None),
                   (REPORTED_NOT_PLANNED, None, 3)}
    late = next(r for r in rows if r.plan and r.plan.number == 1)
    assert late.kinds == (PERIOD_OUTSIDE_PLAN,)
    assert [p.text for p in late.outside] == ["ต.ค. ๒๕๖๗ – มี.ค. ๒๕๖๘"]
    assert "outside the planned ไตรมาสที่ ๑ (2024-10-01 – 2024-12-31)" in row_message(late, PERIOD_OUTSIDE_PLAN)
    missing = next(r for r in rows if r.status == PLANNED_NOT_REPORTED)
    assert row_message(missing, PLANNED_NOT_REPORTED) == "planned measure 3 has no measure in the report"


def test_a_reported_measure_with_no_result_was_not_reported() -> None:
    plan = report_with(AGENCY, 2568, [planned(1, BUY, "ปีงบประมาณ ๒๕๖๘")], kind="plan")
    report = report_with(AGENCY, 2568, [{**reported(1, BUY, "ปีงบประมาณ ๒๕๖๘"), "results": "", "outcome": ""}])
    (row,) = plan_against_report(plan, report)
    assert row.status == PLANNED_NOT_REPORTED and row.kinds == (PLANNED_NOT_REPORTED,)
    assert row_message(row, PLANNED_NOT_REPORTED) == "planned measure 1 is reported as measure 1 with no result"


def test_outside_compares_with_the_whole_planned_span() -> None:
    plan = tuple(parse_periods("ไตรมาสที่ ๑ และไตรมาสที่ ๓", fiscal_year=2568))
    assert outside(plan, tuple(parse_periods("มกราคม ๒๕๖๘", fiscal_year=2568))) == ()
    late = tuple(parse_periods("สิงหาคม ๒๕๖๘", fiscal_year=2568))
    assert outside(plan, late) == late
    assert outside((), late) == ()  # no planned period: nothing to be outside of
    # A strategy's span of years frames the work; it does not date it.
    assert outside(plan, tuple(parse_periods("พ.ศ. ๒๕๖๖ - ๒๕๗๐"))) == ()
