"""องค์การบริหารส่วนตำบลบางครก: the seed report (๒๕๖๘), the two years before it, and the
๒๕๖๘ measure plan.

The earlier years are the seed edited backwards the way an agency edits last year's file:
years moved (stale ones included, since the seed's own stale "๖๗" becomes "๖๖"), wording
touched up, one measure that ๒๕๖๘ dropped (X) and two that ๒๕๖๗ dropped (Y, and the ITA
handbook's No Gift Policy measure every agency copies).

The plan, published in October ๒๕๖๗, lists the measures the ๒๕๖๘ report then reports on (the
seed's measure, steps, responsible and period cells) plus the ethics measure X, which the
report leaves out; each has an indicator and a budget. Two things differ from what the report
says it did: measure ๒ is planned for the first quarter and was carried out until March, and
the report's measure ๑๐, added during the year, is not in the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import handbook
from evolve import edit, numbered, shift_measure
from frame import build_plan, build_report
from seed import seed_measures
from spec import Column, MeasureDoc, Org, ReportDoc

ORG = Org("องค์การบริหารส่วนตำบลบางครก", "อบต.", "บ้านแหลม", "เพชรบุรี", "bangkrok")
SHORT = "องค์การบริหารส่วนตำบล"
# The seed's cover splits the title after "ผลการดำเนินการ" and says "เพื่อ" not "ตามมาตรการ".
SEED_COVER = ("รายงานผลการดำเนินการ", "เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")

# Written for ๒๕๖๖; years move with shift_measure.
ETHICS = MeasureDoc(
    key="X",
    cells={
        "measure": ("๐. มาตรการส่งเสริมการปฏิบัติตามประมวลจริยธรรมของเจ้าหน้าที่ของรัฐ",),
        "steps": (
            "๑. จัดทำประกาศประมวลจริยธรรมของพนักงานส่วนท้องถิ่น",
            "๒. จัดกิจกรรมเสริมสร้างคุณธรรมจริยธรรมให้แก่บุคลากร",
            "๓. ติดตามและประเมินผลการปฏิบัติตามประมวลจริยธรรม",
        ),
        "responsible": ("สำนักปลัด", "(งานการเจ้าหน้าที่)"),
        "period": ("มกราคม ๒๕๖๖",),
        "results": (
            "๑. ประกาศใช้ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น ลูกจ้างประจำ และพนักงานจ้าง "
            "ขององค์การบริหารส่วนตำบลบางครก",
            "๒. จัดโครงการอบรมคุณธรรมจริยธรรมให้แก่ผู้บริหาร สมาชิกสภา และพนักงาน จำนวน ๑ ครั้ง "
            "มีผู้เข้าร่วม ๔๒ คน",
            "๓. ประเมินผลการปฏิบัติตามประมวลจริยธรรม โดยมีรายละเอียดดังนี้",
            "(๑) จำนวนเรื่องที่มีการฝ่าฝืนประมวลจริยธรรม",
            "(๒) การดำเนินการทางวินัยที่เกี่ยวข้อง",
            "๔. รายงานผลการประเมินต่อนายกองค์การบริหารส่วนตำบลบางครก",
        ),
        "outcome": (
            "บุคลากรขององค์การบริหารส่วนตำบลบางครกรับทราบและถือปฏิบัติตามประมวลจริยธรรม "
            "ไม่ปรากฏการฝ่าฝืนประมวลจริยธรรมในปีงบประมาณ พ.ศ. ๒๕๖๖",
        ),
    },
)

PARTICIPATION = MeasureDoc(
    key="Y",
    cells={
        "measure": ("๐. มาตรการเปิดโอกาสให้ประชาชนมีส่วนร่วมในการดำเนินงานของหน่วยงาน",),
        "steps": (
            "๑. จัดประชุมประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น",
            "๒. แต่งตั้งตัวแทนประชาชนร่วมเป็นคณะกรรมการตรวจรับพัสดุ",
        ),
        "responsible": ("- สำนักปลัด", "- กองช่าง"),
        "period": ("ก.พ. – เม.ย. ๒๕๖๖",),
        "results": (
            "๑. จัดประชุมประชาคมหมู่บ้านครบทั้ง ๙ หมู่บ้าน มีประชาชนเข้าร่วมรวม ๓๘๗ คน",
            "๒. แต่งตั้งตัวแทนประชาชนร่วมเป็นคณะกรรมการตรวจรับพัสดุ ในโครงการก่อสร้างถนน "
            "คอนกรีตเสริมเหล็ก จำนวน ๔ โครงการ",
            "๓. เผยแพร่ผลการประชุมประชาคมทางเว็บไซต์ขององค์การบริหารส่วนตำบล",
        ),
        "outcome": (
            "ประชาชนมีส่วนร่วมในการเสนอปัญหาและความต้องการ และร่วมตรวจสอบการดำเนินงาน"
            "ของหน่วยงาน",
        ),
    },
)


# The handbook's No Gift Policy measure, in ๒๕๖๖ only (its last, eleventh measure).
GIFT = replace(
    handbook.gift_measure("นายกองค์การบริหารส่วนตำบลบางครก", "ที่ทำการองค์การบริหารส่วนตำบลบางครก",
                          2566, 3, 36),
    shared=handbook.GIFT,
)


def _seed() -> list[MeasureDoc]:
    return [MeasureDoc(cells=m.cells, key=f"s{i}") for i, m in enumerate(seed_measures(), 1)]


def report_2568() -> ReportDoc:
    """The seed report, cell texts exactly as the agency wrote them."""
    return build_report(ORG, 2568, _seed(), SHORT, cover_title=SEED_COVER)


def report_2567() -> ReportDoc:
    """Ten measures: the seed's first nine with the ethics measure X third; no s10 yet."""
    s = [shift_measure(m, -1) for m in _seed()]
    s1 = edit(
        s[0],
        period=("ตลอดปีงบประมาณ ๒๕๖๗",),
        results=(("๕. กำหนดแนวปฏิบัติ", "๔. กำหนดแนวปฏิบัติ"), ("๖. ดำเนินโครงการอบรม", None)),
    )
    s2 = edit(s[1], period=("๑ ต.ค. ๖๖ - ๓๐ ก.ย. ๖๗",), results=(("www.bangkok.go.th ", ""),))
    s3 = edit(
        s[2],
        period=("ปีงบประมาณ พ.ศ. ๒๕๖๗",),
        outcome=(("ไม่ปรากฏพบว่าการร้องเรียน", "ไม่พบการร้องเรียน"),),
    )
    s5 = edit(s[4], outcome=(("และไม่มี การเรียกรับ", "และไม่มีการเรียกรับ"),))
    s6 = edit(s[5], steps=(("เช่น Messenger Live Chat", "เช่น Facebook Messenger"),))
    s7 = edit(s[6], period=("มกราคม ๒๕๖๗",))
    s8 = edit(s[7], responsible=("กองคลัง", "(งานพัสดุ)"))
    s9 = edit(s[8], period=("ไตรมาสที่ ๒ และไตรมาสที่ ๔",))
    x = shift_measure(ETHICS, 1)
    x = edit(x, period=("ไตรมาสที่ ๒",))
    measures = numbered([s1, s2, x, s3, s[3], s5, s6, s7, s8, s9])
    # The preface still names ๒๕๖๖: last year's file, edited in a hurry.
    return build_report(ORG, 2567, measures, SHORT, preface_year=2566)


def report_2566() -> ReportDoc:
    """Eleven measures, including Y and the No Gift Policy one (both dropped in ๒๕๖๗); shorter
    result lists."""
    s = [shift_measure(m, -2) for m in _seed()]
    s1 = edit(
        s[0],
        results=(("๕. กำหนดแนวปฏิบัติ", None), ("๖. ดำเนินโครงการอบรม", None)),
        outcome=("ประชาชนในพื้นที่ตำบลบางครกได้รับความรู้เกี่ยวกับขั้นตอนและระยะเวลา"
                 "ในการติดต่อขอรับบริการ",),
    )
    s2 = edit(s[1], results=(("www.bangkok.go.th ", ""),))
    s4 = edit(s[3], steps=(("๒. รายงานความก้าวหน้า", None),))
    s6 = edit(s[5], period=("ตลอดปีงบประมาณ ๒๕๖๖",))
    s8 = edit(s[7], period=("๑ ต.ค. ๖๕ - ๓๐ ก.ย. ๖๖",))
    measures = numbered([s1, s2, ETHICS, s[2], s4, s[4], PARTICIPATION, s6, s[6], s8, GIFT])
    return build_report(ORG, 2566, measures, SHORT)


INDICATOR = "ตัวชี้วัด"
BUDGET = "งบประมาณ"
PLAN_COLUMNS = (
    Column("measure", "มาตรการ/โครงการ/กิจกรรม", 4.4),
    Column("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", 8.6),
    Column("responsible", "ผู้รับผิดชอบ", 3.0),
    Column("period", "ระยะเวลาดำเนินการ", 3.2),
    Column(INDICATOR, INDICATOR, 4.8),
    Column(BUDGET, BUDGET, 2.7),
)
# Per planned measure, in plan order: (indicator, budget). The seed's first nine, X at sixth.
PLAN_TARGETS = (
    ("ผู้รับบริการพึงพอใจไม่น้อยกว่าร้อยละ ๘๐", "ไม่ใช้งบประมาณ"),
    ("บุคลากรลงนามรับทราบแนวทางครบทุกคน", "ไม่ใช้งบประมาณ"),
    ("มีแผนป้องกันการทุจริตประจำปี", "ไม่ใช้งบประมาณ"),
    ("เผยแพร่ข้อมูลการใช้จ่ายงบประมาณครบทุกไตรมาส", "ไม่ใช้งบประมาณ"),
    ("ลดระยะเวลาการให้บริการลงร้อยละ ๒๐", "๑๐,๐๐๐ บาท"),
    ("บุคลากรผ่านการอบรมไม่น้อยกว่าร้อยละ ๙๐", "๓๕,๐๐๐ บาท"),
    ("มีช่องทางสื่อสารกับประชาชนอย่างน้อย ๓ ช่องทาง", "ไม่ใช้งบประมาณ"),
    ("ไม่มีการนำทรัพย์สินราชการไปใช้ส่วนตน", "ไม่ใช้งบประมาณ"),
    ("เผยแพร่แผนการจัดซื้อจัดจ้างภายในเดือนตุลาคม", "ไม่ใช้งบประมาณ"),
    ("มีหลักเกณฑ์การบริหารงานบุคคลที่เปิดเผย", "ไม่ใช้งบประมาณ"),
)
# Measure ๒ as planned: the first quarter (the report carried it out from October to March).
PLANNED_PERIOD_2 = ("ต.ค. – ธ.ค. ๒๕๖๗",)
PLAN_KEYS = ("measure", "steps", "responsible", "period")


def plan_2568() -> ReportDoc:
    """Ten planned measures: the report's first nine (numbers as the report gives them), one
    planned for a shorter period than it took, and X; the report's tenth is unplanned."""
    seed = _seed()[:9]
    planned = [replace(m, reported_as=i) for i, m in enumerate(seed, 1)]
    planned[1] = edit(planned[1], period=PLANNED_PERIOD_2)
    planned.insert(5, replace(shift_measure(ETHICS, 2), reported_as=None))
    measures = [
        replace(m, cells={
            **{k: m.cells[k] for k in PLAN_KEYS},
            INDICATOR: (indicator,),
            BUDGET: (budget,),
        })
        for m, (indicator, budget) in zip(numbered(planned), PLAN_TARGETS, strict=True)
    ]
    plan = build_plan(ORG, 2568, measures)
    return replace(plan, columns=PLAN_COLUMNS, date=dt.date(2024, 10, 21))
