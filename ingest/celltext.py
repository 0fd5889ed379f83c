"""One cell's text from its characters: lines, and which line ends are deliberate.

A cell's printed lines end for one of two reasons. The writer wrapped the text because the
next word did not fit (a wrap: the words belong to one sentence), or the author pressed
Enter (a deliberate break: "สำนักปลัด" / "กองคลัง" / "กองช่าง" are three units). A typesetter
moves a word to the next line only when it does not fit, so a line end is deliberate when the
room left on the line would have held a space and the next line's first word. Thai has no
spaces between words; the first word is the longest dictionary word the next line starts
with (Chromium, through ICU, and LibreOffice choose Thai break points by dictionary), with
what Unicode line breaking glues to it ("พ.ศ.๒๕๖๗", "(งาน", "ต่างๆ"). Typst breaks Thai with
ICU4X's LSTM model, which keeps compounds whole ("แจ้งผล", "ทรัพย์สินราชการ"), so for its
files the first word is the first two dictionary words (`Breaks`). Two more rules: the
lines of a dash list stay apart, and a one-word line that goes on into the next is a word
LibreOffice cut because it fits no line, so the line before it wrapped.

The text goes to ingest/tables.py as lines joined by "\\n", with a blank line ("\\n\\n") where
a break is deliberate; tables.cell_text joins the wrapped lines and keeps the blank-line
breaks as newlines.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from pdfplumber.utils import cluster_objects

from ingest.chars import X_TOLERANCE, Y_TOLERANCE, is_mark
from ingest.quality import MARKS, dictionary
from ingest.thai_repair import repair_text
from ingest.words import word_tuples

Char = dict[str, Any]
BBox = tuple[float, float, float, float]

PARAGRAPH = "\n\n"
# A space where the font's own is unknown (Thai fonts: 0.25-0.35 em).
SPACE_EM = 0.33
# Beyond the next word and a space, a line must have this much room to spare before its end
# counts as deliberate: the padding is estimated, and where it is that tight, joining (the
# old behaviour) is the safer mistake.
SLACK_EM = 0.1
# Line starts within this many points of each other count as aligned.
ALIGN_TOLERANCE = 1.5
LONGEST_WORD = 24  # characters: no word in pythainlp's list that matters is longer
# Characters no line may start with (Unicode line breaking: closing punctuation, hyphens and
# dashes, infix separators) and the Thai repetition and abbreviation marks ๆ U+0E46, ฯ U+0E2F.
NO_BREAK_BEFORE = frozenset("-\u2010\u2013\u2014)]}.,:;!?%/\u201d\u2019\u0e46\u0e2f")
NO_BREAK_AFTER = "([{"
QUOTES = "\"'\u201c\u2018"
# A dash or bullet and a space start a list item where the cell lists with that mark (a wrap
# can put the dash of "๒๕๖๗ – มี.ค." first on a line, too, but only once).
_BULLET = re.compile("([-\u2010\u2013\u2014\u2022\u25cf\u25aa*]) ")
_MARK = re.compile(f"[{MARKS}]")
_LETTER = re.compile(f".[{MARKS}]*")
_THAI_START = re.compile("[\u0e01-\u0e2e\u0e40-\u0e44]")


@dataclass(frozen=True)
class Breaks:
    """How the file's writer chose where a Thai line may break: `words` is how many
    dictionary words it moves down as one piece (1 for a dictionary segmenter, Chromium's ICU
    and LibreOffice's; 2 for Typst's LSTM model, which keeps compounds of two whole)."""

    words: int = 1


DICTIONARY = Breaks(1)
COMPOUNDS = Breaks(2)


def writer_breaks(metadata: dict[str, Any]) -> Breaks:
    """How the writer named in a PDF's document information broke Thai lines: Typst (Creator
    "Typst 0.15.1") keeps compounds whole; every other writer seen breaks by dictionary."""
    writer = f"{metadata.get('Creator', '')} {metadata.get('Producer', '')}"
    return COMPOUNDS if "Typst" in writer else DICTIONARY


@dataclass(frozen=True)
class Line:
    """One printed line of a cell: its raw text, extent, font size, the width of a space, and
    the chars of its space-delimited words (for the width of its first word, `lead`)."""

    text: str
    x0: float
    x1: float
    size: float
    space: float
    words: tuple[tuple[Char, ...], ...] = ()
    given_lead: float | None = None  # for lines built by hand
    breaks: Breaks = DICTIONARY

    @cached_property
    def lead(self) -> float:
        """What a typesetter would have had to fit on the line before (see lead_width).

        Computed on first use: only a line end with room to spare needs it."""
        if self.given_lead is not None:
            return self.given_lead
        return lead_width(self.words, self.breaks)


def longest_prefix_word(text: str) -> str:
    """The longest dictionary word that `text` starts with ("" if none)."""
    words = dictionary()
    for n in range(min(len(text), LONGEST_WORD), 1, -1):
        if text[:n] in words:
            return text[:n]
    return ""


def _spacing(chars: Sequence[Char]) -> Iterator[Char]:
    """The characters that advance the pen: no marks, no zero-width glyphs.

    LibreOffice writes SARA AM as a zero-width U+0E33 and a SARA AA; the repaired text has one
    U+0E33. Counting only spacing glyphs on both sides keeps the two aligned.
    """
    return (
        c for c in chars if not is_mark(c) and c["x1"] - c["x0"] > 0.01 * max(c.get("size", 1), 1)
    )


def lead_text(text: str, breaks: Breaks = DICTIONARY) -> str:
    """The start of `text` (one space-delimited word) that a typesetter moves as one piece:
    `breaks.words` times the piece below, each after the one before.

    Thai: the longest dictionary word, with any opening bracket before it, and after it
    whatever is not a new Thai word (digits, "ๆ", ")", ".": "พ.ศ.๒๕๖๗" is one piece). A dot
    or slash glues on the next word or letter too ("มี.ค.": no line breaks after a dot before a
    letter, and LibreOffice does not break at "/" between Thai words). Anything else (Latin,
    digits, Thai starting no known word): the whole word.
    """
    lead = _lead_piece(text)
    for _ in range(breaks.words - 1):
        if lead == text:
            break
        lead += _lead_piece(text[len(lead) :])
    return lead


def _lead_piece(text: str) -> str:
    """One piece of lead_text: a dictionary word with what is glued to it."""
    if text[:1] in QUOTES:
        return text  # Chromium keeps a quoted Thai phrase whole
    i = len(text) - len(text.lstrip(NO_BREAK_AFTER))  # "(งาน": "(" goes with "งาน"
    glued = False
    while True:
        prefix = longest_prefix_word(text[i:]) if _THAI_START.match(text[i:]) else ""
        if not prefix and not glued:
            return text
        i += len(prefix) or len(_LETTER.match(text, i).group())
        while i < len(text) and not _THAI_START.match(text[i]):
            i += 1
        glued = text[i - 1] in "./"
        if not glued or i == len(text):
            return text[:i]


@lru_cache(maxsize=8192)
def _lead_letters(raw: str, breaks: Breaks) -> int:
    """How many letters (no marks) of a word, as extracted, a typesetter moves as one piece
    (cached: headers and item numbers repeat on every page)."""
    return len(_MARK.sub("", lead_text(repair_text(raw), breaks)))


def lead_width(words: Sequence[Sequence[Char]], breaks: Breaks = DICTIONARY) -> float:
    """Width of what a line starts with that a typesetter could not have split: its first
    word, from the chars of the line's pdfplumber words (space-delimited, left to right).

    A Thai word is cut to its longest dictionary prefix; Latin, digits and Thai that starts
    no dictionary word keep the whole space-delimited word (the conservative choice: a wide
    lead makes a wrap more likely, which joins the lines as before). Following words that
    no line may start with ("–", ")", "ๆ") come along.
    """
    if not words:
        return 0.0
    # The first word's spacing glyphs are looked at only up to the lead's last: a Thai
    # "word" runs to the next space, often a whole phrase, and its lead is one word of it.
    spacing = _spacing(words[0])
    first = next(spacing, None)
    if first is None:
        return 0.0
    n = _lead_letters("".join([c["text"] for c in words[0]]), breaks)
    last, more = first, False  # the lead's last spacing glyph; whether any follow it
    for i, c in enumerate(spacing, start=2):
        if i > n:
            more = True
            break
        last = c
    end = last["x1"]
    if not more:  # the lead is the whole word
        for word in words[1:]:
            rest = list(_spacing(word))
            if not rest or rest[0]["text"] not in NO_BREAK_BEFORE:
                break
            end = rest[-1]["x1"]
    return end - first["x0"]


def space_widths(chars: Sequence[Char]) -> dict[float, float]:
    """The width of a space glyph by font size (to 0.1 pt), where the writer drew spaces."""
    by_size: dict[float, list[float]] = {}
    for c in chars:
        if c["text"] == " " and c["x1"] > c["x0"]:
            by_size.setdefault(round(c.get("size", 10), 1), []).append(c["x1"] - c["x0"])
    return {size: statistics.median(widths) for size, widths in by_size.items()}


def cell_lines(chars: Sequence[Char], breaks: Breaks = DICTIONARY) -> list[Line]:
    """The printed lines of a cell's chars, top to bottom, as pdfplumber's extract_text sees
    them (words split where the gap exceeds X_TOLERANCE, lines clustered by top); `breaks`
    says how the writer broke Thai lines."""
    if not chars:
        return []
    # (word, its chars) as pdfplumber's extract_words(return_chars=True) gives them, without
    # copying each word's dict to add its chars.
    words = list(word_tuples(chars, X_TOLERANCE, Y_TOLERANCE))
    spaces = space_widths(chars)
    lines = []
    for group in cluster_objects(words, _word_top, Y_TOLERANCE):
        group = sorted(group, key=_word_x0)
        sizes = [c.get("size", 10) for _, word_chars in group for c in word_chars]
        size = statistics.median(sizes) if sizes else 10.0
        lines.append(
            Line(
                text=" ".join([w["text"] for w, _ in group]),
                x0=min(w["x0"] for w, _ in group),
                x1=max(w["x1"] for w, _ in group),
                size=size,
                space=spaces.get(round(size, 1), SPACE_EM * size),
                words=tuple(tuple(word_chars) for _, word_chars in group),
                breaks=breaks,
            )
        )
    return lines


def _word_top(word: tuple[Char, list[Char]]) -> float:
    return word[0]["top"]


def _word_x0(word: tuple[Char, list[Char]]) -> float:
    return word[0]["x0"]


def alignment(lines: Sequence[Line]) -> str:
    """"left", "centre" or "right": whichever edge the cell's lines share most closely.

    Left wins ties (a single line, or lines that all fill the cell)."""
    if len(lines) < 2:
        return "left"

    def spread(values: list[float]) -> float:
        return max(values) - min(values)

    left = spread([ln.x0 for ln in lines])
    centre = spread([(ln.x0 + ln.x1) / 2 for ln in lines])
    right = spread([ln.x1 for ln in lines])
    if left <= ALIGN_TOLERANCE or left <= min(centre, right):
        return "left"
    return "centre" if centre <= right else "right"


def room_after(line: Line, inner: tuple[float, float], align: str) -> float:
    """Points left unused on a line between the cell's padding edges `inner` (x0, x1)."""
    right = inner[1] - line.x1
    left = line.x0 - inner[0]
    if align == "centre":
        return left + right
    return left if align == "right" else right


def is_deliberate_break(room: float, next_line: Line, space: float, size: float) -> bool:
    """True if a line end left room for a space and the next line's first word: a typesetter
    would have put the word there, so the author broke the line on purpose."""
    spare = room - space - SLACK_EM * size
    return spare > 0 and spare >= next_line.lead  # most wraps end short of any room


def break_kinds(lines: Sequence[Line], inner: tuple[float, float]) -> list[bool]:
    """For each line end but the last, whether it is a deliberate break."""
    align = alignment(lines)
    kinds = []
    marks = [m.group(1) if (m := _BULLET.match(line.text)) else None for line in lines]
    # A list: its mark starts the cell, or two lines or more.
    bullets = {mark for mark in marks if mark and (mark == marks[0] or marks.count(mark) > 1)}
    for i, (a, b) in enumerate(zip(lines, lines[1:], strict=False)):
        m = _BULLET.match(b.text)
        kinds.append(
            bool(m and m.group(1) in bullets)
            or is_deliberate_break(room_after(a, inner, align), b, a.space, a.size)
            and not word_runs_on(b, lines[i + 2] if i + 2 < len(lines) else None)
        )
    return kinds


def word_runs_on(line: Line, after: Line | None) -> bool:
    """True if a one-word line is the start of a word that goes on into the next line.

    LibreOffice moves a word that does not fit to a new line and, when it is wider than
    the whole line, then cuts it anywhere ("ยุทธศาส" / "ตร์และงบ"): the line before it
    wrapped, though its room would have held the cut piece's first syllables.
    """
    if after is None or " " in line.text or not after.text:
        return False
    head = repair_text(line.text)
    return len(longest_prefix_word(head + repair_text(after.text.split(" ")[0]))) > len(head)


def lines_text(lines: Sequence[Line], deliberate: Sequence[bool]) -> str:
    """Lines joined by "\\n" where they wrapped and by a blank line where the break is
    deliberate."""
    if not lines:
        return ""
    out = [lines[0].text]
    for line, kept in zip(lines[1:], deliberate, strict=True):
        out.append(PARAGRAPH if kept else "\n")
        out.append(line.text)
    return "".join(out)


def cell_raw_text(lines: Sequence[Line], bbox: BBox, pad: float) -> str:
    """Repaired text of one cell whose rules are `bbox` and whose text keeps `pad` points
    from them: wrapped lines on "\\n", deliberate breaks on "\\n\\n"."""
    if not lines:
        return ""
    inner = (bbox[0] + pad, bbox[2] - pad)
    return repair_text(lines_text(lines, break_kinds(lines, inner)))


def table_padding(cells: Sequence[tuple[BBox, Sequence[Line]]]) -> float:
    """The gap a table keeps between a rule and its text, never below zero.

    Each cell's smallest gap between its left rule and a line start is its padding if the
    cell is left-aligned, more if centred; the lower quartile over the cells is the padding
    of the left-aligned ones, and one odd line cannot pull it to zero.
    """
    gaps = sorted(min(ln.x0 - bbox[0] for ln in lines) for bbox, lines in cells if lines)
    return max(0.0, gaps[len(gaps) // 4]) if gaps else 0.0
