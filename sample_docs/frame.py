"""The prose around the table (cover, คำนำ, heading, intro) as agencies write it, by year."""

from __future__ import annotations

from spec import MeasureDoc, Org, ReportDoc, thai_num

TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"

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
    year = thai_num(be)
    fy_line = f"ประจำปีงบประมาณ พ.ศ. {year}"
    return ReportDoc(
        org=org,
        be=be,
        cover=(*cover_title, fy_line),
        preface=(
            PREFACE_1,
            PREFACE_2.format(year=thai_num(preface_year or be), org=org.name),
        ),
        heading=(TITLE, f"{org.name} {fy_line}"),
        intro=(INTRO.format(year=year, org=org.name, short=short),),
        measures=tuple(measures),
    )
