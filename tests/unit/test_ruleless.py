"""Tables without column rules, on literal word lists: header blocks, column bounds, rows."""

from __future__ import annotations

from ingest.model import COLUMN_KEYS, COLUMNS
from ingest.ruleless import (
    Opener,
    blocks,
    boundary,
    find_header,
    least_covered,
    row_cuts,
    table_grid,
    text_lines,
)
from ingest.tables import squash

H = 13.0  # line height


def word(text: str, x0: float, top: float, width: float | None = None) -> dict:
    w = width if width is not None else 6.0 * len(text)
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + H}


def hline(y: float, x0: float, x1: float) -> dict:
    return {"orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y}


# Six columns: (left rule, width). Headings centred, two of them wrapped over two lines.
LEFTS = (40.0, 160.0, 310.0, 390.0, 475.0, 675.0)
RIGHT = 800.0
HEADER = [
    word("มาตรการ/โครงการ/", 60, 100, 80), word("ขั้นตอนหรือวิธีการปฏิบัติ", 175, 100, 120),
    word("ผู้รับผิดชอบ", 320, 100, 60), word("ระยะเวลา", 405, 100, 55),
    word("ผลการดำเนินการ", 530, 100, 90), word("ผลลัพธ์หรือความสำเร็จ", 690, 100, 95),
    word("กิจกรรม", 80, 114, 40), word("ดำเนินการ", 405, 114, 55),
    word("ของการดำเนินการ", 700, 114, 80),
]  # fmt: skip


def row(top: float, number: str) -> list[dict]:
    """One measure's two lines, every column's text starting 4 pt right of its rule."""
    texts = (f"{number}. มาตรการ", "๑. จัดทำคู่มือ", "สำนักปลัด", "ปีงบประมาณ", "๑. ดำเนินการแล้ว", "ประชาชนพึงพอใจ")
    return [word(t, x + 4, top, 70) for t, x in zip(texts, LEFTS, strict=True)] + [
        word("ต่อ", LEFTS[0] + 4, top + 14), word("๒. ติดตาม", LEFTS[1] + 4, top + 14)
    ]


def test_heading_words_group_into_one_block_per_column() -> None:
    heads = blocks(text_lines(HEADER))
    assert [squash(b.text) for b in heads] == [title for _, title in COLUMNS]


def test_the_header_band_is_found_under_a_line_of_prose() -> None:
    prose = [word("ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน", 40, 70, 760)]
    lines = text_lines(prose + HEADER + row(140, "๑"))
    found = find_header(lines)
    assert found is not None
    assert (found.start, found.end, len(found.heads)) == (1, 3, 6)
    assert found.layout.fields == frozenset(COLUMN_KEYS)


def test_no_header_no_table() -> None:
    assert table_grid(text_lines(row(140, "๑") + row(172, "๒")), []) is None


def test_boundary_at_the_rule_ends_of_cells_drawn_one_by_one() -> None:
    left, right = blocks(text_lines(HEADER))[:2]
    ends = [160.0, 160.0, 40.0, 310.0]
    assert boundary(left, right, [], ends) == 160.0


def test_boundary_in_the_gutter_the_text_leaves_free() -> None:
    left, right = blocks(text_lines(HEADER))[:2]
    # Column 1 text reaches 150, column 2 text starts at 164: the gutter is 150..164.
    body = [word("ก", 44, 140, 106), word("ข", 164, 140, 50)]
    assert boundary(left, right, body, []) == 157.0


def test_least_covered_lets_one_overflowing_word_cross() -> None:
    # Two lines keep 150..164 free; a third overflows to 158.
    spans = [(44, 150), (164, 214), (44, 150), (164, 200), (44, 158)]
    assert least_covered(140, 175, spans) == 161.0


def test_rows_from_the_rules_between_them() -> None:
    body = text_lines(row(140, "๑") + row(172, "๒"))
    assert row_cuts(120, body, [95, 130, 169, 200], 160) == [130, 169]


def test_rows_from_measure_numbers_where_only_a_frame_is_ruled() -> None:
    body = text_lines(row(140, "๑") + row(172, "๒"))
    # The frame's bottom rule runs through the last line's descenders.
    opener = Opener(float("-inf"), 160)  # measure numbers in the first column
    assert row_cuts(120, body, [95, 198], opener) == [(120 + 140) / 2, 171]


def test_grid_of_a_table_with_no_rules_at_all() -> None:
    grid = table_grid(text_lines(HEADER + row(140, "๑") + row(172, "๒")), [])
    assert grid is not None
    assert len(grid.xs) == 7 and len(grid.ys) == 4  # header row and two measures
    # Each boundary lies in the gutter between one column's text and the next one's.
    for x, before, left in zip(grid.xs[1:-1], LEFTS, LEFTS[1:], strict=False):
        assert before + 4 + 70 <= x <= left + 4
    assert grid.ys[0] < 100 and grid.ys[1] < 140 < grid.ys[2] < 172 < grid.ys[3]


def test_grid_ends_before_prose_under_the_table() -> None:
    prose = [word("ลงชื่อ", 40, 204, 40), word("ผู้รายงานผลการดำเนินการตามมาตรการ", 90, 204, 700)]
    grid = table_grid(text_lines(HEADER + row(140, "๑") + row(172, "๒") + prose), [])
    assert grid is not None and grid.ys[-1] < 204


def test_grid_from_horizontal_rules_drawn_cell_by_cell() -> None:
    edges = [hline(y, a, b) for y in (95, 130, 169, 200)
             for a, b in zip(LEFTS, (*LEFTS[1:], RIGHT), strict=True)]  # fmt: skip
    grid = table_grid(text_lines(HEADER + row(140, "๑") + row(172, "๒")), edges)
    assert grid is not None
    assert grid.xs == (*LEFTS, RIGHT)
    assert grid.ys == (95, 130, 169, 200)


def test_a_sheet_row_taller_than_its_text_does_not_end_the_table() -> None:
    # Rows far apart (an Excel sheet's row heights): the gap is wide, but the line after it
    # opens a measure; a page number after a wide gap does not.
    page_number = [word("- ๓ -", 420, 520, 30)]
    grid = table_grid(text_lines(HEADER + row(140, "๑") + row(260, "๒") + page_number), [])
    assert grid is not None and 260 < grid.ys[-1] < 520


# Header variants without rules: the names of ingest/headers.toml, a ลำดับ column, 7 columns.
NUMBERED_LEFTS = (40.0, 80.0, 200.0, 350.0, 450.0, 540.0)
NUMBERED_HEADER = [
    word("ลำดับ", 45, 100, 30), word("มาตรการ/โครงการ", 95, 100, 90),
    word("วิธีการดำเนินการ", 230, 100, 90), word("หน่วยงานที่", 365, 100, 70),
    word("ระยะเวลา", 465, 100, 55), word("ผลการดำเนินงาน", 600, 100, 90),
    word("รับผิดชอบ", 370, 114, 60),
]  # fmt: skip


def numbered_row(top: float, number: str) -> list[dict]:
    """A measure whose number stands alone in the ลำดับ column and whose title has none."""
    texts = (number, "มาตรการเผยแพร่ข้อมูล", "๑. จัดทำคู่มือ", "สำนักปลัด", "ต.ค. ๖๗", "๑. เผยแพร่แล้ว")
    return [word(t, x + 4, top, 35 if i == 0 else 70)
            for i, (t, x) in enumerate(zip(texts, NUMBERED_LEFTS, strict=True))] + [
        word("๒. ติดตาม", NUMBERED_LEFTS[2] + 4, top + 14)
    ]  # fmt: skip


def test_a_header_with_other_names_and_a_number_column_is_found_without_rules() -> None:
    found = find_header(text_lines(NUMBERED_HEADER + numbered_row(140, "๑")))
    assert found is not None
    layout = found.layout
    assert layout.number_index == 0
    assert [c.field for c in layout.columns] == [
        None, "measure", "steps", "responsible", "period", "results"]


def test_rows_of_a_table_without_rules_open_at_the_numbers_of_its_number_column() -> None:
    lines = text_lines(NUMBERED_HEADER + numbered_row(140, "๑") + numbered_row(172, "๒"))
    grid = table_grid(lines, [])
    assert grid is not None
    assert len(grid.xs) == 7 and len(grid.ys) == 4  # header row and two measures
    assert grid.ys[1] < 140 < grid.ys[2] < 172 < grid.ys[3]


def test_the_opener_reads_only_its_own_column() -> None:
    numbers = Opener(40, 80, number_column=True)
    assert numbers.opens([word("๓", 45, 0, 10), word("มาตรการ", 84, 0)])
    assert not numbers.opens([word("ต่อ", 84, 0), word("๒.", 204, 0, 10)])  # an item, not a measure
    assert not numbers.opens([word("๓. มาตรการ", 84, 0)])
    titles = Opener(40, 160)
    assert titles.opens([word("๓.", 44, 0, 10), word("มาตรการ", 60, 0)])
    assert not titles.opens([word("๑๒๐", 44, 0, 20)])  # a bare number is no measure here


def test_a_seven_column_header_with_budget_and_problems_is_found_without_rules() -> None:
    heads = [("มาตรการ/โครงการ/กิจกรรม", 45), ("งบประมาณ (บาท)", 175), ("ระยะเวลาดำเนินการ", 255),
             ("ผู้รับผิดชอบ", 365), ("ผลการดำเนินงาน", 450), ("ผลลัพธ์", 580), ("ปัญหา/อุปสรรค", 680)]
    found = find_header(text_lines([word(t, x, 100, 6.0 * len(t) * 0.8) for t, x in heads]))
    assert found is not None and len(found.heads) == 7
    assert found.layout.extra_names == ("งบประมาณ (บาท)", "ปัญหา/อุปสรรค")
    assert "steps" not in found.layout.fields


def test_a_headings_second_line_that_leaves_its_match_as_it_was_is_still_header() -> None:
    # "งบประมาณ" / "(บาท)": the bracketed unit changes no match, so the one-line band reads as
    # well as the two-line one; the longer band wins, or "(บาท)" would be table text.
    heads = [("มาตรการ/โครงการ", 45, 100), ("งบประมาณ", 175, 100), ("(บาท)", 185, 114),
             ("ผู้รับผิดชอบ", 265, 100), ("ผลการดำเนินงาน", 365, 100), ("ผลลัพธ์", 480, 100)]
    lines = text_lines([word(t, x, top, 6.0 * len(t) * 0.8) for t, x, top in heads]
                       + numbered_row(140, "๑.")[1:2])  # fmt: skip
    found = find_header(lines)
    assert found is not None and (found.start, found.end) == (0, 2)
    assert found.layout.extra_names == ("งบประมาณ (บาท)",)
