"""Residual defect counts, dictionary rate and page quality on literal text."""

import pytest

from ingest import quality as q
from ingest.model import PageQuality

CLEAN = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pua", "ข\uf70bอ"),  # U+F70B
        ("pua", "ข\uf88dอ"),  # Mac range U+F88D
        ("sara_am_split", "ส\u0e4d\u0e32นัก"),  # U+0E4D U+0E32
        ("sara_am_split", "น\u0e4d\u0e49\u0e32"),  # U+0E4D tone U+0E32
        ("sara_am_lost", "ส านักงาน"),  # U+0E2A space U+0E32
        ("sara_am_doubled", "ท\u0e33\u0e32"),  # U+0E33 U+0E32
        ("space_before_mark", "เครื ่อง"),  # space U+0E48
        ("tone_before_vowel", "ผ\u0e49\u0e39"),  # U+0E49 U+0E39
        ("orphan_mark", "(\u0e34)"),  # U+0E34 after "("
        ("cid_glyph", "ค(cid:1004)าแถลง"),
        ("replacement_char", "ประจ\ufffdาปี"),
        ("zero_width", "การ\u200bดำเนิน"),
        ("letter_spaced", "แ ผ น ป ฏิ บั ติ"),
    ],
)
def test_count_defects_finds_each_class(name, text):
    counts = q.count_defects(text)
    assert counts[name] == 1
    assert set(counts) == set(q.DEFECTS)


def test_count_defects_clean_text_has_none():
    assert sum(q.count_defects(CLEAN).values()) == 0


def test_dict_rate_clean_prose_is_high():
    assert q.dict_rate(CLEAN) == 1.0


def test_dict_rate_detached_marks_is_lower():
    # วิสัยทัศน์ with marks pushed behind the next consonant and spaces inserted
    assert q.dict_rate("วิสัยทัศน์") == 1.0
    assert q.dict_rate("วสิ ยั ทศั น์") < 0.5


def test_dict_rate_none_without_thai():
    assert q.dict_rate("ITA 2568, page 3") is None


def test_word_stats_counts_sara_aa_read_as_am():
    # โรงพยำบำล for โรงพยาบาล: SARA AA U+0E32 read as SARA AM U+0E33; the tokeniser
    # splits it into โรง, พ, ยำ, บำล and only ยำ -> ยา is a word
    stats = q.word_stats("โรงพยำบำล")
    assert stats.aa_read_as_am == 1
    assert stats.total == 3


def test_known_chars_counts_characters_in_words():
    assert q.known_chars("การประชุม") == len("การประชุม")
    assert q.known_chars("กำร") < q.known_chars("การ")


def test_page_quality_clean_page():
    assert q.page_quality(3, CLEAN) == PageQuality(number=3, chars=len(CLEAN), quality=1.0, defects=0)


def test_page_quality_counts_residual_defects_and_extra():
    text = "ส านักงาน โรงพยำบำล"
    page = q.page_quality(1, text, extra_defects=2)
    # one lost SARA AM, one SARA AA read as SARA AM, two dropped glyphs
    assert page.defects == 4
    assert 0 < page.quality < 1


def test_page_quality_empty_page_is_zero():
    assert q.page_quality(2, "") == PageQuality(number=2, chars=0, quality=0.0, defects=0)


def test_page_quality_text_without_thai_is_zero():
    # legacy 8-bit Thai fonts print Latin-1: "ÃÒ§Ò¹" is รายงาน
    assert q.page_quality(1, "ÃÒ§Ò¹¼Å¡ÒÃ").quality == 0.0
