"""Repair OCR text, one pure function per kind of misreading.

Tesseract's Thai model damages text in its own ways, beside the ones the PDF repairs
(ingest/thai_repair.py) already undo:
- it puts spaces inside a Thai word ("แล ะ", "เนิ นการ");
- it writes SARA AM as NIKHAHIT + SARA AA (U+0E4D U+0E32) and marks out of order;
- it confuses Thai digits that look alike, most of all ๑ (U+0E51) with "@" / "๓", and ๖ (U+0E56)
  with ๒ (U+0E52) or ๘ (U+0E58) with ๙ (U+0E59), which only the context can settle: an
  item number counts up, a year lies near the report's fiscal year.

Code points: Thai consonants U+0E01..U+0E2E, leading vowels U+0E40..U+0E44, SARA A U+0E30,
SARA AA U+0E32, SARA AM U+0E33, above/below vowels and marks U+0E31, U+0E34..U+0E3A,
U+0E47..U+0E4E, Thai digits U+0E50..U+0E59.
"""

from __future__ import annotations

import re

from ingest.quality import known_chars
from ingest.thai_repair import repair_text

# Characters a Thai word can never start with: SARA A, SARA AA, SARA AM, LAKKHANGYAO and
# every above/below vowel and mark. A space before one of them is inside a word.
NO_START = "\u0e30\u0e32\u0e33\u0e45\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
# Leading vowels (U+0E40..U+0E44) are written before their consonant: never at a word's end.
LEADING = "\u0e40-\u0e44"
_SPACE_BEFORE_NO_START = re.compile(f"(?<=[\u0e01-\u0e4e])[ ]+(?=[{NO_START}])")
_SPACE_AFTER_LEADING = re.compile(f"(?<=[{LEADING}])[ ]+(?=[\u0e01-\u0e2e])")
# A space between two Thai letters, one word or not: settled by the dictionary.
_THAI_SPACE = re.compile("([\u0e01-\u0e4e]+)[ ]([\u0e01-\u0e4e]+)")


def join_broken_syllables(text: str) -> str:
    """Drop spaces that split a syllable: before a vowel or mark that cannot start a word
    ("แล ะ" -> "และ", "เนิ นการ" keeps its space here) and after a leading vowel
    ("เ ป็น" -> "เป็น")."""
    return _SPACE_AFTER_LEADING.sub("", _SPACE_BEFORE_NO_START.sub("", text))


def join_split_words(text: str) -> str:
    """Drop a space between two Thai runs where the joined run reads as more dictionary
    words than the two apart ("เนิ นการ" -> "เนินการ" is not a word, but "ดำเนิ นการ" ->
    "ดำเนินการ" is). Spaces between whole words stay: joining them gains nothing."""

    def fix(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        joined = left + right
        if known_chars(joined) > known_chars(left) + known_chars(right):
            return joined
        return m.group(0)

    # Overlapping pairs: repeat until stable (each pass removes at least one space).
    while True:
        fixed = _THAI_SPACE.sub(fix, text)
        if fixed == text:
            return fixed
        text = fixed


def repair_ocr_text(text: str) -> str:
    """Every context-free OCR repair, in order, then the PDF text repairs."""
    text = repair_text(text)
    text = join_broken_syllables(text)
    return join_split_words(text)
