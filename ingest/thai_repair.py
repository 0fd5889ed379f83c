"""Repair the damage PDF text extraction does to Thai text, one pure function per defect.

Each repair targets a pattern that correct Thai text never contains, so applying it to
correct text changes nothing. `repair_text` applies them in an order where one repair's
output is the next one's input (a space before a tone mark has to go before a lost
SARA AM can be seen, for example).

Code points used throughout:
  consonants U+0E01..U+0E2E; SARA AA U+0E32; SARA AM U+0E33; NIKHAHIT U+0E4D;
  above/below vowels U+0E31, U+0E34..U+0E3A, U+0E47; tone marks U+0E48..U+0E4C.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pythainlp.util import reorder_vowels

from ingest.quality import ABOVE_BELOW, CONS, MARKS, TONES, in_dictionary, known_chars, tokens

SARA_AA = "\u0e32"
SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"

# HarfBuzz's thai_pua_shape table, reversed: legacy fonts drew shifted marks from the
# Private Use Area (Windows U+F700..U+F71A, Mac U+F884..U+F89E).
_PUA_WIN = {
    0xF700: 0x0E10,
    0xF701: 0x0E34, 0xF702: 0x0E35, 0xF703: 0x0E36, 0xF704: 0x0E37,
    0xF705: 0x0E48, 0xF706: 0x0E49, 0xF707: 0x0E4A, 0xF708: 0x0E4B, 0xF709: 0x0E4C,
    0xF70A: 0x0E48, 0xF70B: 0x0E49, 0xF70C: 0x0E4A, 0xF70D: 0x0E4B, 0xF70E: 0x0E4C,
    0xF70F: 0x0E0D, 0xF710: 0x0E31, 0xF711: 0x0E4D, 0xF712: 0x0E47,
    0xF713: 0x0E48, 0xF714: 0x0E49, 0xF715: 0x0E4A, 0xF716: 0x0E4B, 0xF717: 0x0E4C,
    0xF718: 0x0E38, 0xF719: 0x0E39, 0xF71A: 0x0E3A,
}  # fmt: skip
_PUA_MAC = {
    0xF884: 0x0E31,
    0xF885: 0x0E34, 0xF886: 0x0E35, 0xF887: 0x0E36, 0xF888: 0x0E37,
    0xF889: 0x0E47,
    0xF88A: 0x0E48, 0xF88B: 0x0E48, 0xF88C: 0x0E48,
    0xF88D: 0x0E49, 0xF88E: 0x0E49, 0xF88F: 0x0E49,
    0xF890: 0x0E4A, 0xF891: 0x0E4A, 0xF892: 0x0E4A,
    0xF893: 0x0E4B, 0xF894: 0x0E4B, 0xF895: 0x0E4B,
    0xF896: 0x0E4C, 0xF897: 0x0E4C, 0xF898: 0x0E4C,
    0xF899: 0x0E4D, 0xF89A: 0x0E0D,
    0xF89B: 0x0E38, 0xF89C: 0x0E39, 0xF89D: 0x0E3A,
    0xF89E: 0x0E10,
}  # fmt: skip
PUA_TABLE: dict[int, int] = {**_PUA_WIN, **_PUA_MAC}
PUA_RX = re.compile(f"[{''.join(map(chr, PUA_TABLE))}]")

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH_RX = re.compile(f"[{ZERO_WIDTH}]")
UNMAPPED_RX = re.compile(r"\(cid:\d+\)|\ufffd")
_SPACE_BEFORE_MARK = re.compile(f"[ \u00a0]+(?=[{MARKS}])")
_TONE_BEFORE_VOWEL = re.compile(f"([{TONES}])([{ABOVE_BELOW}])")
_SARA_AM_SPLIT = re.compile(f"{NIKHAHIT}([{TONES}]?){SARA_AA}")
# What pythainlp's reorder_vowels rewrites, each rule's pattern cut to what it must start
# with: SARA E U+0E40 twice; a tone U+0E48..U+0E4C before a vowel U+0E31, U+0E34..U+0E37,
# U+0E4D, U+0E47, U+0E38, U+0E39; NIKHAHIT U+0E4D; SARA A, AA, AM or LAKKHANGYAO
# (U+0E30, U+0E32, U+0E33, U+0E45) before a tone U+0E48..U+0E4B; LAKKHANGYAO anywhere.
_REORDERABLE = re.compile(
    "\u0e40\u0e40|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e37\u0e4d\u0e47\u0e38\u0e39]"
    "|\u0e4d|[\u0e30\u0e32\u0e33\u0e45][\u0e48-\u0e4b]|\u0e45"
)
_SARA_AM_DOUBLED = re.compile(f"{SARA_AM}([{TONES}]?){SARA_AA}")
# SARA AA never starts a word, and SARA AM never follows a space: the space stands where
# the NIKHAHIT was ("ส านักงาน", "ค ำน ำ").
_SARA_AM_LOST = re.compile(f"([{CONS}][{TONES}]?)[ \u00a0]+[{SARA_AA}{SARA_AM}]")
# One written letter: a consonant, leading vowel or spacing vowel with its marks.
_LETTER = f"[\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e45][{MARKS}]*"
# Four or more lone letters separated by single spaces: a letter-spaced heading.
_LETTER_SPACED = re.compile(f"(?<![\u0e00-\u0e7f])(?:{_LETTER} ){{3,}}{_LETTER}(?![\u0e00-\u0e7f])")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
# A whole Thai run with a SARA AM in it (most runs have none and need no look).
_RUN_WITH_SARA_AM = re.compile("(?<![\u0e01-\u0e4e])[\u0e01-\u0e4e]*\u0e33[\u0e01-\u0e4e]*")


def map_pua(text: str) -> str:
    """Map legacy Private Use Area Thai glyphs (U+F700.., U+F884..) to their Unicode marks."""
    # Most text has none: a regex scan is cheaper than translate's lookup per char.
    return text.translate(PUA_TABLE) if PUA_RX.search(text) else text


def remove_zero_width(text: str) -> str:
    """Remove zero-width spaces and joiners (U+200B..U+200D, U+2060, U+FEFF)."""
    return _ZERO_WIDTH_RX.sub("", text)


def count_unmapped(text: str) -> int:
    """Count glyphs that had no Unicode mapping: `(cid:N)` and U+FFFD."""
    return len(UNMAPPED_RX.findall(text))


# What an unmapped zero-width glyph inside a Thai word can be: a tone, NIKHAHIT, MAITAIKHU,
# THANTHAKHAT or an above/below vowel.
_MARK_GUESSES = tuple(
    chr(c) for c in (*range(0x0E48, 0x0E4E), 0x0E47, 0x0E31, *range(0x0E34, 0x0E3A))
)
_CID_RX = re.compile(r"\(cid:\d+\)")
_CID_IN_THAI = re.compile(r"(?<=[\u0e01-\u0e4e])\(cid:\d+\)")
# The best mark's cost must beat the next best mark's by this much, over all the glyph's uses.
_GUESS_MARGIN = 3


def _guess_cost(chunks: list[str], cid: str, mark: str) -> int:
    """Twice the characters outside dictionary words plus the word count, with `cid` read
    as `mark`: the word count prefers one long word to pieces that also parse (จำนวน over
    จ้า+นวน)."""
    outside = words = 0
    for chunk in chunks:
        filled = _CID_RX.sub("", chunk.replace(cid, mark))
        filled = join_sara_am_split(swap_tone_before_vowel(filled))
        for run in _THAI_RUN.findall(filled):
            outside += len(run) - known_chars(run)
            words += len(tokens(run))
    return 2 * outside + words


def guess_unmapped_marks(text: str) -> str:
    """Give each unmapped glyph `(cid:N)` written right after Thai letters the Thai mark
    that leaves the fewest characters outside dictionary words, where one mark clearly
    beats every other and is no worse than dropping the glyph (ได้ and ได are both words,
    so dropping alone cannot decide; ได่ is not).

    The same N is the same glyph of the same font, so one guess serves every use on the
    page: in MS Reporting Services output (cid:917) is MAI EK U+0E48 in รายจ่าย, ค่า, ว่า
    and (cid:1004) NIKHAHIT U+0E4D in ประจำ. The glyphs still count as unmapped.
    """
    chunks = text.split()
    for cid in sorted(set(_CID_IN_THAI.findall(text))):
        uses = [c for c in chunks if cid in c]
        dropped = _guess_cost(uses, cid, "")
        costs = {mark: _guess_cost(uses, cid, mark) for mark in _MARK_GUESSES}
        best, runner_up = sorted(costs, key=lambda m: costs[m])[:2]
        clear = costs[best] <= costs[runner_up] - _GUESS_MARGIN
        if clear and costs[best] <= dropped:
            text = text.replace(cid, best)
    return text


def drop_unmapped(text: str) -> str:
    """Drop `(cid:N)` and U+FFFD: no Unicode exists for them (count them first)."""
    return UNMAPPED_RX.sub("", text)


def remove_space_before_mark(text: str) -> str:
    """Drop spaces before a combining mark ("เครื ่อง" -> "เครื่อง")."""
    return _SPACE_BEFORE_MARK.sub("", text)


def swap_tone_before_vowel(text: str) -> str:
    """Put an above/below vowel before the tone mark ("ผ" U+0E49 U+0E39 -> "ผู้")."""
    return _TONE_BEFORE_VOWEL.sub(r"\2\1", text)


def join_sara_am_split(text: str) -> str:
    """NIKHAHIT [tone] SARA AA (U+0E4D [U+0E48..] U+0E32) -> [tone] SARA AM (U+0E33)."""
    return _SARA_AM_SPLIT.sub(rf"\1{SARA_AM}", text)


def undouble_sara_am(text: str) -> str:
    """SARA AM [tone] SARA AA (U+0E33 [tone] U+0E32) -> [tone] SARA AM."""
    return _SARA_AM_DOUBLED.sub(rf"\1{SARA_AM}", text)


def restore_sara_am_lost(text: str) -> str:
    """Consonant [tone] space SARA AA/AM -> consonant [tone] SARA AM ("ส านัก" -> "สำนัก")."""
    return _SARA_AM_LOST.sub(rf"\1{SARA_AM}", text)


def reorder_marks(text: str) -> str:
    """pythainlp's reordering: U+0E40 U+0E40 -> U+0E41, follow vowel + tone -> tone + vowel.

    Only `reorder_vowels` is used: `pythainlp.util.normalize` also collapses spaces and
    newlines and deletes marks after a space, which would lose layout and letters. Text
    with none of what its rules rewrite (_REORDERABLE) is passed over: one scan, not five.
    """
    return reorder_vowels(text) if _REORDERABLE.search(text) else text


def _flip_aa(run: str) -> str:
    """Choose SARA AA or SARA AM at each SARA AM of a run, by dictionary coverage.

    Starts from the better of the run as written and the run with every SARA AM read as
    SARA AA (one flip alone may not complete a word: โรงพยำบำล), then tries each position
    the other way. Ties keep the written letter, so a correct ทำ never becomes ทา.
    """
    best = known_chars(run)
    if best == len(run):
        return run  # every letter is in a dictionary word already: no flip can score more
    spots = [i for i, ch in enumerate(run) if ch == SARA_AM]
    chars = list(run)
    all_aa = run.replace(SARA_AM, SARA_AA)
    if known_chars(all_aa) > best:
        chars, best = list(all_aa), known_chars(all_aa)
    for i in spots:
        back_to_written = chars[i] == SARA_AA
        chars[i] = SARA_AM if back_to_written else SARA_AA
        score = known_chars("".join(chars))
        if score > best or (back_to_written and score == best):
            best = score
        else:
            chars[i] = SARA_AA if back_to_written else SARA_AM
    return "".join(chars)


def restore_sara_aa(text: str) -> str:
    """Undo SARA AA read as SARA AM ("โรงพยำบำล" -> "โรงพยาบาล"), guided by the dictionary.

    A SARA AM becomes SARA AA only where that makes strictly more of its Thai run read as
    dictionary words, so correct words (ทำ, จำ, คำ, สำนัก) are never touched.
    """

    def fix(m: re.Match[str]) -> str:
        run = m.group(0)
        return run if in_dictionary(run) else _flip_aa(run)

    return _RUN_WITH_SARA_AM.sub(fix, text)


def join_letter_spaced(text: str) -> str:
    """Join headings typed with a space after every letter ("แ ผ น ป ฏิ บั ติ" -> "แผนปฏิบัติ")."""
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


# In order: each repair sees the output of the ones before it.
REPAIRS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("pua", map_pua),
    ("zero_width", remove_zero_width),
    ("unmapped_guessed", guess_unmapped_marks),
    ("unmapped_dropped", drop_unmapped),
    # before the space repair: moving a tone off a follow vowel (U+0E33 U+0E49 ->
    # U+0E49 U+0E33) can put it right after a space
    ("reorder", reorder_marks),
    ("space_before_mark", remove_space_before_mark),
    # before SARA AM: in "ก า ร" the space is the heading's, not a lost NIKHAHIT
    ("letter_spaced", join_letter_spaced),
    ("sara_am_lost", restore_sara_am_lost),
    ("tone_before_vowel", swap_tone_before_vowel),
    ("sara_am_split", join_sara_am_split),
    ("sara_am_doubled", undouble_sara_am),
    ("aa_read_as_am", restore_sara_aa),
)


def repair_text(text: str) -> str:
    """Apply every repair, in order. Correct Thai text comes back unchanged."""
    for _, repair in REPAIRS:
        text = repair(text)
    return text


def repair_report(text: str) -> tuple[str, dict[str, int]]:
    """Repair text and count, per repair, the characters it changed or dropped.

    `unmapped_guessed` and `unmapped_dropped` count glyphs that had no Unicode mapping
    (`(cid:N)`, U+FFFD), read as a mark by dictionary evidence or dropped: a page with any
    is suspect, so pass their sum to `ingest.quality.page_quality` as extra_defects.
    """
    counts: dict[str, int] = {}
    for name, repair in REPAIRS:
        after = repair(text)
        if name.startswith("unmapped"):
            counts[name] = count_unmapped(text) - count_unmapped(after)
        elif after != text:
            counts[name] = _changed(text, after)
        text = after
    return text, {k: v for k, v in counts.items() if v}


def _changed(before: str, after: str) -> int:
    """Characters a repair changed: differing positions, or the change in length."""
    if len(before) == len(after):
        return sum(a != b for a, b in zip(before, after, strict=True))
    return abs(len(before) - len(after))
