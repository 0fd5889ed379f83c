"""The prose around the table (cover, คำนำ, heading, intro) as agencies write it, by year."""

from __future__ import annotations

from spec import MeasureDoc, Org, ReportDoc, thai_num

TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
# The measure plan, published at the start of the year (ITA item O42); its cover breaks the
# name after "ความโปร่งใส".
PLAN_TITLE = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ภายในหน่วยงาน")

PREFACE_1 = (
    "ปัจจุบันการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and "
    "transparency Assessment: ITA) ได้ถูกกำหนดให้เป็นกลยุทธ์ที่สำคัญของยุทธศาสตร์ชาติว่าด้วยการ"
    "ป้องกันและปราบปรามการทุจริต ระยะที่ ๔ (พ.ศ.๒๕๖๕ – ๒๕๖๘) ซึ่งเครื่องมือดังกล่าว ถือได้ว่าเป็น"
    "มาตรการป้องกันการทุจริตเชิงรุก และมุ่งหวังให้หน่วยงานภาครัฐได้ยกระดับคุณธรรมและความโปร่งใสของ"
    "หน่วยงานของตน และมุ่งหวังให้หน่วยงานภาครัฐได้มีการปรับปรุงพัฒนาตนเองในด้านคุณธรรมและความโปร่งใส"
    "เพื่อให้เกิดธรรมาภิบาลในหน่วยงานภาครัฐ มีการดำเนินงานที่มุ่งให้เกิดประโยชน์ต่อประชาชนและส่วนรวม"
    "เป็นสำคัญ และลดโอกาสที่จะเกิดการทุจริตและประพฤติมิชอบในหน่วยงานภาครัฐ ส่งผลให้หน่วยงานภาครัฐ"
    "สามารถบรรลุตามเป้าหมายที่กำหนดไว้ในแผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็นที่ ๒๑ การต่อต้าน"
    "การทุจริตและประพฤติมิชอบ (พ.ศ. ๒๕๖๑ – ๒๕๘๐)"
)
PREFACE_2 = (
    "เพื่อให้การประเมินคุณธรรมและความโปร่งใสของหน่วยงานภาครัฐ(Integrity and transparency "
    "Assessment: ITA) ในปี พ.ศ. {year} เป็นไปด้วยความเรียบร้อย {org} จึงได้จัดทำรายงานผลการ"
    "ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เพื่อสามารถนำฐานข้อมูลไป"
    "วิเคราะห์เพื่อให้การประเมินคุณธรรมและความโปร่งใสของหน่วยงานภาครัฐ (Integrity and transparency "
    "Assessment: ITA) ของ{org}มีการพัฒนายิ่งขึ้น"
)
INTRO = (
    "ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ {year} ของ{org} และได้กำหนด"
    "มาตรการและแนวทางในการส่งเสริมคุณธรรมและความโปร่งใสของ{short}ในปีงบประมาณ พ.ศ.{year} "
    "โดยได้มีการดำเนินการขับเคลื่อนมาตรการและแนวทางในการส่งเสริมคุณธรรมและความโปร่งใสของ{org} "
    "ประจำปีงบประมาณ พ.ศ. {year} รายละเอียดดังนี้"
)


def build_report(
    org: Org,
    be: int,
    measures: list[MeasureDoc],
    short: str,
    cover_title: tuple[str, ...] = (TITLE,),
    preface_year: int | None = None,
) -> ReportDoc:
    """A report with the usual cover, preface, heading and intro around its measures.

    preface_year lets an agency leave last year's number in its preface, as real ones do.
    """
    return _document(
        org,
        be,
        measures,
        cover_title=cover_title,
        heading_title=TITLE,
        preface=(
            PREFACE_1,
            PREFACE_2.format(year=thai_num(preface_year or be), org=org.name),
        ),
        intro=(INTRO.format(year=thai_num(be), org=org.name, short=short),),
    )


def _document(
    org: Org,
    be: int,
    measures: list[MeasureDoc],
    *,
    cover_title: tuple[str, ...],
    heading_title: str,
    preface: tuple[str, ...],
    intro: tuple[str, ...],
    kind: str = "report",
) -> ReportDoc:
    """A document whose cover and heading end with the fiscal year, around its measures."""
    fy_line = f"ประจำปีงบประมาณ พ.ศ. {thai_num(be)}"
    return ReportDoc(
        org=org,
        be=be,
        cover=(*cover_title, fy_line),
        preface=preface,
        heading=(heading_title, f"{org.name} {fy_line}"),
        intro=intro,
        measures=tuple(measures),
        kind=kind,
    )


PLAN_PREFACE = (
    "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้กำหนดให้มี"
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency "
    "Assessment: ITA) ประจำปีงบประมาณ พ.ศ. {year} {org} ได้นำผลการประเมินในปีที่ผ่านมามาวิเคราะห์"
    "ประเด็นที่ต้องพัฒนา และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เพื่อเป็นแนวทาง"
    "ให้บุคลากรทุกกองถือปฏิบัติ และเพื่อยกระดับคุณธรรมและความโปร่งใสของหน่วยงานให้สูงขึ้น"
)
PLAN_INTRO = (
    "เพื่อให้การดำเนินงานของ{org}เป็นไปด้วยความโปร่งใส ตรวจสอบได้ และเป็นไปตามหลักธรรมาภิบาล "
    "จึงกำหนดมาตรการ ขั้นตอนการปฏิบัติ ผู้รับผิดชอบ ระยะเวลา ตัวชี้วัดและงบประมาณ ประจำปีงบประมาณ "
    "พ.ศ. {year} ไว้ดังนี้"
)


def build_plan(org: Org, be: int, measures: list[MeasureDoc]) -> ReportDoc:
    """The year's measure plan, with its own cover, preface, heading and intro."""
    year = thai_num(be)
    return _document(
        org,
        be,
        measures,
        cover_title=PLAN_TITLE,
        heading_title="".join(PLAN_TITLE),
        preface=(PLAN_PREFACE.format(year=year, org=org.name),),
        intro=(PLAN_INTRO.format(year=year, org=org.name),),
        kind="plan",
    )
