"""Exact substring occurrences in one segment's squeezed text, through a bigram position index.

A segment's values of one squeezed-text column (analyzer.encode_norm bytes, each cell ended by
PART_SEP) are kept end to end in one buffer. Every position of the buffer is filed under the
bigram that starts there: `positions` holds all positions grouped by bigram (ascending inside
each group) and `offsets[code]` is where bigram `code` (first byte * 256 + second byte) begins.

A needle's occurrences are then the positions of its rarest bigram, shifted back to the needle's
start and checked byte by byte, all in numpy; counts per document or per cell are the number of
occurrence positions between consecutive boundaries (np.searchsorted on sorted positions). A
two-byte needle's postings are its answer. Occurrences may overlap ("aa" occurs twice in "aaa").
An occurrence of a needle that starts or ends with a digit or Latin letter is "whole" when the
bytes around it do not continue that number or word, which ranking prefers.

Segments never change, so the text and its index are built once per segment, saved beside the
segment's files as `<segment id>.<column>.{text,bounds,grams,gramsoff}.npy` (Whoosh removes
files named after a segment when the segment goes), and memory-mapped on later loads, which
skips Whoosh's column reader (it copies the whole column file into memory). On disk and in
the page cache: about 5 bytes per text byte (1 of text, 4 of positions).
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

from index.analyzer import PART_SEP

_CODES = 1 << 16
# Stable sort in chunks: a whole segment's argsort would hold 8 bytes per text byte at once.
_CHUNK = 1 << 22
_KEPT = 64
_SEP = PART_SEP[0]
# Runs that make a word or number: 1 for an ASCII digit, 2 for a Latin letter (squeezed text is
# lower-cased), 0 for every other byte (Thai, punctuation, space, separators, escapes).
_WORD_CLASS = np.zeros(256, np.uint8)
_WORD_CLASS[ord("0") : ord("9") + 1] = 1
_WORD_CLASS[ord("a") : ord("z") + 1] = 2


def word_edged(needle: bytes) -> bool:
    """True when needle starts or ends with a digit or a Latin letter."""
    return bool(needle) and bool(_WORD_CLASS[needle[0]] or _WORD_CLASS[needle[-1]])


@dataclass(frozen=True)
class SegmentText:
    """One segment's squeezed text of one column, with its bigram position index."""

    data: np.ndarray  # uint8, the documents' values end to end
    bounds: np.ndarray  # int32, start of each part (cell), plus the end; `parts` per document
    parts: int
    offsets: np.ndarray  # int32, _CODES + 1 entries
    positions: np.ndarray  # int32, every position grouped by bigram
    part_lengths: np.ndarray  # int32, characters of each part, its separator not counted
    doc_lengths: np.ndarray  # int32, characters of each document's parts together

    @property
    def doc_count(self) -> int:
        return (len(self.bounds) - 1) // self.parts

    def occurrences(self, needle: bytes) -> np.ndarray:
        """Sorted start positions of needle in the text (overlapping occurrences included)."""
        if not needle:
            return np.empty(0, np.int32)
        if len(needle) == 1:
            # Every position whose bigram starts with the byte: a contiguous run of groups.
            lo, hi = self.offsets[needle[0] << 8], self.offsets[(needle[0] + 1) << 8]
            return np.sort(self.positions[lo:hi])
        codes = [needle[i] << 8 | needle[i + 1] for i in range(len(needle) - 1)]
        sizes = [self.offsets[c + 1] - self.offsets[c] for c in codes]
        k = int(np.argmin(sizes))
        found = self.positions[self.offsets[codes[k]] : self.offsets[codes[k] + 1]]
        found = found - np.int32(k)
        found = found[(found >= 0) & (found <= len(self.data) - len(needle))]
        for i in range(len(needle)):
            if i in (k, k + 1) or not len(found):
                continue
            found = found[np.take(self.data, found + i) == needle[i]]
        return found

    def counts(self, needle: bytes, part: int | None = None) -> np.ndarray:
        """Occurrences of needle in each document (or in part number `part` of each)."""
        return self.tally(self.occurrences(needle), part)

    def counts_whole(
        self, needle: bytes, part: int | None = None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """(occurrences, whole occurrences) of needle in each document (or part `part`).

        Whole: not inside a longer number or Latin word (see `whole`); None when the needle
        neither starts nor ends with a digit or Latin letter (Thai has no word boundaries
        in its spelling)."""
        found = self.occurrences(needle)
        cuts = self._cuts(found, part)
        counts = self._per_document(cuts, part)
        if not word_edged(needle):
            return counts, None
        # Whole occurrences counted at the same cuts: a running count, no second search.
        running = np.concatenate(([0], np.cumsum(self.whole(needle, found))))
        return counts, self._per_document(running[cuts], part)

    def whole(self, needle: bytes, found: np.ndarray) -> np.ndarray:
        """For each occurrence of needle at the positions `found`: True unless the byte just
        before it continues the needle's first character's run of digits or Latin letters,
        or the byte just after continues its last one's ("67" inside "2567", "gift" inside
        "gifts"). A kept space, a cell's end, Thai or punctuation ends a run."""
        # The text ends with a separator the needle never holds, so found + len(needle) is
        # inside it, and found - 1 == -1 reads that final separator: a boundary, as it should.
        ok = np.ones(len(found), bool)
        first, last = _WORD_CLASS[needle[0]], _WORD_CLASS[needle[-1]]
        # np.take: about twice as fast as fancy indexing for these gathers.
        if first:
            ok &= np.take(_WORD_CLASS, np.take(self.data, found - 1)) != first
        if last:
            ok &= np.take(_WORD_CLASS, np.take(self.data, found + len(needle))) != last
        return ok

    def tally(self, found: np.ndarray, part: int | None = None) -> np.ndarray:
        """How many of the sorted positions `found` lie in each document (or part `part`)."""
        return self._per_document(self._cuts(found, part), part)

    def _cuts(self, found: np.ndarray, part: int | None) -> np.ndarray:
        """Where each document's (or with `part`, each part's) bounds fall in `found`."""
        edges = self.bounds if part is not None else self.bounds[:: self.parts]
        return np.searchsorted(found, edges)

    def _per_document(self, cuts: np.ndarray, part: int | None) -> np.ndarray:
        """Counts per document from cumulative positions at the cuts of `_cuts`."""
        per = np.diff(cuts)
        return per if part is None else per[part :: self.parts]

    def memory(self) -> tuple[int, int]:
        """(bytes in process memory, bytes memory-mapped from the saved files)."""
        arrays = (self.data, self.bounds, self.offsets, self.positions)
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


def bigram_index(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, positions) of every bigram of data; positions ascending within each bigram."""
    if len(data) >= 1 << 31:
        raise ValueError("a segment's text must stay under 2 GiB (int32 positions)")
    codes = (data[:-1].astype(np.uint16) << 8) | data[1:]
    totals = np.bincount(codes, minlength=_CODES)
    offsets = np.zeros(_CODES + 1, np.int32)
    np.cumsum(totals, out=offsets[1:])
    positions = np.empty(len(codes), np.int32)
    seen = np.zeros(_CODES, np.int64)
    for start in range(0, len(codes), _CHUNK):
        chunk = codes[start : start + _CHUNK]
        order = np.argsort(chunk, kind="stable")  # radix sort for 16-bit keys
        ranked = chunk[order]
        here = np.bincount(chunk, minlength=_CODES)
        first = np.cumsum(here) - here  # where each bigram's run begins in `ranked`
        rank = np.arange(len(chunk)) - first[ranked]
        positions[offsets[ranked] + seen[ranked] + rank] = order + start
        seen += here
    return offsets, positions


_FILES = ("text", "bounds", "grams", "gramsoff")  # saved in this order: gramsoff marks done


def _paths(folder: Path, segment_id: str, column: str) -> dict[str, Path]:
    return {kind: folder / f"{segment_id}.{column}.{kind}.npy" for kind in _FILES}


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
        "grams": text.positions,
        "gramsoff": text.offsets,
    }
    try:
        for kind in _FILES:
            _save(paths[kind], arrays[kind])
    except OSError:
        pass


def load_text(
    folder: Path, segment_id: str, column: str, parts: int, docs: int
) -> SegmentText | None:
    """The saved SegmentText, memory-mapped; None when missing, partial or inconsistent."""
    paths = _paths(folder, segment_id, column)
    try:
        offsets = np.load(paths["gramsoff"])
        data, bounds, positions = (
            # Plain arrays over the maps: np.memmap's Python-level __getitem__ cost ~20 µs a
            # lookup, and a query does a few hundred.
            np.asarray(np.load(paths[kind], mmap_mode="r"))
            for kind in ("text", "bounds", "grams")
        )
    except (OSError, ValueError):
        return None
    consistent = (
        len(offsets) == _CODES + 1
        and offsets[-1] == len(positions) == max(len(data) - 1, 0)
        and len(bounds) == parts * docs + 1
        and bounds[-1] == len(data)
    )
    return _assemble(data, bounds, parts, offsets, positions) if consistent else None


def _is_mapped(array: np.ndarray) -> bool:
    base = array
    while base is not None and not isinstance(base, mmap.mmap):
        base = getattr(base, "base", None)
    return base is not None


def _assemble(data, bounds, parts, offsets, positions) -> SegmentText:
    part_lengths = np.diff(bounds) - 1
    doc_lengths = part_lengths.reshape(-1, parts).sum(axis=1, dtype=np.int32)
    return SegmentText(data, bounds, parts, offsets, positions, part_lengths, doc_lengths)


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
    return _assemble(data, bounds, parts, *bigram_index(data))


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


def save_grams(reader, column: str, parts: int, folder: Path) -> None:
    """Build and save a segment column's SegmentText unless saved already (not cached)."""
    if reader.segment() is not None:
        sid = segment_key(reader)
        if load_text(folder, sid, column, parts, reader.doc_count_all()) is None:
            values = list(reader.column_reader(column, translate=False))
            save_text(build_text(values, parts, sid, column), folder, sid, column)
