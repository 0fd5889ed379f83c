"""Turn one year's measures into another year's, the way an agency edits last year's file."""

from __future__ import annotations

import re
from dataclasses import replace

from spec import TO_ARABIC, Cell, MeasureDoc, ReportDoc, thai_num

# A BE year that moves with the report: ๒๕๖๒..๒๕๖๙ or its two-digit form ๖๒..๖๙. ๒๕๖๐ and
# ๒๕๖๑ are the years of Acts and plans the text cites, which stay put.
_YEAR = re.compile(r"(?<![๐-๙0-9])(๒๕|25)?([๖6][๒-๙2-9])(?![๐-๙0-9])")


def shift_years(text: str, delta: int) -> str:
    """Every report-relative BE year in text moved by delta years, keeping its digits' script."""

    def move(m: re.Match) -> str:
        thai = m.group(2)[0] == "๖"
        two = int(m.group(2).translate(TO_ARABIC)) + delta
        out = f"{two:02d}"
        return (m.group(1) or "") + (thai_num(out) if thai else out)

    return _YEAR.sub(move, text)


def shift_measure(m: MeasureDoc, delta: int) -> MeasureDoc:
    """A measure with its years moved by delta."""
    cells = {k: tuple(shift_years(line, delta) for line in v) for k, v in m.cells.items()}
    return replace(m, cells=cells)


def renumber(m: MeasureDoc, number: int) -> MeasureDoc:
    """A measure whose measure cell starts with the given number instead of its own."""
    first, *rest = m.cells["measure"]
    first = re.sub(r"^[๐-๙0-9]+\.", f"{thai_num(number)}.", first)
    return replace(m, cells={**m.cells, "measure": (first, *rest)})


Edit = tuple[tuple[str, str | None], ...]


def _apply(lines: Cell, change: Edit) -> Cell:
    unused = [old for old, _ in change if not any(old in line for line in lines)]
    if unused:
        # A content typo would otherwise silently leave last year's text in place.
        raise ValueError(f"edit matches no line: {unused}")
    out = []
    for line in lines:
        for old, new in change:
            line = line if new is None else line.replace(old, new)
        # (old, None) drops every line that starts with old.
        if not any(new is None and line.startswith(old) for old, new in change):
            out.append(line)
    return tuple(out)


def edit(m: MeasureDoc, **changes: Cell | Edit) -> MeasureDoc:
    """A measure with some cells replaced.

    A change is either the cell's new lines (a tuple of str) or a tuple of (old, new) text
    substitutions applied to each line, where (old, None) drops the lines starting with old.
    """
    cells = dict(m.cells)
    for key, change in changes.items():
        if change and isinstance(change[0], tuple):
            cells[key] = _apply(cells[key], change)
        else:
            cells[key] = change
    return replace(m, cells=cells)


def numbered(measures: list[MeasureDoc]) -> list[MeasureDoc]:
    """The measures renumbered ๑, ๒, ... in order, as the table prints them."""
    return [renumber(m, i) for i, m in enumerate(measures, 1)]


def link_previous(doc: ReportDoc, prev: ReportDoc | None) -> ReportDoc:
    """Record, per measure, the number of the measure it continues in last year's report."""
    if prev is None:
        measures = tuple(replace(m, continues=None) for m in doc.measures)
        return replace(doc, measures=measures, previous=None)
    numbers = {m.key: m.number for m in prev.measures}
    measures = tuple(replace(m, continues=numbers.get(m.key)) for m in doc.measures)
    return replace(doc, measures=measures, previous=prev.stem)
