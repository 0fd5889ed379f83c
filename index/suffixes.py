"""Exact substring occurrences in one segment's squeezed text, through a suffix array.

A segment's values of one squeezed-text column (analyzer.encode_norm bytes, each cell ended by
PART_SEP) are kept end to end in one buffer, `data`. Its suffix array `sa` (built by
libdivsufsort) lists every position in the sorted order of the text that starts there, so the
occurrences of a needle are one contiguous range of it, found by binary search. Beside it, in
the same order, `doc` and `part` hold the document and the part (cell) each suffix starts in,
and `before` the byte just before it. A needle's counts per document are then one
`np.bincount` over a slice of `doc` (per cell: of the slice's entries in that part): the work
reads memory in order and grows with the needle's occurrences, not with the
index. (A bigram position index, the design before this one, checked each candidate's bytes
in the text: a random read per candidate, which at a million measures cost 150-200 ms for one
common word.) Occurrences may overlap ("aa" occurs twice in "aaa"), and none spans two cells
because no needle holds PART_SEP.

An occurrence of a needle that starts or ends with a digit or Latin letter is "whole" when the
bytes around it do not continue that number or word, which ranking prefers: the byte before is
`before`'s, and the occurrences followed by a continuing byte are one sub-range (the needle
followed by '0'-'9', or by 'a'-'z', sorts together).

Segments never change, so the text and its index are built once per segment, saved beside the
segment's files as `<segment id>.<column>.{text,bounds,sa,doc,part,before}.npy` (Whoosh removes
files named after a segment when the segment goes), and memory-mapped on later loads, which
skips Whoosh's column reader (it copies the whole column file into memory). On disk and in
the page cache: 11 bytes per text byte (text 1, suffix array 4, documents 4, parts 1, before 1).
"""

from __future__ import annotations

import mmap
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from pydivsufsort import divsufsort

from index.analyzer import PART_SEP

_KEPT = 64
_SEP = PART_SEP[0]
# Gathers at build time go in chunks, so the temporaries stay small beside the arrays.
_CHUNK = 1 << 24
# Runs that make a word or number: 1 for an ASCII digit, 2 for a Latin letter (squeezed text is
# lower-cased), 0 for every other byte (Thai, punctuation, space, separators, escapes).
_WORD_CLASS = np.zeros(256, np.uint8)
_WORD_CLASS[ord("0") : ord("9") + 1] = 1
_WORD_CLASS[ord("a") : ord("z") + 1] = 2
_CLASS_RANGE = {1: (ord("0"), ord("9")), 2: (ord("a"), ord("z"))}


def word_edged(needle: bytes) -> bool:
    """True when needle starts or ends with a digit or a Latin letter."""
    return bool(needle) and bool(_WORD_CLASS[needle[0]] or _WORD_CLASS[needle[-1]])


@dataclass(frozen=True)
class SegmentText:
    """One segment's squeezed text of one column, with its suffix array."""

    data: np.ndarray  # uint8, the documents' values end to end
    bounds: np.ndarray  # int32, start of each part (cell), plus the end; `parts` per document
    parts: int
    sa: np.ndarray  # int32, every position of data in the sorted order of its suffixes
    doc: np.ndarray  # int32, the document each suffix starts in
    part: np.ndarray  # uint8, which of its document's parts
    before: np.ndarray  # uint8, the byte before each suffix (PART_SEP before the first)
    part_lengths: np.ndarray  # int32, characters of each part, its separator not counted
    doc_lengths: np.ndarray  # int32, characters of each document's parts together

    @property
    def doc_count(self) -> int:
        return (len(self.bounds) - 1) // self.parts

    def _lower(self, needle: bytes, lo: int = 0, hi: int | None = None) -> int:
        """The first suffix-array index whose suffix is not below needle (compared on the
        needle's length)."""
        hi = len(self.sa) if hi is None else hi
        m = len(needle)
        while lo < hi:
            mid = (lo + hi) // 2
            at = int(self.sa[mid])
            if self.data[at : at + m].tobytes() < needle:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def span(self, needle: bytes) -> tuple[int, int]:
        """The suffix-array range [lo, hi) of the suffixes that start with needle."""
        if not needle or not len(self.sa):
            return 0, 0
        lo = self._lower(needle)
        # The suffixes starting with needle end where those starting with its successor begin.
        # A needle of 0xff bytes has none: no suffix sorts above it without starting with it,
        # so its range runs to the end.
        successor = _successor(needle)
        return lo, self._lower(successor, lo) if successor else len(self.sa)

    def counts(self, needle: bytes, part: int | None = None) -> np.ndarray:
        """Occurrences of needle in each document (or in part number `part` of each)."""
        lo, hi = self.span(needle)
        return self._tally(lo, hi, part)

    def counts_whole(
        self, needle: bytes, part: int | None = None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """(occurrences, whole occurrences) of needle in each document (or part `part`).

        Whole: not inside a longer number or Latin word (see `whole`); None when the needle
        neither starts nor ends with a digit or Latin letter (Thai has no word boundaries
        in its spelling)."""
        lo, hi = self.span(needle)
        counts = self._tally(lo, hi, part)
        if not word_edged(needle):
            return counts, None
        return counts, self._tally(lo, hi, part, self.whole(needle, lo, hi))

    def whole(self, needle: bytes, lo: int, hi: int) -> np.ndarray:
        """For each suffix in [lo, hi) (all starting with needle): True unless the byte just
        before it continues the needle's first character's run of digits or Latin letters,
        or the byte just after continues its last one's ("67" inside "2567", "gift" inside
        "gifts"). A kept space, a cell's end, Thai or punctuation ends a run."""
        ok = np.ones(hi - lo, bool)
        first, last = _WORD_CLASS[needle[0]], _WORD_CLASS[needle[-1]]
        if first:
            ok &= np.take(_WORD_CLASS, self.before[lo:hi]) != first
        if last:
            # The needle followed by a byte of the same class: one sub-range of [lo, hi).
            low, high = _CLASS_RANGE[int(last)]
            a = self._lower(needle + bytes([low]), lo, hi)
            b = self._lower(needle + bytes([high + 1]), a, hi)
            ok[a - lo : b - lo] = False
        return ok

    def _tally(
        self, lo: int, hi: int, part: int | None, keep: np.ndarray | None = None
    ) -> np.ndarray:
        """How many suffixes of [lo, hi) (those `keep` marks, if given) start in each
        document (or in its part `part`)."""
        docs = self.doc[lo:hi]
        wanted = keep
        if part is not None:
            here = self.part[lo:hi] == part
            wanted = here if wanted is None else wanted & here
        if wanted is not None:
            docs = docs[wanted]
        return np.bincount(docs, minlength=self.doc_count)

    def memory(self) -> tuple[int, int]:
        """(bytes in process memory, bytes memory-mapped from the saved files)."""
        arrays = (self.data, self.bounds, self.sa, self.doc, self.part, self.before)
        mapped = sum(a.nbytes for a in arrays if _is_mapped(a))
        held = sum(a.nbytes for a in arrays if not _is_mapped(a))
        return held + self.part_lengths.nbytes + self.doc_lengths.nbytes, mapped

    def lengths(self, part: int | None = None) -> np.ndarray:
        """Characters of each document's text (or of one part), separators not counted."""
        return self.doc_lengths if part is None else self.part_lengths[part :: self.parts]

    def part_bytes(self, doc: int) -> list[bytes]:
        """The encoded text of each part of one document."""
        edges = self.bounds[doc * self.parts : (doc + 1) * self.parts + 1].tolist()
        raw = self.data[edges[0] : edges[-1]].tobytes()
        return [raw[a - edges[0] : b - edges[0] - 1] for a, b in pairwise(edges)]


def _successor(needle: bytes) -> bytes | None:
    """The shortest byte string above every string starting with needle; None if none is."""
    stripped = needle.rstrip(b"\xff")
    if not stripped:
        return None
    return stripped[:-1] + bytes([stripped[-1] + 1])


def suffix_index(data: np.ndarray, bounds: np.ndarray, parts: int) -> tuple[np.ndarray, ...]:
    """(sa, doc, part, before) of data whose parts start at bounds, `parts` parts a document
    (see SegmentText)."""
    if len(data) >= 1 << 31:
        raise ValueError("a segment's text must stay under 2 GiB (int32 positions)")
    if not len(data):
        empty = np.zeros(0, np.int32)
        return empty, empty, np.zeros(0, np.uint8), np.zeros(0, np.uint8)
    # libdivsufsort takes a writable buffer (it does not write to it).
    sa = divsufsort(np.require(data, np.uint8, ["C", "W"])).astype(np.int32, copy=False)
    part_of = np.repeat(np.arange(len(bounds) - 1, dtype=np.int32), np.diff(bounds))
    doc = np.empty(len(sa), np.int32)
    part = np.empty(len(sa), np.uint8)
    before = np.empty(len(sa), np.uint8)
    for start in range(0, len(sa), _CHUNK):
        chunk = sa[start : start + _CHUNK]
        where = slice(start, start + len(chunk))
        owner = np.take(part_of, chunk)
        doc[where], part[where] = np.divmod(owner, parts)
        # Index -1 for the suffix at 0: the text's last byte, its final separator.
        before[where] = np.take(data, chunk - 1)
    return sa, doc, part, before


_FILES = ("text", "bounds", "sa", "doc", "part", "before")  # saved in this order: before marks done
# Files of the indexes this one replaced (bigram positions; one owner array for document and
# part): removed when a segment's new files are saved.
_OLD_FILES = ("grams", "gramsoff", "owner")


def _paths(folder: Path, segment_id: str, column: str, kinds=_FILES) -> dict[str, Path]:
    return {kind: folder / f"{segment_id}.{column}.{kind}.npy" for kind in kinds}


def _save(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "wb") as f:
        np.save(f, array)
    os.replace(tmp, path)


def save_text(text: SegmentText, folder: Path, segment_id: str, column: str) -> None:
    """Save a SegmentText beside its segment's files (best effort: a read-only index still
    searches, it builds again next time)."""
    paths = _paths(folder, segment_id, column)
    arrays = {
        "text": text.data,
        "bounds": text.bounds,
        "sa": text.sa,
        "doc": text.doc,
        "part": text.part,
        "before": text.before,
    }
    try:
        for kind in _FILES:
            _save(paths[kind], arrays[kind])
        for old in _paths(folder, segment_id, column, _OLD_FILES).values():
            old.unlink(missing_ok=True)
    except OSError:
        pass


def load_text(
    folder: Path, segment_id: str, column: str, parts: int, docs: int
) -> SegmentText | None:
    """The saved SegmentText, memory-mapped; None when missing, partial or inconsistent."""
    paths = _paths(folder, segment_id, column)
    try:
        data, bounds, sa, doc, part, before = (
            # Plain arrays over the maps: np.memmap's Python-level __getitem__ cost ~20 µs a
            # lookup, and a query does a few hundred.
            np.asarray(np.load(paths[kind], mmap_mode="r"))
            for kind in _FILES
        )
    except (OSError, ValueError):
        return None
    consistent = (
        len(sa) == len(doc) == len(part) == len(before) == len(data)
        and len(bounds) == parts * docs + 1
        and bounds[-1] == len(data)
    )
    return _assemble(data, bounds, parts, sa, doc, part, before) if consistent else None


def _is_mapped(array: np.ndarray) -> bool:
    base = array
    while base is not None and not isinstance(base, mmap.mmap):
        base = getattr(base, "base", None)
    return base is not None


def _assemble(data, bounds, parts, sa, doc, part, before) -> SegmentText:
    part_lengths = np.diff(bounds) - 1
    doc_lengths = part_lengths.reshape(-1, parts).sum(axis=1, dtype=np.int32)
    return SegmentText(data, bounds, parts, sa, doc, part, before, part_lengths, doc_lengths)


def build_text(values: list[bytes], parts: int, segment_id: str, column: str) -> SegmentText:
    """A SegmentText from one column's values (each ending in `parts` PART_SEP-ended parts)."""
    data = np.frombuffer(b"".join(values), np.uint8)
    seps = np.flatnonzero(data == _SEP)
    if len(seps) != parts * len(values):
        raise ValueError(
            f"index segment {segment_id}: column {column} holds {len(seps)} parts for "
            f"{len(values)} documents; rebuild the index (raingan reindex)"
        )
    bounds = np.concatenate(([0], seps + 1)).astype(np.int32)
    return _assemble(data, bounds, parts, *suffix_index(data, bounds, parts))


def segment_text(
    read_values: Callable[[], list[bytes]],
    parts: int,
    docs: int,
    *,
    folder: Path | None,
    segment_id: str,
    column: str,
) -> SegmentText:
    """The saved SegmentText of a segment column, or one built from read_values() (and saved
    when there is a folder)."""
    text = load_text(folder, segment_id, column, parts, docs) if folder else None
    if text is None:
        text = build_text(read_values(), parts, segment_id, column)
        if folder:
            save_text(text, folder, segment_id, column)
    return text


class SegmentCache:
    """Per-segment data by key (segment id, what); thread-safe. With `kept`, only that many
    most recently used entries stay; without, `retain` drops the segments that are gone."""

    def __init__(self, kept: int | None = None) -> None:
        self._kept = kept
        self._items: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._lock = threading.Lock()

    def values(self) -> list[Any]:
        """The cached values (for memory accounting)."""
        with self._lock:
            return list(self._items.values())

    def get(self, key: tuple[str, str], load: Callable[[], Any]) -> Any:
        """The value cached under key, from load() on first use."""
        # One lock for loading too: two threads never build the same segment twice, and a
        # build is a one-off per segment (see module docstring).
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            value = self._items[key] = load()
            while self._kept is not None and len(self._items) > self._kept:
                self._items.popitem(last=False)
            return value

    def retain(self, segment_ids: set[str]) -> None:
        """Forget every entry of a segment not in segment_ids (merged away or deleted)."""
        with self._lock:
            for key in [k for k in self._items if k[0] not in segment_ids]:
                del self._items[key]


# For Whoosh's own use of index.search.Substring; FullTextIndex keeps a cache of its own.
CACHE = SegmentCache(kept=_KEPT)


def segment_key(reader) -> str:
    """A Whoosh segment reader's segment id (unique per segment, fixed for its life)."""
    segment = reader.segment()
    return segment.segment_id() if segment is not None else f"reader-{id(reader)}"


def reader_text(
    reader, column: str, parts: int, folder: Path | None, cache: SegmentCache = CACHE
) -> SegmentText:
    """The SegmentText of a Whoosh segment reader's column, cached; saved under folder."""
    sid = segment_key(reader)

    def load() -> SegmentText:
        return segment_text(
            lambda: list(reader.column_reader(column, translate=False)),
            parts,
            reader.doc_count_all(),
            folder=folder if reader.segment() is not None else None,
            segment_id=sid,
            column=column,
        )

    return cache.get((sid, column), load)


def save_index(reader, column: str, parts: int, folder: Path) -> None:
    """Build and save a segment column's SegmentText unless saved already (not cached)."""
    if reader.segment() is not None:
        sid = segment_key(reader)
        if load_text(folder, sid, column, parts, reader.doc_count_all()) is None:
            values = list(reader.column_reader(column, translate=False))
            save_text(build_text(values, parts, sid, column), folder, sid, column)
