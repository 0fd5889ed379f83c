"""Measure-table assembly: rows of cell text, page by page, become numbered measures.

A pipeline of small pure functions over plain data. The PDF side (finding cells, reading
their characters) lives in ingest/cells.py; nothing here touches a PDF.

The rules come from how real reports are laid out:
- the header (one or two rows) repeats on every page, names its columns in many ways and
  its bold text may be damaged, so it is read through a table of synonyms
  (ingest/headers.py) and dropped; columns with no canonical field become extra cells;
- a measure that runs over a page break continues in rows whose first cell is empty or holds
  the tail of the title: only a number in the ลำดับ column, or a measure cell that begins
  with a numeral and a dot, starts a new measure;
- a cell's wrapped lines join with no space between two Thai characters (or two digits),
  with a space otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.headers import DEFAULT_LAYOUT, Layout, read_header
from ingest.model import COLUMN_KEYS

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DIGIT_VALUE = {c: i for i, c in enumerate(THAI_DIGITS)} | {str(i): i for i in range(10)}
_THAI = re.compile("[\u0e01-\u0e4f]")  # Thai letters, vowels and marks (not Thai digits)
_DIGIT = re.compile("[0-9\u0e50-\u0e59]")  # Arabic and Thai digits
_SPACE = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")

# "๑." or "1." at the start of the first cell; two digits at most so a year never matches.
_MEASURE_START = re.compile(r"^\s*([๐-๙0-9]{1,2})\s*\.(?![๐-๙0-9])")
# Sub-item markers inside a cell: "๒." at the start or after whitespace, or "(๒)" anywhere
# (extraction can lose the space before a parenthesis).
_ITEM_MARK = re.compile(r"(?:(?:(?<=\s)|^)([๐-๙0-9]{1,2})\.(?![๐-๙0-9])|\(\s*([๐-๙0-9]{1,2})\s*\))")

# A number cell: "๑", "1.", "๑)".
_NUMBER_CELL = re.compile(r"^\s*([๐-๙0-9]{1,3})\s*[.)]?\s*$")


@dataclass(frozen=True)
class RawRow:
    """One table row as read from a page: cell texts in column order, lines split by newline."""

    page: int
    cells: tuple[str, ...]
    # OCR only: each cell's confidence 0..1, parallel to cells (None: no text read there).
    confidence: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class RawTable:
    """One table found on a page: its rows of cell texts. `ruled` is False where its columns
    had no rules and were read from the header's words (ingest/ruleless.py); `continued` is
    True where, with no header on its page, they were those of the page before
    (ingest/continued.py)."""

    page: int
    rows: tuple[tuple[str, ...], ...]
    # OCR only: rows of cell confidences parallel to `rows`; empty for a text-layer table.
    confidence: tuple[tuple[float | None, ...], ...] = ()
    ruled: bool = True
    continued: bool = False

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True)
class MeasureDraft:
    """A measure assembled from its rows, before normalisation.

    `cells` has every canonical field (empty where the table has no such column); `extra`
    the cells of the other columns as (header as printed, text), in column order.
    """

    number: int
    pages: tuple[int, ...]
    cells: dict[str, str]
    extra: tuple[tuple[str, str], ...] = ()
    # OCR only: the lowest confidence among the cells that went into each column (a field
    # key, or an extra column's name).
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
    """The text of one cell as extracted, its lines joined into one string.

    Lines come newline-separated; a blank line marks a break the author made on purpose
    (ingest/celltext.py decides), which stays a newline. Wrapped lines are joined.
    """
    paragraphs = (join_lines(p.split("\n")) for p in _PARAGRAPH.split(raw))
    return "\n".join(p for p in paragraphs if p)


def is_header_row(cells: Sequence[str]) -> bool:
    """True for a measure-table header row, even with damaged bold text or other names."""
    return read_header([cells]) is not None


def header_columns(cells: Sequence[str]) -> dict[str, int]:
    """Which cell index holds which canonical field, by the header's own names."""
    layout = read_header([cells])
    if layout is None:
        return {}
    return {c.field: i for i, c in enumerate(layout.columns) if c.field}


# How many rows of a table may come before its header (a title row repeated by Excel).
HEADER_SEARCH_ROWS = 3


def table_layout(table: RawTable) -> Layout | None:
    """The layout of a table that opens with a measure header in its first rows."""
    texts = [[cell_text(c) for c in r] for r in table.rows[: HEADER_SEARCH_ROWS + 1]]
    for i in range(min(HEADER_SEARCH_ROWS, len(texts))):
        layout = read_header(texts[i : i + 2])
        if layout is not None:
            return layout
    return None


def measure_rows(tables: Sequence[RawTable]) -> list[RawRow]:
    """The rows of the measure tables only, in document order.

    A table belongs to the measure table if it opens with a measure header (ingest/headers.py),
    or if it is the first table of a page and carries on, at the same width, a measure table
    that ended the page before (a writer that does not repeat the header). Every other table
    (a budget, a staffing plan) is left alone: its numbered rows are not measures.
    """
    rows: list[RawRow] = []
    last: RawTable | None = None  # the previous table, measure or not
    last_was_measure = False
    for table in tables:
        opens_with_header = table_layout(table) is not None
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


def number_cell(text: str) -> int | None:
    """The number a ลำดับ cell holds ("๑", "1.", "๑)"), or None if it holds anything else."""
    m = _NUMBER_CELL.match(text)
    return to_int(m.group(1)) if m else None


def row_number(layout: Layout, cells: Sequence[str]) -> int | None:
    """The number of the measure a data row opens, or None for a continuation row.

    The number column (ลำดับ, ที่) decides where the table has one; a measure cell that
    starts with "๓." opens a measure too, and is the only sign where there is none.
    """

    def cell(i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    number = number_cell(cell(layout.number_index))
    if number is not None:
        return number
    return measure_number(cell(layout.index("measure")))


def _append(old: str, new: str) -> str:
    return join_lines([old, new]) if old else new


@dataclass(frozen=True)
class Assembly:
    """The measures of a report's measure tables, what went wrong, and which fields it has."""

    measures: list[MeasureDraft]
    warnings: list[str]
    fields: frozenset[str]  # canonical fields some measure table has a column for


def _titles_header(rows: Sequence[RawRow], texts: Sequence[Sequence[str]], i: int) -> bool:
    """True if row i is a title over the header right below it on the same page (a sheet's
    title row that Excel repeats on every page), not a measure's text."""
    return (
        i + 1 < len(rows)
        and rows[i + 1].page == rows[i].page
        and row_number(DEFAULT_LAYOUT, texts[i]) is None
        and read_header(texts[i + 1 : i + 3]) is not None
    )


def assemble_measures(rows: Sequence[RawRow], layout: Layout | None = None) -> Assembly:
    """Group table rows into measures.

    Header rows (one or two) are read wherever they repeat and give the layout of the rows
    after them; `layout` is for rows before any header (the six usual columns by default).
    A title row right above a header is dropped; other rows before the first numbered
    measure are reported, not silently lost.
    """
    current_layout = layout or DEFAULT_LAYOUT
    texts = [[cell_text(c) for c in row.cells] for row in rows]
    drafts: list[MeasureDraft] = []
    warnings: list[str] = []
    fields: set[str] = set()
    current: dict[str, str] | None = None
    extra: dict[str, str] = {}
    confidence: dict[str, float] = {}
    pages: list[int] = []
    number = 0

    def flush() -> None:
        if current is not None:
            seen = tuple(dict.fromkeys(pages))
            drafts.append(
                MeasureDraft(number, seen, dict(current), tuple(extra.items()), dict(confidence))
            )

    i = 0
    while i < len(rows):
        row, cells = rows[i], texts[i]
        header = read_header(texts[i : i + 2])
        if header is not None:
            # A header repeated on the next page keeps the names it had on the first.
            if not header.same_columns(current_layout):
                current_layout = header
            i += header.header_rows
            continue
        i += 1
        if not any(cells) or _titles_header(rows, texts, i - 1):
            continue
        starts = row_number(current_layout, cells)
        if starts is not None:
            flush()
            number, current, pages, confidence = starts, {k: "" for k in COLUMN_KEYS}, [], {}
            extra = dict.fromkeys(current_layout.extra_names, "")
        elif current is None:
            warnings.append(f"page {row.page}: table text before the first measure was skipped")
            continue
        fields |= current_layout.fields
        for at, (col, text) in enumerate(zip(current_layout.columns, cells, strict=False)):
            if not text:
                continue
            key = col.field or col.name
            if col.field:
                current[col.field] = _append(current[col.field], text)
            else:
                extra[col.name] = _append(extra.get(col.name, ""), text)
            seen_confidence = row.confidence[at] if at < len(row.confidence) else None
            if seen_confidence is not None:
                confidence[key] = min(confidence.get(key, 1.0), seen_confidence)
        pages.append(row.page)
    flush()
    return Assembly(drafts, warnings, frozenset(fields))


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
