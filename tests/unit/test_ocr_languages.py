"""The tha+eng and tha readings of one line merged word by word (ingest/ocr/languages.py), on
literal words as tesseract gives them (text, confidence 0..100, box)."""

from __future__ import annotations

from ingest.ocr.languages import Reading, Word, has_latin, merge, thai_wins


def w(text: str, confidence: float, x0: int, x1: int) -> Word:
    return Word(text, confidence, (x0, 0, x1, 30), ((text, (x0, 0, x1, 30)),))


def reading(text: str, *words: Word) -> Reading:
    return Reading(text, words)


def test_a_period_read_as_latin_takes_the_thai_reading() -> None:
    # "๑ ต.ค. ๖๖ -" with ต.ค. read as "AA." by tha+eng (as on the banlat 2567 scan)
    mixed = reading("๑ AA. ๖๖ -", w("๑", 95, 12, 34), w("AA.", 81, 51, 111),
                    w("๖๖", 88, 139, 176), w("-", 91, 193, 203))
    thai = reading("๑ ต.ค. ๖๖ -", w("๑", 95, 12, 34), w("ต", 92, 51, 69), w(".", 87, 75, 80),
                   w("ค", 73, 84, 101), w(".", 92, 107, 111), w("๖๖", 88, 139, 176),
                   w("-", 91, 193, 203))
    merged = merge(mixed, thai)
    assert merged.text == "๑ ต.ค. ๖๖ -"
    assert [x.text for x in merged.words] == ["๑", "ต", ".", "ค", ".", "๖๖", "-"]
    assert [s for s, _ in merged.symbols] == ["๑", "ต", ".", "ค", ".", "๖๖", "-"]


def test_real_latin_words_stay() -> None:
    # "No Gift Policy โดย": the Thai model reads Latin as digits, Latin signs and letters
    # stuck to digits
    mixed = reading("No Gift Policy โดย", w("No", 96, 13, 53), w("Gift", 95, 66, 116),
                    w("Policy", 95, 131, 221), w("โดย", 97, 231, 284))
    thai = reading("ง๐ 6แร! 0๐น๓ โดย", w("ง", 62, 13, 53), w("๐", 96, 37, 53),
                   w("6", 97, 68, 84), w("แร!", 40, 89, 116), w("0", 76, 140, 146),
                   w("๐", 97, 152, 167), w("น", 96, 171, 184), w("๓", 50, 190, 213),
                   w("โดย", 97, 231, 284))
    assert merge(mixed, thai) == mixed


def test_a_run_that_does_not_win_is_tried_word_by_word() -> None:
    # "OIT yn": OIT is Latin (Thai reads "0ทิ"), yn is ทุก
    mixed = reading("OIT yn", w("OIT", 41, 12, 70), w("yn", 82, 84, 134))
    thai = reading("0ทิ ทุก", w("0", 33, 12, 35), w("ทิ", 51, 42, 70), w("ทุ", 93, 84, 119),
                   w("ก", 97, 118, 134))
    assert merge(mixed, thai).text == "OIT ทุก"


def test_neighbouring_latin_words_are_replaced_together() -> None:
    # "๒๕๖๗" read "lng bey"; the Thai model's first digit spans both words
    mixed = reading("lng bey", w("lng", 56, 9, 57), w("bey", 48, 71, 114))
    thai = reading("๒๕๒๓", w("๒", 73, 13, 114), w("๕", 95, 42, 64), w("๒", 92, 64, 86),
                   w("๓", 70, 86, 117))
    assert merge(mixed, thai).text == "๒๕๒๓"


def test_an_unsure_thai_tail_is_left_out() -> None:
    # "๖๗" read "Del"; the Thai model cut ๗ in two ("ฒ" then "ฆ" at 9)
    mixed = reading("๓๐ Del", w("๓๐", 96, 12, 52), w("Del", 55, 153, 203))
    thai = reading("๓๐ ๑ฒฆ", w("๓๐", 96, 12, 52), w("๑", 93, 161, 176), w("ฒ", 51, 181, 191),
                   w("ฆ", 9, 190, 206))
    assert merge(mixed, thai).text == "๓๐ ๑ฒ"  # the digits are read again from the image


def test_thai_wins_only_as_sure_dictionary_thai() -> None:
    latin = [w("and", 96, 0, 40)]
    assert not thai_wins(latin, [w("ลทค", 74, 0, 40)], "ลทค")  # no Thai word
    assert not thai_wins([w("ITA", 96, 0, 40)], [w("โค", 56, 0, 40)], "โค")  # far less sure
    assert not thai_wins([w("e-GP", 89, 0, 40)], [w("๑๐-60", 91, 0, 40)], "๑๐-60")  # Arabic
    assert not thai_wins([w("No", 96, 0, 40)], [w("ง๐", 79, 0, 40)], "ง๐")  # letter on digit
    assert not thai_wins([w("en.", 63, 0, 40)], [w("ต.", 30, 0, 40)], "ต.")  # unsure
    assert thai_wins([w("VO", 69, 0, 40)], [w("ข้", 96, 0, 20), w("อ", 97, 20, 40)], "ข้อ")
    assert thai_wins([w("mm", 86, 0, 40)], [w("๓", 97, 0, 20), w("๓", 83, 20, 40)], "๓๓")
    assert thai_wins([w("A.A.", 82, 0, 40)], [w("ต.ค.", 91, 0, 40)], "ต.ค.")  # abbreviation
    assert thai_wins([w("Dd.", 56, 0, 40)], [w("๒๑.", 53, 0, 40)], "๒๑.")  # within MARGIN


def test_has_latin() -> None:
    assert has_latin("ครบ mm VO") and not has_latin("ครบ ๓๓ ข้อ 2568")


def test_an_unsure_latin_sign_under_a_latin_word_is_evidence_not_junk() -> None:
    # "No" at the end of a line; the Thai model reads "0" (14) then "๐" (91): the "0" is
    # not dropped as junk, so "No" does not become "๐"
    mixed = reading("เจตนารมณ์ No", w("เจตนารมณ์", 96, 0, 415), w("No", 96, 435, 479))
    thai = reading("เจตนารมณ์ 0๐", w("เจตนารมณ์", 96, 0, 415), w("0", 14, 438, 453),
                   w("๐", 91, 458, 479))
    assert merge(mixed, thai) == mixed


def test_arabic_digits_of_the_latin_reading_may_stay_in_the_thai_one() -> None:
    # "ต.ค.-ธ.ค.66" in a report with Arabic digits, read as one word "A.A.-5.A.66"
    latin = [w("A.A.-5.A.66", 70, 0, 200)]
    assert thai_wins(latin, [w("ต.ค.-ธ.ค.66", 85, 0, 200)], "ต.ค.-ธ.ค.66")
    assert not thai_wins(latin, [w("ต.ค.-ธ.ค.60", 85, 0, 200)], "ต.ค.-ธ.ค.60")
