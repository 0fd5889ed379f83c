"""Tables without column rules, on literal word lists: header blocks, column bounds, rows."""

from __future__ import annotations

from ingest.ruleless import (
    blocks,
    boundary,
    find_header,
    least_covered,
    row_cuts,
    table_grid,
    text_lines,
)
from ingest.tables import COLUMNS, squash

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
    start, end, heads = find_header(lines)
    assert (start, end, len(heads)) == (1, 3, 6)


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
    assert row_cuts(120, body, [95, 198], 160) == [(120 + 140) / 2, 171]


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
