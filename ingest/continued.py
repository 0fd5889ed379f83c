"""A table without column rules that goes on over a page break without repeating its header.

ingest/ruleless.py finds such a table by its header, so a page that carries it on with no
header of its own would not be read. What one page hands the next is explicit data: the
columns of a ruleless measure table that runs to the page's foot (OpenTable). The next page,
if it has no measure table of its own, is read in those columns, its rows cut as under a
header (row rules if any, else the lines that open a measure), provided its lines look like
the table's rows and not like prose: see `aligned`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.headers import Layout
from ingest.ruleless import (
    MIN_COLUMNS,
    Edge,
    Grid,
    Opener,
    Word,
    body_lines,
    dedupe,
    line_height,
    region,
    row_cuts,
    row_rules,
)

# What may stand under a table that runs to the page's foot: a page number ("- ๓ -", "3/5",
# "หน้า ๔").
FOLIO = re.compile(r"^[-–—\s]*(?:หน้า)?\s*[0-9๐-๙]{1,3}(?:\s*/\s*[0-9๐-๙]{1,3})?[-–—\s]*$")


@dataclass(frozen=True)
class OpenTable:
    """A ruleless measure table that ran to the foot of its page: its column bounds (left
    edge, inner boundaries, right edge) and what each column holds."""

    xs: tuple[float, ...]
    layout: Layout


def is_folio(line: Sequence[Word]) -> bool:
    """True for a line that is a page number and nothing else."""
    return FOLIO.match(" ".join(w["text"] for w in line)) is not None


def runs_to_foot(below: Sequence[Sequence[Word]]) -> bool:
    """True if the lines under a table are at most a page number: the table may go on
    over the page break. A signature, a note or prose under it ends it on this page."""
    return all(is_folio(line) for line in below)


def columns_held(lines: Sequence[Sequence[Word]], xs: Sequence[float]) -> int:
    """How many of the columns bounded by xs hold the centre of some word of the lines."""
    spans = list(zip(xs, xs[1:], strict=False))
    middles = [(w["x0"] + w["x1"]) / 2 for line in lines for w in line]
    return sum(1 for a, b in spans if any(a <= x < b for x in middles))


def aligned(body: Sequence[Sequence[Word]], xs: Sequence[float]) -> bool:
    """True if lines read as rows of the table whose column bounds are xs: every word inside
    the table's outer edges, and words in at least MIN_COLUMNS columns (all of them in a
    narrower table), as a header would need to be found. body_lines has already stopped at
    the first line running over several column boundaries, so a page that opens with a
    paragraph gives no body at all; a list or a signature block keeps to one or two columns."""
    if not body:
        return False
    # A line height of slack: a word may overflow the table's last column, as in any row.
    slack = line_height(body[0])
    left, right = xs[0] - slack, xs[-1] + slack
    if any(w["x0"] < left or w["x1"] > right for line in body for w in line):
        return False
    return columns_held(body, xs) >= min(MIN_COLUMNS, len(xs) - 1)


def continuation_grid(
    lines: Sequence[Sequence[Word]], edges: Sequence[Edge], table: OpenTable
) -> Grid | None:
    """The grid of a page that carries on `table` from the page before without a header of
    its own, or None if the page's first lines do not align with its columns (aligned).
    `lines` are the page's words outside any ruled grid, as text_lines gives them."""
    xs = table.xs
    opener = Opener.of(table.layout, xs)
    # A page number over the text is no row (a number in the ลำดับ column opens one).
    start = next((i for i, line in enumerate(lines)
                  if not is_folio(line) or opener.opens(line)), len(lines))  # fmt: skip
    body = body_lines(region(lines[start:], opener), xs[1:-1])
    if not aligned(body, xs):
        return None
    first_top = body[0][0]["top"]
    height = line_height(body[0])
    bottom = max(w["bottom"] for w in body[-1])
    rules = row_rules(edges, xs[0], xs[-1])
    rules = [y for y in rules if first_top - height <= y <= bottom + height]
    # As under a header: the first cut is the rule over the first line, or just above it.
    cuts = row_cuts(first_top - height, body, rules, opener)
    last_middle = body[-1][0]["top"] + line_height(body[-1]) / 2
    end = min([y for y in rules if y > last_middle] or [bottom + 2])
    return Grid(xs=xs, ys=dedupe([*(y for y in cuts if y < end), end]))
