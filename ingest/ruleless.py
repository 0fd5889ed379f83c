"""Tables whose columns have no rules: column bounds from the header's words and the text.

Some agencies rule a measure table only between its rows, only around it, or not at all;
pdfplumber's lines strategy then finds no grid. Where a page shows the measure table's
header outside any ruled grid, each column heading is a block of words, and the boundary
between two columns is put where a horizontal rule drawn cell by cell ends (Chrome and Word
draw each cell's border on its own), or else in the gutter the text below leaves free
between the two headings. The header is read as a ruled one is, through the synonym table
(ingest/headers.py), so other column names, a ลำดับ column and 4 to 9 columns are found too.
Rows come from the horizontal rules there are or, where there are none, from the lines that
open a measure: a number in the ลำดับ column, or else "๓. มาตรการ…" in the measure column.

pdfplumber's own text strategy was tried first: it cuts a column wherever three lines start
at the same x, so items ("๑.", "(๑)") and centred text split one column into several.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from pdfplumber.utils import cluster_objects

from ingest.celltext import BBox
from ingest.chars import Y_TOLERANCE
from ingest.headers import Layout, layout_of, match_header
from ingest.tables import cell_text, measure_number, number_cell

Word = dict[str, Any]
Edge = dict[str, Any]

MIN_COLUMNS = 3
MAX_HEADER_LINES = 4
# Words of one heading are a space apart; two headings at least two paddings and a gutter.
BLOCK_GAP_EM = 0.5
# Rule ends this close together mark the same column boundary.
END_TOLERANCE = 1.5
# A rule counts as a row rule if it spans this share of the table's width.
ROW_RULE_SHARE = 0.5
# A line this many line heights below the table's last line is no longer part of it.
TABLE_GAP_LINES = 2.5
# A line whose words run over this many column boundaries is prose, not a table row.
PROSE_CROSSINGS = 2
# With no rule to show it, a table's outer edge is taken this far outside its text.
EDGE_MARGIN = 3.0


@dataclass(frozen=True)
class Block:
    """The words of one column heading: their extent and text."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Grid:
    """Column boundaries (left edge, inner boundaries, right edge) and row boundaries."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def rows(self) -> list[list[BBox]]:
        return [
            [(x0, top, x1, bottom) for x0, x1 in zip(self.xs, self.xs[1:], strict=False)]
            for top, bottom in zip(self.ys, self.ys[1:], strict=False)
        ]


def text_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words clustered into lines, top to bottom, each left to right."""
    lines = cluster_objects(list(words), itemgetter("top"), Y_TOLERANCE)
    return [sorted(line, key=itemgetter("x0")) for line in lines]


def line_height(words: Sequence[Word]) -> float:
    """The median height of a line's words (10 pt for no words): one tall glyph or one
    small footnote mark does not move it."""
    return statistics.median(w["bottom"] - w["top"] for w in words) if words else 10.0


def blocks(lines: Sequence[Sequence[Word]]) -> list[Block]:
    """The words of some lines grouped into blocks: words that overlap across lines or lie
    within half an em of each other belong to one block, left to right."""
    return _blocks(_groups(lines))


def _groups(lines: Sequence[Sequence[Word]]) -> list[list[Word]]:
    """The words of each block (see blocks), left to right."""
    words = sorted((w for line in lines for w in line), key=itemgetter("x0"))
    if not words:
        return []
    gap = BLOCK_GAP_EM * line_height(words)
    groups: list[list[Word]] = []
    right = float("-inf")
    for w in words:
        if groups and w["x0"] - right <= gap:
            groups[-1].append(w)
        else:
            groups.append([w])
        right = max(right, w["x1"]) if len(groups[-1]) > 1 else w["x1"]
    return groups


def _blocks(groups: Sequence[Sequence[Word]]) -> list[Block]:
    out = []
    for group in groups:
        text = "\n".join(" ".join(w["text"] for w in line) for line in text_lines(group))
        out.append(
            Block(
                x0=min(w["x0"] for w in group),
                x1=max(w["x1"] for w in group),
                top=min(w["top"] for w in group),
                bottom=max(w["bottom"] for w in group),
                text=cell_text(text),
            )
        )
    return out


@dataclass(frozen=True)
class Header:
    """The measure table's header found among a page's lines: lines[start:end], one block of
    words per column, and what each column holds."""

    start: int
    end: int
    heads: list[Block]
    layout: Layout


def header_fit(texts: Sequence[str]) -> tuple[Layout, float] | None:
    """The layout a row of heading texts names, and how well: the sum of its cells' match
    scores, so the band holding every heading whole scores best. None for no header."""
    layout = layout_of([texts])
    if layout is None:
        return None
    return layout, sum(m.score for m in map(match_header, texts) if m is not None)


def find_header(lines: Sequence[Sequence[Word]]) -> Header | None:
    """The band of lines that reads most like a measure table's header, or None if no band
    of up to MAX_HEADER_LINES lines does. Of bands that read equally well the one with more
    lines wins: a heading's second line can leave its match as it was ("งบประมาณ" / "(บาท)")."""
    best: tuple[tuple[float, int], Header] | None = None
    for i in range(len(lines)):
        for j in range(i + 1, min(i + MAX_HEADER_LINES, len(lines)) + 1):
            groups = _groups(lines[i:j])
            if len(groups) < MIN_COLUMNS:
                continue  # most bands: a line of prose is one block, no header
            heads = _blocks(groups)
            fit = header_fit([b.text for b in heads])
            if fit is not None and (best is None or (fit[1], j - i) > best[0]):
                best = ((fit[1], j - i), Header(i, j, heads, fit[0]))
    return None if best is None else best[1]


def rule_ends(edges: Sequence[Edge], top: float, bottom: float) -> list[float]:
    """Where horizontal rules between `top` and `bottom` end: a rule drawn cell by cell ends
    at every column boundary."""
    return [
        x
        for e in edges
        if e["orientation"] == "h" and top - 2 <= e["top"] <= bottom + 2
        for x in (e["x0"], e["x1"])
    ]


def least_covered(lo: float, hi: float, spans: Sequence[tuple[float, float]]) -> float:
    """The middle of the widest stretch of [lo, hi] that the fewest spans cover."""
    cuts = sorted({lo, hi, *(x for s in spans for x in s if lo < x < hi)})
    pieces = [
        (sum(1 for x0, x1 in spans if x0 < b and x1 > a), -(b - a), (a + b) / 2)
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]
    return min(pieces)[2] if pieces else (lo + hi) / 2


def boundary(left: Block, right: Block, words: Sequence[Word], ends: Sequence[float]) -> float:
    """The x between two column headings where the columns meet: where the rules drawn cell
    by cell end, or else amid the gutter the words below leave (the fewest words cross it:
    a line that overflows its cell, or prose under the table, may)."""
    lo, hi = left.x1, right.x0
    near = sorted(x for x in ends if lo <= x <= hi)
    if len(near) >= 2:
        # The most common rule end in the gap: cells' borders meet there on every row.
        clusters = cluster_objects(near, lambda x: x, END_TOLERANCE)
        return statistics.median(max(clusters, key=len))
    return least_covered(lo, hi, [(w["x0"], w["x1"]) for w in words])


def crossings(line: Sequence[Word], xs: Sequence[float]) -> int:
    """How many column boundaries the words of a line run over."""
    return sum(1 for x in xs for w in line if w["x0"] < x - 1 < x + 1 < w["x1"])


@dataclass(frozen=True)
class Opener:
    """Where a line that opens a measure shows it: the span (x0, x1) of the column that
    numbers the measures, the ลำดับ column (a bare number) or else the measure column
    ("๓. มาตรการ…")."""

    x0: float
    x1: float
    number_column: bool = False

    @classmethod
    def of(cls, layout: Layout, xs: Sequence[float]) -> Opener:
        """The opener of a table whose column boundaries are xs (left edge, inner, right)."""
        number, measure = layout.number_index, layout.index("measure")
        at = number if number is not None else measure if measure is not None else 0
        return cls(xs[at], xs[at + 1], number is not None)

    def opens(self, line: Sequence[Word]) -> bool:
        """True if the line's first word in the column numbers a measure."""
        first = next((w for w in line if self.x0 <= (w["x0"] + w["x1"]) / 2 < self.x1), None)
        if first is None or first["x1"] > self.x1:
            return False
        text = first["text"]
        found = number_cell(text) if self.number_column else measure_number(text)
        return found is not None


def provisional_bounds(heads: Sequence[Block]) -> list[float]:
    """Column boundaries halfway between headings, open at both ends: good enough to tell
    which column a measure's number starts in before the gutters are measured."""
    inner = [(a.x1 + b.x0) / 2 for a, b in zip(heads, heads[1:], strict=False)]
    return [float("-inf"), *inner, float("inf")]


def region(lines: Sequence[Sequence[Word]], opener: Opener) -> list[Sequence[Word]]:
    """The lines under the header up to a gap far wider than one between rows, unless the
    line after it opens a measure (rows in a sheet are often taller than their text)."""
    out: list[Sequence[Word]] = []
    for line in lines:
        if out:
            gap = line[0]["top"] - max(w["bottom"] for w in out[-1])
            if gap > TABLE_GAP_LINES * line_height(line) and not opener.opens(line):
                break
        out.append(line)
    return out


def body_lines(lines: Sequence[Sequence[Word]], xs: Sequence[float]) -> list[Sequence[Word]]:
    """The lines that belong to the table: up to the first line of prose, one whose words
    run over several column boundaries."""
    out: list[Sequence[Word]] = []
    for line in lines:
        if crossings(line, xs) >= PROSE_CROSSINGS:
            break
        out.append(line)
    return out


def row_rules(edges: Sequence[Edge], left: float, right: float) -> list[float]:
    """The y of horizontal rules that span most of the table's width, top to bottom."""
    spans: dict[int, float] = {}
    for e in edges:
        if e["orientation"] == "h":
            y = round(e["top"])
            spans[y] = spans.get(y, 0.0) + max(0.0, min(e["x1"], right) - max(e["x0"], left))
    ys = sorted(y for y, width in spans.items() if width >= ROW_RULE_SHARE * (right - left))
    return [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > 2]


def dedupe(ys: Sequence[float]) -> tuple[float, ...]:
    """Row boundaries in order, one of any that lie within two points of each other."""
    out: list[float] = []
    for y in sorted(ys):
        if not out or y - out[-1] > 2:
            out.append(y)
    return tuple(out)


def row_cuts(
    header_end: float, body: Sequence[Sequence[Word]], rules: Sequence[float], opener: Opener
) -> list[float]:
    """Where rows meet: under the header (at its rule, if drawn), then at the rules between
    the lines below or, with none there (no rules, or only a frame), above each line that
    opens a measure (see Opener)."""
    if not body:
        return [y for y in rules if y >= header_end][:1]
    first_top = body[0][0]["top"]
    # A frame's bottom rule can run through the descenders of the last line.
    last_middle = body[-1][0]["top"] + line_height(body[-1]) / 2
    under = [y for y in rules if header_end <= y <= first_top + 1]
    cuts = [under[0] if under else (header_end + first_top) / 2]
    between = [y for y in rules if first_top + 1 < y < last_middle]
    if between:
        return cuts + between
    return cuts + [line[0]["top"] - 1 for line in body[1:] if opener.opens(line)]


def table_grid(lines: Sequence[Sequence[Word]], edges: Sequence[Edge]) -> Grid | None:
    """The grid of the measure table on a page whose columns have no rules, if its header is
    there; `lines` are the page's words outside any ruled grid, as text_lines gives them."""
    found = find_header(lines)
    if found is None:
        return None
    start, end, heads = found.start, found.end, found.heads
    height = line_height(lines[start])
    near = region(lines[end:], Opener.of(found.layout, provisional_bounds(heads)))
    top = min(w["top"] for w in lines[start])
    bottom = max(w["bottom"] for w in near[-1]) if near else heads[-1].bottom
    ends = rule_ends(edges, top - height, bottom + height)
    words = [w for line in near for w in line]
    inner = [boundary(a, b, words, ends) for a, b in zip(heads, heads[1:], strict=False)]
    body = body_lines(near, inner)
    bottom = max(w["bottom"] for w in body[-1]) if body else heads[-1].bottom
    text = [w for line in lines[start:end] for w in line] + [w for line in body for w in line]
    left = min([*ends, min(w["x0"] for w in text) - EDGE_MARGIN])
    right = max([*ends, max(w["x1"] for w in text) + EDGE_MARGIN])
    rules = [y for y in row_rules(edges, left, right) if top - height <= y <= bottom + height]
    # A rule under the header can run through the descenders of its last line.
    header_end = lines[end - 1][0]["top"] + height / 2
    cuts = row_cuts(header_end, body, rules, Opener.of(found.layout, [left, *inner, right]))
    top = min([top - 2, *(y for y in rules if y < header_end)])
    last_middle = body[-1][0]["top"] + height / 2 if body else header_end
    bottom = min([y for y in rules if y > last_middle] or [bottom + 2])
    ys = dedupe([top, *(y for y in cuts if top < y < bottom), bottom])
    return Grid(xs=(left, *inner, right), ys=ys)
