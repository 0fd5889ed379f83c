import pytest

from ingest.digits import THAI_DIGITS, fold_digits, to_thai_digits


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
        ("ปีงบประมาณ ๒๕๖๘", "ปีงบประมาณ 2568"),
        ("ต.ค.-ธ.ค.๖๗", "ต.ค.-ธ.ค.67"),
        ("๒๕,๖๘๐ บาท", "25,680 บาท"),
        ("mixed ๑2๓", "mixed 123"),
        ("", ""),
        ("ไม่มีตัวเลข", "ไม่มีตัวเลข"),
    ],
)
def test_fold_digits(text, folded):
    assert fold_digits(text) == folded


def test_fold_keeps_length_and_offsets():
    text = "ข้อมูล ณ วันที่ ๓๐ ตุลาคม ๒๕๖๗"
    folded = fold_digits(text)
    assert len(folded) == len(text)
    start = folded.index("2567")
    assert text[start : start + 4] == "๒๕๖๗"


def test_fold_leaves_non_digits_alone():
    # Thai characters around the digit block (U+0E4F ๏, U+0E5A ๚) are not digits.
    text = "๏๚ำ"
    assert fold_digits(text) == text


def test_to_thai_digits():
    assert to_thai_digits("ปี 2568, 1.5%") == "ปี ๒๕๖๘, ๑.๕%"
    assert to_thai_digits("๒๕๖๘") == "๒๕๖๘"


def test_round_trip_over_every_digit():
    arabic = "0123456789"
    assert to_thai_digits(arabic) == THAI_DIGITS
    assert fold_digits(to_thai_digits(arabic)) == arabic
