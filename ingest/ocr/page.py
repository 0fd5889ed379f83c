"""OCR of one page image: its tables cell by cell, the text around them as blocks.

The page is straightened, its ruled tables found (ingest/ocr/grid.py) and each cell read on
its own, so columns never mix; the rows come out as the same RawTable rows the text layer
gives (ingest/tables.py), so table assembly works unchanged. The rest of the page (cover,
title block, signatures) is read with the tables blanked out.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ingest.ocr import engine
from ingest.ocr.cellimage import (
    TARGET_LETTER,
    Blobs,
    Line,
    letter_height,
    prepare,
    text_lines,
)
from ingest.ocr.deskew import binarize, deskew
from ingest.ocr.grid import Grid, find_rules, find_tables, table_rows
from ingest.ocr.repair import repair_ocr_text

# One thread: a worker reads one file on one core, and each thread of OpenCV's pool would add
# a malloc arena to the address space that the worker's memory ceiling counts.
cv2.setNumThreads(1)
# Scale limits: a letter height measured on a nearly empty page can be far off.
MIN_SCALE, MAX_SCALE = 0.5, 4.0


@dataclass(frozen=True)
class OcrTable:
    """One table read from pixels: rows of cell text and, parallel, each cell's confidence
    (None where a merged cell spans or a cell is empty)."""

    rows: tuple[tuple[str, ...], ...]
    confidence: tuple[tuple[float | None, ...], ...]


@dataclass(frozen=True)
class PageOcr:
    """What OCR read on one page: the text around the tables, the tables, and the mean
    confidence 0..1. As tesseract wrote it until repair_page() has run."""

    blocks: str
    tables: tuple[OcrTable, ...]
    confidence: float
    angle: float  # degrees the scan leaned

    @property
    def text(self) -> str:
        """All the page's text: the blocks, then each table's cells row by row."""
        cells = "\n".join(cell for t in self.tables for row in t.rows for cell in row if cell)
        return "\n".join(part for part in (self.blocks, cells) if part)


def repair_page(page: PageOcr) -> PageOcr:
    """The page with every context-free OCR repair applied to its blocks and cells."""
    tables = tuple(
        OcrTable(tuple(tuple(repair_ocr_text(c) for c in row) for row in t.rows), t.confidence)
        for t in page.tables
    )
    return PageOcr(repair_ocr_text(page.blocks), tables, page.confidence, page.angle)


def read_region(
    grey: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int], letter: float, dpi: int
) -> engine.Recognised | None:
    """A table cell read line by line (tesseract's own line finder takes a row of Thai
    marks for a line of text and reads it as junk), or None if it holds no ink."""
    x0, y0, x1, y1 = box
    return read_lines(grey[y0:y1, x0:x1], text_lines(ink[y0:y1, x0:x1], letter), letter, dpi)


def read_lines(
    grey: np.ndarray, cuts: list[Line], letter: float, dpi: int
) -> engine.Recognised | None:
    """The text lines `cuts` of a region (text_lines) read from its pixels `grey`, or None if
    none reads as text."""
    lines: list[engine.Recognised] = []
    for cut in cuts:
        # Each line scaled by its own letters: a heading stands taller than body text.
        scale = float(np.clip(TARGET_LETTER / (cut.letter or letter), MIN_SCALE, MAX_SCALE))
        lx0, ly0, lx1, ly1 = cut.box
        image = prepare(grey[ly0:ly1, lx0:lx1], cut.mask, scale)
        if image is not None:
            lines.append(engine.recognise(image, engine.PSM_LINE, dpi))
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return None
    chars = sum(len(line.text) for line in lines)
    confidence = sum(len(line.text) * line.confidence for line in lines) / chars
    return engine.Recognised("\n".join(line.text for line in lines), round(confidence, 4))


def text_ink(straight: np.ndarray) -> tuple[list[Grid], np.ndarray]:
    """A straightened page's ruled tables, and its ink without their rules.

    A function of its own so that the page-sized masks on the way (the ink, the rules) are
    freed before any line is read.
    """
    ink = binarize(straight)
    rules = find_rules(ink)
    grids = find_tables(rules)
    # The text without its tables' rules: a rule's remnant next to a letter reads as "l" or
    # "|". Only rules inside a table go: elsewhere a long run of ink may be a bold heading.
    if not grids:
        return grids, ink
    table_rules = np.zeros_like(ink)
    both = rules.both
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        table_rules[y0: y1 + 1, x0: x1 + 1] = both[y0: y1 + 1, x0: x1 + 1]
    return grids, cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(
        table_rules, np.ones((5, 5), np.uint8))))


def ocr_page(grey: np.ndarray, dpi: int) -> PageOcr:
    """Read one page image (greyscale uint8, `dpi` dots per inch), unrepaired."""
    straight, angle = deskew(grey)
    grids, page_ink = text_ink(straight)
    # A page without tables is all text: one labelling of its ink gives its letter height
    # and its lines.
    page_blobs = None if grids else Blobs.of(page_ink)
    letter = (page_blobs.letter if page_blobs else letter_height(page_ink)) or TARGET_LETTER
    weighted: list[tuple[str, float]] = []
    tables = []
    for grid in grids:
        texts: dict[tuple[int, int], str] = {}
        confs: dict[tuple[int, int], float] = {}
        for cell in grid.cells:
            read = read_region(straight, page_ink, cell.box, letter, dpi)
            if read is None:
                continue
            texts[(cell.row0, cell.col0)] = read.text
            confs[(cell.row0, cell.col0)] = read.confidence
            weighted.append((read.text, read.confidence))
        rows = table_rows(grid, texts)
        confidence = tuple(
            tuple(confs.get((r, c)) for c in range(len(row))) for r, row in enumerate(rows)
        )
        tables.append(OcrTable(rows, confidence))
    outside = page_ink
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        outside[max(0, y0 - 4): y1 + 5, max(0, x0 - 4): x1 + 5] = 0
    del page_ink
    # The page's own letters (a cover has larger ones than a table) decide its lines. The
    # labels (four bytes a pixel) go before tesseract reads them.
    blobs = page_blobs or Blobs.of(outside)
    del page_blobs, outside
    page_letter = blobs.letter or letter
    cuts = text_lines(blobs, page_letter)
    del blobs
    read = read_lines(straight, cuts, page_letter, dpi)
    blocks = read.text if read else ""
    if read:
        weighted.append((read.text, read.confidence))
    chars = sum(len(t) for t, _ in weighted)
    confidence = sum(len(t) * c for t, c in weighted) / chars if chars else 0.0
    return PageOcr(blocks, tuple(tables), round(confidence, 4), angle)
