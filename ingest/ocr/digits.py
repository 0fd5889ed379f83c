"""Thai digits that tesseract's Thai model cannot write, read again by template matching.

Debian's Thai models (tha and script/Thai, data 4.1.0) have only ๐ ๑ ๒ ๓ ๕ (U+0E50, U+0E51,
U+0E52, U+0E53, U+0E55) in their character set: ๔ ๖ ๗ ๘ ๙ (U+0E54, U+0E56..U+0E59) come out
as one of those, so "๒๕๖๘" reads "๒๕๒๕". No setting changes that, so each digit tesseract
writes is looked at again: the glyphs of a run of digits are cut from the line image and
matched against the ten Thai digits rendered in the tlwg fonts (Debian's fonts-thai-tlwg:
Garuda, Kinnari, Laksaman, Loma, Norasi, Sawasdee, Umpush, Waree, …), nearest template wins.
Without those fonts the digits stay as tesseract wrote them (and context repair, in
ingest/ocr/repair.py, does what it can).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import cv2
import numpy as np

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
# What tesseract writes where a Thai digit stands: its own five, and "@" / "©" for the
# looped ๑ and ๕ of some fonts.
READ_AS_DIGIT = set("๐๑๒๓๕@©")
FONT_DIRS = ("/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/opentype/tlwg")
SIDE = 24  # a glyph is compared as SIDE x SIDE pixels
_SKIP_STYLES = ("Oblique", "Italic")  # slanted styles: reports are typed upright


def font_paths(dirs: Sequence[str] = FONT_DIRS) -> list[Path]:
    """Upright Thai fonts to render templates from (RAINGAN_THAI_FONTS overrides the dirs)."""
    env = os.environ.get("RAINGAN_THAI_FONTS")
    folders = [Path(p) for p in env.split(os.pathsep)] if env else [Path(d) for d in dirs]
    found = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(
                p for p in folder.iterdir()
                if p.suffix.lower() in (".ttf", ".otf") and not any(s in p.stem for s in
                                                                      _SKIP_STYLES)
            )
    return found


def glyph_features(ink: np.ndarray) -> np.ndarray | None:
    """A glyph's ink mask (nonzero = ink) as a feature vector: the glyph cropped to its ink,
    centred in a square, SIDE pixels a side, plus its height-to-width ratio."""
    ys, xs = np.nonzero(ink)
    if len(ys) < 4:
        return None
    crop = (ink[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1] > 0).astype(np.float32)
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side), np.float32)
    square[(side - h) // 2: (side - h) // 2 + h, (side - w) // 2: (side - w) // 2 + w] = crop
    small = cv2.resize(square, (SIDE, SIDE), interpolation=cv2.INTER_AREA)
    return np.concatenate([small.ravel(), [3.0 * h / w]]).astype(np.float32)


def _render(font: Path, digit: str, size: int) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype(str(font), size)
    image = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(image).text((size // 2, size // 4), digit, font=face, fill=255)
    return np.asarray(image)


@cache
def templates() -> tuple[np.ndarray, np.ndarray] | None:
    """(features, digit index) of every template, or None without Thai fonts. Each digit is
    rendered at two sizes and also thickened and thinned, as toner and copying do."""
    feats, labels = [], []
    kernel = np.ones((2, 2), np.uint8)
    for font in font_paths():
        for d, digit in enumerate(THAI_DIGITS):
            for size in (28, 44):
                try:
                    glyph = _render(font, digit, size)
                except OSError:
                    continue
                binary = (glyph > 127).astype(np.uint8)
                for variant in (binary, cv2.dilate(binary, kernel), cv2.erode(binary, kernel)):
                    f = glyph_features(variant)
                    if f is not None:
                        feats.append(f)
                        labels.append(d)
    if not feats:
        return None
    return np.stack(feats), np.asarray(labels)


def classify(ink: np.ndarray) -> str | None:
    """The Thai digit a glyph's ink mask looks most like, or None without templates."""
    table = templates()
    f = glyph_features(ink)
    if table is None or f is None:
        return None
    feats, labels = table
    dist = ((feats - f) ** 2).sum(axis=1)
    return THAI_DIGITS[int(labels[int(np.argmin(dist))])]


# Characters tesseract writes for a Thai digit it cannot write, or part of one ("๖" as "๒ซ"
# or "»", "๗" as "ฒ", "๙" as "9"): taken into a run only beside a Thai digit it wrote.
STRAY = set("ซฒ»«9o6๑")


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """Runs of characters in `text` that stand for Thai digits: Thai digits, "@"/"©", and
    stray characters beside them."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if text[i] in READ_AS_DIGIT:
            j = i
            while j < len(text) and (text[j] in READ_AS_DIGIT or text[j] in STRAY):
                j += 1
            while i > 0 and text[i - 1] in STRAY and (i < 2 or not text[i - 2].isalpha()):
                i -= 1
            run = text[i:j]
            # "@" alone between Latin letters is an e-mail address, not a digit.
            if any(ch in THAI_DIGITS for ch in run) or not _in_latin(text, i, j):
                runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _in_latin(text: str, i: int, j: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[j] if j < len(text) else ""
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


def reread_digits(
    text: str, image: np.ndarray, boxes: Sequence[tuple[str, tuple[int, int, int, int]]]
) -> str:
    """`text` (one line as tesseract read it) with each run of digits read again from
    `image` (the line image tesseract was given, dark ink on white).

    `boxes` are tesseract's symbols in reading order with their boxes (x0, y0, x1, y1). A run
    is re-read only when the glyphs found under its symbols are as many as its characters,
    so a run whose glyphs touch or break apart keeps tesseract's reading.
    """
    runs = _digit_runs(text)
    if not runs or templates() is None:
        return text
    spans = _symbol_spans(text, boxes)
    _, ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    tall = np.median(heights[heights >= 6]) if (heights >= 6).any() else 0
    out = list(text)
    # Right to left, so that a run read as more or fewer digits leaves earlier spans valid.
    for start, end in reversed(runs):
        boxes_in = [box for (a, b), box in spans if a >= start and b <= end]
        if not boxes_in:
            continue
        x0 = min(b[0] for b in boxes_in) - 3
        x1 = max(b[2] for b in boxes_in) + 3
        glyphs = [
            i for i in range(1, count)
            if x0 <= stats[i, 0] + stats[i, 2] / 2 <= x1 and stats[i, cv2.CC_STAT_HEIGHT]
            >= 0.5 * tall
        ]
        pieces = [piece for i in sorted(glyphs, key=lambda i: stats[i, 0])
                  for piece in split_touching((labels == i).astype(np.uint8), stats[i, :4])]
        # One glyph per digit written, or fewer: tesseract may write one digit as two
        # symbols ("๒๐" for ๖), and a stray character beside a digit ("๒ซ") is part of it.
        # More glyphs than that, or fewer than half, means glyphs broke apart or the run is
        # not what it seems: tesseract's reading is kept (context repair may still fix a year).
        written = sum(ch not in STRAY or ch in THAI_DIGITS for ch in text[start:end])
        if not (written + 1) // 2 <= len(pieces) <= end - start or not pieces:
            continue
        digits = [classify(piece) or "" for piece in pieces]
        if all(digits):
            out[start:end] = digits
    return "".join(out)


def split_touching(mask: np.ndarray, box: Sequence[int]) -> list[np.ndarray]:
    """One glyph's mask cut into the digits it holds: blurred scans join neighbouring digits
    ("๒๕" as one blob). A blob wider than 1.5 times its height is cut into as many pieces
    as digit widths (0.85 of the height) it spans, each cut at the column of least ink near
    where it is due."""
    x, y, w, h = (int(v) for v in box)
    glyph = mask[y: y + h, x: x + w]
    if w <= 1.5 * h:
        return [glyph]
    parts = max(2, min(4, round(w / (0.85 * h))))
    profile = glyph.sum(axis=0)
    cuts, step = [0], w / parts
    for k in range(1, parts):
        lo, hi = int(k * step - step / 4), int(k * step + step / 4) + 1
        cuts.append(lo + int(np.argmin(profile[lo:hi])))
    cuts.append(w)
    return [glyph[:, a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _symbol_spans(
    text: str, boxes: Sequence[tuple[str, tuple[int, int, int, int]]]
) -> list[tuple[tuple[int, int], tuple[int, int, int, int]]]:
    """Where each symbol stands in `text`: ((start, end), box), found in order."""
    spans = []
    at = 0
    for symbol, box in boxes:
        if not symbol:
            continue
        found = text.find(symbol, at)
        if found < 0:
            continue
        spans.append(((found, found + len(symbol)), box))
        at = found + len(symbol)
    return spans
