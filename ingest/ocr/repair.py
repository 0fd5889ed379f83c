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


def join_broken_syllables(text: str) -> str:
    """Drop spaces that split a syllable: before a vowel or mark that cannot start a word
    ("แล ะ" -> "และ", "เนิ นการ" keeps its space here) and after a leading vowel
    ("เ ป็น" -> "เป็น")."""
    return _SPACE_AFTER_LEADING.sub("", _SPACE_BEFORE_NO_START.sub("", text))


def join_split_words(text: str) -> str:
    """Drop a space between two Thai runs where the joined run reads as more dictionary
    words than the two apart ("ดำเนิ นการ" -> "ดำเนินการ", "ปฏิ บัติ" -> "ปฏิบัติ"). Spaces
    between whole words stay: joining them gains nothing."""
    parts = text.split(" ")
    out = [parts[0]]
    for part in parts[1:]:
        left = _LAST_THAI.search(out[-1])
        right = _FIRST_THAI.match(part)
        if left and right:
            a, b = left.group(0), right.group(0)
            if known_chars(a + b) > known_chars(a) + known_chars(b):
                out[-1] += part
                continue
        out.append(part)
    return " ".join(out)


_LAST_THAI = re.compile("[\u0e01-\u0e4e]+$")
_FIRST_THAI = re.compile("^[\u0e01-\u0e4e]+")


# Month abbreviations and พ.ศ. as their two letters: tesseract reads the dot between them as
# SARA U (U+0E38) below the first letter ("ตุค." for ต.ค.), or drops it.
ABBREVIATIONS = (
    ("ม", "ค"), ("ก", "พ"), ("มี", "ค"), ("เม", "ย"), ("พ", "ค"), ("มิ", "ย"), ("ก", "ค"),
    ("ส", "ค"), ("ก", "ย"), ("ต", "ค"), ("พ", "ย"), ("ธ", "ค"), ("พ", "ศ"),
)
_ABBREVIATION = re.compile(
    "("
    + "|".join(f"{a}(?:\\.?\u0e38|\u0e38?\\.)\\s?{b}" for a, b in ABBREVIATIONS)
    + ")(?:\\.|\u0e38)(?![\u0e01-\u0e4e])"
)


def restore_abbreviation_dots(text: str) -> str:
    """"ตุค." -> "ต.ค.", "ต.ุค." -> "ต.ค.", "ธ.คุ๖๗" -> "ธ.ค.๖๗", "พุศ." -> "พ.ศ.": a month
    abbreviation (or พ.ศ.) one of whose dots OCR read as SARA U (U+0E38) under the letter
    before it. The abbreviation must end in its dot (or the SARA U standing for it) with no
    Thai letter after, so real words with SARA U are untouched."""

    def fix(m: re.Match[str]) -> str:
        letters = [ch for ch in m.group(1) if ch not in ".\u0e38 "]
        first = "".join(letters[:-1])
        return f"{first}.{letters[-1]}."

    return _ABBREVIATION.sub(fix, text)


def repair_ocr_text(text: str) -> str:
    """Every context-free OCR repair, in order, then the PDF text repairs."""
    text = repair_text(text)
    text = join_broken_syllables(text)
    text = restore_abbreviation_dots(text)
    return join_split_words(text)


# What tesseract's Thai model writes for a Thai digit it cannot write: its character set
# has only ๐ ๑ ๒ ๓ ๕ (U+0E50, U+0E51, U+0E52, U+0E53, U+0E55), so ๔ ๖ ๗ ๘ ๙ always come out
# as one of those. Measured on the scanned samples (truth -> read): ๖ -> ๒ (17 times),
# ๘ -> ๕ (10), ๖ -> ๐ (8), ๔ -> ๕ (7), ๗ -> ๓ (4), ๗ -> ๐ (2). Keyed by what was read: the
# digits it may stand for.
READ_FOR: dict[str, str] = {"๒": "๖", "๕": "๘๔", "๐": "๖๗", "๓": "๗"}
_THAI_YEAR = re.compile("(?<![๐-๙0-9])(๒๕[๐-๙]{2}|[๐-๙]{2})(?![๐-๙0-9])")
# What stands before a two-digit year: พ.ศ., ปี, ปีงบประมาณ, ปีฯ, a month abbreviated
# (ต.ค.) or written out (ตุลาคม, เมษายน, กุมภาพันธ์), a quarter (ไตรมาส).
_YEAR_BEFORE = re.compile(
    r"(?:พ\.\s*ศ\.|ปี|งบประมาณ|[ก-ฮ]\.\s*[ก-ฮ]\.|ฯ|มาส|[ก-ฮ]{3}คม|[ก-ฮ]{3}ยน|พันธ์)\s*$"
)


def _variants(digits: str) -> set[str]:
    """Every string tesseract may have misread as `digits` (itself included)."""
    out = {""}
    for ch in digits:
        out = {v + alt for v in out for alt in ch + READ_FOR.get(ch, "")}
    return out


def fix_years(text: str, fiscal_be: int | None) -> str:
    """Thai-digit years misread by OCR, put back where the context says they are years near
    the fiscal year: a four-digit ๒๕xx, or two digits after a month, "พ.ศ." or "ปี", that is
    not within a year of the report's fiscal year but one of its misreadings is
    ("ปีงบประมาณ ๒๕๒๕" in a ๒๕๖๘ report is ๒๕๖๘; "ต.ค.-ธ.ค.๒๓" is ๖๗). A year that is right as
    read, or has no misreading near the fiscal year, is left alone."""
    if fiscal_be is None:
        return text
    near = {fiscal_be - 1, fiscal_be, fiscal_be + 1}

    def value(digits: str) -> int:
        n = int(digits.translate(_TO_ARABIC))
        return n if len(digits) == 4 else 2500 + n

    def fix(m: re.Match[str]) -> str:
        digits = m.group(1)
        if len(digits) == 2 and not _YEAR_BEFORE.search(text[: m.start()]):
            return digits
        if value(digits) in near:
            return digits
        fits = sorted(
            (v for v in _variants(digits) if value(v) in near),
            key=lambda v: (sum(a != b for a, b in zip(v, digits, strict=True)), -value(v)),
        )
        return fits[0] if fits else digits

    return _THAI_YEAR.sub(fix, text)


_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def repair_ocr_cell(text: str, fiscal_be: int | None) -> str:
    """The repairs of one table cell that need the report's context (its fiscal year)."""
    return fix_years(text, fiscal_be)


# A first cell that opens with a short token and a dot, then the measure's title: the token
# is the measure's number, however OCR read it ("๖." as "»." or "๒.").
_NUMBER_TOKEN = re.compile(
    r"^(\s*)([^\s.\u0e01-\u0e2e\u0e40-\u0e44]{1,3})(\s*\.)(?=\s*[\u0e01-\u0e4e])"
)


def renumber_measures(first_cells: list[str]) -> list[str]:
    """The first cells of a scanned measure table's rows, in document order, with misread
    measure numbers put back: a row opening with a token and a dot ("». มาตรการ…") is a new
    measure, and measures count up one by one, so a token that is not a number, or a number
    whose misreading the expected one could be ("๒." where ๖ is due), becomes the expected
    number. A number read right is kept even where it jumps (a skipped number is a finding).
    """
    thai = not any(re.match(r"\s*[0-9]{1,2}\s*\.", c) for c in first_cells)
    last = 0
    out = []
    for cell in first_cells:
        m = _NUMBER_TOKEN.match(cell)
        if not m:
            out.append(cell)
            continue
        token, expected = m.group(2), last + 1
        digits = str(expected).translate(_TO_THAI) if thai else str(expected)
        if token.isdigit() and _is_number(token):
            read = int(token.translate(_TO_ARABIC))
            if read != expected and digits in _variants(token):
                token = digits
        else:
            token = digits
        last = int(token.translate(_TO_ARABIC)) if _is_number(token) else expected
        out.append(m.group(1) + token + m.group(3) + cell[m.end():])
    return out


def _is_number(token: str) -> bool:
    return bool(re.fullmatch("[0-9๐-๙]{1,2}", token))


_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
