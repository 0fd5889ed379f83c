"""Cell assignment on tiny literal char lists: a run of glyphs stays in the cell it starts in.

Two cells side by side, their rule at x = 100: A is (0, 0, 100, 40), B is (100, 0, 200, 40).
Each test draws A's line so that it overflows the rule, the way Chrome lets a Thai word that
does not fit run past its cell, and then B's own text. Before runs, every glyph went to the
cell holding its centre, so the overflowing letters landed in B.
"""

from __future__ import annotations

from ingest.cells import assign_runs, char_runs, read_cells
from ingest.chars import prepass_chars
from ingest.tables import cell_text

A = (0.0, 0.0, 100.0, 40.0)
B = (100.0, 0.0, 200.0, 40.0)
SIZE = 14.0


def glyph(text: str, x0: float, x1: float, top: float = 4.0) -> dict:
    """One pdfplumber-like char dict."""
    return {
        "text": text, "x0": x0, "x1": x1, "width": x1 - x0, "top": top,
        "bottom": top + SIZE, "doctop": top, "y0": 800 - top - SIZE, "y1": 800 - top,
        "upright": True, "fontname": "AAAAAA+Garuda", "size": SIZE,
    }  # fmt: skip


def drawn(glyphs: list[tuple[str, float]], x: float, top: float = 4.0) -> list[dict]:
    """Glyphs drawn left to right from (text, advance) pairs; a mark has advance 0 and sits
    where the writer put it: at the pen, on the right edge of its base (LibreOffice style)."""
    out = []
    for text, advance in glyphs:
        out.append(glyph(text, x, x + advance, top))
        x += advance
    return out


def cells_of(chars: list[dict]) -> tuple[str, str]:
    ((a, b),) = read_cells(char_runs(prepass_chars(chars)), [[A, B]])
    return cell_text(a), cell_text(b)


def test_final_consonant_past_the_rule_stays_in_its_cell() -> None:
    # "ปีงบประมาณ": SARA AA ends at 96, NO NEN U+0E13 runs 96..108 (centre 102, past the rule).
    word = [("ป", 10), ("\u0e35", 0), ("ง", 9), ("บ", 10), ("ป", 10), ("ร", 8), ("ะ", 8),
            ("ม", 10), ("า", 7), ("ณ", 12)]  # fmt: skip
    chars = drawn(word, x=24) + drawn([("๒", 8), ("๕", 8), ("๖", 8), ("๘", 8)], x=112)
    assert cells_of(chars) == ("ปีงบประมาณ", "๒๕๖๘")


def test_tone_mark_past_the_rule_stays_with_its_base() -> None:
    # "เจ้าหน้าที่": THO THAHAN U+0E17 runs 95..105, its SARA II U+0E35 and MAI EK U+0E48
    # drawn after it at x 105, past the rule.
    word = [("เ", 6), ("จ", 10), ("\u0e49", 0), ("า", 7), ("ห", 10), ("น", 10), ("\u0e49", 0),
            ("า", 7), ("ท", 10), ("\u0e35", 0), ("\u0e48", 0)]  # fmt: skip
    chars = drawn(word, x=45) + drawn([("ก", 9), ("อ", 9), ("ง", 9)], x=120)
    assert cells_of(chars) == ("เจ้าหน้าที่", "กอง")


def test_thanthakhat_past_the_rule_stays_with_its_base() -> None:
    # "ทรัพย์" as Chrome draws it: YO YAK U+0E22 runs 95..105 and THANTHAKHAT comes as the
    # legacy left-shifted glyph U+F70E, drawn over the rule at 101..104.
    word = [("ท", 10), ("ร", 8), ("\u0e31", 0), ("พ", 10)]
    chars = drawn(word, x=67) + [glyph("ย", 95, 105), glyph("\uf70e", 101, 104)]
    chars += drawn([("ค", 9), ("ร", 8), ("บ", 10)], x=112)
    assert cells_of(chars) == ("ทรัพย์", "ครบ")


def test_next_cells_text_drawn_over_the_overflow_is_not_glued_on() -> None:
    # A's word runs to 112; B's text starts at 104, under it, and is drawn after it.
    a = drawn([("ก", 10), ("ร", 8), ("ม", 10), ("ก", 10), ("า", 7), ("ร", 8)], x=59)
    b = drawn([("ส", 9), ("ภ", 10), ("า", 7)], x=104)
    assert cells_of(a + b) == ("กรมการ", "สภา")


def test_a_line_that_does_not_touch_the_rule_is_placed_as_before() -> None:
    chars = drawn([("ก", 9), ("อ", 9), ("ง", 9)], x=6) + drawn([("ค", 9), ("ร", 8)], x=106)
    assert cells_of(chars) == ("กอง", "คร")


def test_marks_drawn_before_their_base_join_its_run() -> None:
    # Some writers draw the mark first; it must not start a run of its own.
    chars = [glyph("\u0e48", 96, 96), glyph("ท", 95, 105)]
    runs = char_runs(chars)
    assert [[c["text"] for c in r] for r in runs] == [["\u0e48", "ท"]]


def test_a_lone_mark_with_no_base_is_not_a_cells_text() -> None:
    # Chrome repeats the below-marks of a line cut by a page break at the next page's top.
    runs = char_runs([glyph("\u0e38", 30, 35)]) + char_runs(drawn([("ส", 9)], x=40, top=20))
    assert [[c["text"] for c in cell] for cell in assign_runs(runs, [A])] == [["ส"]]


def test_run_that_starts_outside_every_cell_goes_to_the_cell_holding_most_of_it() -> None:
    # A title centred on a narrow first column of a sheet spills left of the table and
    # right into the next cell: it stays one text, in the cell that holds most of it.
    # 17 letters 10 pt apart from x = -25: 2 left of the table, 10 in A, 5 in B.
    title = drawn([(c, 0 if c == "\u0e34" else 10) for c in "รายงานผลการประเมิน"], x=-25)
    cells = assign_runs(char_runs(title), [A, B])
    assert [len(c) for c in cells] == [len(title), 0]


def test_title_rows_merged_across_an_excel_sheet_are_not_table_rows() -> None:
    from ingest.cells import grid_rows

    title = [(0.0, 0.0, 200.0, 20.0), None]
    header = [(0.0, 20.0, 100.0, 40.0), (100.0, 20.0, 200.0, 40.0)]
    assert grid_rows([title, title, header, header]) == [header, header]
    # A table that is one cell (a frame) keeps it.
    assert grid_rows([[A]]) == [[A]]


def test_a_lone_letter_with_a_descender_is_ink_of_the_line_before_the_page_break() -> None:
    # The last line of a page ends "ภาครัฐ"; Chrome draws THO THAN's tail again at the next
    # page's top, as a glyph of its own.
    runs = char_runs([glyph("ฐ", 30, 36)]) + char_runs(drawn([("ส", 9)], x=40, top=20))
    assert [[c["text"] for c in cell] for cell in assign_runs(runs, [A])] == [["ส"]]


def test_a_mark_at_a_pages_foot_read_as_its_cluster_is_ink_not_text() -> None:
    # Chrome draws the MAI THO U+0E49 of the next page's first "ขั้" again at this page's
    # foot, alone, inside an /ActualText span that says "ขั้": the span's head glyph then reads
    # "ขั้" and, before the glyph itself decided, went into the cell as a line of its own.
    from ingest.actualtext import ATTR, apply_actual_text

    text = drawn([("ส", 9)], x=40, top=4)
    ink = {**glyph("\u0e49", 30, 30, top=24), ATTR: (1, "ขั้")}
    (head,) = apply_actual_text([ink])
    assert head["text"] == "ขั้"
    runs = char_runs(text) + char_runs([head])
    assert [[c["text"] for c in cell] for cell in assign_runs(runs, [A])] == [["ส"]]
    # A PUA form of the mark (Chrome's U+F70B for MAI THO, shifted left) is ink too.
    (head,) = apply_actual_text([{**ink, "text": "\uf70b"}])
    assert [[c["text"] for c in cell] for cell in assign_runs([[head]], [A])] == [[]]


def test_a_title_typed_unmerged_above_the_header_is_a_caption() -> None:
    from ingest.cells import below_caption
    from ingest.model import COLUMNS

    header = tuple(title for _, title in COLUMNS)
    row = ("๑. มาตรการ", "๑. จัดทำ", "กองคลัง", "ปีงบประมาณ ๒๕๖๘", "ดำเนินการแล้ว", "")
    title = ("รายงานผลการดำเนินการ", "", "", "", "", "")
    blank = ("",) * 6
    assert below_caption((title, blank, header, row)) == (header, row)
    # Rows with text in two cells are table rows: a table continued from the page before.
    assert below_caption((row, header, row)) == (row, header, row)
