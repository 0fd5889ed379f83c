"""Near-identical measure text: words without digits, shingles, MinHash bands, spans."""

from __future__ import annotations

from index.textshare import (
    NUM_PERM,
    SHARED_MIN,
    band_keys,
    bands,
    confirm,
    confirm_many,
    shared_span,
    shingles,
    signatures,
    text_words,
)

COPY = "๑. จัดทำคู่มือการปฏิบัติงาน ปีงบประมาณ ๒๕๖๗ และเผยแพร่ทางเว็บไซต์ของหน่วยงาน"
# The same text a year on, with Arabic digits and a line wrapped inside a word.
COPY_NEXT = "1. จัดทำคู่มือการปฏิ บัติงาน ปีงบประมาณ 2568 และเผยแพร่ทางเว็บไซต์ของหน่วยงาน"


def test_digits_and_whitespace_do_not_count() -> None:
    a, b = text_words(COPY), text_words(COPY_NEXT)
    assert not any(c.isdigit() for w in a.words for c in w)
    assert a.squeezed == b.squeezed
    assert confirm(a.squeezed, b.squeezed) == 1.0


def test_word_spans_point_into_the_text() -> None:
    w = text_words(COPY)
    assert [w.text[s:e] for s, e in w.spans][:2] == ["จัดทำ", "คู่มือ"]


def test_shingles_are_runs_of_three_words() -> None:
    assert shingles(["ก", "ข", "ค", "ง"]) == {"ก\x1fข\x1fค".encode(), "ข\x1fค\x1fง".encode()}
    assert shingles(["ก", "ข"]) == {"ก\x1fข".encode()}
    assert shingles([]) == set()


def test_equal_word_lists_share_every_band_and_unrelated_ones_none() -> None:
    same = text_words(COPY).words
    other = text_words("มาตรการงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ ประกาศเจตนารมณ์").words
    s1, s2, s3 = signatures([same, same, other])
    assert len(s1) == NUM_PERM and all(0 <= v < 2**32 for v in s1)
    assert band_keys(s1) == band_keys(s2)
    assert len(band_keys(s1)) == len(bands()) > 1
    assert not set(band_keys(s1)) & set(band_keys(s3))
    assert signatures([()]) == [()] and band_keys(()) == []


def test_confirm_separates_an_edited_copy_from_another_text() -> None:
    edited = COPY.replace("และเผยแพร่", "และประชาสัมพันธ์")
    assert confirm(text_words(COPY).squeezed, text_words(edited).squeezed) >= SHARED_MIN
    other = text_words("มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้างและการบริหารพัสดุ")
    assert confirm(text_words(COPY).squeezed, other.squeezed) < SHARED_MIN
    assert confirm("", "abc") == 0.0


def test_shared_span_is_the_longest_common_run_as_written() -> None:
    a = text_words("๑. ประชุมชี้แจง แล้ว จัดทำคู่มือการปฏิบัติงาน ปี ๒๕๖๗ ให้ครบทุกกอง")
    b = text_words("ประชุมใหญ่ และ จัดทำคู่มือการปฏิบัติงาน ปี 2568 ให้ครบทุกกอง")
    assert shared_span(a, b) == "จัดทำคู่มือการปฏิบัติงาน ปี ๒๕๖๗ ให้ครบทุกกอง"
    assert shared_span(b, a) == "จัดทำคู่มือการปฏิบัติงาน ปี 2568 ให้ครบทุกกอง"
    assert shared_span(a, text_words("อื่น")) == ""


def test_confirm_many_keeps_what_reaches_the_threshold_best_first() -> None:
    base = text_words(COPY).squeezed
    edited = text_words(COPY.replace("และเผยแพร่", "และประชาสัมพันธ์")).squeezed
    other = text_words("มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้างและการบริหารพัสดุ").squeezed
    hits = confirm_many(base, {7: edited, 8: other, 9: base})
    assert [k for k, _ in hits] == [9, 7]
    assert hits[0][1] == 1.0 and hits[1][1] == confirm(base, edited)
    assert confirm_many("", {1: base}) == []
