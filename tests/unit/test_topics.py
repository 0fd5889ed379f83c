"""ITA topics: a word table kept as data, the title deciding, coverage and missing topics."""

from __future__ import annotations

import pytest

from index.topics import (
    OTHER,
    classify,
    coverage,
    load_table,
    missing_topics,
    parse_table,
    scores,
)
from ingest.model import Cells, Measure
from tests.conftest import report_with


def measure(title: str, steps: str = "", results: str = "") -> Measure:
    return Measure(1, (), Cells(measure=title, steps=steps, results=results))


def test_the_shipped_table_has_the_eleven_ita_topics_and_other() -> None:
    table = load_table()
    assert [t.label for t in table.ita] == [
        "No Gift Policy", "conflict of interest", "procurement transparency",
        "complaint handling", "fair HR management", "use of public assets",
        "information disclosure", "anti-corruption plan", "corruption risk assessment",
        "ethics and codes of conduct", "budget transparency"]
    assert table.topics[-1].key == OTHER
    assert all(t.thai for t in table.topics)


@pytest.mark.parametrize(("title", "topic"), [
    ("๓. มาตรการงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)", "no_gift"),
    ("๒. มาตรการป้องกันการ ขัดกันระหว่างประโยชน์ ส่วนตนและประโยชน์ ส่วนรวม", "conflict_of_interest"),
    ("4. มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง", "procurement"),
    ("มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaints"),
    ("มาตรการบริหารงานบุคคลอย่างเป็นธรรม", "hr"),
    ("มาตรการป้องกันการนำทรัพย์สินราชการไปใช้เพื่อประโยชน์ส่วนตน", "public_assets"),
    ("มาตรการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของเทศบาล", "disclosure"),
    ("มาตรการขับเคลื่อนแผนปฏิบัติการป้องกันการทุจริต", "anticorruption_plan"),
    ("มาตรการประเมินความเสี่ยงการทุจริตในกระบวนงาน", "risk_assessment"),
    ("มาตรการส่งเสริมคุณธรรมและจริยธรรมของบุคลากร", "ethics"),
    # Two topics in one title: the longer, more specific word wins.
    ("มาตรการเปิดเผยข้อมูลการใช้จ่ายงบประมาณประจำปี", "budget"),
    ("มาตรการยกระดับคุณภาพการให้บริการประชาชน", OTHER),
])
def test_titles(title: str, topic: str) -> None:
    assert classify(measure(title)) == topic


def test_the_title_outweighs_the_body_and_the_body_decides_a_bare_title() -> None:
    ethics_heavy = "จริยธรรม ประมวลจริยธรรม จริยธรรม Dos & Don'ts จริยธรรม จริยธรรม"
    assert classify(measure("มาตรการบริหารงานบุคคลอย่างโปร่งใส", steps=ethics_heavy)) == "hr"
    assert classify(measure("กิจกรรมการให้บริการแก่บุคคลภายนอก", steps=ethics_heavy)) == "ethics"
    assert classify(measure("กิจกรรมทั่วไป")) == OTHER
    assert scores(measure("กิจกรรมทั่วไป")) == {}


def test_a_table_is_checked_when_read() -> None:
    with pytest.raises(ValueError, match="weights"):
        parse_table("[topics.a]\nwords = ['x']\n")
    with pytest.raises(ValueError, match="'a' needs a non-empty list"):
        parse_table("[weights]\ntitle = 1\nsteps = 1\nresults = 1\n[topics.a]\nwords = []\n")
    table = parse_table("[weights]\ntitle = 1\nsteps = 1\nresults = 1\n"
                        "[topics.other]\nwords = ['อื่น']\n[topics.gift]\nlabel = 'Gift'\nwords = ['No Gift']\n")
    assert [t.key for t in table.topics] == ["gift", "other"]
    assert table.get("gift").words == ("no gift",)  # squeezed: one space between Latin words
    assert classify(measure("ประกาศ NO GIFT"), table) == "gift"


def test_coverage_counts_measures_per_topic_and_missing_lists_the_rest() -> None:
    r = report_with("เทศบาลตำบลบ้านลาด", 2568, [
        {"measure": "๑. มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง"},
        {"measure": "๒. มาตรการบริหารงานบุคคลอย่างเป็นธรรม"},
        {"measure": "๓. มาตรการจัดซื้อจัดจ้างผ่านระบบ e-GP"},
    ])
    (row,) = coverage([(7, r)])
    assert (row.agency, row.year, row.report_id) == ("เทศบาลตำบลบ้านลาด", 2568, 7)
    assert row.counts["procurement"] == 2 and row.counts["hr"] == 1 and row.counts["ethics"] == 0
    missing = [t.key for t in missing_topics(["procurement", "hr", OTHER])]
    assert len(missing) == 9 and "procurement" not in missing and OTHER not in missing
