"""What each column of a measure table holds, read from its header by a table of synonyms.

Agencies name the columns in many ways (ผลการดำเนินงาน for ผลการดำเนินการ, หน่วยงานที่รับผิดชอบ
for ผู้รับผิดชอบ), add columns of their own (ลำดับ, งบประมาณ, ปัญหาอุปสรรค) and leave some out.
The names are data, in ingest/headers.toml; this module matches header cells against them and
turns a header of one or two rows into a Layout: for each column, the canonical field it fills
or, for a column with none, the name its extra cells are kept under.

Pure functions over cell texts; nothing here touches a PDF.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from rapidfuzz import fuzz

from ingest.model import COLUMNS

NUMBER = "number"  # the role of a column holding the measure number
EXTRA = "extra"  # the role of any other column with no canonical field

# A header cell names a column when it is this close (0-100) to one of the names. Measured
# on the damaged bold headers LibreOffice writes: a lost or doubled mark costs 5-10 points.
MATCH_SCORE = 80.0
# Names shorter than this match only exactly: "ที่" must not fuzzily match "ปี".
FUZZY_MIN_LEN = 4
# A table narrower or wider than this is not a measure table.
MIN_COLUMNS, MAX_COLUMNS = 4, 9
# Of the header cells with text, at least this share must be names we know.
KNOWN_SHARE = 0.6
# A sub-header cell is short: a column name, not a measure's text.
SUBHEADER_MAX_CHARS = 40

_SPACE = re.compile(r"\s+")
# A unit or note in brackets ("งบประมาณ (บาท)", "ระยะเวลา (เดือน)") does not change the column.
_BRACKETED = re.compile(r"\([^)]*\)")
_PUNCT_EDGES = "*:.-–"
# A space between two Thai letters or marks (U+0E01..U+0E4E): where a header cell wrapped.
_THAI_GAP = re.compile(r"(?<=[\u0e01-\u0e4e]) (?=[\u0e01-\u0e4e])")
# A cell that opens a measure ("๑. มาตรการ…") is never a sub-header.
_STARTS_NUMBERED = re.compile(r"^\s*[๐-๙0-9]{1,2}\s*\.(?![๐-๙0-9])")


@dataclass(frozen=True)
class Synonyms:
    """The names of ingest/headers.toml: per canonical field, the numbering column, others."""

    canonical: dict[str, tuple[str, ...]]
    number: tuple[str, ...]
    known_extra: tuple[str, ...]

    def names(self) -> tuple[tuple[str, str], ...]:
        """(role, key) for every name, role a canonical field, NUMBER or EXTRA."""
        out = [(field, key(n)) for field, names in self.canonical.items() for n in names]
        out += [(NUMBER, key(n)) for n in self.number]
        out += [(EXTRA, key(n)) for n in self.known_extra]
        return tuple(out)


@cache
def synonyms() -> Synonyms:
    """The synonym table shipped as package data (ingest/headers.toml)."""
    data = tomllib.loads(files("ingest").joinpath("headers.toml").read_text(encoding="utf-8"))
    canonical = {k: tuple(v) for k, v in data["canonical"].items()}
    unknown = set(canonical) - {k for k, _ in COLUMNS}
    if unknown:
        raise ValueError(f"headers.toml names fields the model does not have: {sorted(unknown)}")
    extra = data.get("extra", {})
    return Synonyms(canonical, tuple(extra.get("number", ())), tuple(extra.get("known", ())))


def key(text: str) -> str:
    """A header cell reduced for matching: no whitespace, no bracketed unit, no edge marks."""
    squashed = _SPACE.sub("", _BRACKETED.sub("", text))
    return squashed.strip(_PUNCT_EDGES) or _SPACE.sub("", text)


def display_name(text: str) -> str:
    """A header as printed, on one line, the same however the writer wrapped it.

    Whitespace between two Thai characters or beside "/" is where a line wrapped, so it goes;
    other whitespace becomes one space ("งบประมาณ (บาท)").
    """
    name = _SPACE.sub(" ", text).strip()
    name = re.sub(r"\s*/\s*", "/", name)
    return _THAI_GAP.sub("", name)


@dataclass(frozen=True)
class Match:
    role: str  # a canonical field, NUMBER or EXTRA
    score: float  # 0-100


@cache
def _names() -> tuple[tuple[str, str], ...]:
    return synonyms().names()


@cache
def _longest() -> int:
    return max(len(name) for _, name in _names())


@lru_cache(maxsize=4096)  # header texts repeat on every page; data cells never match
def match_header(text: str) -> Match | None:
    """The role a header cell's text names, or None when it names nothing we know."""
    k = key(text)
    # fuzz.ratio >= 80 needs lengths within a factor of 1.5: a longer cell is data.
    if not k or len(k) > _longest() * 1.5:
        return None
    best: Match | None = None
    for role, name in _names():
        if k == name:
            return Match(role, 100.0)
        if len(k) < FUZZY_MIN_LEN or len(name) < FUZZY_MIN_LEN:
            continue
        score = fuzz.ratio(k, name)
        if score >= MATCH_SCORE and (best is None or score > best.score):
            best = Match(role, score)
    return best


@dataclass(frozen=True)
class Column:
    """One column of a measure table: the field it fills, or the name of its extra cells."""

    name: str  # the header as printed
    field: str | None = None  # a canonical key; None for an extra column
    number: bool = False  # holds the measure number (ลำดับ, ที่)


@dataclass(frozen=True)
class Layout:
    """What each column of a measure table holds, and how many rows its header takes."""

    columns: tuple[Column, ...]
    header_rows: int = 1

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(c.field for c in self.columns if c.field)

    def index(self, field: str) -> int | None:
        """The column that fills a canonical field, if the table has one."""
        return next((i for i, c in enumerate(self.columns) if c.field == field), None)

    @property
    def extra_names(self) -> tuple[str, ...]:
        """The names of the columns with no canonical field, in column order."""
        return tuple(c.name for c in self.columns if c.field is None)

    @property
    def number_index(self) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.number), None)

    def same_columns(self, other: Layout) -> bool:
        """True when both give every column the same role (names may differ by damage)."""
        return [(c.field, c.number) for c in self.columns] == [
            (c.field, c.number) for c in other.columns
        ]


DEFAULT_LAYOUT = Layout(tuple(Column(title, k) for k, title in COLUMNS))


@dataclass(frozen=True)
class _Head:
    """One column's header: printed name, texts that may name its field, and its group's."""

    name: str
    texts: tuple[str, ...]
    group: str = ""  # the text of a header cell merged over this and other columns


def _heads(top: Sequence[str], bottom: Sequence[str]) -> list[_Head]:
    """Per column of a two-row header: its printed name and the texts that may name it.

    A cell merged across columns has its text in the first column only and none in the
    others; a cell merged down two rows has no text in the second. So an empty top cell
    with a sub-header below belongs to the group of the nearest top cell on its left, and
    an empty bottom cell leaves the top cell's name alone.
    """
    width = max(len(top), len(bottom))
    tops = [*top, *[""] * (width - len(top))]
    bots = [*bottom, *[""] * (width - len(bottom))]
    group: list[int] = []  # the column whose top cell heads each column's group
    for i in range(width):
        joins_left = i > 0 and not tops[i] and bots[i] and bots[group[-1]]
        group.append(group[-1] if joins_left else i)
    out: list[_Head] = []
    for i in range(width):
        parent, child = tops[group[i]], bots[i]
        if not child or not parent:
            out.append(_Head(display_name(parent or child), (parent or child,)))
        elif group.count(group[i]) > 1:
            out.append(_Head(f"{display_name(parent)} {display_name(child)}", (child,), parent))
        else:
            # One header cell whose text runs over two rows: read it whole.
            whole = f"{parent}\n{child}"
            out.append(_Head(display_name(whole), (whole, child, parent)))
    return out


def _best(texts: Sequence[str]) -> Match | None:
    found = [m for m in map(match_header, texts) if m is not None]
    return max(found, key=lambda m: m.score, default=None)


def layout_of(header: Sequence[Sequence[str]]) -> Layout | None:
    """The layout a header of one or two rows describes, or None if it is no measure header.

    A header must name the measure column and at least two other canonical fields, be 4 to
    9 columns wide, and most of its named cells must be names we know. Each canonical field
    goes to the column that names it best; another column naming it too is kept as extra.
    """
    if len(header) == 1:
        heads = [_Head(display_name(t), (t,)) for t in header[0]]
    else:
        heads = _heads(header[0], header[1])
    if not MIN_COLUMNS <= len(heads) <= MAX_COLUMNS:
        return None
    matches = [_best(h.texts) for h in heads]
    # A sub-column we cannot name ("ไตรมาส ๑") still counts as known under a known group.
    known = [
        m is not None or _best((h.group,)) is not None
        for m, h in zip(matches, heads, strict=True)
    ]
    named = [i for i, h in enumerate(heads) if h.name]
    if not named or sum(known[i] for i in named) < KNOWN_SHARE * len(named):
        return None
    owner: dict[str, int] = {}
    number: int | None = None
    found = sorted(((m, i) for i, m in enumerate(matches) if m), key=lambda p: -p[0].score)
    for match, i in found:
        role = match.role
        if role == NUMBER:
            number = i if number is None else number
        elif role != EXTRA and role not in owner:
            owner[role] = i
    if "measure" not in owner or len(owner) < 3:
        return None
    by_index = {i: f for f, i in owner.items()}
    columns = tuple(
        Column(h.name or f"คอลัมน์ {i + 1}", by_index.get(i), number=i == number)
        for i, h in enumerate(heads)
    )
    return Layout(columns, header_rows=len(header))


def _short_names(row: Sequence[str]) -> bool:
    """True if every text in the row is short enough for a column name and opens no measure."""
    return all(
        len(_SPACE.sub("", t)) <= SUBHEADER_MAX_CHARS and not _STARTS_NUMBERED.match(t)
        for t in row
        if t.strip()
    )


def _subheader(top: Sequence[str], bottom: Sequence[str]) -> bool:
    """True if `bottom` is the second row of a header whose first row is `top`.

    Both rows hold only short column names. Each name in `bottom` is one we know or sits
    under a header cell merged across columns (an empty top cell beside it); `top` names at
    least one column we know.
    """
    if not any(b.strip() for b in bottom) or not _short_names(top) or not _short_names(bottom):
        return False
    if not any(match_header(t) for t in top if t.strip()):
        return False
    tops = list(top) + [""] * (len(bottom) - len(top))
    for i, b in enumerate(bottom):
        merged = not tops[i] or (i + 1 < len(tops) and not tops[i + 1])
        if b.strip() and match_header(b) is None and not merged:
            return False
    return True


def read_header(rows: Sequence[Sequence[str]]) -> Layout | None:
    """The layout of a header that starts at rows[0] (one or two rows), or None.

    The second row joins the header only when it reads as a sub-header and either the first
    row has merged (empty) cells or the second row names more canonical fields. A first row
    that is no header on its own while the second is one is a data row before a header.
    """
    one = layout_of(rows[:1]) if rows else None
    if len(rows) < 2 or not _subheader(rows[0], rows[1]):
        return one
    if one is None and layout_of(rows[1:2]) is not None:
        return None
    two = layout_of(rows[:2])
    if two is None:
        return one
    has_merged = any(not t.strip() for t in rows[0])
    if has_merged or one is None or len(two.fields) > len(one.fields):
        return two
    return one


def missing_fields(seen: frozenset[str], expected: Sequence[str]) -> list[str]:
    """The expected canonical fields no measure table had a column for, in column order."""
    return [k for k, _ in COLUMNS if k in expected and k not in seen]

