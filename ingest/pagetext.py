"""The repaired text of one PDF page, in reading order."""

from __future__ import annotations

from pdfplumber.page import Page

from ingest.chars import chars_text
from ingest.thai_repair import repair_text


def page_text(page: Page) -> str:
    """Prepass the page's chars, extract text (pdfplumber's default order), repair the Thai."""
    return repair_text(chars_text(page.chars))
