"""Thai text for the index: one normal form, word tokens, and character grams.

Three views of one text, all built on `fold` (Thai digits to Arabic, Latin lower-cased, one
character for one, so an offset in the folded text is the same offset in the original):

- `squeeze(text)`: folded, with whitespace removed. Substring search runs on this form, so a
  query matches whether or not the PDF put a space inside a word (extracted Thai often has
  spaces at old line breaks: "การ ปฏิบัติงาน"). Only a space between two Latin letters or digits
  stays (as one space): there it parts two words or two numbers ("no gift", "2567 2568"), and
  taking it out would make "nogift" or "25672568" that no reader sees.
- `ThaiTokenizer`: dictionary words from nlpo3 (the Rust newmm) for ranking and Latin/number
  terms. Punctuation is split off first, because raw newmm keeps "/2567" as one token.
- `encode_norm(squeeze(text))`: the squeezed text as compact bytes, which the search layer
  scans for substrings, so a query string matches whatever the word segmenter made of the
  compound around it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from pythainlp.tokenize.nlpo3 import segment
from whoosh.analysis import Token, Tokenizer

# Thai letters, vowels, tone marks and signs (U+0E01..U+0E3A, U+0E40..U+0E4E); the Thai digits
# U+0E50..U+0E59 are folded to Arabic before any pattern sees them.
THAI_CHARS = "\u0e01-\u0e3a\u0e40-\u0e4e"
_THAI = re.compile(f"[{THAI_CHARS}]")
_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")
# A letter or digit that is not Thai (Latin, other scripts, Arabic digits after folding).
_WORDY = "[^\\W_\u0e00-\u0e7f]"
# A Thai run, or a run of other letters/digits. Thai vowels and tone marks are combining marks
# (category Mn), which `\w` does not match, so Thai needs its own class.
_TOKEN = re.compile(f"([{THAI_CHARS}]+)|({_WORDY}+)")
_CHUNK = re.compile(r"\S+")
# The zero-width space U+200B and word joiner U+2060 some PDFs put between words count as
# whitespace.
_ZERO_WIDTH = str.maketrans({"\u200b": " ", "\u2060": " "})
# Ends each cell in a document's encoded squeezed text (squeeze removes it from the text: U+001F
# counts as whitespace).
PART_SEP = b"\x1f"


def _lower_one(ch: str) -> str:
    low = ch.lower()
    # A few characters lower-case to two (U+0130 -> "i" + U+0307): keep them, so offsets hold.
    return low if len(low) == 1 else ch


def _fold_digits(text: str) -> str:
    # Same result as ingest.digits.fold_digits, ~10x faster on long cells: str.translate with
    # a dict looks up every character, the regex visits only the digits.
    return _THAI_DIGIT.sub(_arabic_digit, text)


def _arabic_digit(m: re.Match[str]) -> str:
    return chr(ord(m.group()) - 0x0E50 + 0x30)


def fold(text: str) -> str:
    """Thai digits to Arabic and letters to lower case, one character for one."""
    folded = _fold_digits(text)
    if folded.isascii():
        return folded.lower()
    low = folded.lower()
    if len(low) == len(folded):
        return low
    return "".join(_lower_one(c) for c in folded)


def _unzero(folded: str) -> str:
    # The zero-width space and word joiner become plain spaces (one for one: offsets hold).
    if "\u200b" in folded or "\u2060" in folded:
        return folded.translate(_ZERO_WIDTH)
    return folded


def _wordy(ch: str) -> bool:
    # Same as _WORDY, without a regex: a letter or digit outside the Thai block.
    return ch.isalnum() and not "\u0e00" <= ch <= "\u0e7f"


def squeeze(text: str) -> str:
    """The search form: `fold`ed, whitespace removed except one space between two non-Thai
    letters or digits ("E-Service ๑๒ เดือน" -> "e-service 12เดือน")."""
    # str.split() splits where the regex \s matches, about ten times faster than re.sub.
    parts = _unzero(fold(text)).split()
    out = parts[:1]
    for before, after in itertools.pairwise(parts):
        if _wordy(before[-1]) and _wordy(after[0]):
            out.append(" ")
        out.append(after)
    return "".join(out)


def squeeze_with_offsets(text: str) -> tuple[str, list[int]]:
    """`squeeze(text)` and, for each of its characters, the offset of that character in text
    (a kept space points at the first character of the whitespace it stands for)."""
    folded = _unzero(fold(text))
    pieces: list[str] = []
    offsets: list[int] = []
    end = None
    for chunk in _CHUNK.finditer(folded):
        start = chunk.start()
        if end is not None and _wordy(folded[end - 1]) and _wordy(folded[start]):
            pieces.append(" ")
            offsets.append(end)
        end = chunk.end()
        pieces.append(chunk.group())
        offsets.extend(range(start, end))
    return "".join(pieces), offsets


def has_thai(text: str) -> bool:
    """True when text holds at least one Thai letter or mark."""
    return _THAI.search(text) is not None


def thai_words(run: str) -> list[str]:
    """Dictionary words of a run of Thai characters (nlpo3; same words as newmm)."""
    return segment(run)


def word_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(token, start, end) for each word of text: Thai words, Latin words and numbers, folded.

    Offsets index the original text; punctuation and whitespace are skipped.
    """
    folded = fold(text)
    for m in _TOKEN.finditer(folded):
        if m.group(2) is not None:
            yield m.group(2), m.start(), m.end()
            continue
        at = m.start()
        for word in thai_words(m.group(1)):
            end = at + len(word)
            if not word.isspace():
                yield word, at, end
            at = end


def query_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Tokens of a query string: each whitespace-delimited chunk, whole.

    The search layer makes each chunk one substring search, so it matches however the index's
    word segmenter cut the same letters, inside longer words and numbers too ("e-serv" in
    "E-Service", "256" in "2567").
    """
    folded = fold(text)
    for m in _CHUNK.finditer(folded):
        yield m.group(), m.start(), m.end()


def _escape(ch: str) -> bytes:
    # Fixed-length escape from bytes 0x01..0x08, which `encode_norm` strips from the text itself:
    # a match can then only start at an escape's first byte, so search stays exact.
    code, digits = ord(ch), []
    for _ in range(8):
        code, rest = divmod(code, 7)
        digits.append(2 + rest)
    return bytes([1, *reversed(digits)])


def encode_norm(squeezed: str) -> bytes:
    """One byte per Thai or ASCII character (cp874), so a scan reads a third of UTF-8's bytes.

    Characters cp874 lacks get a fixed-length escape; control characters U+0001..U+0008 are
    dropped. The same encoding on both sides keeps `needle in text` exact.
    """
    squeezed = _CONTROL.sub("", squeezed)
    try:
        return squeezed.encode("cp874")
    except UnicodeEncodeError:
        return b"".join(_encode_char(c) for c in squeezed)


def _encode_char(ch: str) -> bytes:
    try:
        return ch.encode("cp874")
    except UnicodeEncodeError:
        return _escape(ch)


_CONTROL = re.compile("[\x01-\x08]")


class ThaiTokenizer(Tokenizer):
    """Whoosh tokenizer: Thai words (nlpo3), Latin words lower-cased, digits folded.

    Indexing yields words with positions and character offsets into the original text. A query
    (mode="query") keeps each whitespace-delimited chunk whole; the search layer turns such
    terms into substring searches.
    """

    def __eq__(self, other: object) -> bool:
        return self.__class__ is other.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            spans: Iterator[tuple[str, int, int]] = iter([(fold(value), 0, len(value))])
        elif mode == "query":
            spans = query_spans(value)
        else:
            spans = word_spans(value)
        for pos, (text, start, end) in enumerate(spans):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t
