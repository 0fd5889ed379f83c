"""Find the ruled tables on a page and read each cell's repaired text.

pdfplumber finds the cells from ruling lines; the text of each cell comes from the page's
characters after the Thai prepass (ingest/chars.py), so marks sit on their base letters and
legacy glyphs are mapped before any word is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pdfplumber.page import Page

from ingest.chars import chars_text
from ingest.tables import RawTable
from ingest.thai_repair import repair_text

# Two points: ruling lines drawn as thin rectangles are offset by half their width.
LINE_SNAP = 2.0
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


def closing_lines(edges: Sequence[dict[str, Any]]) -> list[float]:
    """Horizontal rules missing at the top or bottom of a page's vertical rules.

    Some writers draw no rule where a row breaks over a page; without one the last row of
    the page is not a cell at all and its text is lost. A rule counts only if it spans
    most of the table: Chrome draws each vertical rule as a thin rectangle whose own
    top and bottom edges are horizontal but a point long.
    """
    verticals = [e for e in edges if e["orientation"] == "v"]
    if not verticals:
        return []
    left = min(e["x0"] for e in verticals)
    right = max(e["x1"] for e in verticals)
    width = max(right - left, 1.0)
    ends = (min(e["top"] for e in verticals), max(e["bottom"] for e in verticals))

    def covered(y: float) -> float:
        spans = sorted(
            (e["x0"], e["x1"])
            for e in edges
            if e["orientation"] == "h" and abs(e["top"] - y) <= LINE_SNAP
        )
        total, reach = 0.0, left
        for x0, x1 in spans:
            x0 = max(x0, reach)
            if x1 > x0:
                total += x1 - x0
                reach = x1
        return total / width

    return [y for y in ends if covered(y) < 0.5]


def chars_in_bbox(
    chars: Sequence[dict[str, Any]], bbox: tuple[float, float, float, float]
) -> list[dict[str, Any]]:
    """Characters whose centre lies inside bbox (x0, top, x1, bottom).

    The centre, not the whole glyph: text wider than its column (Chrome lets it spill)
    still belongs to the cell it starts in.
    """
    x0, top, x1, bottom = bbox
    out = []
    for c in chars:
        cx = (c["x0"] + c["x1"]) / 2
        cy = (c["top"] + c["bottom"]) / 2
        if x0 <= cx < x1 and top <= cy < bottom:
            out.append(c)
    return out


def cell_raw_text(chars: Sequence[dict[str, Any]]) -> str:
    """Repaired text of one cell, its lines kept apart by newlines."""
    if not chars:
        return ""
    return repair_text(chars_text(list(chars)))


def page_tables(page: Page, chars: Sequence[dict[str, Any]], number: int) -> list[RawTable]:
    """Every ruled table on the page, its cells read from `chars` (after the prepass)."""
    settings = dict(TABLE_SETTINGS)
    extra = closing_lines(page.edges)
    if extra:
        settings["explicit_horizontal_lines"] = extra
    tables: list[RawTable] = []
    for table in page.find_tables(settings):
        rows = tuple(
            tuple(cell_raw_text(chars_in_bbox(chars, bbox)) if bbox else "" for bbox in row.cells)
            for row in table.rows
        )
        tables.append(RawTable(number, rows))
    return tables
