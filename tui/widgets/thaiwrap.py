"""Wrap Thai text at word boundaries for a terminal.

rich and Textual wrap at spaces, and Thai writes none between words, so a long Thai run is
folded wherever the column ends, often mid-word ("หน่" / "วยงาน"). Here lines break between
nlpo3 words instead. Widths are terminal cells (rich.cells.cell_len), in which the Thai combining
marks (U+0E31, U+0E34..U+0E3A, U+0E47..U+0E4E) take no cell, so a word's width is its base
letters only; a word wider than a line is folded between characters, never before a mark.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from index.diff import tokenize


def _clusters(word: str) -> list[str]:
    """Characters with their zero-width marks attached (folding never strands a mark)."""
    out: list[str] = []
    for ch in word:
        if out and cell_len(ch) == 0:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def break_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) character offsets of each display line of `text` at `width` cells.

    Explicit newlines are kept; spaces where a line breaks are left out of both lines.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        start, used, end = pos, 0, pos
        cursor = pos
        for token in tokenize(para):
            w = cell_len(token)
            if token.isspace():
                if used + w > width:
                    lines.append((start, end))
                    start, used, end = cursor + len(token), 0, cursor + len(token)
                else:
                    used += w
                cursor += len(token)
                continue
            if used + w > width and used > 0:
                lines.append((start, end))
                start, used = cursor, 0
            if w > width:
                for cl in _clusters(token):
                    cw = cell_len(cl)
                    if used + cw > width and used > 0:
                        lines.append((start, cursor))
                        start, used = cursor, 0
                    cursor += len(cl)
                    used += cw
            else:
                cursor += len(token)
                used += w
            end = cursor
        lines.append((start, end))
        pos += len(para) + 1
    return lines


def wrap_text(text: Text, width: int) -> Text:
    """`text` with line breaks between words so that no line is wider than `width` cells.

    Styles are kept; the result has explicit newlines and needs no further wrapping.
    """
    plain = text.plain
    parts = [text[a:b] for a, b in break_offsets(plain, width)]
    out = Text("\n").join(parts)
    out.no_wrap = True
    out.overflow = "ignore"
    return out
