"""Diff ops and search marks as rich Text, readable without colour.

Changes carry a sign as well as a colour ([+…] added, [−…] removed) so that they survive a
monochrome terminal, a colour-blind reader and copy-paste. Unchanged text is dimmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from index.compare import ADDED, DROPPED, EDITED, UNCHANGED, CellDiff, MeasurePair, Summary
from index.diff import DELETE, EQUAL, INSERT, DiffOp, tokenize
from ingest.model import COLUMN_TITLES

INSERT_STYLE = "bold green"
DELETE_STYLE = "red strike"
EQUAL_STYLE = "dim"
HIGHLIGHT_STYLE = "bold reverse"
MINUS = "−"  # U+2212, a sign that reads as minus, not as a hyphen inside Thai text

# One character per status, shown beside each aligned measure.
STATUS_SIGN = {UNCHANGED: "=", EDITED: "~", ADDED: "+", DROPPED: MINUS}
STATUS_STYLE = {UNCHANGED: "dim", EDITED: "yellow", ADDED: "green", DROPPED: "red"}
STATUS_LABEL = {UNCHANGED: "unchanged", EDITED: "edited", ADDED: "added", DROPPED: "dropped"}


def _take(tokens: Sequence[str], limit: int) -> int:
    """How many leading tokens fit in `limit` characters (at least one)."""
    used = 0
    for n, tok in enumerate(tokens):
        used += len(tok)
        if used > limit:
            return max(1, n)
    return len(tokens)


def condense(ops: Sequence[DiffOp], context: int = 40) -> list[DiffOp]:
    """The ops with long unchanged runs cut to `context` characters either side of a change,
    at word boundaries, the cut marked " … ". A cell without changes is left whole."""
    if all(o.op == EQUAL for o in ops):
        return list(ops)
    out: list[DiffOp] = []
    for i, o in enumerate(ops):
        if o.op != EQUAL or len(o.text) <= 2 * context + 5:
            out.append(o)
            continue
        tokens = tokenize(o.text)
        head = "".join(tokens[: _take(tokens, context)]) if i > 0 else ""
        tail_n = _take(tokens[::-1], context) if i < len(ops) - 1 else 0
        tail = "".join(tokens[len(tokens) - tail_n :]) if tail_n else ""
        out.append(DiffOp(EQUAL, f"{head} … {tail}".strip(" ") if head or tail else "…"))
    return out


def diff_text(ops: Sequence[DiffOp], *, dim_equal: bool = True) -> Text:
    """The ops as one Text: equal runs dimmed, inserts as [+…], deletes as [−…]."""
    out = Text()
    for o in ops:
        if o.op == EQUAL:
            out.append(o.text, EQUAL_STYLE if dim_equal else "")
        elif o.op == INSERT:
            out.append(f"[+{o.text}]", INSERT_STYLE)
        elif o.op == DELETE:
            out.append(f"[{MINUS}{o.text}]", DELETE_STYLE)
    return out


def first_line(text: str, width: int = 60) -> str:
    """The first line of a cell, cut to about `width` characters (a measure's title)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def pair_title(pair: MeasurePair, width: int = 60) -> Text:
    """One line naming an aligned measure: status sign, numbers before→after, title."""
    m = pair.after or pair.before
    assert m is not None
    before = str(pair.before.number) if pair.before else MINUS
    after = str(pair.after.number) if pair.after else MINUS
    numbers = after if pair.before and not pair.renumbered and pair.after else f"{before}→{after}"
    t = Text()
    style = STATUS_STYLE[pair.status]
    t.append(f"{STATUS_SIGN[pair.status]} ", style=f"bold {style}")
    t.append(f"{numbers:>5} ", style=style)
    t.append(f"{STATUS_LABEL[pair.status]:<9} ", style=style)
    t.append(first_line(m.cells.measure, width), style="dim" if pair.status == UNCHANGED else "")
    return t


def changed_cells(pair: MeasurePair) -> Iterable[CellDiff]:
    """The cells worth showing: the changed ones (for an added or dropped measure, every
    non-empty cell, since all its text is inserted or deleted)."""
    return (cd for cd in pair.cells if cd.changed)


def cell_label(column: str) -> str:
    return COLUMN_TITLES[column]


def summary_text(summary: Summary, years: tuple[int, int]) -> Text:
    """One line: the years, counts by status with their signs, share carried over verbatim."""
    t = Text()
    t.append(f"{years[0]}→{years[1]}  ", style="bold")
    for status, n in (
        (UNCHANGED, summary.unchanged),
        (EDITED, summary.edited),
        (ADDED, summary.added),
        (DROPPED, summary.dropped),
    ):
        t.append(f"{STATUS_SIGN[status]}{n} {STATUS_LABEL[status]}  ", style=STATUS_STYLE[status])
    t.append(f"{summary.carried_over:.0%} carried over", style="bold")
    return t


def marked_text(snippet: str, start: str, end: str, style: str = HIGHLIGHT_STYLE) -> Text:
    """A snippet with hits wrapped in `start`/`end` markers as Text with the hits styled."""
    out = Text()
    pos, on = 0, False
    while pos < len(snippet):
        nxt = snippet.find(end if on else start, pos)
        if nxt < 0:
            nxt = len(snippet)
        out.append(snippet[pos:nxt], style if on else "")
        pos = nxt + len(end if on else start)
        on = not on
    return out


def spans_text(text: str, spans: Iterable[tuple[int, int]], style: str = HIGHLIGHT_STYLE) -> Text:
    """Text with the given (start, end) character spans styled."""
    out = Text(text)
    for a, b in spans:
        out.stylize(style, a, b)
    return out
