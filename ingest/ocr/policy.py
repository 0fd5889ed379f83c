"""When a page needs OCR: a pure decision from what its text layer and images look like."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# A page whose largest image covers this share of it is a scan (a photo, a scanned sheet).
PAGE_SIZE_IMAGE = 0.5
# A scan with fewer characters than this in its text layer carries only a stamp, a page
# number or a file name: its real text is in the image.
FEW_CHARS = 100
# A scan whose text layer reads as less than this share of dictionary words carries a bad
# OCR layer of its own (or legacy-font text): OCR it again.
LOW_DICTIONARY_RATE = 0.5


def image_cover(images: Sequence[dict[str, Any]], width: float, height: float) -> float:
    """The share of the page (0..1) that its largest image covers."""
    area = max(width * height, 1e-6)
    best = 0.0
    for im in images:
        w = max(0.0, min(im["x1"], width) - max(im["x0"], 0.0))
        h = max(0.0, min(im["bottom"], height) - max(im["top"], 0.0))
        best = max(best, w * h / area)
    return best


def needs_ocr(mode: str, chars: int, cover: float, quality: float) -> bool:
    """Whether a page is read by OCR.

    mode "never": no page; "always": every page; "auto": a page with no text and an image,
    or a page-size image whose text layer has only a few characters or reads as few
    dictionary words (`quality`, 0..1).
    """
    if mode == "never":
        return False
    if mode == "always":
        return True
    if chars == 0:
        return cover > 0
    return cover >= PAGE_SIZE_IMAGE and (chars < FEW_CHARS or quality < LOW_DICTIONARY_RATE)
