"""Words from chars: the words pdfplumber's WordExtractor builds, for horizontal text faster.

raingan builds words twice on every page: once over the page's chars for its text (and the
search for a table without rules), once over each cell's chars for the cell's lines. With
pdfplumber's `WordExtractor` that was about 6% of a parse. The extractor handles every
direction, tolerance ratios, punctuation splitting and extra attributes through a method call
per char; the reports are set in upright left-to-right lines, for which the steps below are
the same steps written out, and build the same words in about 60% of the time.

Hand-written for speed alone, so it must never differ: tests hold it equal to
`WordExtractor(x_tolerance, y_tolerance).iter_extract_tuples` with every other setting at its
default, on tiny literal cases (tests/unit/test_words.py) and on every page of every sample
document and real PDF (tests/functional/test_words_samples.py). A run of chars that are not
upright is handed to pdfplumber itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from pdfplumber.utils.text import LIGATURES, WordExtractor

Char = dict[str, Any]
Word = dict[str, Any]

# pdfplumber expands ligatures by default ("ﬁ" U+FB01 -> "fi"); as a table for str.translate.
_LIGATURES = str.maketrans(LIGATURES)
_x0 = itemgetter("x0")
_top = itemgetter("top")
_upright = itemgetter("upright")


def word_tuples(
    chars: Sequence[Char], x_tolerance: float, y_tolerance: float
) -> Iterator[tuple[Word, list[Char]]]:
    """(word, its chars) for every word of `chars`, in pdfplumber's order: what
    `WordExtractor(x_tolerance=..., y_tolerance=...).iter_extract_tuples(chars)` yields."""
    for upright, group in groupby(chars, _upright):
        if not upright:
            rotated = WordExtractor(x_tolerance=x_tolerance, y_tolerance=y_tolerance)
            yield from rotated.iter_extract_tuples(list(group))
            continue
        for line in _lines(list(group), y_tolerance):
            for word in _split(line, x_tolerance, y_tolerance):
                yield _merge(word), word


def extract_words(chars: Sequence[Char], x_tolerance: float, y_tolerance: float) -> list[Word]:
    """The word dicts alone: pdfplumber's `extract_words(chars)` with these tolerances."""
    return [word for word, _ in word_tuples(chars, x_tolerance, y_tolerance)]


def _lines(chars: list[Char], y_tolerance: float) -> list[list[Char]]:
    """Chars clustered into lines by `top`, as pdfplumber's cluster_objects does: distinct tops
    in order, a new line where one is more than the tolerance below the one before; each line's
    chars keep their order and are then sorted by x0 (both sorts stable, as pdfplumber's)."""
    line_of: dict[float, int] = {}
    n = -1
    last: float | None = None
    for top in sorted(set(map(_top, chars))):
        if last is None or top > last + y_tolerance:
            n += 1
        line_of[top] = n
        last = top
    lines: list[list[Char]] = [[] for _ in range(n + 1)]
    for c in chars:
        lines[line_of[c["top"]]].append(c)
    for line in lines:
        line.sort(key=_x0)
    return lines


def _split(line: list[Char], x_tolerance: float, y_tolerance: float) -> Iterator[list[Char]]:
    """One line's chars cut into words: at a blank char (dropped), around a char with empty
    text (a word of its own: pdfplumber's punctuation test `"" in ""` holds), and where the
    next char starts left of the last one's start, more than x_tolerance after its end, or more
    than y_tolerance above or below it."""
    word: list[Char] = []
    px0 = px1 = ptop = 0.0
    for c in line:
        text, x0, top = c["text"], c["x0"], c["top"]
        if text.isspace():
            if word:
                yield word
                word = []
        elif not text:
            if word:
                yield word
            yield [c]
            word = []
        elif word and (x0 < px0 or x0 > px1 + x_tolerance or abs(top - ptop) > y_tolerance):
            yield word
            word = [c]
        else:
            word.append(c)
        px0, px1, ptop = x0, c["x1"], top
    if word:
        yield word


def _merge(chars: list[Char]) -> Word:
    """The word dict pdfplumber's merge_chars makes of an upright word's chars."""
    first = chars[0]
    if len(chars) == 1:
        x0, top, x1, bottom = first["x0"], first["top"], first["x1"], first["bottom"]
        text = first["text"]
    else:
        x0 = first["x0"]  # a line's chars are sorted by x0
        top = min([c["top"] for c in chars])
        x1 = max([c["x1"] for c in chars])
        bottom = max([c["bottom"] for c in chars])
        text = "".join([c["text"] for c in chars])
    return {
        "text": text.translate(_LIGATURES),
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top + (first["doctop"] - first["top"]),
        "bottom": bottom,
        "upright": first["upright"],
        "height": bottom - top,
        "width": x1 - x0,
        "direction": "ltr",
    }
