"""Cover metadata from literal cover text."""

from __future__ import annotations

import pytest

from ingest.metadata import check_province, extract_metadata, find_organization

COVER = """รายงานผลการดำเนินการ
เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
ประจำปีงบประมาณ พ.ศ. ๒๕๖๘
องค์การบริหารส่วนตำบลบางครก
อำเภอบ้านแหลม จังหวัดเพชรบุรี
คำนำ
ขององค์การบริหารส่วนตำบลในปีงบประมาณ พ.ศ.๒๕๖๗
"""


def test_seed_cover() -> None:
    meta = extract_metadata(COVER)
    assert meta.title == (
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    )
    org = meta.organization
    assert (org.name, org.kind, org.district, org.province) == (
        "องค์การบริหารส่วนตำบลบางครก", "อบต.", "บ้านแหลม", "เพชรบุรี")
    assert meta.fiscal_year is not None
    assert (meta.fiscal_year.be, meta.fiscal_year.ce) == (2568, 2025)
    assert str(meta.fiscal_year.start) == "2024-10-01"


def test_arabic_digit_year_and_municipality() -> None:
    meta = extract_metadata("รายงานผล ประจำปีงบประมาณ 2567\nเทศบาลตำบลบ้านลาด อำเภอบ้านลาด จังหวัดเพชรบุรี")
    assert meta.fiscal_year is not None and meta.fiscal_year.be == 2567
    assert meta.organization.kind == "เทศบาลตำบล"
    assert meta.organization.name == "เทศบาลตำบลบ้านลาด"


def test_abbreviated_kind_is_expanded() -> None:
    org = find_organization("รายงาน อบต.หนองหญ้า อำเภอเมือง จังหวัดขอนแก่น")
    assert (org.name, org.kind, org.province) == ("องค์การบริหารส่วนตำบลหนองหญ้า", "อบต.", "ขอนแก่น")


def test_pao_province_from_its_name() -> None:
    org = find_organization("องค์การบริหารส่วนจังหวัดนครปฐม")
    assert (org.kind, org.province) == ("อบจ.", "นครปฐม")


def test_district_not_taken_from_running_prose() -> None:
    # Regression: "อำเภอและแนวทางในการจัดทำแผน…" was read as a district.
    org = find_organization("องค์การบริหารส่วนตำบลไทรย้อย\nของอำเภอและแนวทางในการจัดทำแผนอัตรากำลัง จังหวัดแพร่")
    assert org.district is None


def test_other_agency_name_only_from_the_start_of_a_line() -> None:
    org = find_organization("วิสัยทัศน์ เป็นโรงพยาบาลที่ใช้ยาอย่างสมเหตุผล\nประกาศสำนักงานสาธารณสุขอำเภอหนองใหญ่")
    assert org.kind == "other"
    assert org.name == "สำนักงานสาธารณสุขอำเภอหนองใหญ่"


def test_province_check_tolerates_a_damaged_mark() -> None:
    assert check_province("เพชรบุรี") == "เพชรบุรี"
    assert check_province("เพชรบุร") == "เพชรบุรี"
    assert check_province("แนวทาง") is None


def test_no_fiscal_year() -> None:
    assert extract_metadata("ประกาศ\nเรื่อง นโยบาย").fiscal_year is None


def test_district_without_province_beside_it() -> None:
    org = find_organization("สำนักงานสาธารณสุขอำเภอหนองใหญ่\nสำนักงานสาธารณสุขจังหวัดชลบุรี")
    assert (org.district, org.province) == ("หนองใหญ่", "ชลบุรี")


def test_district_inside_a_sentence_is_not_taken() -> None:
    # Regression: "หน่วยงานสาธารณสุขระดับอำเภอผ่านเกณฑ์ ..." gave the district "ผ่านเกณฑ์".
    org = find_organization("หน่วยงานสาธารณสุขระดับอำเภอผ่านเกณฑ์ ร้อยละ ๘๐ จังหวัดชลบุรี")
    assert org.district is None


def test_expand_abbreviations() -> None:
    from ingest.metadata import expand_abbreviations

    assert expand_abbreviations("อบต.บางครก") == "องค์การบริหารส่วนตำบลบางครก"
    assert expand_abbreviations("ทต. บ้านลาด") == "เทศบาลตำบลบ้านลาด"
    assert expand_abbreviations("บางครก") == "บางครก"


PLAN_COVER = """มาตรการส่งเสริมคุณธรรมและความโปร่งใส
ภายในหน่วยงาน
ประจำปีงบประมาณ พ.ศ. ๒๕๖๘
องค์การบริหารส่วนตำบลบางครก
"""


def test_plan_cover_title_has_no_report_line() -> None:
    meta = extract_metadata(PLAN_COVER)
    assert meta.title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert meta.fiscal_year is not None and meta.fiscal_year.be == 2568


def test_plan_announced_after_rueang() -> None:
    meta = extract_metadata("ประกาศองค์การบริหารส่วนตำบลบางครก\nเรื่อง มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\nประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    assert meta.title.startswith("มาตรการส่งเสริมคุณธรรม")


ALL = frozenset({"measure", "steps", "responsible", "period", "results", "outcome"})
PLAN_FIELDS = frozenset({"measure", "steps", "responsible", "period"})


@pytest.mark.parametrize(
    ("title", "has_measures", "fields", "kind"),
    [
        ("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", True, ALL, "report"),
        ("รายงานผลการดำเนินการ เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", True, PLAN_FIELDS, "report"),
        ("การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", True, ALL, "report"),
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", True, PLAN_FIELDS, "plan"),
        ("มาตรการส่งเสริมคุณธรรมและ ความโปร่งใสภายในหน่วยงาน", False, frozenset(), "plan"),
        # No ITA title: the table decides.
        ("แผนการดำเนินงาน ประจำปี", True, PLAN_FIELDS, "plan"),
        ("สรุป", True, ALL, "report"),
        # Neither an ITA title nor a measure table (real files: a procurement analysis, an order).
        ("รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง และข้อเสนอแนะ", False, frozenset(), "other"),
        ("ประกาศสำนักงานสาธารณสุขอำเภอหนองใหญ่", False, frozenset(), "other"),
    ],
)
def test_document_kind(title: str, has_measures: bool, fields: frozenset[str], kind: str) -> None:
    from ingest.metadata import document_kind

    assert document_kind(title, has_measures, fields) == kind
