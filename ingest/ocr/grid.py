"""Ruled tables in a page image: ruling lines, the grid they draw, and each cell's box.

A scanned table's rules are pixels, not PDF lines, so pdfplumber cannot see them. Here the
long thin runs of ink are kept by morphological opening (OpenCV), grouped into tables, and
each table's horizontal and vertical rules give a grid. Two neighbouring grid cells are one
merged cell where no rule separates them, so a title spanning two rows or a header spanning
two columns comes out as one cell, placed as pdfplumber places it: in its first row and
column, with empty cells where it spans.

Everything here is a pure function of a page image (uint8 numpy arrays).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# A rule is a run of ink at least this share of the page's width (or height): longer than any
# run of letters (a Thai consonant with a vowel and a tone mark above stands about 1/30 of a
# landscape page tall at body size), shorter than any column or one-line row.
MIN_RULE = 1 / 20
# Rules closer than this (pixels, at the page's resolution) are one rule drawn thick or
# doubled.
MERGE_GAP = 8
# A table: its rules' bounding box covers at least this share of the page's width.
MIN_TABLE_WIDTH = 0.2
# A wall between two grid cells: rule pixels along at least this share of their border.
WALL = 0.5


@dataclass(frozen=True)
class Rules:
    """Ink masks (uint8, 255 = rule) of a page's horizontal and vertical rules."""

    horizontal: np.ndarray
    vertical: np.ndarray

    @property
    def both(self) -> np.ndarray:
        return cv2.bitwise_or(self.horizontal, self.vertical)


@dataclass(frozen=True)
class Cell:
    """One (possibly merged) cell: grid rows row0..row1 and columns col0..col1 inclusive, and
    its box inside the rules in pixels (x0, y0, x1, y1)."""

    row0: int
    col0: int
    row1: int
    col1: int
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class Grid:
    """One table: the rule positions (pixels) and its cells in reading order."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]
    cells: tuple[Cell, ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys) - 1, len(self.xs) - 1

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def rule_length(shape: tuple[int, ...], axis: int) -> int:
    """The shortest run of ink taken for a rule along `axis` (0: vertical, 1: horizontal)."""
    return max(20, int(min(shape[:2]) * MIN_RULE)) if axis == 0 else max(
        20, int(shape[1] * MIN_RULE / 2))


def find_rules(ink: np.ndarray) -> Rules:
    """The horizontal and vertical rules of an ink mask (ink = 255)."""
    # Opening with three quarters of the length keeps runs too long for letters; a scanned rule's
    # pinholes are then bridged along its own direction, and a second opening with the full
    # length drops what is still short.
    def along(axis: int) -> np.ndarray:
        length = rule_length(ink.shape, axis)

        def kernel(n: int) -> np.ndarray:
            return cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1) if axis else (1, n))

        # A kernel one pixel thick works on each row (or column) alone, so after the first
        # erosion only the few rows that still hold ink go on: the same masks, with one pass
        # over the whole page where there were six.
        eroded = cv2.erode(ink, kernel(length * 3 // 4))
        keep = np.flatnonzero(eroded.any(axis=axis))
        out = np.zeros_like(ink)
        if len(keep):
            across = 1 - axis  # rows for horizontal rules, columns for vertical ones
            runs = cv2.dilate(np.take(eroded, keep, axis=across), kernel(length * 3 // 4))
            bridged = cv2.morphologyEx(runs, cv2.MORPH_CLOSE, kernel(MERGE_GAP * 2))
            rules = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, kernel(length))
            if axis:
                out[keep] = rules
            else:
                out[:, keep] = rules
        return out

    horizontal = along(1)
    vertical = along(0)
    return Rules(horizontal, vertical)


def _positions(mask: np.ndarray, axis: int, min_length: int) -> list[int]:
    """Where the rules of one direction lie: pixel rows (axis=1 sums a row) or columns whose
    rule pixels add up to `min_length`, groups of neighbours merged to their centre."""
    profile = (mask > 0).sum(axis=axis)
    hits = np.nonzero(profile >= min_length)[0]
    out: list[int] = []
    group: list[int] = []
    for i in hits:
        if group and i - group[-1] > MERGE_GAP:
            out.append(int(round(np.mean(group))))
            group = []
        group.append(int(i))
    if group:
        out.append(int(round(np.mean(group))))
    return out


def _coverage(mask: np.ndarray, a: int, b: int, at: int, vertical: bool, band: int) -> float:
    """Share of positions a..b (along the border) where `mask` has rule pixels within `band`
    pixels of the border line `at`."""
    if b <= a:
        return 0.0
    if vertical:  # a vertical border at x=at, from y=a to y=b
        strip = mask[a:b, max(0, at - band): at + band + 1]
        hits = strip.max(axis=1)
    else:
        strip = mask[max(0, at - band): at + band + 1, a:b]
        hits = strip.max(axis=0)
    return float((hits > 0).mean())


def _grid(rules: Rules, box: tuple[int, int, int, int]) -> Grid | None:
    x0, y0, x1, y1 = box
    hmask = rules.horizontal[y0:y1 + 1, x0:x1 + 1]
    vmask = rules.vertical[y0:y1 + 1, x0:x1 + 1]
    width, height = x1 - x0 + 1, y1 - y0 + 1
    ys = _positions(hmask, 1, rule_length(rules.horizontal.shape, 1))
    xs = _positions(vmask, 0, rule_length(rules.vertical.shape, 0))
    # The box's own edges close a table whose writer drew no rule where a page broke it.
    ys = _with_edges(ys, height - 1)
    xs = _with_edges(xs, width - 1)
    if len(ys) < 2 or len(xs) < 2:
        return None
    band = MERGE_GAP // 2 + 1
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[find(b)] = find(a)

    for r in range(rows):
        for c in range(cols):
            inset = band + 2  # stay clear of the crossing rules at the ends of a border
            if c + 1 < cols and _coverage(
                vmask, ys[r] + inset, ys[r + 1] - inset, xs[c + 1], True, band
            ) < WALL:
                join(r * cols + c, r * cols + c + 1)
            if r + 1 < rows and _coverage(
                hmask, xs[c] + inset, xs[c + 1] - inset, ys[r + 1], False, band
            ) < WALL:
                join(r * cols + c, (r + 1) * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(r for r, _ in members), max(r for r, _ in members)
        c0, c1 = min(c for _, c in members), max(c for _, c in members)
        cells.append(Cell(r0, c0, r1, c1, (x0 + xs[c0], y0 + ys[r0], x0 + xs[c1 + 1],
                                           y0 + ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell.row0, cell.col0))
    return Grid(tuple(x0 + x for x in xs), tuple(y0 + y for y in ys), tuple(cells))


def _with_edges(positions: list[int], end: int) -> list[int]:
    out = list(positions)
    if not out or out[0] > MERGE_GAP:
        out.insert(0, 0)
    if out[-1] < end - MERGE_GAP:
        out.append(end)
    return out


def blob_boxes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The box (x, y, width, height) of each 8-connected blob of a mask (nonzero = ink).

    Traced along the blobs' outer borders (a two-level hierarchy puts every outer border,
    even one inside another blob's hole, at the top level), not labelled pixel by pixel:
    the same boxes as connectedComponentsWithStats gives, at a twentieth of the cost on a
    page of thin rules.
    """
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    return [cv2.boundingRect(c) for c, link in zip(contours, hierarchy[0], strict=True)
            if link[3] < 0]


def find_tables(rules: Rules) -> list[Grid]:
    """Every ruled table on the page, top to bottom, each as a grid of (merged) cells."""
    both = rules.both
    h, w = both.shape
    # Rules of one table touch; a small dilation joins a rule to a crossing one that a
    # scan left a pixel or two short.
    joined = cv2.dilate(both, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    grids = []
    for x, y, bw, bh in blob_boxes(joined):
        if bw < w * MIN_TABLE_WIDTH or bh < 2 * MERGE_GAP:
            continue
        grid = _grid(rules, (int(x), int(y), int(x + bw - 1), int(y + bh - 1)))
        if grid is not None and grid.shape[1] >= 2:
            grids.append(grid)
    grids.sort(key=lambda g: (g.box[1], g.box[0]))
    return grids


def table_rows(grid: Grid, texts: dict[tuple[int, int], str]) -> tuple[tuple[str, ...], ...]:
    """The grid as rows of cell text (texts keyed by a cell's (row0, col0)), a merged cell's
    text in its first row and column and "" where it spans, as pdfplumber gives them."""
    rows, cols = grid.shape
    out = [["" for _ in range(cols)] for _ in range(rows)]
    for cell in grid.cells:
        out[cell.row0][cell.col0] = texts.get((cell.row0, cell.col0), "")
    return tuple(tuple(r) for r in out)
