"""The Thai analyzer: folding, squeezing, word tokens with offsets, and the scan encoding."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from index.analyzer import (
    ThaiTokenizer,
    encode_norm,
    fold,
    query_spans,
    squeeze,
    squeeze_with_offsets,
    word_spans,
)
from ingest.digits import fold_digits


def test_fold_maps_thai_digits_one_for_one_and_lowers_latin() -> None:
    text = "ปี ๒๕๖๘ E-Service"
    assert fold(text) == "ปี 2568 e-service"
    assert len(fold(text)) == len(text)


def test_fold_agrees_with_ingest_fold_digits() -> None:
    text = "๐๑๒๓๔๕๖๗๘๙ และ 0123456789 ข้อ ๑๐."
    assert fold(text) == fold_digits(text).lower()


def test_squeeze_removes_every_kind_of_space() -> None:
    assert squeeze("การ ปฏิบัติ\nงาน\u200bดี ๑") == "การปฏิบัติงานดี1"


def test_squeeze_keeps_one_space_between_latin_words_and_numbers() -> None:
    assert squeeze("No  Gift\nPolicy") == "no gift policy"
    assert squeeze("๒๕๖๗ ๒๕๖๘") == "2567 2568"
    assert squeeze("E-Service ๑๒ เดือน") == "e-service 12เดือน"


def test_squeeze_drops_a_space_with_thai_or_punctuation_beside_it() -> None:
    assert squeeze("ปี 2567 - 2568") == "ปี2567-2568"
    assert squeeze(" a \u200b") == "a"


def test_squeeze_offsets_of_a_kept_space() -> None:
    text = "No \n Gift"
    squeezed, offsets = squeeze_with_offsets(text)
    assert squeezed == "no gift"
    assert offsets == [0, 1, 2, 5, 6, 7, 8]


def test_squeeze_offsets_point_at_original_characters() -> None:
    text = "ช่อง  ทาง ๒"
    squeezed, offsets = squeeze_with_offsets(text)
    assert squeezed == "ช่องทาง2"
    assert "".join(text[i] for i in offsets) == "ช่องทาง๒"


def test_words_split_punctuation_before_segmenting() -> None:
    # Raw newmm keeps "/2567" as one token; the number must be a token of its own.
    words = [w for w, _, _ in word_spans("ประกาศ ๔๙/๒๕๖๗")]
    assert words[-2:] == ["49", "2567"]


def test_word_offsets_index_the_original_text() -> None:
    text = "ภาครัฐ ๒๕๖๘"
    spans = list(word_spans(text))
    assert [text[s:e] for _, s, e in spans][-1] == "๒๕๖๘"
    assert spans[-1][0] == "2568"


def test_query_keeps_every_chunk_whole() -> None:
    # Each chunk becomes one substring search: "e-serv" must stay whole to find "E-Service".
    assert [t for t, _, _ in query_spans("จัดซื้อจัดจ้าง E-Serv ๒๕๖")] == [
        "จัดซื้อจัดจ้าง",
        "e-serv",
        "256",
    ]


def test_tokenizer_yields_positions_and_chars() -> None:
    text = "แจ้ง ๒๕๖๘"
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ThaiTokenizer()(text, positions=True, chars=True)
    ]
    assert tokens[-1] == ("2568", len(tokens) - 1, 5, 9)


def test_encoding_is_one_byte_per_thai_character() -> None:
    assert len(encode_norm("ภาครัฐ")) == len("ภาครัฐ")


def test_encoding_escapes_characters_cp874_lacks_without_false_matches() -> None:
    text = encode_norm("ก✓ข")
    assert encode_norm("✓") in text
    assert encode_norm("ก✓ข") == text
    # No plain text can match inside an escape: escape bytes never occur in encoded text.
    assert encode_norm("2") not in text and b"\x02" not in encode_norm("ก\x02ข")


def reference_squeeze(text: str) -> str:
    """squeeze's definition in two regular expressions (slower than squeeze)."""
    wordy = "[^\\W_\u0e00-\u0e7f]"
    collapsed = re.sub(r"[\s\u200b\u2060]+", " ", fold(text))
    return re.sub(f" (?!{wordy})|(?<!{wordy}) ", "", collapsed)


@given(st.text(alphabet="กา่ ัa1B๒-_é\n\t\x1f\u200b\u2060\u00a0.", max_size=30))
def test_squeeze_with_offsets_agrees_with_squeeze(text: str) -> None:
    squeezed, offsets = squeeze_with_offsets(text)
    assert squeezed == squeeze(text) == reference_squeeze(text)
    assert len(offsets) == len(squeezed) and offsets == sorted(set(offsets))
    # Every character but a kept space is the original one, folded.
    assert all(c == " " or fold(text[i]) == c for c, i in zip(squeezed, offsets, strict=True))
