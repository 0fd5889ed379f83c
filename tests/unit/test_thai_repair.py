"""Each Thai text repair on literal inputs from the defect list (code points in comments)."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pythainlp.util import reorder_vowels

from ingest import thai_repair as tr
from ingest.quality import count_defects

# Correct sentences from a real report: no repair may change them.
CORRECT = [
    "รายงานผลการดำเนินการ\nเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\nประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
    "องค์การบริหารส่วนตำบลบางครก\nอำเภอบ้านแหลม จังหวัดเพชรบุรี",
    "คำนำ",
    "ได้ถูกกำหนดให้เป็นกลยุทธ์ที่สำคัญของยุทธศาสตร์ชาติว่าด้วยการป้องกันและปราบปรามการทุจริต ระยะที่ ๔ (พ.ศ.๒๕๖๕ – ๒๕๖๘)",
    "ผู้รับผิดชอบ\tระยะเวลาดำเนินการ\tผลลัพธ์หรือความสำเร็จของการดำเนินการ",
    "ทำ จำ คำ สำนัก น้ำ ค่ำ ซ้ำ กำลัง",
    "ณ วันที่ ๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘",
    "Integrity and Transparency Assessment: ITA 2568",
]


@pytest.mark.parametrize("text", CORRECT)
def test_repair_text_leaves_correct_text_unchanged(text):
    assert tr.repair_text(text) == text


@pytest.mark.parametrize("text", CORRECT)
def test_repair_report_counts_nothing_on_correct_text(text):
    assert tr.repair_report(text) == (text, {})


def test_map_pua_windows_mai_tho():
    # ข U+0E02, U+F70B (shifted MAI THO), อ U+0E2D -> ข้อ
    assert tr.map_pua("\u0e02\uf70b\u0e2d") == "ข้อ"


def test_map_pua_windows_range_ends():
    # U+F700 -> THO THAN U+0E10, U+F71A -> PHINTHU U+0E3A
    assert tr.map_pua("\uf700\uf71a") == "\u0e10\u0e3a"


def test_map_pua_mac_range():
    # U+F884 -> MAI HAN-AKAT U+0E31, U+F899 -> NIKHAHIT U+0E4D, U+F89E -> U+0E10
    assert tr.map_pua("\uf884\uf899\uf89e") == "\u0e31\u0e4d\u0e10"


def test_pua_table_covers_both_ranges_and_only_maps_to_thai():
    keys = set(tr.PUA_TABLE)
    assert keys == set(range(0xF700, 0xF71B)) | set(range(0xF884, 0xF89F))
    assert all(0x0E01 <= v <= 0x0E4E for v in tr.PUA_TABLE.values())


def test_restore_sara_am_lost():
    # ส U+0E2A, space, SARA AA U+0E32 -> สำ (SARA AM U+0E33)
    assert tr.restore_sara_am_lost("ส านักงาน") == "สำนักงาน"


def test_restore_sara_am_lost_space_before_sara_am():
    # "ค ำน ำ": space before SARA AM U+0E33 -> คำนำ
    assert tr.restore_sara_am_lost("ค ำน ำ") == "คำนำ"


def test_restore_sara_am_lost_keeps_tone():
    # น U+0E19, MAI THO U+0E49, space, SARA AA -> น้ำ
    assert tr.restore_sara_am_lost("น\u0e49 า") == "น้ำ"


def test_restore_sara_am_lost_leaves_space_between_words():
    assert tr.restore_sara_am_lost("การ ตรวจ") == "การ ตรวจ"


def test_join_sara_am_split():
    # ส U+0E2A, NIKHAHIT U+0E4D, SARA AA U+0E32 -> สำ
    assert tr.join_sara_am_split("ส\u0e4d\u0e32นักงาน") == "สำนักงาน"


def test_join_sara_am_split_with_tone_between():
    # น, NIKHAHIT U+0E4D, MAI THO U+0E49, SARA AA -> น U+0E49 U+0E33
    assert tr.join_sara_am_split("น\u0e4d\u0e49\u0e32") == "น\u0e49\u0e33"


def test_undouble_sara_am():
    # ท, SARA AM U+0E33, SARA AA U+0E32 -> ทำ
    assert tr.undouble_sara_am("ท\u0e33\u0e32งาน") == "ทำงาน"


def test_undouble_sara_am_with_tone():
    # น, SARA AM, MAI THO U+0E49, SARA AA -> น้ำ
    assert tr.undouble_sara_am("น\u0e33\u0e49\u0e32") == "น\u0e49\u0e33"


def test_restore_sara_aa_whole_word():
    # โรงพยำบำล: both SARA AA U+0E32 read as SARA AM U+0E33
    assert tr.restore_sara_aa("โรงพยำบำล") == "โรงพยาบาล"


def test_restore_sara_aa_keeps_real_sara_am_in_same_run():
    # กำรดำเนินงำน: the second SARA AM is real (ดำเนิน)
    assert tr.restore_sara_aa("กำรดำเนินงำน") == "การดำเนินงาน"


@pytest.mark.parametrize("word", ["ทำ", "จำ", "คำ", "สำนัก", "ทำงาน", "คำนำ", "ตำบล", "ประจำปี"])
def test_restore_sara_aa_never_breaks_real_sara_am(word):
    assert tr.restore_sara_aa(word) == word


def test_restore_sara_aa_leaves_non_words_without_better_reading():
    # ฆ U+0E06 + SARA AM twice: no reading makes a word
    assert tr.restore_sara_aa("ฆำฆำ") == "ฆำฆำ"


def test_remove_space_before_mark():
    # เครื U+0E37, space, MAI EK U+0E48 -> เครื่อง
    assert tr.remove_space_before_mark("เครื ่อง") == "เครื่อง"


def test_remove_space_before_mark_keeps_spaces_before_letters():
    assert tr.remove_space_before_mark("ผล การ") == "ผล การ"


def test_swap_tone_before_vowel():
    # ผ U+0E1C, MAI THO U+0E49, SARA UU U+0E39 -> ผ U+0E39 U+0E49
    assert tr.swap_tone_before_vowel("\u0e1c\u0e49\u0e39") == "\u0e1c\u0e39\u0e49"


def test_swap_tone_before_vowel_above():
    # ท U+0E17, MAI EK U+0E48, SARA II U+0E35 -> ที่
    assert tr.swap_tone_before_vowel("\u0e17\u0e48\u0e35") == "ที่"


def test_count_and_drop_cid_glyph():
    text = "ค(cid:1004)าแถลง"
    assert tr.count_unmapped(text) == 1
    assert tr.drop_unmapped(text) == "คาแถลง"


def test_count_and_drop_replacement_char():
    # U+FFFD where the NIKHAHIT was: ประจ U+FFFD าปี
    text = "ประจ\ufffdาปี"
    assert tr.count_unmapped(text) == 1
    assert tr.drop_unmapped(text) == "ประจาปี"


def test_remove_zero_width():
    # U+200B inside a word, U+FEFF at the start
    assert tr.remove_zero_width("\ufeffการ\u200bดำเนินการ") == "การดำเนินการ"


def test_join_letter_spaced_heading():
    assert tr.join_letter_spaced("แ ผ น ป ฏิ บั ติ") == "แผนปฏิบัติ"


def test_join_letter_spaced_inside_line():
    assert tr.join_letter_spaced("๑. แ ผ น ง า น ประจำปี") == "๑. แผนงาน ประจำปี"


@pytest.mark.parametrize(
    "prose",
    [
        "ณ วันที่ ๑ ตุลาคม",  # ณ is a one-letter word
        "ข้อ ก ข ค",  # three lone letters: a list, not a heading
        "และ ให้ มี การ ทำ งาน",  # short words separated by spaces
        "ก. ข. ค. ง.",
    ],
)
def test_join_letter_spaced_leaves_prose(prose):
    assert tr.join_letter_spaced(prose) == prose


def test_reorder_marks_double_sara_e():
    # two SARA E U+0E40 typed for SARA AE U+0E41
    assert tr.reorder_marks("\u0e40\u0e40ปลก") == "แปลก"


# Two letters (one of them RU U+0E24, which LAKKHANGYAO follows), SARA E, the vowels, tones
# and marks the reordering rules look at, and a space.
_REORDER_ALPHABET = ["ก", "\u0e24", " ", *map(chr, [0x0E30, *range(0x0E31, 0x0E3B), 0x0E40])]
_REORDER_ALPHABET += [chr(c) for c in range(0x0E45, 0x0E4F)]


@settings(max_examples=400)
@given(st.text(st.sampled_from(_REORDER_ALPHABET), max_size=8))
@example("ก\u0e40\u0e40")  # one example per rule of pythainlp's
@example("ก\u0e49\u0e34")
@example("ก\u0e4d\u0e49\u0e32")
@example("ก\u0e32\u0e49")
@example("ก\u0e45")
def test_reorder_marks_is_pythainlps_reorder_vowels(text):
    # reorder_marks passes over text that none of the rules could touch (_REORDERABLE)
    assert tr.reorder_marks(text) == reorder_vowels(text)


def test_reorder_marks_passes_plain_text_over(monkeypatch):
    calls = []
    monkeypatch.setattr(tr, "reorder_vowels", lambda t: calls.append(t) or t)
    assert tr.reorder_marks("การดำเนินงาน") == "การดำเนินงาน"
    assert tr.reorder_marks("ก\u0e49\u0e33") == "ก\u0e49\u0e33"  # tone before SARA AM: correct
    assert calls == []
    tr.reorder_marks("ก\u0e33\u0e49")
    assert calls == ["ก\u0e33\u0e49"]


def test_restore_sara_aa_tokenises_a_run_of_known_words_once(monkeypatch):
    # every letter of "ดำเนินการสำนักงาน" is in a dictionary word: no flip can score more
    seen = []
    real = tr.known_chars
    monkeypatch.setattr(tr, "known_chars", lambda run: seen.append(run) or real(run))
    assert tr.restore_sara_aa("ดำเนินการสำนักงาน") == "ดำเนินการสำนักงาน"
    assert seen == ["ดำเนินการสำนักงาน"]


def test_reorder_marks_keeps_newlines_and_double_spaces():
    assert tr.reorder_marks("ก  ข\n\nค") == "ก  ข\n\nค"


def test_repair_text_keeps_thai_digits():
    assert tr.repair_text("๑๒๓ ๔๕.๖๗ บาท") == "๑๒๓ ๔๕.๖๗ บาท"


def test_repair_text_space_before_tone_then_lost_sara_am():
    # น, space, MAI THO U+0E49, space, SARA AA: both repairs are needed, in order
    assert tr.repair_text("น \u0e49 า") == "น้ำ"


def test_repair_text_pua_then_sara_am_split():
    # ก, U+F711 (NIKHAHIT, PUA), SARA AA -> กำ
    assert tr.repair_text("ก\uf711\u0e32หนด") == "กำหนด"


def test_repair_report_counts_unmapped():
    text, counts = tr.repair_report("ดา(cid:108) นการ (cid:7)")
    assert counts["unmapped_dropped"] == 2
    assert "(cid:" not in text


def test_repair_text_is_idempotent_on_damaged_text():
    damaged = "ส านักงาน สํานัก โรงพยำบำล เครื ่อง \u0e1c\u0e49\u0e39 ข\uf70bอ"
    once = tr.repair_text(damaged)
    assert once == "สำนักงาน สำนัก โรงพยาบาล เครื่อง ผู้ ข้อ"
    assert tr.repair_text(once) == once


def test_letter_spaced_heading_with_split_sara_am_is_joined_before_sara_am_repairs():
    # Regression: "ผู้ อํ า น ว ย ก า ร" (อ U+0E2D, NIKHAHIT U+0E4D, space, SARA AA U+0E32)
    # came out as "ผู้อํานวย กำ ร" when the heading was joined after the SARA AM repairs.
    assert tr.repair_text("ผู้ อํ า น ว ย ก า ร กองคลัง") == "ผู้อำนวยการ กองคลัง"


def test_tone_moved_off_follow_vowel_after_space_is_attached():
    # Regression: "ดู้ ำ้น" (SARA AM U+0E33 then MAI THO U+0E49 after a space): reordering
    # after the space repair left "ดู้ ้ำน", a space before a mark.
    assert count_defects(tr.repair_text("ดู้ \u0e33\u0e49น"))["space_before_mark"] == 0


# MS Reporting Services output: (cid:917) is MAI EK U+0E48, (cid:1004) NIKHAHIT U+0E4D,
# (cid:918) MAI THO U+0E49 (รายจ่าย, ค่า, ว่า, ผ่าน; ประจำ, จำนวน, ตำบล; ได้, ไว้, ให้, น้อย).
REPORTING_SERVICES = (
    "รายจ(cid:917)าย ค(cid:917)า คาดว(cid:917)า ที่ผ(cid:917)านมา "
    "ประจ(cid:1004)าปี จ(cid:1004)านวน เทศบาลต(cid:1004)าบล "
    "ได(cid:918) ไว(cid:918) ให(cid:918)มี พอกน(cid:918)อย"
)


def test_guess_unmapped_marks_reads_each_glyph_from_its_words():
    assert tr.guess_unmapped_marks(REPORTING_SERVICES) == (
        "รายจ่าย ค่า คาดว่า ที่ผ่านมา "
        "ประจ\u0e4d\u0e32ปี จ\u0e4d\u0e32นวน เทศบาลต\u0e4d\u0e32บล "  # joined later
        "ได้ ไว้ ให้มี พอกน้อย"
    )


def test_repair_report_counts_guessed_glyphs():
    text, counts = tr.repair_report(REPORTING_SERVICES)
    assert counts["unmapped_guessed"] == 11
    assert "จำนวน" in text and "(cid:" not in text


def test_guess_unmapped_marks_drops_nothing_without_evidence():
    # one use, and no mark makes a word of it: left for drop_unmapped
    assert tr.guess_unmapped_marks("ฆ(cid:5)ฆ") == "ฆ(cid:5)ฆ"


def test_guess_unmapped_marks_leaves_glyph_between_words():
    # after a space, not inside a Thai word: not a mark
    assert tr.guess_unmapped_marks("ค่า (cid:997) บาท") == "ค่า (cid:997) บาท"
