"""Measure-table assembly on tiny literal rows."""

from __future__ import annotations

import pytest

from ingest.model import COLUMN_KEYS
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
    result = assemble_measures(rows)
    measures = result.measures
    assert result.warnings == []
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
    result = assemble_measures(rows)
    assert [m.number for m in result.measures] == [1]
    assert result.warnings == ["page 2: table text before the first measure was skipped"]


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


# Header variants: each a table as some agency prints it, read through ingest/headers.toml.

def test_other_names_for_the_canonical_columns() -> None:
    header = ("โครงการ/กิจกรรม", "วิธีการดำเนินการ", "หน่วยงานที่รับผิดชอบ", "ระยะเวลา",
              "ผลการดำเนินงาน", "ผลสัมฤทธิ์")
    rows = [RawRow(1, header), RawRow(1, ("๑. อบรม", "๑. จัดอบรม", "กองคลัง", "ม.ค. ๖๘", "อบรมแล้ว", "ดี"))]
    result = assemble_measures(rows)
    assert result.measures[0].cells == {
        "measure": "๑. อบรม", "steps": "๑. จัดอบรม", "responsible": "กองคลัง",
        "period": "ม.ค. ๖๘", "results": "อบรมแล้ว", "outcome": "ดี"}
    assert result.measures[0].extra == ()
    assert result.fields == frozenset(COLUMN_KEYS)


def test_number_column_gives_the_measure_number_and_is_kept_as_extra() -> None:
    header = ("ลำดับ", "มาตรการ", "วิธีการดำเนินการ", "หน่วยงานที่รับผิดชอบ", "ระยะเวลา\nดำเนินการ",
              "ผลการดำเนินงาน")
    rows = [
        RawRow(2, header),
        RawRow(2, ("๑", "มาตรการเผยแพร่ข้อมูล", "๑. จัดทำ", "สำนักปลัด", "ต.ค. ๖๗", "เผยแพร่แล้ว")),
        RawRow(3, header),
        RawRow(3, ("", "ต่อเนื่อง", "๒. ติดตาม", "", "", "")),
        RawRow(3, ("๒.", "มาตรการรับเรื่องร้องเรียน", "๑. รับเรื่อง", "กองช่าง", "ม.ค. ๖๘", "ไม่มีเรื่อง")),
    ]
    result = assemble_measures(rows)
    first, second = result.measures
    assert (first.number, second.number) == (1, 2)
    assert first.cells["measure"] == "มาตรการเผยแพร่ข้อมูลต่อเนื่อง"
    assert first.cells["steps"] == "๑. จัดทำ\n๒. ติดตาม"
    assert first.pages == (2, 3)
    assert first.extra == (("ลำดับ", "๑"),)
    assert second.extra == (("ลำดับ", "๒."),)


def test_five_columns_without_outcome_leave_it_empty() -> None:
    header = ("ที่", "มาตรการ/โครงการ", "ขั้นตอนการดำเนินงาน", "ผู้รับผิดชอบ", "ผลการดำเนินการ")
    rows = [RawRow(1, header), RawRow(1, ("1", "ประกาศเจตนารมณ์", "ประกาศ", "นายก", "ประกาศแล้ว"))]
    result = assemble_measures(rows)
    m = result.measures[0]
    assert m.number == 1
    assert (m.cells["outcome"], m.cells["period"]) == ("", "")
    assert m.cells["results"] == "ประกาศแล้ว"
    assert result.fields == frozenset({"measure", "steps", "responsible", "results"})


def test_seven_columns_with_budget_and_problems_kept_in_column_order() -> None:
    header = ("มาตรการ/โครงการ/กิจกรรม", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "งบประมาณ\n(บาท)",
              "ระยะเวลาดำเนินการ", "ผลการดำเนินการ", "ปัญหา/\nอุปสรรค")
    rows = [RawRow(1, header),
            RawRow(1, ("๑. จัดซื้อ", "๑. ประกาศ", "กองคลัง", "๕๐,๐๐๐", "ต.ค. ๖๗", "ดำเนินการแล้ว", "ไม่มี"))]
    m = assemble_measures(rows).measures[0]
    assert m.extra == (("งบประมาณ (บาท)", "๕๐,๐๐๐"), ("ปัญหา/อุปสรรค", "ไม่มี"))
    assert m.cells["period"] == "ต.ค. ๖๗" and m.cells["results"] == "ดำเนินการแล้ว"


def test_two_row_header_with_a_cell_merged_over_two_columns() -> None:
    # "ผลการดำเนินงาน" spans two columns; the others span both rows (empty below).
    top = ("มาตรการ/โครงการ", "ขั้นตอนการดำเนินงาน", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินงาน", "")
    bottom = ("", "", "", "", "ผลผลิต", "ผลลัพธ์")
    rows = [RawRow(1, top), RawRow(1, bottom),
            RawRow(1, ("๑. อบรม", "จัดอบรม", "สำนักปลัด", "มี.ค. ๖๘", "๔๐ คน", "เข้าใจ"))]
    result = assemble_measures(rows)
    m = result.measures[0]
    assert (m.cells["results"], m.cells["outcome"]) == ("๔๐ คน", "เข้าใจ")
    assert m.extra == ()
    assert result.fields == frozenset(COLUMN_KEYS)


def test_two_row_header_whose_sub_columns_name_nothing_we_know() -> None:
    # Quarters under a merged ระยะเวลา: no column is the period; each quarter is an extra cell.
    top = ("มาตรการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ระยะเวลาดำเนินการ", "", "", "")
    bottom = ("", "", "", "ไตรมาส ๑", "ไตรมาส ๒", "ไตรมาส ๓", "ไตรมาส ๔")
    rows = [RawRow(1, top), RawRow(1, bottom),
            RawRow(1, ("๑. อบรม", "สำนักปลัด", "อบรมแล้ว", "", "✓", "", ""))]
    result = assemble_measures(rows)
    m = result.measures[0]
    assert "period" not in result.fields
    assert m.extra == (("ระยะเวลาดำเนินการ ไตรมาส ๑", ""), ("ระยะเวลาดำเนินการ ไตรมาส ๒", "✓"),
                       ("ระยะเวลาดำเนินการ ไตรมาส ๓", ""), ("ระยะเวลาดำเนินการ ไตรมาส ๔", ""))


def test_a_continuation_row_after_a_repeated_header_is_not_a_sub_header() -> None:
    rows = [RawRow(1, HEADER), RawRow(1, ("๑. มาตรการ", "", "", "", "", "")),
            RawRow(2, HEADER), RawRow(2, ("กิจกรรม", "", "", "", "", ""))]
    assert assemble_measures(rows).measures[0].cells["measure"] == "๑. มาตรการกิจกรรม"


def test_indicator_column_is_an_extra_cell_of_a_plan_table() -> None:
    header = ("มาตรการ", "ขั้นตอนการดำเนินการ", "ตัวชี้วัด", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ")
    rows = [RawRow(1, header), RawRow(1, ("๑. เผยแพร่", "๑. จัดทำ", "ร้อยละ ๘๐", "สำนักปลัด", "ต.ค. ๖๗"))]
    result = assemble_measures(rows)
    assert result.measures[0].extra == (("ตัวชี้วัด", "ร้อยละ ๘๐"),)
    assert result.fields == frozenset({"measure", "steps", "responsible", "period"})


def test_a_field_named_twice_keeps_the_second_column_as_extra() -> None:
    header = ("มาตรการ", "ขั้นตอนการดำเนินการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ผลการปฏิบัติงาน")
    m = assemble_measures([RawRow(1, header), RawRow(1, ("๑. ก", "ข", "ค", "ง", "จ"))]).measures[0]
    assert m.cells["results"] == "ง"
    assert m.extra == (("ผลการปฏิบัติงาน", "จ"),)


def test_header_below_a_title_row_is_found() -> None:
    from ingest.tables import RawTable, table_layout

    title = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "", "", "", "")
    header = ("ลำดับ", "มาตรการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา")
    layout = table_layout(RawTable(1, (title, header, ("๑", "ก", "ข", "ค", "ง"))))
    assert layout is not None and layout.number_index == 0


@pytest.mark.parametrize(
    "header",
    [
        ("ลำดับ", "รายการ", "วงเงินที่ได้รับ (บาท)"),  # a budget table (real file EB1-1.2)
        ("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"),  # three columns
        ("ส่วนราชการ", "กรอบอัตรากำลังเดิม", "2555", "2556", "2557", "เพิ่ม / ลด", "หมายเหตุ"),
        ("มาตรการ", "ขั้นตอน", "ผู้รับผิดชอบ", "ระยะเวลา", *(f"เดือน {i}" for i in range(1, 7))),
        ("วัน", "เวลา", "ห้อง", "รหัสวิชา", "ชื่อวิชา / ผู้สอน", "วันสอบไล่"),  # a timetable
    ],
)
def test_tables_that_are_not_measure_tables(header: tuple[str, ...]) -> None:
    assert not is_header_row(header)


@pytest.mark.parametrize(
    "header",
    [
        ("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินงาน"),  # four columns
        ("ที่", "มาตรการ/โครงการ/กิจกรรม", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "งบประมาณ",
         "ระยะเวลาดำเนินการ", "ผลการดำเนินการ", "ผลลัพธ์", "หมายเหตุ"),  # nine columns
    ],
)
def test_four_to_nine_columns_are_measure_tables(header: tuple[str, ...]) -> None:
    # The measure number is in the ที่ column where there is one, else before the title.
    row = tuple("๑" if h == "ที่" else "๑. ก" if h == "มาตรการ" else f"ข{i}"
                for i, h in enumerate(header))
    result = assemble_measures([RawRow(1, header), RawRow(1, row)])
    assert [m.number for m in result.measures] == [1]
    assert {"measure", "responsible", "results"} <= result.fields


def test_synonym_table_names_each_field_and_no_name_twice() -> None:
    from ingest.headers import key, synonyms

    table = synonyms()
    assert set(table.canonical) == set(COLUMN_KEYS)
    names = [key(n) for ns in table.canonical.values() for n in ns]
    names += [key(n) for n in (*table.number, *table.known_extra)]
    assert len(names) == len(set(names))


def test_title_row_repeated_above_the_header_is_not_measure_text() -> None:
    title = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "", "", "", "", "")
    rows = [RawRow(1, title), RawRow(1, HEADER), RawRow(1, ("๑. มาตรการ", "ก", "", "", "", "")),
            RawRow(2, title), RawRow(2, HEADER), RawRow(2, ("ต่อ", "ข", "", "", "", ""))]
    result = assemble_measures(rows)
    assert result.warnings == []
    assert result.measures[0].cells["measure"] == "๑. มาตรการต่อ"
    assert result.measures[0].cells["steps"] == "กข"


def test_last_row_of_a_page_before_the_next_pages_header_is_still_text() -> None:
    rows = [RawRow(1, HEADER), RawRow(1, ("๑. มาตรการ", "ก", "", "", "", "")),
            RawRow(1, ("ต่อ", "", "", "", "", "")), RawRow(2, HEADER)]
    assert assemble_measures(rows).measures[0].cells["measure"] == "๑. มาตรการต่อ"
