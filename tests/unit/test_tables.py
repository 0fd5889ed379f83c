"""Measure-table assembly on tiny literal rows."""

from __future__ import annotations

import pytest

from ingest.tables import (
    RawRow,
    assemble_measures,
    header_columns,
    is_header_row,
    join_lines,
    measure_number,
    split_items,
)

HEADER = (
    "มาตรการ/โครงการ/\nกิจกรรม",
    "ขั้นตอนหรือวิธีการปฏิบัติ",
    "ผู้รับผิดชอบ",
    "ระยะเวลา\nดำเนินการ",
    "ผลการดำเนินการ",
    "ผลลัพธ์หรือความสำเร็จของการ\nดำเนินการ",
)


def test_join_lines_thai_to_thai_has_no_space() -> None:
    assert join_lines(["มาตรการป้องกันการ", "ขัดกันระหว่างประโยชน์"]) == "มาตรการป้องกันการขัดกันระหว่างประโยชน์"


def test_join_lines_space_where_latin_or_digit_meets() -> None:
    assert join_lines(["บริการ", "E-Service"]) == "บริการ E-Service"
    assert join_lines(["No Gift", "Policy"]) == "No Gift Policy"
    assert join_lines(["ปีงบประมาณ", "๒๕๖๘"]) == "ปีงบประมาณ ๒๕๖๘"


def test_join_lines_hyphenated_latin_word_stays_whole() -> None:
    # Regression: "E-" at a line end and "Service" after it became "E- Service".
    assert join_lines(["ออนไลน์หรือ E-", "Service"]) == "ออนไลน์หรือ E-Service"
    assert join_lines(["ลด -", "๕ วัน"]) == "ลด - ๕ วัน"


def test_join_lines_number_wrapped_mid_digits() -> None:
    # LibreOffice wrapped "๒๕๖๗" inside a narrow period column.
    assert join_lines(["ต.ค. ๒๕๖", "๗ – มี.ค."]) == "ต.ค. ๒๕๖๗ – มี.ค."


def test_join_lines_item_after_a_number_is_not_glued_to_it() -> None:
    # "ประจำปีฯ ๖๘" ends a line and "๒. รายงาน" starts the next: not the number ๖๘๒.
    assert join_lines(["๑. แผน ประจำปีฯ ๖๘", "๒. รายงาน"]) == "๑. แผน ประจำปีฯ ๖๘\n๒. รายงาน"


def test_header_row_recognised_with_wrapped_titles() -> None:
    assert is_header_row(HEADER)


def test_header_row_recognised_when_bold_mark_is_damaged() -> None:
    # LibreOffice bold: ผู้ comes out as ผ U+0E49 U+0E49 (ToUnicode collision).
    damaged = list(HEADER)
    damaged[2] = "ผ\u0e49\u0e49รับผิดชอบ"
    damaged[0] = "มาตรการ/โครงการ/กจิกรรม"
    assert is_header_row(damaged)


def test_measure_row_is_not_a_header() -> None:
    assert not is_header_row(("๑. มาตรการป้องกัน", "๑. จัดทำแผน", "สำนักปลัด", "ปีงบประมาณ ๒๕๖๘", "", ""))


def test_header_columns_follow_the_titles_not_the_positions() -> None:
    shuffled = (HEADER[1], HEADER[0], *HEADER[2:])
    cols = header_columns(shuffled)
    assert cols["measure"] == 1 and cols["steps"] == 0 and cols["outcome"] == 5


@pytest.mark.parametrize(
    ("cell", "number"),
    [("๑. กิจกรรม", 1), ("10. มาตรการ", 10), (" ๑๐.มาตรการ", 10), ("ส่วนท้าย", None), ("", None),
     ("๒๕๖๘. ปี", None), ("1.5 ล้าน", None)],
)
def test_measure_number(cell: str, number: int | None) -> None:
    assert measure_number(cell) == number


def test_continuation_rows_append_to_the_measure_before() -> None:
    rows = [
        RawRow(3, HEADER),
        RawRow(3, ("๑. มาตรการป้องกันการ", "๑. ประเมินความเสี่ยง", "สำนักปลัด", "ปีงบประมาณ ๒๕๖๘", "๑. ดำเนินการ", "ผลดี")),
        RawRow(4, HEADER),
        RawRow(4, ("ทุจริต", "๒. จัดให้มีช่องทาง", "", "", "๒. รายงาน", "")),
        RawRow(4, ("๒. มาตรการสร้าง", "๑. เผยแพร่", "กองคลัง", "ต.ค.-ธ.ค.๖๗", "ดำเนินการแล้ว", "ครบถ้วน")),
    ]
    measures, warnings = assemble_measures(rows)
    assert warnings == []
    assert [m.number for m in measures] == [1, 2]
    first = measures[0]
    assert first.pages == (3, 4)
    assert first.cells["measure"] == "๑. มาตรการป้องกันการทุจริต"
    assert first.cells["steps"] == "๑. ประเมินความเสี่ยง\n๒. จัดให้มีช่องทาง"
    assert first.cells["responsible"] == "สำนักปลัด"
    assert measures[1].cells["period"] == "ต.ค.-ธ.ค.๖๗"
    assert measures[1].pages == (4,)


def test_rows_before_the_first_measure_are_reported() -> None:
    rows = [RawRow(2, ("หมายเหตุ", "", "", "", "", "")), RawRow(2, ("๑. มาตรการ", "", "", "", "", ""))]
    measures, warnings = assemble_measures(rows)
    assert [m.number for m in measures] == [1]
    assert warnings == ["page 2: table text before the first measure was skipped"]


def test_split_items_keeps_text_as_written() -> None:
    cell = "๑. มีแผนดำเนินงาน ประจำปีฯ ๖๘ ๒. รายงานความก้าวหน้า ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๗"
    assert split_items(cell) == (
        "๑. มีแผนดำเนินงาน ประจำปีฯ ๖๘",
        "๒. รายงานความก้าวหน้า ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๗",
    )


def test_split_items_year_with_full_stop_is_not_an_item() -> None:
    assert split_items("๑. แผน ปีงบประมาณ ๖๘. ต่อไป ๒. ผล") == ("๑. แผน ปีงบประมาณ ๖๘. ต่อไป", "๒. ผล")


def test_split_items_parenthesised_subitems_and_skipped_numbers() -> None:
    cell = "๕. จัดทำแผน ดังนี้ (๑) โครงการ (๒) งบประมาณ ๗. เผยแพร่"
    assert split_items(cell) == ("๕. จัดทำแผน ดังนี้", "(๑) โครงการ", "(๒) งบประมาณ", "๗. เผยแพร่")


def test_split_items_arabic_digits() -> None:
    assert split_items("1. จัดทำ 2. รายงาน") == ("1. จัดทำ", "2. รายงาน")


def test_split_items_unnumbered_cell_has_no_items() -> None:
    assert split_items("สำนักปลัด") == ()


def test_split_items_paren_marker_with_space_inside_or_none_before() -> None:
    # A line wrap can fall inside "(๑)", and extraction can lose the space before it.
    assert split_items("๑. ดังนี้ ( ๑) ชื่องาน(๒) วิธี") == ("๑. ดังนี้", "( ๑) ชื่องาน", "(๒) วิธี")


def test_closing_line_added_where_chrome_draws_only_rule_stubs() -> None:
    from ingest.cells import closing_lines

    def edge(o: str, x0: float, x1: float, top: float, bottom: float) -> dict:
        return {"orientation": o, "x0": x0, "x1": x1, "top": top, "bottom": bottom}

    edges = [edge("v", 40, 40, 100, 550), edge("v", 800, 800, 100, 550),
             edge("h", 40, 800, 100, 100),
             # a vertical rule drawn as a 0.75pt rectangle: its bottom edge is a stub
             edge("h", 40, 40.75, 550, 550), edge("h", 799.25, 800, 550, 550)]
    assert closing_lines(edges) == [550]
    edges.append(edge("h", 40, 800, 550, 550))
    assert closing_lines(edges) == []


def test_measure_rows_ignores_tables_without_the_measure_header() -> None:
    from ingest.tables import RawTable, measure_rows

    budget = RawTable(1, (("ที่", "รายการ", "งบประมาณ"), ("1.", "ค่าจ้าง", "๑๐๐")))
    measure = RawTable(2, (HEADER, ("๑. มาตรการ", "", "", "", "", "")))
    headless_next_page = RawTable(3, (("ต่อ", "", "", "", "", ""),))
    other_later = RawTable(3, (("1.", "x"),))
    rows = measure_rows([budget, measure, headless_next_page, other_later])
    assert [(r.page, r.cells[0]) for r in rows] == [(2, HEADER[0]), (2, "๑. มาตรการ"), (3, "ต่อ")]


def test_cell_text_keeps_deliberate_breaks_and_joins_wraps() -> None:
    from ingest.tables import cell_text

    # "\n" between wrapped lines, a blank line where the author broke the line.
    assert cell_text("สำนักปลัด\n\nกองคลัง\n\nกอง\nช่าง") == "สำนักปลัด\nกองคลัง\nกองช่าง"
    assert cell_text("๑. จัดทำ\nคู่มือ\n\n๒. ติดตาม") == "๑. จัดทำคู่มือ\n๒. ติดตาม"
    assert cell_text("ประชา\nสัมพันธ์") == "ประชาสัมพันธ์"
