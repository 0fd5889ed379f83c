"""Cut one region (a table cell, a text block) out of a page image, ready for tesseract.

Tesseract reads Thai best from a region cut inside the rules with a small white margin,
its specks and rule remnants gone, scaled so that the letters stand about 24 pixels tall.
"""

from __future__ import annotations

import cv2
import numpy as np

# Letter height (the median height of ink blobs: Thai consonants) tesseract is given.
TARGET_LETTER = 24
MARGIN = 12  # white pixels around the ink
# Ink blobs this small (pixels) are toner specks: a Thai tone mark at 200 dpi is about 12.
SPECK = 3


def letter_height(ink: np.ndarray) -> float | None:
    """Median height of the ink blobs of a mask that look like letters, or None."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return None
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    # Letters, not specks, marks or rules: a few pixels up, and not long and thin.
    keep = (heights >= 6) & (widths >= 4) & (widths < 6 * heights) & (heights < 6 * widths)
    if keep.sum() < 5:
        return None
    return float(np.median(heights[keep]))


def despeckle(ink: np.ndarray) -> np.ndarray:
    """The ink mask without blobs of SPECK pixels or fewer."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.nonzero(stats[:, cv2.CC_STAT_AREA] <= SPECK)[0]
    small = small[small > 0]
    if not len(small):
        return ink
    out = ink.copy()
    out[np.isin(labels, small)] = 0
    return out


def text_lines(ink: np.ndarray, letter: float) -> list[np.ndarray]:
    """The text lines of a region's ink mask, top to bottom, each as a mask of its own ink.

    Thai stacks marks above and vowels below its letters, and at scan resolution they stand
    apart from their line, close to the line above or below: cutting at rows of no ink makes a
    row of marks a "line" that tesseract reads as junk and leaves the real line without its
    marks. So lines are found from the letter-sized blobs alone (their vertical centres
    cluster by line), and every other blob joins the line whose letters it lies nearest.
    Each blob goes whole to one line, so lines whose marks overlap still come apart.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return []
    tops = stats[1:, cv2.CC_STAT_TOP]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    bottoms = tops + heights
    centres = tops + heights / 2
    # Consonants stand one letter tall (a heading's up to twice as tall); marks stay under a
    # letter, and two stacked and blurred together are told apart by _real_lines.
    is_letter = (heights >= 0.75 * letter) & (heights <= 2.2 * letter)
    order = np.argsort(centres[is_letter])
    letter_ids = np.flatnonzero(is_letter)[order]
    groups: list[list[int]] = []
    for i in letter_ids:
        if groups and centres[i] - centres[groups[-1][-1]] < 0.6 * letter:
            groups[-1].append(int(i))
        else:
            groups.append([int(i)])
    groups = _real_lines(groups, centres, letter)
    if not groups:
        return [ink]
    is_letter[:] = False
    for g in groups:
        is_letter[g] = True
    cores = [
        (float(np.median(tops[g])), float(np.median(bottoms[g]))) for g in groups
    ]
    line_of = np.zeros(count, dtype=np.int32)
    for n, g in enumerate(groups):
        line_of[np.asarray(g) + 1] = n + 1
    for i in np.flatnonzero(~is_letter):
        c = centres[i]
        # Distance from the blob's centre to each line's letter band (0 inside it).
        gaps = [max(top - c, c - bottom, 0.0) for top, bottom in cores]
        line_of[i + 1] = int(np.argmin(gaps)) + 1
    line_of[0] = 0
    per_pixel = line_of[labels]
    return [np.where(per_pixel == n + 1, ink, 0).astype(np.uint8) for n in range(len(groups))]


def _real_lines(groups: list[list[int]], centres: np.ndarray, letter: float) -> list[list[int]]:
    """Groups of letter-tall blobs that are lines of text: a group lying closer than 1.5
    letters to a larger one is a stack of marks blurred into one tall blob (U+0E31 U+0E49
    over a consonant), not a line; lines stand two letters apart or more."""
    def centre(g: list[int]) -> float:
        return float(np.median(centres[g]))

    kept = list(groups)
    changed = True
    while changed:
        changed = False
        for i, g in enumerate(kept):
            near = [h for j, h in enumerate(kept) if j != i
                    and abs(centre(h) - centre(g)) < 1.5 * letter and len(h) > len(g)]
            if near:
                kept.pop(i)
                changed = True
                break
    return kept


def region_ink(ink: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The despeckled ink of one region (x0, y0, x1, y1) of the page."""
    x0, y0, x1, y1 = box
    return despeckle(ink[y0:y1, x0:x1])


def prepare(grey: np.ndarray, ink: np.ndarray, scale: float) -> np.ndarray | None:
    """A region as tesseract should see it, or None if it holds no ink: `grey` and `ink` are
    the region's pixels and the mask of the ink to keep (everything else turns white)."""
    ys, xs = np.nonzero(ink)
    if len(ys) < SPECK * 4:
        return None
    top, bottom, left, right = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    cut = grey[top:bottom, left:right].astype(np.float32)
    mask = ink[top:bottom, left:right] > 0
    # Paper to white, ink kept as it is: the background's noise and shade are not text.
    ink_level = float(np.percentile(cut[mask], 10))
    stretched = np.clip((cut - ink_level) / max(1.0, 200.0 - ink_level) * 255, 0, 255)
    near_ink = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    stretched[~near_ink] = 255
    img = stretched.astype(np.uint8)
    if abs(scale - 1) > 0.05:
        img = cv2.resize(img, None, fx=scale, fy=scale,
                         interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    return cv2.copyMakeBorder(img, MARGIN, MARGIN, MARGIN, MARGIN, cv2.BORDER_CONSTANT,
                              value=255)
