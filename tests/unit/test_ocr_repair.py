"""Every OCR repair rule on tiny literal inputs (ingest/ocr/repair.py, ingest/ocr/digits.py)."""

from __future__ import annotations

import pytest

from ingest.ocr.digits import _digit_runs
from ingest.ocr.repair import (
    fix_years,
    join_broken_syllables,
    join_split_words,
    renumber_measures,
    repair_ocr_cell,
    repair_ocr_text,
    restore_abbreviation_dots,
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("แล ะ", "และ"),  # SARA A (U+0E30) never starts a word
        ("ดำเนิ นการ", "ดำเนิ นการ"),  # left for the dictionary rule
        ("เ ป็น", "เป็น"),  # a leading vowel (U+0E40) never ends a word
        ("ข้อมูล ข่าวสาร", "ข้อมูล ข่าวสาร"),  # two words keep their space
        ("ภาษา Thai ok", "ภาษา Thai ok"),
    ],
)
def test_join_broken_syllables(text: str, want: str) -> None:
    assert join_broken_syllables(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ดำเนิ นการ", "ดำเนินการ"),
        ("ปฏิ บัติ", "ปฏิบัติ"),
        ("สำนักปลัด เทศบาล", "สำนักปลัด เทศบาล"),  # whole words: nothing gained by joining
        ("ไม่มี ข้อร้องเรียน", "ไม่มี ข้อร้องเรียน"),
    ],
)
def test_join_split_words(text: str, want: str) -> None:
    assert join_split_words(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("๑ ตุค. ๖๗ - ๓๐ กุย. ๖๘", "๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘"),
        ("๑ต.ุค.๖๗-๓๐ก.ุย.๖๘", "๑ต.ค.๖๗-๓๐ก.ย.๖๘"),
        ("ต.ค.-ธ.คุ๖๗", "ต.ค.-ธ.ค.๖๗"),
        ("ปีงบประมาณพุศ. ๒๕๖๘", "ปีงบประมาณพ.ศ. ๒๕๖๘"),
        ("มีุค. ๒๕๖๘", "มี.ค. ๒๕๖๘"),
        ("ทุกคน ตุ๊กตา กุศล", "ทุกคน ตุ๊กตา กุศล"),  # real words with SARA U stay
    ],
)
def test_restore_abbreviation_dots(text: str, want: str) -> None:
    assert restore_abbreviation_dots(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ปีงบประมาณ ๒๕๒๕", "ปีงบประมาณ ๒๕๖๘"),  # ๖ -> ๒ and ๘ -> ๕, the measured misreads
        ("ต.ค.-ธ.ค.๒๓", "ต.ค.-ธ.ค.๖๗"),  # two-digit year after a month: ๖๗ read as ๒๓
        ("มิถุนายน ๒๕๒๕", "มิถุนายน ๒๕๖๘"),
        ("พ.ศ.๒๕๔๐", "พ.ศ.๒๕๔๐"),  # a law's year with no misreading near the fiscal year
        ("ประจำปีฯ ๖๗", "ประจำปีฯ ๖๗"),  # right as read: last year, a finding, not a misread
        ("ภายใน ๑๕ วัน", "ภายใน ๑๕ วัน"),  # not a year: nothing before it says so
        ("รวม ๒๒ โครงการ", "รวม ๒๒ โครงการ"),
    ],
)
def test_fix_years_near_the_fiscal_year(text: str, want: str) -> None:
    assert fix_years(text, 2568) == want


def test_fix_years_needs_a_fiscal_year() -> None:
    assert fix_years("ปีงบประมาณ ๒๕๒๕", None) == "ปีงบประมาณ ๒๕๒๕"
    assert repair_ocr_cell("ปีงบประมาณ ๒๕๒๕", 2568) == "ปีงบประมาณ ๒๕๖๘"


def test_renumber_measures_puts_misread_numbers_back_in_sequence() -> None:
    cells = ["มาตรการ/โครงการ/กิจกรรม", "๑. มาตรการเผยแพร่", "", "๒. มาตรการงด",
             "๓. มาตรการส่ง", "๔. บริหาร", "๕. ป้องกัน", "». มาตรการพัฒนา"]
    assert renumber_measures(cells) == [*cells[:7], "๖. มาตรการพัฒนา"]


def test_renumber_measures_fixes_a_confusable_digit_and_keeps_a_true_jump() -> None:
    # ๖ read as ๒ (U+0E52 for U+0E56) is put back; ๓ -> ๗ is no misreading: a real jump.
    assert renumber_measures(["๑. ก", "๒. ข", "๓. ค", "๔. ง", "๕. จ", "๒. ฉ"])[-1] == "๖. ฉ"
    assert renumber_measures(["๑. ก", "๒. ข", "๓. ค", "๗. ง"])[-1] == "๗. ง"


def test_renumber_measures_writes_arabic_where_the_table_does() -> None:
    assert renumber_measures(["1. มาตร", "2. ก", "». ข"]) == ["1. มาตร", "2. ก", "3. ข"]


def test_renumber_leaves_continuation_and_header_rows() -> None:
    cells = ["ผู้รับผิดชอบ", "ต่อ (ท้ายชื่อ)", "๑. ก"]
    assert renumber_measures(cells) == cells


def test_digit_runs_take_stray_characters_beside_thai_digits_not_email() -> None:
    assert _digit_runs("พ.ศ. ๒๕๒9๕") == [(5, 10)]
    assert _digit_runs("ธ.ค.๒ซ") == [(4, 6)]
    assert _digit_runs("ซอย ๓") == [(4, 5)]  # a ซ that starts a word stays a letter
    assert _digit_runs("saraban@banlat.go.th") == []


def test_repair_ocr_text_runs_the_pdf_repairs_too() -> None:
    # tesseract writes SARA AM as NIKHAHIT + SARA AA (U+0E4D U+0E32): one SARA AM (U+0E33).
    assert repair_ocr_text("ประจํา ปี") == "ประจำ ปี"
    assert repair_ocr_text("แล ะ ดำเนิ นการ") == "และ ดำเนินการ"
