"""Measure-table assembly: rows of cell text, page by page, become numbered measures.

A pipeline of small pure functions over plain data. The PDF side (finding cells, reading
their characters) lives in ingest/cells.py; nothing here touches a PDF.

The rules come from how real reports are laid out:
- the header row repeats on every page, and its bold text may be damaged, so it is
  recognised fuzzily and dropped;
- a measure that runs over a page break continues in rows whose first cell is empty or holds
  the tail of the title: only a first cell that begins with a numeral and a dot starts a new
  measure;
- a cell's wrapped lines join with no space between two Thai characters (or two digits),
  with a space otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ingest.model import COLUMN_KEYS, COLUMNS

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DIGIT_VALUE = {c: i for i, c in enumerate(THAI_DIGITS)} | {str(i): i for i in range(10)}
_THAI = re.compile("[\u0e01-\u0e4f]")  # Thai letters, vowels and marks (not Thai digits)
_DIGIT = re.compile("[0-9\u0e50-\u0e59]")  # Arabic and Thai digits
_SPACE = re.compile(r"\s+")

# "๑." or "1." at the start of the first cell; two digits at most so a year never matches.
_MEASURE_START = re.compile(r"^\s*([๐-๙0-9]{1,2})\s*\.(?![๐-๙0-9])")
# Sub-item markers inside a cell: "๒." at the start or after whitespace, or "(๒)" anywhere
# (extraction can lose the space before a parenthesis).
_ITEM_MARK = re.compile(r"(?:(?:(?<=\s)|^)([๐-๙0-9]{1,2})\.(?![๐-๙0-9])|\(\s*([๐-๙0-9]{1,2})\s*\))")

HEADER_MIN_SCORE = 72.0


@dataclass(frozen=True)
class RawRow:
    """One table row as read from a page: cell texts in column order, lines split by newline."""

    page: int
    cells: tuple[str, ...]
    # OCR only: each cell's confidence 0..1, parallel to cells (None: no text read there).
    confidence: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class RawTable:
    """One ruled table found on a page: its rows of cell texts."""

    page: int
    rows: tuple[tuple[str, ...], ...]
    # OCR only: rows of cell confidences parallel to `rows`; empty for a text-layer table.
    confidence: tuple[tuple[float | None, ...], ...] = ()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True)
class MeasureDraft:
    """A measure assembled from its rows, before normalisation."""

    number: int
    pages: tuple[int, ...]
    cells: dict[str, str]
    # OCR only: the lowest confidence among the cells that went into each column.
    confidence: dict[str, float] = field(default_factory=dict)


def to_int(digits: str) -> int:
    """Thai or Arabic digits to an int."""
    value = 0
    for ch in digits:
        value = value * 10 + _DIGIT_VALUE[ch]
    return value


def squash(text: str) -> str:
    """Text without any whitespace, for fuzzy comparison."""
    return _SPACE.sub("", text)


def join_lines(lines: Sequence[str]) -> str:
    """Join wrapped lines: no space between two Thai characters or two digits, else one space."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and line[0].isascii() and line[0].isalpha():
            # "E-" / "Service": a Latin word hyphenated where the line wrapped.
            out += line
        elif _ITEM_MARK.match(line):
            # A sub-item starts a line of its own, as the document shows it.
            out += "\n" + line
        elif (_THAI.match(out[-1]) and _THAI.match(line[0])) or (
            _DIGIT.match(out[-1]) and _DIGIT.match(line[0])
        ):
            # A narrow column wraps inside a Thai word, and even inside a number
            # ("๒๕๖" / "๗"): neither had a space there.
            out += line
        else:
            out += " " + line
    return out


def cell_text(raw: str) -> str:
    """The text of one cell as extracted (newline-separated lines) joined into one string."""
    return join_lines(raw.split("\n"))


def header_score(cells: Sequence[str]) -> float:
    """How much a row reads like the six-column header, 0 to 100."""
    row = squash("".join(cells))
    if not row:
        return 0.0
    header = squash("".join(title for _, title in COLUMNS))
    return fuzz.ratio(row, header)


def is_header_row(cells: Sequence[str]) -> bool:
    """True for the measure-table header, even with damaged bold text."""
    return header_score(cells) >= HEADER_MIN_SCORE


def header_columns(cells: Sequence[str]) -> dict[str, int]:
    """Which cell index holds which column, matched title by title."""
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for key, title in COLUMNS:
        best, best_score = -1, 0.0
        for i, cell in enumerate(cells):
            if i in taken:
                continue
            score = fuzz.ratio(squash(cell), squash(title))
            if score > best_score:
                best, best_score = i, score
        if best >= 0 and best_score >= 50:
            mapping[key] = best
            taken.add(best)
    return mapping


def measure_rows(tables: Sequence[RawTable]) -> list[RawRow]:
    """The rows of the measure tables only, in document order.

    A table belongs to the measure table if it opens with the six-column header, or if it
    is the first table of a page and carries on, at the same width, a measure table that
    ended the page before (a writer that does not repeat the header). Every other table
    (a budget, a staffing plan) is left alone: its numbered rows are not measures.
    """
    rows: list[RawRow] = []
    last: RawTable | None = None  # the previous table, measure or not
    last_was_measure = False
    for table in tables:
        opens_with_header = any(is_header_row([cell_text(c) for c in r]) for r in table.rows[:2])
        first_on_page = last is None or last.page != table.page
        carries_on = (
            last_was_measure
            and last is not None
            and first_on_page
            and table.page == last.page + 1
            and table.width == last.width
        )
        last_was_measure = opens_with_header or carries_on
        if last_was_measure:
            confs = table.confidence or tuple(() for _ in table.rows)
            rows.extend(RawRow(table.page, r, c) for r, c in zip(table.rows, confs, strict=True))
        last = table
    return rows


def measure_number(first_cell: str) -> int | None:
    """The measure number if this first cell starts a new measure ("๓. มาตรการ…")."""
    m = _MEASURE_START.match(first_cell)
    return to_int(m.group(1)) if m else None


def _append(old: str, new: str) -> str:
    return join_lines([old, new]) if old else new


def assemble_measures(
    rows: Sequence[RawRow], columns: dict[str, int] | None = None
) -> tuple[list[MeasureDraft], list[str]]:
    """Group table rows into measures; returns the measures and warnings.

    Header rows are dropped wherever they repeat. Rows before the first numbered measure
    are reported, not silently lost.
    """
    mapping = dict(columns) if columns else {k: i for i, k in enumerate(COLUMN_KEYS)}
    drafts: list[MeasureDraft] = []
    warnings: list[str] = []
    current: dict[str, str] | None = None
    confidence: dict[str, float] = {}
    pages: list[int] = []
    number = 0

    def flush() -> None:
        if current is not None:
            drafts.append(MeasureDraft(
                number, tuple(dict.fromkeys(pages)), dict(current), dict(confidence)))

    for row in rows:
        texts = [cell_text(c) for c in row.cells]
        if is_header_row(texts):
            found = header_columns(texts)
            if len(found) == len(COLUMN_KEYS):
                mapping = found
            continue
        if not any(texts):
            continue
        cells = {k: texts[i] if i < len(texts) else "" for k, i in mapping.items()}
        starts = measure_number(cells.get("measure", ""))
        if starts is not None:
            flush()
            number, current, pages, confidence = starts, {k: "" for k in COLUMN_KEYS}, [], {}
        elif current is None:
            warnings.append(f"page {row.page}: table text before the first measure was skipped")
            continue
        for key, text in cells.items():
            if text:
                current[key] = _append(current[key], text)
                i = mapping[key]
                if i < len(row.confidence) and row.confidence[i] is not None:
                    confidence[key] = min(confidence.get(key, 1.0), row.confidence[i])
        pages.append(row.page)
    flush()
    return drafts, warnings


def split_items(cell: str) -> tuple[str, ...]:
    """Numbered sub-items of a cell ("๑. …", "(๑) …"), each as written, in order.

    A marker counts only when its number fits the list it belongs to (the cell's first
    word, a restart at one, or at most three past the last): that keeps a year that ends a
    sentence ("ปีงบประมาณ ๖๘.") from opening item 68, while allowing the skipped numbers
    real reports have.
    """
    starts: list[int] = []
    last = {"dot": 0, "paren": 0}
    for m in _ITEM_MARK.finditer(cell):
        style = "dot" if m.group(1) else "paren"
        n = to_int(m.group(1) or m.group(2))
        if m.start() == 0 or n == 1 or last[style] < n <= last[style] + 3:
            starts.append(m.start())
            last[style] = n
            if style == "dot":
                last["paren"] = 0
    if not starts:
        return ()
    bounds = [*starts, len(cell)]
    return tuple(cell[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
