"""Find the tables on a page and read each cell's repaired text.

pdfplumber finds the cells from ruling lines (an Excel sheet's title rows above the header
left out); where the page shows the measure table's header outside any ruled grid, the grid
comes from ingest/ruleless.py. The text of each cell comes from the page's characters after
the Thai prepass (ingest/chars.py), so marks sit on their base letters and legacy glyphs are
mapped before any word is built. Characters go to cells run by run, not one by one: a line
that overflows its rule keeps its last letters (ingest/celltext.py then reads each cell's
lines and which of their ends are deliberate).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pdfplumber.page import Page

from ingest.actualtext import GLYPH
from ingest.celltext import (
    DICTIONARY,
    BBox,
    Breaks,
    Char,
    cell_lines,
    cell_raw_text,
    table_padding,
)
from ingest.chars import MARK_RANK, is_mark, page_words
from ingest.continued import OpenTable, continuation_grid, runs_to_foot
from ingest.ruleless import MIN_COLUMNS, table_grid, text_lines
from ingest.tables import RawTable, cell_text, is_header_row, table_layout
from ingest.thai_repair import PUA_TABLE

# A run's glyphs touch: measured gaps inside a run are -0.1..0.5 pt (LibreOffice, Chromium),
# while text in the next cell starts two paddings and a rule away (5 pt and more).
RUN_GAP = 1.0
RUN_OVERLAP = 0.5
DESCENDERS = frozenset("\u0e0d\u0e0e\u0e0f\u0e10\u0e24\u0e26")
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


def continues_run(prev: Char, char: Char) -> bool:
    """True if `char`, drawn right after `prev`, carries on the same run of glyphs.

    A run is what a writer draws in one go along a line: glyphs that touch, left to right.
    A mark continues the run of its base wherever it is drawn on that line.
    """
    if not (char["top"] < prev["bottom"] and char["bottom"] > prev["top"]):
        return False
    if char["text"] in MARK_RANK:  # is_mark, inline: this runs once for every char
        return abs(char["x0"] - prev["x0"]) <= max(prev.get("size", 10), 1)
    gap = char["x0"] - prev["x1"]
    return -RUN_OVERLAP <= gap <= RUN_GAP


def char_runs(chars: Sequence[Char]) -> list[list[Char]]:
    """The page's chars, in the order they were drawn, cut into runs (see continues_run)."""
    runs: list[list[Char]] = []
    run: list[Char] = []  # the current run, runs[-1]
    base: Char | None = None  # the last non-mark of the current run
    for c in chars:
        mark = c["text"] in MARK_RANK  # is_mark, inline: this loop runs once for every char
        # continues_run(base, c), inline for the same reason
        if (
            base is not None
            and c["top"] < base["bottom"]
            and c["bottom"] > base["top"]
            and (
                abs(c["x0"] - base["x0"]) <= max(base.get("size", 10), 1)
                if mark
                else -RUN_OVERLAP <= c["x0"] - base["x1"] <= RUN_GAP
            )
        ):
            run.append(c)
        elif run and base is None and not mark and continues_run(c, run[-1]):
            run.append(c)  # marks drawn before their base
        else:
            run = [c]
            runs.append(run)
            base = None
        if not mark:
            base = c
    return runs


def _centre(c: Char) -> tuple[float, float]:
    return (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2


def _cell_at(point: tuple[float, float], cells: Sequence[BBox | None]) -> int | None:
    x, y = point
    for i, b in enumerate(cells):
        if b is not None and b[0] <= x < b[2] and b[1] <= y < b[3]:
            return i
    return None


def is_ink(run: Sequence[Char]) -> bool:
    """True for the pieces of glyphs Chrome draws again where a page break cuts a line: at a
    page's top the parts that hang below the line before, at its foot the marks that stand
    above the line after, each drawn on its own. So a run that is only marks (U+0E38 SARA U
    with no base), or one letter with a descender and its marks (ฐ U+0E10, ญ U+0E0D,
    ฎ U+0E0E, ฏ U+0E0F, ฤ U+0E24, ฦ U+0E26), which no Thai line holds alone. The glyphs drawn
    decide, not their /ActualText: a lone MAI THO U+0E49 can read as its whole cluster "ขั้".
    """
    if len(run) > 4:  # a letter and at most three marks
        return False
    letters = [c for c in run if _drawn(c) not in MARK_RANK]
    return not letters or (len(letters) == 1 and _drawn(letters[0]) in DESCENDERS)


def _drawn(c: Char) -> str:
    """The text of the glyph itself: before /ActualText replaced it, PUA marks mapped."""
    return c.get(GLYPH, c["text"]).translate(PUA_TABLE)


def assign_runs(runs: Sequence[Sequence[Char]], cells: Sequence[BBox | None]) -> list[list[Char]]:
    """The chars of each cell: a run goes whole to the cell its first glyph starts in.

    So a line that overflows its rule (Chrome lets a Thai word that does not fit run past the
    cell) keeps its last letters and their marks. A run that starts in no cell goes whole to
    the cell holding most of its letters, if any.
    """
    out: list[list[Char]] = [[] for _ in cells]
    boxes = [b for b in cells if b is not None]
    if not boxes:
        return out
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    for run in runs:
        if run[0]["top"] >= bottom or run[0]["bottom"] <= top or run[0]["x0"] >= right:
            continue
        if run[0]["x1"] <= left and max(c["x1"] for c in run) <= left:
            continue
        if is_ink(run):
            continue
        head = next(c for c in run if not is_mark(c))
        i = _cell_at(_centre(head), cells)
        if i is None:
            # Text spilling in from outside the table (a title centred on a narrow first
            # column): the cell that holds most of it.
            held = Counter(_cell_at(_centre(c), cells) for c in run if not is_mark(c))
            held.pop(None, None)
            if not held:
                continue
            i = held.most_common(1)[0][0]
        out[i].extend(run)
    return out


def read_cells(
    runs: Sequence[Sequence[Char]],
    rows: Sequence[Sequence[BBox | None]],
    breaks: Breaks = DICTIONARY,
) -> tuple[tuple[str, ...], ...]:
    """The text of every cell of a table given as rows of cell boxes (None: merged away);
    `breaks` says how the writer broke Thai lines (ingest/celltext.py)."""
    flat = [b for row in rows for b in row]
    lines = [cell_lines(chars, breaks) for chars in assign_runs(runs, flat)]
    pad = table_padding([(b, ls) for b, ls in zip(flat, lines, strict=True) if b is not None])
    texts = iter(
        "" if b is None else cell_raw_text(ls, b, pad) for b, ls in zip(flat, lines, strict=True)
    )
    return tuple(tuple(next(texts) for _ in row) for row in rows)


def grid_rows(rows: Sequence[Sequence[BBox | None]]) -> list[Sequence[BBox | None]]:
    """A table's rows without the full-width rows it opens with.

    Excel sheets carry the report title, fiscal year and agency in merged cells above the
    header, ruled like the table (printed gridlines); such a row is one cell, the others
    merged away. They are a caption, not table rows (the page text keeps them).
    """
    rows = list(rows)
    first = next((i for i, row in enumerate(rows) if sum(b is not None for b in row) > 1), 0)
    return rows[first:]


CAPTION_ROWS = 6  # title, fiscal year, agency, place, a blank row or two


def _is_header(row: Sequence[str]) -> bool:
    return is_header_row([cell_text(c) for c in row])


def below_caption(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """A table's rows from its header on, where the rows above it are a caption: each with
    text in one cell at most (a title typed in the first cell of an Excel sheet, unmerged,
    running over the empty cells beside it, or blank rows)."""
    for i, row in enumerate(rows[:CAPTION_ROWS]):
        if _is_header(row):
            return rows[i:]
        if sum(1 for c in row if c.strip()) > 1:
            break
    return rows


def _outside(chars: Sequence[Char], boxes: Sequence[BBox]) -> list[Char]:
    """The chars whose centre lies in none of the boxes."""
    out = []
    for c in chars:
        x, y = _centre(c)
        if not any(b[0] <= x < b[2] and b[1] <= y < b[3] for b in boxes):
            out.append(c)
    return out


def page_tables(
    page: Page,
    chars: Sequence[Char],
    number: int,
    breaks: Breaks = DICTIONARY,
    words: list[Char] | None = None,
    carried: OpenTable | None = None,
) -> tuple[list[RawTable], OpenTable | None]:
    """Every table on the page, top to bottom, its cells read from `chars` (after the
    prepass): the ruled ones pdfplumber finds, and a measure table whose columns have no
    rules, found by its header among the text outside them (ingest/ruleless.py) or, on a
    page with no header, carried on from the page before in the columns `carried` gives
    (ingest/continued.py). `breaks` says how the file's writer broke Thai lines; `words`, if
    given, are the chars' page_words(), read again where no ruled grid leaves any text out.
    Also returns the ruleless table this page hands the next, if one runs to its foot."""
    settings = dict(TABLE_SETTINGS)
    edges = page.edges  # the page keeps them: find_tables below reads the same list
    extra = closing_lines(edges)
    if extra:
        settings["explicit_horizontal_lines"] = extra
    found = page.find_tables(settings)
    # Runs only for a page that has a table to read (not a cover, not a page of prose).
    runs = char_runs(chars) if found else None
    tables = []
    for t in found:
        rows = below_caption(read_cells(runs, grid_rows([r.cells for r in t.rows]), breaks))
        tables.append((t.bbox[1], RawTable(number, rows)))
    grids = [t.bbox for t in found if max(len(r.cells) for r in t.rows) >= MIN_COLUMNS]
    handed: OpenTable | None = None
    # A ruled measure table on the page: no need to look for one without rules.
    if not any(table_layout(t) for _, t in tables):
        if grids or words is None:
            words = page_words(_outside(chars, grids) if grids else list(chars))
        lines = text_lines(words)
        grid = table_grid(lines, edges)
        go_on = grid is None and carried is not None
        if go_on:
            grid = continuation_grid(lines, edges, carried)
        if grid is not None:
            rows = read_cells(char_runs(chars) if runs is None else runs, grid.rows(), breaks)
            table = RawTable(number, rows, ruled=False, continued=go_on)
            tables.append((grid.ys[0], table))
            layout = carried.layout if go_on else table_layout(table)
            below = [line for line in lines if line[0]["top"] > grid.ys[-1]]
            if layout and runs_to_foot(below) and not any(t.bbox[1] > grid.ys[-1] for t in found):
                handed = OpenTable(grid.xs, layout)
    return [table for _, table in sorted(tables, key=lambda t: t[0])], handed
