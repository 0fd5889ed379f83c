"""The repaired text of one PDF page, in reading order: what `raingan parse --text` prints."""

from __future__ import annotations

from typing import Any

from pdfplumber.page import Page

from ingest.chars import chars_text, prepass_chars, words_text
from ingest.thai_repair import repair_report


def repaired_text(
    chars: list[dict[str, Any]], words: list[dict[str, Any]] | None = None
) -> tuple[str, int]:
    """Text of prepassed chars with the Thai repaired, and how many glyphs had no Unicode;
    `words`, if given, are the chars' page_words(), built once for the page.

    Unmapped glyphs are gone from the text (guessed or dropped), but a page that had them
    stays suspect, so the count travels with the text.
    """
    if not chars:
        return "", 0
    text, counts = repair_report(chars_text(chars) if words is None else words_text(words))
    return text, counts.get("unmapped_guessed", 0) + counts.get("unmapped_dropped", 0)


def page_text(page: Page) -> str:
    """Prepass the page's chars, extract text (pdfplumber's default order), repair the Thai."""
    return repaired_text(prepass_chars(page.chars))[0]
