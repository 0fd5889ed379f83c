"""A line that tha+eng reads partly as Latin, put right word by word with the Thai reading.

With tha+eng, tesseract reads short Thai runs of abbreviations and digits as Latin
lookalikes: ต.ค. as "A.A.", ๓. as "on.", ๖๗ as "Del", ๓๓ ข้อ as "mm VO", และ as "Lay". The
Latin words these reports really hold (No Gift Policy, OIT, ITA, e-GP, www.banlat.go.th)
must stay. So a line with Latin letters is read again with the Thai model alone, and each
run of Latin words (else each word) is replaced by what the Thai model read under it when
that is sure Thai (thai_wins). The Thai model reads a real Latin word as a jumble that
fails one of its tests: Arabic digits and Latin signs ("Gift" as "6แร!"), a letter stuck to
a digit ("No" as "ง๐"), letters that make no Thai word ("and" as "ลทค"), or a confidence
far below the Latin reading's ("ITA" 96 as "โค" 56).

Choosing one reading for the whole line by its mean confidence (the earlier way) kept
"๑ AA. ๖๖ -" (0.880 against the Thai reading's 0.878), and cannot keep one word Latin and
put another right on the same line ("OIT yn" for "OIT ทุก").

Pure functions over tesseract's words; ingest/ocr/engine.py makes the readings. Code
points: Thai consonants U+0E01..U+0E2E, Thai digits U+0E50..U+0E59, the Thai block
U+0E01..U+0E5B.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.quality import known_chars

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the line image

# A Thai reading replaces a Latin word only when its words' mean confidence (0..100) is this
# high: tha reads a real Latin word as Thai junk with far lower confidence (0 to 45 on the
# samples), a Thai run it wrote right with 50 to 97.
SURE = 50
# Words this unsure at either end of the Thai reading under a Latin word are the tail of a
# glyph the Thai model cut in two ("๗" as "ฒ" then "ฆ" at 9): left out.
JUNK = 20
# A Latin reading as sure as the Thai one, or surer by this much (0..100), stays: tha+eng
# read the false Latin words of the samples at 47 to 93, each below its Thai reading but
# for "lo." (93 against 88) and "Dd." (56 against 53); a real one ("ITA" 96 as "โค" 56) wins.
MARGIN = 10
_LATIN = re.compile("[A-Za-z]")
_ARABIC = re.compile("[0-9]")
_THAI_ONLY = re.compile("[\u0e01-\u0e5b.,\\- ]+")
_THAI_SIGN = re.compile("[\u0e01-\u0e2e\u0e50-\u0e59]")
# Thai letters the Thai model writes for part of a Thai digit it cannot write (ฒ for ๗, ซ
# beside ๒ for ๖): ingest/ocr/digits.py reads those runs again, so they may touch a digit.
DIGIT_LOOKALIKES = "ซฒ"
_LOOKALIKE_BY_DIGIT = re.compile(
    f"(?<=[\u0e50-\u0e59])[{DIGIT_LOOKALIKES}]+|[{DIGIT_LOOKALIKES}]+(?=[\u0e50-\u0e59])"
)
_LETTERS = re.compile("[\u0e01-\u0e4e]+")  # a run of Thai letters, vowels and marks
_LETTER_BY_DIGIT = re.compile(
    "[\u0e01-\u0e2e][\u0e50-\u0e59]|[\u0e50-\u0e59][\u0e01-\u0e2e]"
)


@dataclass(frozen=True)
class Word:
    """One word as tesseract read it: text, confidence 0..100, box, and its symbols with
    their boxes (what ingest/ocr/digits.py needs to read digits again)."""

    text: str
    confidence: float
    box: Box
    symbols: tuple[tuple[str, Box], ...] = ()


@dataclass(frozen=True)
class Reading:
    """One line as tesseract read it: the text it wrote and the words in it, in order."""

    text: str
    words: tuple[Word, ...]

    @property
    def confidence(self) -> float:
        """The mean word confidence, 0..1 (0 with no words)."""
        scores = [w.confidence for w in self.words if w.confidence >= 0]
        return sum(scores) / len(scores) / 100 if scores else 0.0

    @property
    def symbols(self) -> list[tuple[str, Box]]:
        """Every symbol of the line, in reading order."""
        return [s for w in self.words for s in w.symbols]


def has_latin(text: str) -> bool:
    """Whether `text` holds a Latin letter."""
    return bool(_LATIN.search(text))


def thai_wins(latin: list[Word], thai: list[Word], text: str) -> bool:
    """Whether the Thai model's words `thai`, read under the Latin words `latin` and written
    as `text`, are sure Thai that should replace them:
    - Thai letters, Thai digits and dots only, and at least one letter or digit; Arabic
      digits only those the Latin reading has too, in the same order;
    - no Thai letter stuck to a Thai digit (but the lookalikes of a digit): "ง๐" is "No";
    - every run of Thai letters made of dictionary words, or a piece of an abbreviation (one
      or two characters and a dot: ต.ค., มี.ค.): "ลทค" is "and", "ข้อ" stays;
    - a mean confidence of SURE or more, and no more than MARGIN below the Latin words'.
    """
    if not latin or not thai:
        return False
    # Arabic digits the Latin reading has too are the report's own ("ธ.ค.66" read "5.A.66");
    # any other is the Thai model's junk for a Latin letter ("Gift" as "6แร!").
    theirs = iter(_ARABIC.findall("".join(w.text for w in latin)))
    if not all(digit in theirs for digit in _ARABIC.findall(text)):  # in order, as a subsequence
        return False
    text = _ARABIC.sub("", text)
    if not _THAI_ONLY.fullmatch(text) or not _THAI_SIGN.search(text):
        return False
    text = _LOOKALIKE_BY_DIGIT.sub("", text)
    if _LETTER_BY_DIGIT.search(text):
        return False
    for run in _LETTERS.finditer(text):
        piece = len(run.group()) <= 2 and text[run.end(): run.end() + 1] == "."
        if not piece and known_chars(run.group()) < len(run.group()):
            return False
    mine = _mean(w.confidence for w in thai)
    return mine >= SURE and mine >= _mean(w.confidence for w in latin) - MARGIN


def merge(mixed: Reading, thai: Reading) -> Reading:
    """`mixed` (tha+eng) with each run of Latin words that the Thai reading `thai` of the
    same line image reads as sure Thai (thai_wins) replaced by that Thai text, spaced as the
    Thai model wrote it. A run that does not win is tried word by word ("OIT yn": OIT is
    Latin, yn is ทุก)."""
    mixed_at = _spans(mixed)
    thai_at = _spans(thai)
    chosen: dict[int, tuple[int, list[tuple[Word, tuple[int, int]]]]] = {}
    for run in _latin_runs(mixed, mixed_at):
        if not _wins(run, mixed, thai, thai_at, chosen) and len(run) > 1:
            for i in run:
                _wins([i], mixed, thai, thai_at, chosen)
    if not chosen:
        return mixed
    pieces: list[str] = []
    words: list[Word] = []
    at = i = 0
    while i < len(mixed.words):
        if i not in chosen:
            words.append(mixed.words[i])
            i += 1
            continue
        last, under = chosen[i]
        start, end = mixed_at[i][0], mixed_at[last][1]  # type: ignore[index] - Latin runs have spans
        pieces += [mixed.text[at:start], thai.text[under[0][1][0]: under[-1][1][1]]]
        words += [w for w, _ in under]
        at, i = end, last + 1
    return Reading("".join(pieces) + mixed.text[at:], tuple(words))


def _wins(
    part: list[int], mixed: Reading, thai: Reading, thai_at: list[tuple[int, int] | None],
    chosen: dict[int, tuple[int, list[tuple[Word, tuple[int, int]]]]],
) -> bool:
    """Whether the Thai reading wins over the Latin words `part` (indices into mixed.words,
    neighbours); if so it is recorded in `chosen` under the first index."""
    latin = [mixed.words[i] for i in part]
    under = _under(latin, thai, thai_at)
    if not under:
        return False
    text = thai.text[under[0][1][0]: under[-1][1][1]]
    if not thai_wins(latin, [w for w, _ in under], text):
        return False
    chosen[part[0]] = (part[-1], under)
    return True


def _latin_runs(reading: Reading, spans: list[tuple[int, int] | None]) -> list[list[int]]:
    """Indices of the reading's Latin words, in runs of neighbours (a Thai word or a word
    not found in the text ends a run)."""
    runs: list[list[int]] = []
    previous = -2
    for i, (word, span) in enumerate(zip(reading.words, spans, strict=True)):
        if span is None or not has_latin(word.text):
            continue
        if i == previous + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
        previous = i
    return runs


def _under(
    latin: list[Word], thai: Reading, spans: list[tuple[int, int] | None]
) -> list[tuple[Word, tuple[int, int]]]:
    """The Thai reading's words whose centre lies across the Latin words, with their place
    in the Thai text; unsure Thai words at either end left out."""
    x0, x1 = latin[0].box[0] - 2, latin[-1].box[2] + 2
    found = [
        (w, s) for w, s in zip(thai.words, spans, strict=True)
        if s is not None and x0 <= (w.box[0] + w.box[2]) / 2 <= x1
    ]
    while found and _junk(found[0][0]):
        found.pop(0)
    while found and _junk(found[-1][0]):
        found.pop()
    return found


def _junk(word: Word) -> bool:
    # Only Thai junk: an unsure Arabic digit or Latin sign is evidence of a Latin word.
    return word.confidence < JUNK and bool(_THAI_ONLY.fullmatch(word.text))


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def _spans(reading: Reading) -> list[tuple[int, int] | None]:
    """Where each word stands in the reading's text, found in order (None if not found)."""
    out: list[tuple[int, int] | None] = []
    at = 0
    for word in reading.words:
        found = reading.text.find(word.text, at) if word.text else -1
        if found < 0:
            out.append(None)
            continue
        out.append((found, found + len(word.text)))
        at = found + len(word.text)
    return out
