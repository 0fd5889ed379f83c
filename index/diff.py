"""Word-level diff of two Thai texts.

Thai writes no spaces between words, so a character diff shreds words and a whitespace diff sees
one giant word. The texts are cut into words with pythainlp's nlpo3 engine (a dictionary-based
maximal matcher), and difflib aligns the word sequences, ignoring the whitespace between them
(line wrapping in the PDF moves it about). The ops' texts joined give back the later side
exactly and the earlier side up to whitespace.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"


@dataclass(frozen=True)
class DiffOp:
    """One run of the diff: `text` is kept (equal), added in the later text (insert) or
    removed from the earlier text (delete)."""

    op: str
    text: str


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[str, ...]:
    """The words of `text` (nlpo3), with whitespace runs kept as tokens; "".join gives `text`."""
    if not text:
        return ()
    from pythainlp.tokenize import word_tokenize

    tokens = tuple(word_tokenize(text, engine="nlpo3", keep_whitespace=True))
    # The tokenizer is expected to be lossless; fall back to one token rather than lose text.
    return tokens if "".join(tokens) == text else (text,)


def _merge(ops: Sequence[DiffOp]) -> tuple[DiffOp, ...]:
    """Adjacent runs of the same kind joined; empty runs dropped."""
    out: list[DiffOp] = []
    for o in ops:
        if not o.text:
            continue
        if out and out[-1].op == o.op:
            out[-1] = DiffOp(o.op, out[-1].text + o.text)
        else:
            out.append(o)
    return tuple(out)


# Whitespace between two Thai letters is where a line wrapped (or a phrase break the writer
# may or may not keep); elsewhere it separates numbers and Latin words and must stay.
_THAI_GAP = re.compile(r"(?<=[\u0e01-\u0e4f])\s+(?=[\u0e01-\u0e4f])")


def _units(text: str) -> list[tuple[str, str]]:
    """(word, the text it covers with the whitespace after it) for each word of `text`.

    The words come from the text with the whitespace between Thai letters taken out, and the
    diff matches on them alone: a PDF writer wraps a Thai cell wherever the column ends, so the
    extracted text gains or loses a space there (and the tokenizer then cuts differently), which
    is not an
    edit an auditor should see.
    """
    words = [w for w in tokenize(_THAI_GAP.sub("", text)) if not w.isspace()]
    if not words:
        return [("", text)] if text else []
    units: list[tuple[str, str]] = []
    pos = 0
    for word in words:
        start, taken = pos, 0
        while taken < len(word):
            if not text[pos].isspace():
                taken += 1
            pos += 1
        while pos < len(text) and text[pos].isspace():
            pos += 1
        units.append((word, text[start:pos]))
    return units


def word_diff(before: str, after: str) -> tuple[DiffOp, ...]:
    """The ops that turn `before` into `after`, word by word, blind to whitespace.

    A replaced run is a delete followed by an insert. Joining the equal and insert texts gives
    `after` exactly; joining the equal and delete texts gives `before` up to whitespace (an
    equal run shows the later year's spacing).
    """
    a, b = _units(before), _units(after)
    # autojunk off: Thai cells are short and common words ("การ") must still anchor.
    matcher = difflib.SequenceMatcher(None, [w for w, _ in a], [w for w, _ in b], autojunk=False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(DiffOp(EQUAL, "".join(t for _, t in b[j1:j2])))
            continue
        removed = "".join(t for _, t in a[i1:i2])
        added = "".join(t for _, t in b[j1:j2])
        if tag == "delete":
            ops.append(DiffOp(DELETE, removed))
            continue
        # The space after a changed run is not part of the change: "[+ใหม่] ", not "[+ใหม่ ]".
        tail = added[len(added.rstrip()) :]
        if tag == "replace":
            ops.append(DiffOp(DELETE, removed.rstrip()))
        ops.append(DiffOp(INSERT, added.rstrip()))
        ops.append(DiffOp(EQUAL, tail))
    return _merge(ops)


def side(ops: Sequence[DiffOp], which: str) -> str:
    """The earlier (`which="before"`) or later (`"after"`) text rebuilt from the ops."""
    skip = INSERT if which == "before" else DELETE
    return "".join(o.text for o in ops if o.op != skip)


def visible_len(text: str) -> int:
    """Characters that count towards "carried over": everything but whitespace, so that a
    re-wrapped line does not change the figure."""
    return sum(1 for ch in text if not ch.isspace())


def carried_chars(ops: Sequence[DiffOp]) -> tuple[int, int]:
    """(characters kept verbatim, characters of the later text), whitespace not counted."""
    kept = sum(visible_len(o.text) for o in ops if o.op == EQUAL)
    total = sum(visible_len(o.text) for o in ops if o.op != DELETE)
    return kept, total
