"""เทศบาลเมืองชะอำ: three years, each with a measure table laid out another way.

Agencies change their table whenever the person who makes it changes, so the same measures
come in three layouts:
- ๒๕๖๖: seven columns in its own order, no steps column, with งบประมาณ (บาท) and ปัญหา/อุปสรรค;
- ๒๕๖๗: the six fields under other names, ผลการดำเนินงาน merged over ผลผลิต and ผลลัพธ์
  (a two-row header);
- ๒๕๖๘: a ลำดับ column holding the number, other names, no ผลลัพธ์ column.

The measures are written for ๒๕๖๘ and moved back a year at a time (evolve.shift_measure):
๒๕๖๗ drops the ethics training (F) and adds conflict of interest (E) and participation (H);
๒๕๖๘ adds e-Service (G) and a measure copied from อบจ.นครปฐม's ๒๕๖๘ report (P). The No Gift
Policy measure (B) is the ITA handbook's text, as every agency has it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import handbook
import nakhonpathom
from evolve import shift_measure
from frame import build_report
from spec import Column, MeasureDoc, Org, ReportDoc, thai_num

ORG = Org("เทศบาลเมืองชะอำ", "เทศบาลเมือง", "ชะอำ", "เพชรบุรี", "chaam")
SHORT = "เทศบาล"
BUDGET = "งบประมาณ (บาท)"
PROBLEMS = "ปัญหา/อุปสรรค"
NUMBER = "ลำดับ"

COLUMNS_2566 = (
    Column("measure", "มาตรการ/โครงการ/กิจกรรม", 6.0),
    Column(BUDGET, BUDGET, 2.6),
    Column("period", "ระยะเวลาดำเนินการ", 3.0),
    Column("responsible", "ผู้รับผิดชอบ", 3.0),
    Column("results", "ผลการดำเนินงาน", 5.6),
    Column("outcome", "ผลลัพธ์", 3.5),
    Column(PROBLEMS, PROBLEMS, 3.0),
)
COLUMNS_2567 = (
    Column("measure", "มาตรการ/โครงการ", 4.6),
    Column("steps", "ขั้นตอนการดำเนินงาน", 5.8),
    Column("responsible", "ผู้รับผิดชอบ", 3.2),
    Column("period", "ระยะเวลา", 2.6),
    Column("results", "ผลผลิต", 6.0, group="ผลการดำเนินงาน"),
    Column("outcome", "ผลลัพธ์", 4.5, group="ผลการดำเนินงาน"),
)
COLUMNS_2568 = (
    Column(NUMBER, NUMBER, 1.3),
    Column("measure", "มาตรการ/โครงการ", 5.0),
    Column("steps", "วิธีการดำเนินการ", 6.6),
    Column("responsible", "หน่วยงานที่รับผิดชอบ", 3.4),
    Column("period", "ระยะเวลา", 3.2),
    Column("results", "ผลการดำเนินงาน", 7.2),
)

# Written for ๒๕๖๘. Keys name a measure across years.
MEASURES: dict[str, dict[str, tuple[str, ...]]] = {
    "A": {
        "measure": ("มาตรการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน",),
        "steps": (
            "๑. แต่งตั้งผู้รับผิดชอบการเผยแพร่ข้อมูลของแต่ละกอง",
            "๒. ปรับปรุงข้อมูลบนเว็บไซต์ www.chaamcity.go.th ให้เป็นปัจจุบันทุกเดือน",
            "๓. รายงานผลการเผยแพร่ข้อมูลต่อนายกเทศมนตรี",
        ),
        "responsible": ("สำนักปลัดเทศบาล", "(งานประชาสัมพันธ์)"),
        "period": ("ต.ค. ๒๕๖๗ – ก.ย. ๒๕๖๘",),
        "results": (
            "๑. มีคำสั่งแต่งตั้งผู้รับผิดชอบการเผยแพร่ข้อมูลครบทุกกอง",
            "๒. ปรับปรุงข้อมูลบนเว็บไซต์ www.chaamcity.go.th ครบ ๑๒ เดือน",
            "๓. รายงานผลต่อนายกเทศมนตรีทุกไตรมาส",
        ),
        "outcome": ("ประชาชนเข้าถึงข้อมูลของเทศบาลได้สะดวกและเป็นปัจจุบัน",),
        BUDGET: ("ไม่ใช้งบประมาณ",),
        PROBLEMS: ("บางกองส่งข้อมูลล่าช้า",),
    },
    # The ITA handbook's wording, which every agency copies (handbook.gift_measure).
    "B": {
        **{k: v for k, v in handbook.gift_measure(
            "นายกเทศมนตรีเมืองชะอำ", "สำนักงานเทศบาลเมืองชะอำ", 2568, 15, 96).cells.items()
           if k != "measure"},
        "measure": ("มาตรการงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",),
        "responsible": ("สำนักปลัดเทศบาล",),
        BUDGET: ("ไม่ใช้งบประมาณ",),
        PROBLEMS: ("-",),
    },
    "C": {
        "measure": ("มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",),
        "steps": (
            "๑. จัดให้มีช่องทางรับเรื่องร้องเรียน ทั้งทางตู้รับเรื่อง โทรศัพท์ และเว็บไซต์",
            "๒. ตรวจสอบข้อเท็จจริงและแจ้งผลให้ผู้ร้องเรียนทราบภายใน ๑๕ วัน",
        ),
        "responsible": ("สำนักปลัดเทศบาล", "(ศูนย์รับเรื่องร้องเรียน)"),
        "period": ("ตลอดปีงบประมาณ ๒๕๖๘",),
        "results": (
            "๑. มีช่องทางรับเรื่องร้องเรียน ๔ ช่องทาง",
            "๒. ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        ),
        "outcome": ("ประชาชนมีช่องทางแจ้งเบาะแสการทุจริตที่สะดวกและปลอดภัย",),
        BUDGET: ("๑๕,๐๐๐",),
        PROBLEMS: ("ประชาชนส่วนใหญ่ยังไม่ทราบช่องทางออนไลน์",),
    },
    "D": {
        "measure": ("มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",),
        "steps": (
            "๑. จัดทำแผนการจัดซื้อจัดจ้างประจำปีและเผยแพร่ทางเว็บไซต์",
            "๒. เผยแพร่ผลการจัดซื้อจัดจ้างรายเดือน",
            "๓. วิเคราะห์ผลการจัดซื้อจัดจ้างประจำปี",
        ),
        "responsible": ("กองคลัง", "(งานพัสดุ)"),
        "period": ("ต.ค. ๒๕๖๗ – ก.ย. ๒๕๖๘",),
        "results": (
            "๑. ประกาศแผนการจัดซื้อจัดจ้างเมื่อวันที่ ๓๑ ตุลาคม ๒๕๖๗",
            "๒. เผยแพร่ผลการจัดซื้อจัดจ้างครบ ๑๒ เดือน",
            "๓. รายงานผลการวิเคราะห์ต่อผู้บริหารแล้ว",
        ),
        "outcome": ("การจัดซื้อจัดจ้างเปิดเผย ตรวจสอบได้ ไม่มีข้อทักท้วง",),
        BUDGET: ("ไม่ใช้งบประมาณ",),
        PROBLEMS: ("-",),
    },
    "E": {
        "measure": ("มาตรการป้องกันการขัดกันระหว่างประโยชน์ส่วนบุคคลและประโยชน์ส่วนรวม",),
        "steps": (
            "๑. จัดทำคู่มือการป้องกันผลประโยชน์ทับซ้อน",
            "๒. ให้บุคลากรยื่นแบบแสดงความขัดแย้งทางผลประโยชน์",
        ),
        "responsible": ("สำนักปลัดเทศบาล", "(งานการเจ้าหน้าที่)"),
        "period": ("มกราคม ๒๕๖๘",),
        "results": (
            "๑. เผยแพร่คู่มือให้บุคลากรทุกกอง",
            "๒. บุคลากรยื่นแบบแสดงความขัดแย้งทางผลประโยชน์ครบร้อยละ ๑๐๐",
        ),
        "outcome": ("บุคลากรเข้าใจและหลีกเลี่ยงการขัดกันระหว่างประโยชน์",),
        BUDGET: ("๕,๐๐๐",),
        PROBLEMS: ("-",),
    },
    "F": {
        "measure": ("โครงการอบรมคุณธรรมจริยธรรมสำหรับบุคลากรเทศบาล",),
        "steps": ("๑. จัดอบรมคุณธรรมจริยธรรม", "๒. ประเมินผลความรู้ก่อนและหลังอบรม"),
        "responsible": ("สำนักปลัดเทศบาล",),
        "period": ("มิถุนายน ๒๕๖๘",),
        "results": (
            "๑. จัดอบรม ๑ ครั้ง มีผู้เข้าร่วม ๘๕ คน",
            "๒. ผู้เข้าอบรมมีคะแนนหลังอบรมสูงขึ้นร้อยละ ๒๐",
        ),
        "outcome": ("บุคลากรนำหลักคุณธรรมไปใช้ในการปฏิบัติงาน",),
        BUDGET: ("๔๘,๐๐๐",),
        PROBLEMS: ("บุคลากรบางส่วนติดภารกิจ ไม่สามารถเข้าร่วมได้",),
    },
    "H": {
        "measure": ("มาตรการเปิดโอกาสให้ประชาชนมีส่วนร่วมตรวจสอบการดำเนินงาน",),
        "steps": (
            "๑. จัดประชุมประชาคมเมืองเพื่อรับฟังความคิดเห็น",
            "๒. แต่งตั้งตัวแทนชุมชนร่วมตรวจรับงานก่อสร้าง",
        ),
        "responsible": ("สำนักปลัดเทศบาล", "กองช่าง"),
        "period": ("ไตรมาสที่ ๒",),
        "results": (
            "๑. จัดประชุมประชาคม ๑๒ ชุมชน มีผู้เข้าร่วม ๔๑๐ คน",
            "๒. ตัวแทนชุมชนร่วมตรวจรับงานก่อสร้าง ๗ โครงการ",
        ),
        "outcome": ("ประชาชนมีส่วนร่วมและตรวจสอบการใช้จ่ายงบประมาณได้",),
        BUDGET: ("๒๐,๐๐๐",),
        PROBLEMS: ("-",),
    },
    "G": {
        "measure": ("มาตรการเพิ่มช่องทางการให้บริการผ่านระบบ e-Service",),
        "steps": (
            "๑. เปิดให้ยื่นคำร้องทั่วไปผ่านระบบ e-Service",
            "๒. ประชาสัมพันธ์ช่องทางให้ประชาชนทราบ",
        ),
        "responsible": ("สำนักปลัดเทศบาล", "กองคลัง"),
        "period": ("มี.ค. – ก.ย. ๒๕๖๘",),
        "results": (
            "๑. เปิดใช้ระบบ e-Service เมื่อเดือนมีนาคม ๒๕๖๘",
            "๒. มีผู้ยื่นคำร้องผ่านระบบ ๑๓๕ ราย",
        ),
        "outcome": ("ประชาชนได้รับบริการรวดเร็ว ลดการเดินทางมาติดต่อ",),
        BUDGET: ("๓๐,๐๐๐",),
        PROBLEMS: ("ผู้สูงอายุยังใช้ระบบไม่คล่อง",),
    },
    # อบจ.นครปฐม's ๒๕๖๘ permits measure, copied (handbook.permits_copy): only in ๒๕๖๘.
    "P": {k: (v[0].removeprefix("๐. "), *v[1:]) if k == "measure" else v
          for k, v in handbook.permits_copy(nakhonpathom.PERMITS).cells.items()},
}
# Measures whose text other agencies share (handbook.py).
SHARED = {"B": handbook.GIFT, "P": handbook.PERMITS}


def _year(
    be: int, keys: str, columns: tuple[Column, ...], number_column: bool
) -> list[MeasureDoc]:
    """The measures `keys` as printed in `be`: only the table's columns, numbered."""
    out = []
    for n, key in enumerate(keys, 1):
        m = shift_measure(MeasureDoc(cells=MEASURES[key], key=key, shared=SHARED.get(key, "")),
                          be - 2568)
        cells = {c.key: m.cells[c.key] for c in columns if c.key != NUMBER}
        if number_column:
            cells[NUMBER] = (thai_num(n),)
        else:
            first, *rest = cells["measure"]
            cells["measure"] = (f"{thai_num(n)}. {first}", *rest)
        out.append(replace(m, cells=cells))
    return out


def _report(be: int, keys: str, columns: tuple[Column, ...], **kw) -> ReportDoc:
    measures = _year(be, keys, columns, number_column=columns[0].key == NUMBER)
    return replace(build_report(ORG, be, measures, SHORT), columns=columns, **kw)


def report_2566() -> ReportDoc:
    return _report(2566, "ABCDF", COLUMNS_2566)


def report_2567() -> ReportDoc:
    return _report(2567, "ABCEDH", COLUMNS_2567, date=dt.date(2024, 10, 28))


def report_2568() -> ReportDoc:
    return _report(2568, "ABCEDHGP", COLUMNS_2568)
