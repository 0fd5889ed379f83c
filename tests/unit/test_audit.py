"""All findings in one list: per report and across reports, with stable keys and reviews."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index import audit, crossref, reviews
from index.store import Store
from tests.conftest import report_with
from tests.unit.test_crossref import MARKET, edited, gift, own

A, B, C = "องค์การบริหารส่วนตำบลบางครก", "เทศบาลตำบลบ้านลาด", "องค์การบริหารส่วนจังหวัดนครปฐม"


def copied(cells: dict[str, str], year: str) -> dict[str, str]:
    return {**cells, "results": cells["results"] + f" ประจำปีงบประมาณ {year}"}


@pytest.fixture
def store(tmp_path: Path):
    hr = {"measure": "๒. มาตรการบริหารงานบุคคลอย่างเป็นธรรม", "steps": "๑. ประกาศหลักเกณฑ์การเลื่อนขั้นเงินเดือน",
          "period": "ปีงบประมาณ ๒๕๖๘"}
    plan = [own("ป้องกันการทุจริต"), hr,
            {**MARKET, "period": "มกราคม ๒๕๖๘"}]
    with Store(tmp_path / "data") as s:
        for r in (
            report_with(A, 2567, [own("ป้องกันการทุจริต"), gift(A), copied(own("เปิดเผยข้อมูล"), "๒๕๖๗")]),
            report_with(A, 2568, [own("ป้องกันการทุจริต"), gift(A), copied(own("เปิดเผยข้อมูล"), "๒๕๖๘"),
                                  {**MARKET, "period": "มีนาคม ๒๕๖๘"}]),
            report_with(A, 2568, plan, kind="plan"),
            report_with(B, 2568, [gift(B), edited(MARKET)], province="ราชบุรี"),
            report_with(C, 2568, [gift(C)], province="นครปฐม"),
        ):
            s.add_report(r)
        crossref.sync(s)
        yield s


def kinds_at(found, agency: str, year: int) -> set[tuple[str, int | None]]:
    return {(f.kind, f.measure) for f in found if f.agency == agency and f.year == year}


def test_cross_report_findings(store: Store) -> None:
    found = audit.collect(store)
    a68 = kinds_at(found, A, 2568)
    assert ("shared_with_agency", 4) in a68  # the market measure B copied
    assert ("results_unchanged", 3) in a68  # last year's results with the year moved
    assert ("period_outside_plan", 4) in a68  # planned for January, done in March
    assert ("reported_not_planned", 2) in a68  # the gift measure is not in the plan
    assert ("planned_not_reported", 2) in {(f.kind, f.measure) for f in found
                                           if f.document_kind == "plan"}
    assert ("shared_with_agency", 2) in kinds_at(found, B, 2568)
    # The gift text all three agencies share is a template, not a finding.
    assert not any(f.kind == "shared_with_agency" and "ของขวัญ" in f.text for f in found)
    assert sum(f.kind == "topic_missing" for f in found if f.agency == C) == 10
    shared = next(f for f in found if f.kind == "shared_with_agency" and f.agency == A)
    assert shared.detail["other_agency"] == B and shared.detail["other_measure"] == 2
    assert shared.column == "steps" and shared.pages == (5,)
    assert "ตลาดนัด" in shared.text


def test_templates_are_marked(store: Store) -> None:
    marked = audit.templates(crossref.shared_matches(store))
    assert sorted(n for (_, n) in marked) == [1, 1, 2, 2]  # gift in A 2567, A 2568, B and C
    assert set(marked.values()) == {3}


def test_filters(store: Store) -> None:
    assert {f.agency for f in audit.collect(store, provinces=["ราชบุรี"])} == {B}
    assert {f.year for f in audit.collect(store, agency="อบต.บางครก", years=[(2567, 2567)])} == {2567}
    only = audit.collect(store, kinds={"shared_with_agency"})
    assert only and {f.kind for f in only} == {"shared_with_agency"}


def test_keys_are_stable_and_distinct(store: Store) -> None:
    first = audit.collect(store)
    assert len({f.key for f in first}) == len(first)
    assert [f.key for f in audit.collect(store)] == [f.key for f in first]


def test_a_review_survives_a_new_version_of_the_report(store: Store) -> None:
    finding = next(f for f in audit.collect(store) if f.kind == "shared_with_agency" and f.agency == B)
    reviews.record(store, finding.key, reviews.CONFIRMED, "copied from บางครก", kind=finding.kind,
                   agency=finding.agency, year=finding.year, measure=finding.measure,
                   text=finding.text, message=finding.message, user="auditor1")
    # B uploads its report again, renumbered, with its own gift text.
    again = report_with(B, 2568, [own("จัดซื้อจัดจ้าง"), gift(B), edited(MARKET)], province="ราชบุรี")
    old = store.get_report(finding.report_id).report
    again = replace(again, title=old.title, source=replace(again.source, issued="2026-01-01"))
    assert store.add_report(again).status == "new_version"
    crossref.sync(store)
    now = next(f for f in audit.collect(store) if f.kind == "shared_with_agency" and f.agency == B)
    assert now.report_id != finding.report_id and now.measure != finding.measure
    assert now.key == finding.key
    assert (now.state, now.review.note, now.review.user) == ("confirmed", "copied from บางครก", "auditor1")
    assert audit.collect(store, states={"confirmed"}) == [now]
    assert now.as_dict()["review"]["state"] == "confirmed"
