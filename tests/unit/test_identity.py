"""Document identity: versions are the same document again, never mere neighbours."""

from __future__ import annotations

import pytest

from index.identity import DocumentKey, best_match, same_document, title_similarity

REPORT = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
BANGKROK = "องค์การบริหารส่วนตำบลบางครก"


def key(title: str = REPORT, kind: str = "report", agency: str = BANGKROK, year: int | None = 2568):
    return DocumentKey(kind, agency, year, title)


@pytest.mark.parametrize(
    "title",
    [
        "รายงานผลการดำเนินการ เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ 2568",
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    ],
    ids=["reworded", "arabic-digits", "year-dropped"],
)
def test_reworded_cover_is_the_same_document(title: str) -> None:
    assert same_document(key(), key(title))


@pytest.mark.parametrize(
    "title",
    [
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "คำสั่งองค์การบริหารส่วนตำบลบางครก เรื่อง แต่งตั้งคณะกรรมการ",
    ],
    ids=["ita-analysis", "anticorruption-report", "order"],
)
def test_other_documents_of_the_same_agency_and_year_stay_apart(title: str) -> None:
    assert title_similarity(REPORT, title) < 80
    assert not same_document(key(), key(title))


def test_a_plan_is_never_a_version_of_its_report() -> None:
    plan = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert title_similarity(REPORT, plan) > 80  # alike titles: only the kind keeps them apart
    assert not same_document(key(), key(plan, kind="plan"))


def test_unknown_agency_year_or_title_is_its_own_document() -> None:
    assert not same_document(key(agency=""), key(agency=""))
    assert not same_document(key(year=None), key(year=None))
    assert not same_document(key(title=""), key(title=""))


def test_other_agency_or_year_is_another_document() -> None:
    assert not same_document(key(), key(agency="เทศบาลตำบลบ้านลาด"))
    assert not same_document(key(), key(year=2567))


def test_best_match_takes_the_most_alike_title() -> None:
    reworded = key("รายงานผลการดำเนินการ เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    assert best_match(key(), [(1, reworded), (2, key()), (3, key(kind="plan"))]) == 2
    assert best_match(key(), [(3, key(kind="plan"))]) is None
