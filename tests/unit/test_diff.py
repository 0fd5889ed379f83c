"""Word-level Thai diff: ops rebuild both sides, and changes land on word boundaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from index.diff import DELETE, EQUAL, INSERT, DiffOp, carried_chars, side, tokenize, word_diff


def test_tokenize_keeps_every_character() -> None:
    text = "มาตรการส่งเสริมคุณธรรม  ประจำปี ๒๕๖๘\n1. จัดทำแผน"
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert "คุณธรรม" in tokens
    assert "  " in tokens


def test_tokenize_empty() -> None:
    assert tokenize("") == ()


def test_changed_word_is_a_delete_then_insert_of_whole_words() -> None:
    ops = word_diff("มาตรการส่งเสริมคุณธรรม ประจำปี ๒๕๖๗", "มาตรการส่งเสริมความโปร่งใส ประจำปี ๒๕๖๘")
    assert ops == (
        DiffOp(EQUAL, "มาตรการส่งเสริม"),
        DiffOp(DELETE, "คุณธรรม"),
        DiffOp(INSERT, "ความโปร่งใส"),
        DiffOp(EQUAL, " ประจำปี "),
        DiffOp(DELETE, "๒๕๖๗"),
        DiffOp(INSERT, "๒๕๖๘"),
    )


def test_identical_text_is_one_equal_op() -> None:
    assert word_diff("จัดทำแผนปฏิบัติการ", "จัดทำแผนปฏิบัติการ") == (DiffOp(EQUAL, "จัดทำแผนปฏิบัติการ"),)


def test_added_and_removed_cells() -> None:
    assert word_diff("", "ปลัด") == (DiffOp(INSERT, "ปลัด"),)
    assert word_diff("ปลัด", "") == (DiffOp(DELETE, "ปลัด"),)
    assert word_diff("", "") == ()


def test_carried_chars_ignores_whitespace_and_deletions() -> None:
    ops = (DiffOp(EQUAL, "ปลัด อบต."), DiffOp(DELETE, "เก่า"), DiffOp(INSERT, " ใหม่"))
    assert carried_chars(ops) == (len("ปลัดอบต."), len("ปลัดอบต.ใหม่"))


thai = st.text(alphabet="กขคงจดตนมยรลวสหอะาิีึืุูเแโใไ่้๊๋็์ ๑๒3.\n", max_size=40)


@given(thai, thai)
def test_ops_rebuild_both_sides(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert "".join(side(ops, "before").split()) == "".join(a.split())
    assert side(ops, "after") == b
    assert all(o.text for o in ops)
    assert all(x.op != y.op for x, y in zip(ops, ops[1:], strict=False))


def test_rewrapped_text_is_not_an_edit() -> None:
    """Regression: a space gained or lost where the PDF wrapped a line showed as [+ ] / [− ]."""
    ops = word_diff("มาตรการป้องกันการ ขัดกันระหว่างประโยชน์ส่วนตน", "มาตรการป้องกันการขัดกัน ระหว่างประโยชน์ ส่วนตน")
    assert [o.op for o in ops] == [EQUAL]
    assert ops[0].text == "มาตรการป้องกันการขัดกัน ระหว่างประโยชน์ ส่วนตน"


def test_numbers_on_either_side_of_a_line_break_stay_apart() -> None:
    """Regression: "2567" + newline + "3." was read as the number 25673."""
    ops = word_diff("พ.ศ. 2567\n3. ติดตาม", "พ.ศ. 2568\n3. ติดตาม")
    assert [(o.op, o.text.strip()) for o in ops if o.op != EQUAL] == [
        (DELETE, "2567"), (INSERT, "2568")]
