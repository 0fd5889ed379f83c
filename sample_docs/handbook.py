"""Text agencies copy from each other: what the audit features must find across agencies.

- The No Gift Policy measure as the ITA handbook words it. เทศบาลตำบลบ้านลาด's measure is the
  handbook's text with its own names in it; the other agencies copied the same text and put
  their own head, place and counts in (`gift_measure`). Every agency of the corpus has it in at
  least one year, so it is template text: shared by all, not a finding.
- อบจ.นครปฐม's ๒๕๖๘ permits measure, copied into เทศบาลเมืองชะอำ's ๒๕๖๘ report with its digits
  written the Thai way and one line reworded (`permits_copy`): two agencies sharing unusual
  text, the finding.
"""

from __future__ import annotations

from dataclasses import replace

from spec import MeasureDoc, measure_doc, thai_num

GIFT = "handbook-no-gift"
PERMITS = "pao-nakhonpathom-permits"


def gift_measure(head: str, office: str, be: int, day: int, staff: int) -> MeasureDoc:
    """The handbook's No Gift Policy measure as an agency fills it in: `head` signs the
    declaration on `day` October of the fiscal year's first month, posted at `office`, and
    `staff` people attend the awareness session."""
    return measure_doc(
        "gift",
        measure=("๐. มาตรการงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",),
        steps=(
            f"๑. ประกาศเจตนารมณ์ No Gift Policy โดย{head}",
            "๒. ประชาสัมพันธ์ประกาศให้บุคลากรและประชาชนทราบ",
        ),
        responsible=("สำนักปลัด",),
        period=("ไตรมาสที่ ๑",),
        results=(
            f"๑. {head}ลงนามประกาศเจตนารมณ์ No Gift Policy ฉบับภาษาไทยและภาษาอังกฤษ "
            f"เมื่อวันที่ {thai_num(day)} ตุลาคม {thai_num(be - 1)}",
            f"๒. ติดประกาศ ณ {office} และเผยแพร่ทางเว็บไซต์และเพจ Facebook ของหน่วยงาน",
            f"๓. จัดกิจกรรมปลูกจิตสำนึกให้บุคลากร ๑ ครั้ง ผู้เข้าร่วม {thai_num(staff)} คน",
        ),
        outcome=("บุคลากรของหน่วยงานไม่รับของขวัญหรือของกำนัลจากการปฏิบัติหน้าที่",),
    )


def permits_copy(original: MeasureDoc) -> MeasureDoc:
    """อบจ.นครปฐม's permits measure as ชะอำ copied it: Thai digits, one result reworded."""
    cells = {k: tuple(line.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) for line in v)
             for k, v in original.cells.items()}
    cells["responsible"] = ("กองช่าง", "กองคลัง")
    cells["results"] = (cells["results"][0],
                        "๒. เจ้าหน้าที่ทุกคนจัดทำแบบแจ้งการมีส่วนได้เสียครบถ้วน")
    return replace(original, cells=cells, key="permits", shared=PERMITS)
