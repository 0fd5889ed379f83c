"""A table without column rules carried on over a page break with no header, on literal
word lists: which pages read as its rows and which do not."""

from __future__ import annotations

from ingest.continued import OpenTable, aligned, continuation_grid, is_folio, runs_to_foot
from ingest.ruleless import find_header, table_grid, text_lines
from tests.unit.test_ruleless import HEADER, LEFTS, RIGHT, hline, row, word


def _open_table() -> OpenTable:
    """The columns the page before found from its header."""
    lines = text_lines(HEADER + row(140, "๑") + row(172, "๒"))
    grid, found = table_grid(lines, []), find_header(lines)
    assert grid is not None and found is not None
    return OpenTable(grid.xs, found.layout)


def test_a_page_of_rows_without_a_header_carries_the_table_on() -> None:
    # The page opens with the tail of measure ๒ (no number), then measure ๓.
    tail = [word("ต่อ", LEFTS[1] + 4, 40), word("แล้วเสร็จ", LEFTS[4] + 4, 40)]
    lines = text_lines(tail + row(60, "๓") + row(92, "๔"))
    grid = continuation_grid(lines, [], _open_table())
    assert grid is not None
    assert grid.xs == _open_table().xs
    # The tail, then one row per measure, cut above the lines that open a measure.
    assert len(grid.ys) == 4
    assert grid.ys[0] < 40 < grid.ys[1] < 60 < grid.ys[2] < 92 < grid.ys[3]


def test_rows_of_a_carried_on_table_come_from_its_rules_where_drawn() -> None:
    edges = [hline(y, LEFTS[0], RIGHT) for y in (35, 56, 88, 120)]
    tail = [word("ต่อ", LEFTS[1] + 4, 40), word("แล้วเสร็จ", LEFTS[4] + 4, 40)]
    lines = text_lines(tail + row(60, "๓") + row(92, "๔"))
    grid = continuation_grid(lines, edges, _open_table())
    assert grid is not None and grid.ys == (35, 56, 88, 120)


def test_a_page_of_prose_after_the_table_is_not_read_as_rows() -> None:
    prose = [word("ตามที่ได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส", 60, 40, 700),
             word("ภายในหน่วยงานแล้ว จึงขอรายงานผลการดำเนินการ", 40, 60, 720)]  # fmt: skip
    assert continuation_grid(text_lines(prose), [], _open_table()) is None


def test_a_signature_block_is_not_read_as_rows() -> None:
    # Short lines, none crossing a column boundary, but in two columns only.
    sign = [word("ลงชื่อ", LEFTS[4] + 20, 40, 40), word("(นายสมชาย ใจดี)", LEFTS[4] + 30, 60, 90),
            word("นายกเทศมนตรี", LEFTS[5] + 10, 80, 70)]  # fmt: skip
    assert continuation_grid(text_lines(sign), [], _open_table()) is None


def test_text_beyond_the_tables_edges_is_no_row() -> None:
    xs = _open_table().xs
    body = text_lines(row(60, "๓"))
    assert aligned(body, xs)
    assert not aligned(text_lines([*row(60, "๓"), word("หมายเหตุ", RIGHT + 30, 60, 60)]), xs)


def test_a_page_number_over_the_rows_is_not_a_row() -> None:
    folio = [word("-", 410, 20, 5), word("๔", 418, 20, 6), word("-", 426, 20, 5)]
    grid = continuation_grid(text_lines(folio + row(60, "๓")), [], _open_table())
    assert grid is not None and 20 + 13 < grid.ys[0] < 60


def test_only_a_page_number_may_stand_under_a_table_that_goes_on() -> None:
    assert is_folio([word("-", 0, 0), word("๓", 8, 0), word("-", 16, 0)])
    assert is_folio([word("หน้า", 0, 0), word("4/5", 30, 0)])
    assert not is_folio([word("ต.ค.๖๗", 0, 0)])
    assert runs_to_foot([]) and runs_to_foot([[word("๓", 400, 560)]])
    assert not runs_to_foot([[word("ลงชื่อ", 400, 560)], [word("๓", 400, 580)]])
