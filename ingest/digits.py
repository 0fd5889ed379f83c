"""Thai digits and Arabic digits, one character for one.

Reports mix Thai digits (U+0E50..U+0E59, ๐..๙) and Arabic digits, often within one cell.
Indexing and queries fold both to Arabic so that "๒๕๖๘" finds "2568"; displayed text keeps
the document's own digits. Each digit maps to exactly one character, so an offset found in
folded text is the same offset in the original (highlights stay aligned).
"""

from __future__ import annotations

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def fold_digits(text: str) -> str:
    """Return text with every Thai digit replaced by its Arabic digit; nothing else changes."""
    return thai_digit_to_arabic_digit(text)


def to_thai_digits(text: str) -> str:
    """Return text with every Arabic digit 0-9 replaced by its Thai digit; nothing else changes."""
    return arabic_digit_to_thai_digit(text)
