"""Cross-agency shared text in the store: matched on arrival, templates learned from it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index import crossref
from index.store import Store
from index.textshare import bands
from tests.conftest import report_with

A, B, C = "องค์การบริหารส่วนตำบลบางครก", "เทศบาลตำบลบ้านลาด", "องค์การบริหารส่วนจังหวัดนครปฐม"

# Handbook wording every agency copies, with its own name in it.
def gift(agency: str) -> dict[str, str]:
    return {
        "measure": "๓. มาตรการงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
        "steps": "๑. ประกาศเจตนารมณ์ No Gift Policy โดยผู้บริหาร\n๒. ประชาสัมพันธ์ประกาศให้บุคลากรและประชาชนทราบ",
        "responsible": "สำนักปลัด",
        "period": "ไตรมาสที่ ๑",
        "results": f"๑. ผู้บริหาร{agency}ลงนามประกาศเจตนารมณ์ No Gift Policy\n๒. ติดประกาศ ณ สำนักงานและเผยแพร่ทางเว็บไซต์",
        "outcome": "บุคลากรไม่รับของขวัญหรือของกำนัลจากการปฏิบัติหน้าที่",
    }


MARKET = {
    "measure": "๕. โครงการตลาดนัดชุมชนโปร่งใสไร้สินบนริมคลองบางครก",
    "steps": "๑. จัดประชุมผู้ค้าในตลาดนัดเพื่อชี้แจงค่าธรรมเนียมการใช้พื้นที่\n๒. ติดตั้งป้ายอัตราค่าธรรมเนียมทุกจุด",
    "responsible": "กองคลัง",
    "period": "มกราคม ๒๕๖๘",
    "results": "๑. ประชุมผู้ค้า ๔๒ ราย ชี้แจงอัตราค่าธรรมเนียมและช่องทางแจ้งเรียกรับเงินนอกระบบ\n๒. ติดตั้งป้าย ๖ จุด รอบตลาดนัดริมคลอง",
    "outcome": "ผู้ค้าในตลาดนัดชำระค่าธรรมเนียมตามประกาศ ไม่มีการเรียกรับเงินนอกระบบ",
}


def own(topic: str) -> dict[str, str]:
    """A measure on `topic` in words of its own: shared with nobody."""
    return {"measure": f"๑. มาตรการ{topic}", "steps": f"๑. {topic}",
            "responsible": "สำนักปลัด", "period": "ปีงบประมาณ ๒๕๖๘",
            "results": f"{topic}แล้วเสร็จ", "outcome": f"{topic}บรรลุผล"}


def edited(cells: dict[str, str]) -> dict[str, str]:
    """The text as a second agency copies it: numbers, a count and the place changed."""
    return {**cells, "measure": cells["measure"].replace("๕.", "๒.").replace("ริมคลองบางครก", "ริมคลองบ้านลาด"),
            "results": cells["results"].replace("๔๒", "๓๗").replace("๖ จุด", "๔ จุด")}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "data") as s:
        yield s


def add(store: Store, *reports) -> None:
    for r in reports:
        store.add_report(r)


def test_two_agencies_sharing_a_measure_are_a_pair_and_the_handbook_text_a_template(store: Store) -> None:
    add(store,
        report_with(A, 2568, [own("ป้องกันการทุจริต"), gift(A), MARKET]),
        report_with(B, 2568, [gift(B), edited(MARKET), own("บริหารงานบุคคล")]),
        report_with(C, 2567, [own("เปิดเผยข้อมูล"), gift(C)]))
    result = crossref.sync(store)
    assert result.matched == 3 and result.dropped == 0
    matches = crossref.shared_matches(store)
    by_place = {(m.agency, m.number): ms for ms in matches.values() for m in ms[:1]}
    market_a = by_place[(A, 3)]
    assert [(m.other_agency, m.other_year, m.other_number) for m in market_a] == [(B, 2568, 2)]
    assert 0.8 <= market_a[0].similarity < 1.0
    assert "ชี้แจงค่าธรรมเนียม" in market_a[0].span
    assert not crossref.is_template(market_a)
    for place in ((A, 2), (B, 1), (C, 2)):
        assert crossref.sharing_agencies(by_place[place]) == 3
        assert crossref.is_template(by_place[place])
    assert (A, 1) not in by_place and (B, 3) not in by_place  # own text is shared by nobody


def test_matching_is_incremental_and_order_free(store: Store) -> None:
    add(store, report_with(A, 2568, [MARKET]))
    assert crossref.sync(store).pairs == 0
    add(store, report_with(B, 2567, [edited(MARKET)]))
    assert crossref.pending(store) != []
    result = crossref.sync(store)
    assert (result.matched, result.pairs) == (1, 1)
    assert crossref.sync(store) == crossref.SyncResult(0, 0, 0)


def test_one_agencys_own_years_are_not_shared_text(store: Store) -> None:
    add(store, report_with(A, 2567, [MARKET]), report_with(A, 2568, [MARKET]))
    crossref.sync(store)
    assert crossref.shared_matches(store) == {}


def test_a_new_version_replaces_the_old_ones_pairs(store: Store) -> None:
    first = report_with(B, 2568, [edited(MARKET)])
    add(store, report_with(A, 2568, [MARKET]), first)
    crossref.sync(store)
    assert crossref.shared_matches(store)
    # B's corrected upload no longer carries the copied measure.
    second = report_with(B, 2568, [own("บริหารงานบุคคล")])
    second = replace(second, title=first.title, source=replace(second.source, issued="2025-12-01"))
    outcome = store.add_report(second)
    assert (outcome.status, outcome.current) == ("new_version", True)
    result = crossref.sync(store)
    assert (result.matched, result.dropped) == (1, 1)
    assert crossref.shared_matches(store) == {}
    assert store.db.execute("SELECT COUNT(*) FROM text_words WHERE report_id NOT IN "
                            "(SELECT id FROM reports WHERE current = 1)").fetchone() == (0,)
    # Every band key left belongs to a measure still matched.
    words, keys = store.db.execute("SELECT (SELECT COUNT(*) FROM text_words), "
                                   "(SELECT COUNT(*) FROM text_bands)").fetchone()
    assert keys == words * len(bands()) and words == 2


def test_plans_and_unnamed_agencies_are_not_matched(store: Store) -> None:
    add(store, report_with(A, 2568, [MARKET], kind="plan"), report_with("", 2568, [MARKET]),
        report_with(B, 2568, [edited(MARKET)]))
    crossref.sync(store)
    assert crossref.shared_matches(store) == {}
    assert len(crossref.pending(store)) == 0


def test_best_per_agency_keeps_one_match_per_other_agency(store: Store) -> None:
    add(store, report_with(A, 2567, [MARKET]), report_with(A, 2568, [edited(MARKET)]),
        report_with(B, 2568, [edited(MARKET)]))
    crossref.sync(store)
    b_measure = next(ms for ms in crossref.shared_matches(store).values() if ms[0].agency == B)
    assert len(b_measure) == 2  # both of A's years
    best = crossref.best_per_agency(b_measure)
    assert [(m.other_agency, m.other_year) for m in best] == [(A, 2568)]
    assert best[0].similarity == 1.0


def test_candidate_lookup_uses_the_band_index_not_a_scan(store: Store) -> None:
    """Regression: a row-value IN list made SQLite scan every band row for every measure, so
    matching one report cost time in proportion to the whole store."""
    plan = " ".join(row[3] for row in store.db.execute(
        "EXPLAIN QUERY PLAN " + crossref.BUCKET_SQL, [1, 2, 10]))
    assert "SEARCH text_bands USING PRIMARY KEY (band=? AND key=?)" in plan
    assert "SCAN" not in plan


def test_a_full_bucket_is_read_only_up_to_its_limit(store: Store, monkeypatch) -> None:
    """Wording hundreds of measures share is read no further than BUCKET_LIMIT measures, so a
    lookup costs the same however large the store grows; the copies still meet."""
    monkeypatch.setattr(crossref, "BUCKET_LIMIT", 2)
    add(store, *(report_with(f"{A}{i}", 2568, [MARKET]) for i in range(5)))
    crossref.sync(store)
    keys = [(band, key) for band, key, _ in store.db.execute(
        "SELECT band, key, measure_id FROM text_bands WHERE measure_id = 1")]
    assert [mid for mid, _ in crossref.candidates(store.db, keys, B)] == [1, 2]
    assert crossref.is_template(crossref.shared_matches(store)[1])


def test_pending_reads_the_current_index_not_every_report_body(store: Store) -> None:
    """Regression: listing what is left to match read document_kind, stored after each
    report's body, so every call read every body from disk (0.16 s at 10k reports)."""
    plan = " ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + crossref.PENDING_SQL))
    assert "USING COVERING INDEX reports_current" in plan


def test_candidate_agencies_are_looked_up_from_the_candidates_not_every_current_report(
    store: Store,
) -> None:
    """Regression: SQLite chose to walk every current report (reports_current) and probe its
    measures for the candidate list, so one more report cost time in proportion to the store
    (1 s a chunk of 500 candidates at 10k reports)."""
    marks = ",".join("?" * 500)
    plan = [row[3] for row in store.db.execute(
        "EXPLAIN QUERY PLAN " + crossref.CANDIDATE_AGENCIES_SQL.format(marks=marks),
        [*range(500), A])]
    assert plan[0] == "SEARCH tw USING INTEGER PRIMARY KEY (rowid=?)"
    assert not any("reports_current" in step for step in plan)
