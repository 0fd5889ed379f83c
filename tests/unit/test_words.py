"""ingest/words.py builds exactly the words pdfplumber's WordExtractor builds: tiny literal
chars here; every page of every sample (and of the real PDFs) in
tests/functional/test_words_samples.py."""

from pdfplumber.utils.text import WordExtractor

from ingest.words import _lines, extract_words, word_tuples
from tests.unit.test_chars import char as chars_char

X, Y = 2, 3


def char(text, x0, x1, top=100.0, size=10.0, upright=True):
    """A char dict as tests/unit/test_chars.py builds them; upright, doctop apart from top."""
    return {**chars_char(text, x0, x1, top=top, size=size), "doctop": top + 1000.0,
            "upright": upright}


def pdfplumber_words(chars):
    return [(w, list(c)) for w, c in WordExtractor(x_tolerance=X, y_tolerance=Y).iter_extract_tuples(chars)]


def ours(chars):
    return list(word_tuples(chars, X, Y))


def texts(chars):
    return [w["text"] for w, _ in ours(chars)]


def test_a_gap_wider_than_the_tolerance_starts_a_word():
    chars = [char("ก", 0, 5), char("ข", 6.9, 12), char("ค", 14.5, 20)]
    assert texts(chars) == ["กข", "ค"]
    assert ours(chars) == pdfplumber_words(chars)


def test_a_blank_char_ends_a_word_and_is_dropped():
    chars = [char("ก", 0, 5), char(" ", 5, 7), char("ข", 7, 12)]
    assert texts(chars) == ["ก", "ข"]
    assert ours(chars) == pdfplumber_words(chars)


def test_a_char_with_empty_text_is_a_word_of_its_own():
    # pdfplumber's punctuation test is `text in ""`, true for an empty text
    chars = [char("ก", 0, 5), char("", 5, 6), char("ข", 6, 11)]
    assert texts(chars) == ["ก", "", "ข"]
    assert ours(chars) == pdfplumber_words(chars)


def test_a_mark_snapped_onto_its_base_stays_in_its_word():
    # SARA I U+0E34 at its base's x0 plus an epsilon (ingest/chars.py snap_marks), drawn
    # after the next letter: sorting by x0 puts it back behind its base
    chars = [char("ก", 10, 15), char("ข", 15, 20), char("\u0e34", 10.001, 15)]
    assert texts(chars) == ["ก\u0e34ข"]
    assert ours(chars) == pdfplumber_words(chars)


def test_lines_cluster_by_top_in_a_chain_and_sort_by_x0():
    # tops 100, 102.5, 105 chain into one line (each within 3 of the one before); 110 does
    # not; 113 is exactly 3 below 110 and joins it; 116.5 does not
    chars = [
        char("ค", 20, 25, top=105),
        char("ก", 0, 5, top=100),
        char("ง", 0, 5, top=110),
        char("ข", 5, 10, top=102.5),
        char("ฉ", 0, 5, top=116.5),
        char("จ", 20, 25, top=113),
    ]
    assert ours(chars) == pdfplumber_words(chars)
    assert texts(chars) == ["กข", "ค", "ง", "จ", "ฉ"]
    assert [len(line) for line in _lines(chars, Y)] == [3, 2, 1]


def test_chars_of_one_line_too_far_apart_in_top_split():
    # 100 and 103.5 are in one line through 101.8, but 3.5 apart: a new word
    chars = [char("ก", 0, 5, top=100), char("ข", 5, 10, top=103.5), char("ค", 20, 25, top=101.8)]
    assert ours(chars) == pdfplumber_words(chars)


def test_ligatures_are_expanded():
    chars = [char("\ufb01", 0, 5), char("x", 5, 8)]  # U+FB01 LATIN SMALL LIGATURE FI
    assert texts(chars) == ["fix"]
    assert ours(chars) == pdfplumber_words(chars)


def test_word_dict_has_pdfplumbers_keys_and_box():
    chars = [char("ก", 0, 5, top=100, size=10), char("ข", 5, 11, top=99, size=12)]
    (word, got_chars), = ours(chars)
    assert (word["x0"], word["x1"], word["top"], word["bottom"]) == (0, 11, 99, 111)
    assert word["doctop"] == 1099.0
    assert got_chars == chars
    assert ours(chars) == pdfplumber_words(chars)


def test_rotated_chars_go_to_pdfplumber():
    chars = [
        char("ก", 0, 5),
        char("A", 50, 60, top=10, upright=False),
        char("B", 50, 60, top=20, upright=False),
        char("ข", 5, 10),
    ]
    assert ours(chars) == pdfplumber_words(chars)
    assert [w["direction"] for w, _ in ours(chars)] == ["ltr", "ttb", "ltr"]


def test_extract_words_is_the_word_dicts():
    chars = [char("ก", 0, 5), char("ข", 20, 25)]
    assert extract_words(chars, X, Y) == [w for w, _ in pdfplumber_words(chars)]


def test_no_chars_no_words():
    assert ours([]) == []
