"""The character prepass: fix Thai glyphs on pdfplumber char dicts before words are built.

Thai vowels and tone marks are zero-width glyphs that the font shifts onto the consonant
before them, so their x can fall left of, or on top of, the next consonant; sorting by x
(pdfplumber's default) then puts a mark after the wrong letter. Here each mark takes its
base character's box, so default extraction orders it right and inserts no space. The same
pass maps legacy PUA glyphs and restores the NIKHAHIT (U+0E4D) of SARA AM that some fonts
draw as an empty, zero-width glyph.

Where the writer declared a glyph run's text (/ActualText, ingest/actualtext.py), that text
replaces the glyphs' own before anything else.

Every fix takes a list of char dicts and returns a new list. It never changes a dict it
is given: a char it fixes comes out as a new dict, the others as they came in (copying every
char of every page five times cost more than the fixes themselves).
"""

from __future__ import annotations

import re
from collections import Counter
from operator import itemgetter
from typing import Any

from pdfplumber.utils import cluster_objects, extract_text

from ingest.actualtext import apply_actual_text
from ingest.thai_repair import PUA_RX, PUA_TABLE
from ingest.words import extract_words

Char = dict[str, Any]

SARA_AA = "\u0e32"
SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"
# Sort rank among marks stacked on one base: vowel (U+0E31, U+0E34..U+0E3A, U+0E47) first,
# then tone marks (U+0E48..U+0E4C), then NIKHAHIT and YAMAKKAN (U+0E4D, U+0E4E).
MARK_RANK: dict[str, int] = {
    **{chr(c): 1 for c in (0x0E31, *range(0x0E34, 0x0E3B), 0x0E47)},
    **{chr(c): 2 for c in range(0x0E48, 0x0E4D)},
    NIKHAHIT: 3,
    "\u0e4e": 3,
}
TONES = frozenset(chr(c) for c in range(0x0E48, 0x0E4D))
CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))
EPSILON = 0.001  # points: enough to sort after the base, far below any glyph's width
# Measured on the real files with marks snapped: 1 pt splits Thai words (dictionary rate
# 0.982 against 0.994 on one file); 2 and 3 read words equally well, but 3 already runs
# words together ("PP&PExcellence", "85ปี", "5:การ") and 4 merges table columns.
X_TOLERANCE = 2
# pdfplumber's default line clustering (extract_text's y_tolerance).
Y_TOLERANCE = 3
_BLANKS = ("", " ", "\u00a0")  # the text of a glyph drawn as nothing
_AA_AM = (SARA_AA, SARA_AM)
# The texts of a page's chars joined by NUL (U+0000), so that one search finds a char whose
# whole text is blank ("", " ", U+00A0) right before one that is SARA AM (or SARA AA). A
# text holding a NUL itself can only make a search find too much, never too little: the
# fix it lets through looks again, char by char.
_SEP = "\x00"
_BLANK = "(?:^|\x00)[ \u00a0]?\x00"
_BLANK_BEFORE_AM = re.compile(f"{_BLANK}{SARA_AM}(?:\x00|$)")
_BLANK_BEFORE_AA_AM = re.compile(f"{_BLANK}[{SARA_AA}{SARA_AM}](?:\x00|$)")


def is_mark(char: Char) -> bool:
    """True for a Thai combining mark (U+0E31, U+0E34..U+0E3A, U+0E47..U+0E4E)."""
    return char["text"] in MARK_RANK


def is_empty_glyph(char: Char) -> bool:
    """A glyph with no text (or a space) and next to no width.

    Fonts that lost the NIKHAHIT mapping draw it like this. Unmapped `(cid:N)` glyphs are
    not counted: in real files a zero-width cid before SARA AA is as often MAI EK (U+0E48)
    as NIKHAHIT, so guessing would break as many words as it fixes.
    """
    width = char["x1"] - char["x0"]
    return char["text"] in _BLANKS and width <= 0.01 * max(char.get("size", 1), 1)


def map_pua_chars(chars: list[Char]) -> list[Char]:
    """Map legacy Private Use Area glyphs (U+F700.., U+F884..) to Unicode Thai marks.

    It looks at every char; prepass_chars() calls it only on a page that has such a glyph.
    """
    out = []
    for c in chars:
        text = c["text"].translate(PUA_TABLE)
        out.append(c if text == c["text"] else {**c, "text": text})
    return out


def _after_consonant(chars: list[Char], i: int) -> bool:
    """True if chars[i] follows a consonant, with only tone marks between."""
    j = i - 1
    while j >= 0 and chars[j]["text"] in TONES:
        j -= 1
    return j >= 0 and chars[j]["text"] in CONSONANTS


def aa_as_am_fonts(chars: list[Char]) -> frozenset[str]:
    """Fonts whose SARA AA glyph maps to SARA AM (U+0E33), seen in real Tahoma files.

    Such a font has no U+0E32 at all, and draws a real SARA AM as an empty NIKHAHIT glyph
    followed by the (mis-mapped) SARA AA.
    """
    # The split SARA AM first: it is rare, and without it no font qualifies.
    split = {
        c.get("fontname", "")
        for i, c in enumerate(chars)
        if c["text"] == SARA_AM
        and i > 0
        and is_empty_glyph(chars[i - 1])
        and _after_consonant(chars, i - 1)
    }
    if not split:
        return frozenset()
    counts = Counter(
        (font, c["text"])
        for c in chars
        if c["text"] in (SARA_AA, SARA_AM) and (font := c.get("fontname", "")) in split
    )
    return frozenset(
        font for font in split if counts[font, SARA_AA] == 0 and counts[font, SARA_AM] >= 3
    )


def remap_aa_as_am(chars: list[Char]) -> list[Char]:
    """In fonts found by `aa_as_am_fonts`, read U+0E33 as SARA AA U+0E32."""
    fonts = aa_as_am_fonts(chars)
    if not fonts:
        return list(chars)
    return [
        {**c, "text": SARA_AA} if c["text"] == SARA_AM and c.get("fontname") in fonts else c
        for c in chars
    ]


def restore_nikhahit(chars: list[Char]) -> list[Char]:
    """An empty zero-width glyph after a consonant [tone] becomes NIKHAHIT U+0E4D where SARA
    AA follows ("ส านัก" -> ส U+0E4D U+0E32; the text repair then writes SARA AM), and is
    dropped where SARA AM U+0E33 follows (it was drawn as part of it).

    It looks at every char; prepass_chars() calls it only on a page where a blank glyph
    stands right before either vowel.
    """
    texts = [c["text"] for c in chars]
    out: list[Char] = []
    last = len(chars) - 1
    for i, c in enumerate(chars):
        nxt = texts[i + 1] if i < last else ""
        if nxt in _AA_AM and is_empty_glyph(c) and _after_consonant(chars, i):
            if nxt == SARA_AM:
                continue
            out.append({**c, "text": NIKHAHIT})
        else:
            out.append(c)
    return out


def _same_spot(mark: Char, base: Char) -> bool:
    """True if a mark is drawn near enough its base to belong to it."""
    reach = 0.6 * max(base.get("size", 10), 1)
    return (
        abs(mark["top"] - base["top"]) <= reach
        and base["x0"] - reach <= mark["x0"] <= base["x1"] + reach
    )


def snap_marks(chars: list[Char]) -> list[Char]:
    """Give each combining mark its base character's box (x0 plus a rank-scaled epsilon).

    The base is the last non-mark, non-blank glyph drawn before the mark, as long as it is
    on the same line and close by; otherwise the mark is left where it is.
    """
    out: list[Char] = []
    base: Char | None = None
    for c in chars:
        rank = MARK_RANK.get(c["text"])
        if rank is None:  # not a mark
            out.append(c)
            if not c["text"].isspace() and c["text"]:
                base = c
            continue
        if base is None or not _same_spot(c, base):
            out.append(c)
            continue
        x0 = base["x0"] + EPSILON * rank
        out.append(
            {
                **c,
                "x0": x0,
                "x1": max(base["x1"], x0),
                "width": max(base["x1"], x0) - x0,
                "top": base["top"],
                "bottom": base["bottom"],
                "doctop": base["doctop"],
                "y0": base.get("y0", c.get("y0")),
                "y1": base.get("y1", c.get("y1")),
            }
        )
    return out


def prepass_chars(chars: list[Char]) -> list[Char]:
    """All character fixes, in order: the writer's ActualText, PUA, SARA AA fonts, NIKHAHIT,
    then mark positions.

    The page's texts are read once to see which fixes can apply: most pages have no legacy
    glyph and no blank glyph before SARA AA or SARA AM, and the fixes for them are passed over.
    This is the only place that looks before a fix; each fix called alone does its whole pass.
    """
    chars = apply_actual_text(chars)
    texts = _SEP.join([c["text"] for c in chars])
    if PUA_RX.search(texts):
        chars = map_pua_chars(chars)
        texts = _SEP.join([c["text"] for c in chars])
    if _BLANK_BEFORE_AM.search(texts):  # what aa_as_am_fonts needs first
        chars = remap_aa_as_am(chars)
    if _BLANK_BEFORE_AA_AM.search(texts):  # still true after SARA AM is read as SARA AA
        chars = restore_nikhahit(chars)
    return snap_marks(chars)


def chars_text(chars: list[Char], **extract_text_kwargs: Any) -> str:
    """Text of chars that prepass_chars() has fixed, by pdfplumber's non-layout extraction."""
    kwargs = {"x_tolerance": X_TOLERANCE, **extract_text_kwargs, "layout": False}
    return extract_text(chars, **kwargs)


def page_words(chars: list[Char]) -> list[Char]:
    """pdfplumber's words of chars that prepass_chars() has fixed, as chars_text() builds them
    (the ruleless table search reads the same words); ingest/words.py builds them faster."""
    return extract_words(chars, X_TOLERANCE, Y_TOLERANCE)


def words_text(words: list[Char]) -> str:
    """chars_text() of the chars whose page_words() these are, without building the words
    again: pdfplumber's non-layout extract_text clusters the words into lines by their top
    (Y_TOLERANCE), joins each line's words with a space and the lines with a newline."""
    lines = cluster_objects(words, itemgetter("top"), Y_TOLERANCE)
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)
