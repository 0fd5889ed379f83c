"""เทศบาลตำบลท่ายาง (อำเภอท่ายาง จังหวัดเพชรบุรี): ๒๕๖๕ to ๒๕๖๘, one layout a year.

A town whose staff changed tools every year: ๒๕๖๕ is a narrow-columned Chromium page with a
small table font (lines overflow their cells), ๒๕๖๖ an Excel sheet printed by LibreOffice
Calc, ๒๕๖๗ a table ruled only between rows, ๒๕๖๘ a portrait LibreOffice document. The
content exercises what those layouts break: unit lists typed one per line (deliberate
breaks), final ณ, tone marks and ์ at line ends, long URLs, dash lists.

Measure sets: ๒๕๖๖ adds the e-Service measure; ๒๕๖๗ folds complaints into prevention and
adds participation; ๒๕๖๘ drops the gift measure, whose text is the ITA handbook's
(handbook.py).
"""

from __future__ import annotations

from dataclasses import replace

import handbook
from evolve import edit, numbered, shift_measure
from frame import build_report
from spec import Org, ReportDoc, measure_doc

ORG = Org("เทศบาลตำบลท่ายาง", "เทศบาลตำบล", "ท่ายาง", "เพชรบุรี", "thayang")
SHORT = "เทศบาลตำบลท่ายาง"
WEB = "www.thayang.go.th"

_GIFT = handbook.gift_measure("นายกเทศมนตรีตำบลท่ายาง", "สำนักงานเทศบาลตำบลท่ายาง", 2565, 15, 48)

# Written for ๒๕๖๕; later years move with shift_measure.
MEASURES_2565 = [
    measure_doc(
        "disclosure",
        measure=("๐. มาตรการเผยแพร่ข้อมูลข่าวสารของเทศบาลต่อสาธารณะ",),
        steps=(
            "๑. แต่งตั้งเจ้าหน้าที่ผู้รับผิดชอบการเผยแพร่ข้อมูลข่าวสาร",
            "๒. ปรับปรุงข้อมูลบนเว็บไซต์ให้เป็นปัจจุบันทุกเดือน",
            "๓. ตรวจสอบความครบถ้วนของข้อมูลตามแบบ OIT",
        ),
        responsible=("สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง"),
        period=("ปีงบประมาณ ๒๕๖๕",),
        results=(
            "๑. มีคำสั่งแต่งตั้งเจ้าหน้าที่ผู้รับผิดชอบ ที่ ๓๕๒/๒๕๖๔",
            f"๒. ปรับปรุงข้อมูลบนเว็บไซต์ {WEB} ครบ ๑๒ เดือน",
            "๓. ตรวจสอบข้อมูลตามแบบ OIT ครบถ้วน โดยมีรายละเอียดดังนี้",
            "(๑) ข้อมูลพื้นฐาน",
            "(๒) การบริหารงานและงบประมาณ",
            "(๓) การส่งเสริมความโปร่งใส",
        ),
        outcome=("ประชาชนเข้าถึงข้อมูลข่าวสารของเทศบาลได้สะดวกและทันเหตุการณ์",),
    ),
    measure_doc(
        "complaints",
        measure=("๐. มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",),
        steps=(
            "๑. จัดทำคู่มือการจัดการเรื่องร้องเรียน",
            "๒. เปิดช่องทางรับเรื่องร้องเรียนที่หลากหลาย",
            "๓. รายงานผลการจัดการเรื่องร้องเรียนต่อนายกเทศมนตรี",
        ),
        responsible=("สำนักปลัดเทศบาล", "(งานนิติการ)"),
        period=("ต.ค. ๒๕๖๔ – มี.ค. ๒๕๖๕",),
        results=(
            "๑. จัดทำคู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
            "๒. เปิดช่องทางร้องเรียน ได้แก่",
            "- ตู้รับเรื่องร้องเรียนหน้าสำนักงานเทศบาล",
            "- โทรศัพท์ ๐ ๓๒๔๗ ๑๐๐๕",
            "- เว็บไซต์และเพจ Facebook ของเทศบาล",
            "๓. ไม่มีเรื่องร้องเรียนการทุจริตในรอบ ๖ เดือน",
        ),
        outcome=("ประชาชนมีช่องทางร้องเรียนที่เข้าถึงง่าย และได้รับแจ้งผลการดำเนินการ",),
    ),
    # The ITA handbook's wording, which every agency copies (handbook.gift_measure), its
    # responsible cell as this town types it.
    replace(_GIFT, cells={**_GIFT.cells, "responsible": ("ทุกส่วนราชการ",)}, shared=handbook.GIFT),
    measure_doc(
        "procurement",
        measure=("๐. มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",),
        steps=(
            "๑. เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี",
            "๒. ดำเนินการจัดซื้อจัดจ้างผ่านระบบจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์",
            "๓. รายงานผลการจัดซื้อจัดจ้างทุกเดือน",
        ),
        responsible=("กองคลัง", "(งานพัสดุและทรัพย์สิน)"),
        period=("๑ ต.ค. ๖๔ - ๓๐ ก.ย. ๖๕",),
        results=(
            "๑. ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
            "๒. จัดซื้อจัดจ้างผ่านระบบ e-GP จำนวน ๕๗ โครงการ",
            "๓. รายงานผลการจัดซื้อจัดจ้าง (แบบ สขร.๑) ครบทุกเดือน",
        ),
        outcome=("การจัดซื้อจัดจ้างเป็นไปตามระเบียบ ไม่มีข้อร้องเรียนจากผู้ประกอบการ",),
    ),
    # Its own wording (no other agency of the corpus shares these two: audit truth).
    measure_doc(
        "assets",
        measure=("๐. มาตรการควบคุมการใช้รถส่วนกลางและครุภัณฑ์ซึ่งเป็นทรัพย์สินของราชการ",),
        steps=(
            "๑. จัดทำทะเบียนคุมการใช้รถส่วนกลางและเครื่องมือช่าง",
            "๒. สุ่มตรวจสมุดบันทึกการใช้รถทุกไตรมาส",
        ),
        responsible=("กองคลัง",),
        period=("มกราคม ๒๕๖๕",),
        results=(
            "๑. ทะเบียนคุมรถส่วนกลาง ๖ คัน และเครื่องมือช่าง ๔๒ รายการ เป็นปัจจุบัน",
            "๒. สุ่มตรวจสมุดบันทึกการใช้รถ ๔ ครั้ง ไม่พบการใช้นอกราชการ",
        ),
        outcome=("รถและครุภัณฑ์ของเทศบาลใช้เพื่องานราชการเท่านั้น",),
    ),
    measure_doc(
        "hr",
        measure=("๐. มาตรการสร้างความเป็นธรรมในการโยกย้ายและเลื่อนขั้นเงินเดือน",),
        steps=(
            "๑. แต่งตั้งคณะกรรมการกลั่นกรองที่มีผู้แทนพนักงานร่วมด้วย",
            "๒. ปิดประกาศผลการเลื่อนขั้นเงินเดือนพร้อมเหตุผล",
        ),
        responsible=("สำนักปลัดเทศบาล", "(งานการเจ้าหน้าที่)"),
        period=("เม.ย.-มิ.ย.๖๕",),
        results=(
            "๑. คณะกรรมการกลั่นกรองประชุม ๒ ครั้ง ตามรอบการประเมิน",
            "๒. ปิดประกาศผลการเลื่อนขั้นเงินเดือนภายใน ๗ วันหลังผู้บริหารอนุมัติ",
        ),
        outcome=("พนักงานยอมรับผลการเลื่อนขั้นเงินเดือน ไม่มีการอุทธรณ์",),
    ),
    measure_doc(
        "prevention",
        measure=("๐. มาตรการป้องกันการทุจริตเชิงรุก",),
        steps=(
            "๑. ประเมินความเสี่ยงการทุจริต",
            "๒. จัดทำแผนปฏิบัติการป้องกันการทุจริต",
        ),
        responsible=("สำนักปลัดเทศบาล", "กองยุทธศาสตร์และงบประมาณ"),
        period=("ตลอดปีงบประมาณ ๒๕๖๕",),
        results=(
            "๑. ประเมินความเสี่ยงการทุจริต ๒ ประเด็น ได้แก่",
            "(๑) การออกใบอนุญาตก่อสร้างอาคาร",
            "(๒) การจัดเก็บค่าธรรมเนียมที่จอดรถชายหาด",
            "๒. จัดทำแผนปฏิบัติการป้องกันการทุจริต จำนวน ๘ โครงการ",
        ),
        outcome=("ความเสี่ยงการทุจริตอยู่ในระดับที่ยอมรับได้",),
    ),
]

ESERVICE = measure_doc(
    "eservice",
    measure=("๐. มาตรการพัฒนาการให้บริการผ่านระบบอิเล็กทรอนิกส์ (e-Service)",),
    steps=(
        "๑. จัดทำแบบคำร้องออนไลน์สำหรับงานบริการหลัก",
        "๒. ประชาสัมพันธ์ช่องทางให้ประชาชนทราบ",
    ),
    responsible=("สำนักปลัดเทศบาล", "(งานประชาสัมพันธ์)"),
    period=("มิถุนายน ๒๕๖๖",),
    results=(
        f"๑. เปิดให้บริการคำร้องออนไลน์ที่ {WEB}/eservice จำนวน ๔ งาน",
        "๒. มีผู้ใช้บริการผ่านระบบ ๑๓๘ ราย",
    ),
    outcome=("ประชาชนได้รับบริการสะดวก ลดการเดินทางมาติดต่อที่สำนักงาน",),
)

PARTICIPATION = measure_doc(
    "participation",
    measure=("๐. มาตรการเปิดโอกาสให้ประชาชนมีส่วนร่วมตรวจสอบการดำเนินงาน",),
    steps=(
        "๑. แต่งตั้งตัวแทนประชาคมร่วมเป็นคณะกรรมการตรวจรับพัสดุ",
        "๒. จัดเวทีประชาคมเพื่อรับฟังความคิดเห็น",
    ),
    responsible=("กองช่าง", "กองยุทธศาสตร์และงบประมาณ"),
    period=("ไตรมาสที่ ๒ และไตรมาสที่ ๔",),
    results=(
        "๑. ตัวแทนประชาคมร่วมตรวจรับงานก่อสร้าง ๖ โครงการ",
        "๒. จัดเวทีประชาคม ๒ ครั้ง มีผู้เข้าร่วม ๒๑๕ คน",
    ),
    outcome=("ประชาชนมีส่วนร่วมตรวจสอบการใช้งบประมาณของเทศบาล",),
)


def report_2565() -> ReportDoc:
    """Seven measures, the first year on file."""
    return build_report(ORG, 2565, numbered(MEASURES_2565), SHORT)


def report_2566() -> ReportDoc:
    """The seven carried over with years moved, and the e-Service measure added."""
    disclosure, complaints, gift, procurement, assets, hr, prevention = (
        shift_measure(m, 1) for m in MEASURES_2565
    )
    procurement = edit(procurement, results=(("จำนวน ๕๗ โครงการ", "จำนวน ๖๒ โครงการ"),))
    gift = edit(gift, period=("ต.ค.-ธ.ค.๖๕",))
    measures = [disclosure, complaints, gift, procurement, assets, hr, prevention, ESERVICE]
    return build_report(ORG, 2566, numbered(measures), SHORT)


def report_2567() -> ReportDoc:
    """Complaints folded into prevention; participation added."""
    disclosure, _complaints, gift, procurement, assets, hr, prevention = (
        shift_measure(m, 2) for m in MEASURES_2565
    )
    prevention = edit(
        prevention,
        steps=(*prevention.cells["steps"], "๓. จัดการเรื่องร้องเรียนการทุจริตตามคู่มือ"),
        responsible=("สำนักปลัดเทศบาล", "(งานนิติการ)", "กองยุทธศาสตร์และงบประมาณ"),
    )
    eservice = edit(shift_measure(ESERVICE, 1), results=(("๑๓๘ ราย", "๔๐๖ ราย"),))
    hr = edit(hr, period=("ไตรมาสที่ ๓",))
    measures = [disclosure, gift, procurement, assets, hr, prevention, eservice, PARTICIPATION]
    return build_report(ORG, 2567, numbered(measures), SHORT)


def report_2568() -> ReportDoc:
    """The gift measure dropped; the rest carried over."""
    disclosure, _complaints, _gift, procurement, assets, hr, prevention = (
        shift_measure(m, 3) for m in MEASURES_2565
    )
    prevention = edit(
        prevention,
        steps=(*prevention.cells["steps"], "๓. จัดการเรื่องร้องเรียนการทุจริตตามคู่มือ"),
    )
    eservice = edit(shift_measure(ESERVICE, 2), results=(("๑๓๘ ราย", "๕๙๑ ราย"),))
    participation = shift_measure(PARTICIPATION, 1)
    measures = [disclosure, procurement, assets, hr, prevention, eservice, participation]
    return build_report(ORG, 2568, numbered(measures), SHORT)
