"""Keep a hostile PDF from turning pdfminer against the reader while one file is read.

pdfminer has no hook for either of these, so `guarded()` swaps four of its pieces (the `zlib`,
`lzwdecode` and `rldecode` that `pdfminer.pdftypes` decodes with, and `PDFObjRef.resolve`) for the
duration of one file and puts them back after:

- **Inflating.** pdfminer inflates a FlateDecode stream with one `zlib.decompress(data)`, so a
  2 MB stream that inflates to 2 GB is held whole before a single operator is read (a
  decompression bomb); and on a corrupt stream it falls back to feeding zlib one byte at a time
  while concatenating bytes, which takes quadratic time (minutes on a 300 KB stream with a bad
  checksum). The stand-in for the `zlib` module in `pdfminer.pdftypes` inflates in linear time,
  gives pdfminer the very bytes its own fallback would have, and counts every inflated byte of
  the file against one budget (Limits.max_inflated). LZWDecode (up to ~2700:1) and
  RunLengthDecode (128:1, decoded into a list of ints) spend from the same budget.
- **References.** `resolve1()` follows a reference with `while isinstance(x, PDFObjRef)`, so two
  objects that name each other ("6 0 obj 7 0 R", "7 0 obj 6 0 R") hang it for ever. The
  stand-in for `PDFObjRef.resolve` follows the whole chain itself and stops at a loop.

Either way the file fails with a LimitHit, which derives from BaseException so that no
`except Exception` in pdfminer, pdfplumber or the page reader turns it into a lost page; the
context manager turns it (and a MemoryError) into an IngestError with its cause. Not
thread-safe: a file is read by one thread at a time.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pdfminer import pdftypes
from pdfminer.lzw import LZWDecoder
from pdfminer.pdftypes import PDFObjRef

from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits, inflated_cause, memory_cause

LOOP = "damaged: an object refers back to itself"
# pdfminer's own logger and words for a stream it had to cut short: the page reader reads
# pdfminer's warnings to tell a damaged page from a blank one, so they must not change.
_PDFMINER_LOG = logging.getLogger("pdfminer.pdftypes")
_DATA_LOSS = "Data-loss while decompressing corrupted data"
_CHUNK = 4096
_STEP = 16_000_000


class LimitHit(BaseException):  # noqa: N818 - not an error of the program, a verdict on the file
    """A file went past a limit while being read; `cause` is the plain-words reason."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


class Budget:
    """Inflated bytes one file may still produce."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise LimitHit(inflated_cause(self.limit))


def inflate(data: bytes, budget: Budget) -> bytes:
    """What pdfminer makes of a FlateDecode stream, in linear time and within `budget`.

    A whole stream inflates as zlib.decompress would. A stream cut short gives what inflates
    before the cut. A stream that turns corrupt gives what inflated before the bad byte when
    that byte is among the last three (the checksum; pdfminer logs a data-loss warning), and
    nothing at all when it is earlier: exactly pdfminer's decompress_corrupted() fallback.
    """
    d = zlib.decompressobj()
    parts: list[bytes] = []
    rest = data
    try:
        # In steps, so that a bomb stops within a step of its budget and never holds twice it.
        while not d.eof:
            step = min(budget.left + 1, _STEP)
            parts.append(d.decompress(rest, step))
            budget.spend(len(parts[-1]))
            rest = d.unconsumed_tail
            if len(parts[-1]) < step and not rest:
                break  # input used up, nothing held back: a stream cut short ends here
    except zlib.error:
        return _inflate_corrupt(data, budget)
    return b"".join(parts)


def _inflate_corrupt(data: bytes, budget: Budget) -> bytes:
    """Find the byte where a corrupt stream fails, a chunk at a time, keeping what came before."""
    d = zlib.decompressobj()
    parts: list[bytes] = []
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        before = d.copy()
        try:
            parts.append(d.decompress(chunk))  # 4 KB inflates to 4 MB at most: checked below
        except zlib.error:
            d = before
            for k in range(len(chunk)):
                try:
                    parts.append(d.decompress(chunk[k : k + 1]))
                except zlib.error:
                    if start + k < len(data) - 3:
                        return b""
                    _PDFMINER_LOG.warning(_DATA_LOSS)
                    return b"".join(parts)
                budget.spend(len(parts[-1]))
            continue
        budget.spend(len(parts[-1]))
    return b"".join(parts)


def lzw_decode(data: bytes, budget: Budget) -> bytes:
    """pdfminer's lzwdecode, spending from `budget` as each piece comes out."""
    parts = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        budget.spend(len(piece))
        parts.append(piece)
    return b"".join(parts)


def runlength_size(data: bytes) -> int:
    """How many bytes RunLengthDecode data decodes to, counted without decoding it."""
    size = i = 0
    while i < len(data) and data[i] != 128:  # 128 marks the end of the data
        length = data[i]
        if length < 128:  # length + 1 literal bytes follow
            size, i = size + length + 1, i + length + 2
        else:  # one byte follows, repeated 257 - length times
            size, i = size + 257 - length, i + 2
    return size


class _ZlibStandIn:
    """Takes the place of the zlib module inside pdfminer.pdftypes while a file is read."""

    error = zlib.error

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    def decompress(self, data: bytes, *_args: Any) -> bytes:
        return inflate(data, self.budget)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


_pdfminer_resolve = PDFObjRef.resolve


def _resolve(self: PDFObjRef, default: object = None) -> Any:
    """PDFObjRef.resolve that follows a chain of references to its end, or stops at a loop."""
    obj = _pdfminer_resolve(self, default)
    if not isinstance(obj, PDFObjRef):  # nearly always: no chain to follow
        return obj
    seen = {self.objid}
    while isinstance(obj, PDFObjRef):
        if obj.objid in seen:
            raise LimitHit(LOOP)
        seen.add(obj.objid)
        obj = _pdfminer_resolve(obj, default)
    return obj


@contextlib.contextmanager
def guarded(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Budget]:
    """Read a file inside this block: past a limit, or out of memory, it is IngestError(path)."""
    budget = Budget(limits.max_inflated)
    original_rldecode = pdftypes.rldecode

    def rldecode(data: bytes) -> bytes:
        budget.spend(runlength_size(data))
        return original_rldecode(data)

    stand_ins: list[tuple[Any, str, Any]] = [
        (pdftypes, "zlib", _ZlibStandIn(budget)),
        (pdftypes, "lzwdecode", lambda data: lzw_decode(data, budget)),
        (pdftypes, "rldecode", rldecode),
        (PDFObjRef, "resolve", _resolve),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in stand_ins]
    for owner, name, value in stand_ins:
        setattr(owner, name, value)
    try:
        yield budget
    except LimitHit as exc:
        raise IngestError(str(path), exc.cause) from None
    except MemoryError:
        raise IngestError(str(path), memory_cause()) from None
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)
