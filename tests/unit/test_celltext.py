"""Which line ends in a cell are deliberate: pure rules on literal lines and chars."""

from __future__ import annotations

import pytest

from ingest.celltext import (
    COMPOUNDS,
    DICTIONARY,
    Line,
    alignment,
    break_kinds,
    cell_lines,
    cell_raw_text,
    is_deliberate_break,
    lead_text,
    lines_text,
    room_after,
    table_padding,
    word_runs_on,
    writer_breaks,
)
from ingest.tables import cell_text as joined
from tests.unit.test_cells import drawn

MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"

SIZE = 14.0


def typed(text: str, x: float, top: float) -> list[dict]:
    """A line of Thai typed at 9 pt a letter; marks take no room."""
    return drawn([(c, 0 if c in MARKS else 9) for c in text], x=x, top=top)


def line(text: str, x0: float, x1: float, lead: float = 20.0) -> Line:
    return Line(text=text, x0=x0, x1=x1, size=SIZE, space=4.6, given_lead=lead)


@pytest.mark.parametrize(
    ("word", "lead"),
    [
        ("กองช่าง", "กอง"),  # the longest dictionary word it starts with
        ("ประชาสัมพันธ์", "ประชาสัมพันธ์"),
        ("(งานการเจ้าหน้าที่)", "(งานการ"),  # an opening bracket goes with its word
        ("พ.ศ.๒๕๖๗", "พ.ศ.๒๕๖๗"),  # no break between a dot and digits
        ("มี.ค.", "มี.ค."),  # nor between a dot and a letter
        ("ต่างๆ", "ต่างๆ"),  # MAI YAMOK U+0E46 never starts a line
        ("หน้าที่/กิจกรรมเสริม", "หน้าที่/กิจกรรม"),  # LibreOffice keeps "x/y" together
        ("“ไม่มีค่าธรรมเนียม”", "“ไม่มีค่าธรรมเนียม”"),  # a quoted phrase stays whole
        ("www.bangkrok.go.th", "www.bangkrok.go.th"),  # Latin: the whole word
        ("๒๕๖๘)", "๒๕๖๘)"),
        ("ฆฆฆ", "ฆฆฆ"),  # Thai that starts no known word: the whole word
    ],
)
def test_lead_text(word: str, lead: str) -> None:
    assert lead_text(word) == lead


def test_deliberate_only_when_the_next_word_and_a_space_would_have_fitted() -> None:
    # room 30 pt; next word 24.5 pt; space 4.6 pt; slack 1.4 pt at 14 pt
    nxt = line("พ.ศ.", 0, 24.5, lead=24.5)
    assert not is_deliberate_break(30.0, nxt, 4.6, SIZE)
    assert is_deliberate_break(31.0, nxt, 4.6, SIZE)


def test_alignment_by_the_edge_lines_share() -> None:
    assert alignment([line("a", 10, 50), line("b", 10, 80)]) == "left"
    assert alignment([line("a", 20, 60), line("b", 30, 50)]) == "centre"
    assert alignment([line("a", 20, 90), line("b", 50, 90)]) == "right"
    assert alignment([line("a", 10, 50)]) == "left"


def test_room_after_counts_both_sides_of_a_centred_line() -> None:
    inner = (10.0, 90.0)
    assert room_after(line("a", 10, 60), inner, "left") == 30
    assert room_after(line("a", 30, 70), inner, "centre") == 40
    assert room_after(line("a", 40, 90), inner, "right") == 30


def test_a_list_of_units_keeps_its_breaks_and_a_wrapped_sentence_does_not() -> None:
    inner = (5.0, 115.0)
    units = [line("สำนักปลัด", 5, 50, lead=40), line("กองคลัง", 5, 40, lead=20),
             line("กองช่าง", 5, 40, lead=20)]  # fmt: skip
    assert break_kinds(units, inner) == [True, True]
    wrapped = [line("จัดทำคู่มือการปฏิบัติงาน", 5, 112, lead=30), line("ของหน่วยงาน", 5, 60, lead=20)]
    assert break_kinds(wrapped, inner) == [False]


def test_dash_items_stay_apart_even_where_the_next_would_not_have_fitted() -> None:
    inner = (5.0, 85.0)
    items = [line("- สำนักปลัด", 5, 80, lead=4.5), line("- กองคลัง", 5, 60, lead=4.5)]
    assert break_kinds(items, inner) == [True]
    # A dash that a wrap put first on a line, with no dash line before it, is judged by room.
    period = [line("ต.ค. ๒๕๖๗", 5, 80, lead=20), line("– มี.ค. ๒๕๖๘", 5, 60, lead=10)]
    assert break_kinds(period, inner) == [False]


def test_lines_text_marks_deliberate_breaks_with_a_blank_line() -> None:
    lines = [line("ก", 0, 1), line("ข", 0, 1), line("ค", 0, 1)]
    assert lines_text(lines, [False, True]) == "ก\nข\n\nค"


def test_units_listed_in_a_cell_stay_on_their_own_lines() -> None:
    # A 150 pt cell (rules at 0 and 150, text 5 pt from them), three short lines: after
    # "สำนักปลัด" (63 pt) there was room for "กอง" (27 pt; กองคลัง is no dictionary word).
    chars = typed("สำนักปลัด", 5, 4) + typed("กองคลัง", 5, 24) + typed("กองช่าง", 5, 44)
    lines = cell_lines(chars)
    assert table_padding([((0, 0, 150, 70), lines)]) == 5
    assert joined(cell_raw_text(lines, (0, 0, 150, 70), 5)) == "สำนักปลัด\nกองคลัง\nกองช่าง"


def test_a_word_wrapped_for_want_of_room_is_joined() -> None:
    # "จัดการประชา" (90 pt of the 110 pt between paddings), then "สัมพันธ์" (45 pt): it could
    # not have fitted, so the line wrapped.
    chars = typed("จัดการประชา", 5, 4) + typed("สัมพันธ์", 5, 24)
    lines = cell_lines(chars)
    assert joined(cell_raw_text(lines, (0, 0, 120, 50), 5)) == "จัดการประชาสัมพันธ์"


def test_dash_items_after_a_heading_line_are_a_list_when_two_lines_use_the_dash() -> None:
    inner = (5.0, 85.0)
    lines = [line("ระเบียบที่เกี่ยวข้อง", 5, 84, lead=30), line("- ประมวลจริยธรรม", 5, 84, lead=4.5),
             line("- ระเบียบกระทรวง", 5, 70, lead=4.5)]  # fmt: skip
    assert break_kinds(lines, inner) == [True, True]


def test_a_word_libreoffice_cut_for_want_of_a_whole_line_follows_a_wrap() -> None:
    # "กอง" then "ยุทธศาสตร์" that fits no line: LibreOffice moved it down, then cut it. The
    # room after "กอง" would hold "ยุทธ", but the word was "ยุทธศาสตร์".
    inner = (5.0, 55.0)
    lines = [line("กอง", 5, 25, lead=20), line("ยุทธศาส", 5, 49, lead=22),
             line("ตร์และงบ", 5, 54, lead=40)]  # fmt: skip
    assert break_kinds(lines, inner) == [False, False]
    assert word_runs_on(lines[1], lines[2]) and not word_runs_on(lines[0], lines[1])


@pytest.mark.parametrize(
    ("word", "lead"),
    [
        ("แจ้งผลให้ผู้ร้องเรียน", "แจ้งผล"),  # two dictionary words move as one
        ("ทรัพย์สินราชการไปใช้", "ทรัพย์สินราชการ"),
        ("กองช่าง", "กองช่าง"),
        ("พ.ศ.๒๕๖๗", "พ.ศ.๒๕๖๗"),  # a glued piece is already the whole word
        ("www.bangkrok.go.th", "www.bangkrok.go.th"),
    ],
)
def test_lead_text_where_the_writer_keeps_compounds_whole(word: str, lead: str) -> None:
    assert lead_text(word, COMPOUNDS) == lead


def test_writer_breaks_from_the_document_information() -> None:
    assert writer_breaks({"Creator": "Typst 0.15.1"}) == COMPOUNDS
    assert writer_breaks({"Creator": "Writer", "Producer": "LibreOffice 7.4"}) == DICTIONARY
    assert writer_breaks({"Producer": "Skia/PDF m156"}) == DICTIONARY
    assert writer_breaks({}) == DICTIONARY


def test_a_typst_wrap_before_a_compound_is_not_a_deliberate_break() -> None:
    # Typst (ICU4X's LSTM segmenter) moved "แจ้งผล" down whole: the 40 pt left after
    # "จริงและ" would hold "แจ้ง" (27 pt) and a space, not "แจ้งผล" (45 pt). Read as a
    # dictionary writer's line, the break looked deliberate and a newline was invented.
    chars = typed("จริงและ", 5, 4) + typed("แจ้งผลให้ทราบ", 5, 24)
    bbox = (0.0, 0.0, 104.0, 50.0)
    assert joined(cell_raw_text(cell_lines(chars, COMPOUNDS), bbox, 5)) == "จริงและแจ้งผลให้ทราบ"
    assert joined(cell_raw_text(cell_lines(chars, DICTIONARY), bbox, 5)) == "จริงและ\nแจ้งผลให้ทราบ"
