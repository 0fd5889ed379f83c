"""One Whoosh searcher per index generation, shared by concurrent searches.

Another process (an ingest) may commit to the index at any time, and Whoosh may merge
segments away as it does. Whoosh's own `Searcher.refresh()` is not safe for that here:

- it closes the readers of segments that are gone while another thread may still be
  searching them;
- Whoosh-Reloaded 2.7.5 keeps the old generation's segments in the refreshed reader (its
  `FileIndex._reader` adds the reused reader's segments to the new list), so a report that
  another process replaced, or segments it merged, show up twice;
- a reused segment reader keeps the deletions it was opened with.

So each generation gets a searcher of its own, over the segments its table of contents
lists. A segment reader is reused from the generation before only when its segment is the
same and has the same deleted documents (opening one copies its term files, 20 ms a segment
at 100k measures); every other segment gets a new reader. A reader is closed when no open
generation holds it, and a generation is let go when a newer one exists and the last search
using it has finished. A segment whose files another process deletes stays readable through a
reader that has it open (Whoosh maps a segment's compound file when it opens the reader), and
`warm` loads (maps) the substring index of each new segment as the generation opens, before a
later commit can delete it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.index import EmptyIndexError
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher

# Whoosh's own reader opening retries like this: a writer may delete a file between reading
# the table of contents and opening the segment.
_OPEN_TRIES, _OPEN_PAUSE = 10, 0.05


@dataclass
class _Generation:
    stamp: tuple[int, int]
    searcher: Any
    readers: list[Any]  # its segment readers, possibly shared with other generations
    users: int = 0


class Generations:
    """The searchers of an index's open generations.

    `warm(searcher)` runs once for each newly opened generation (under the lock, before any
    search uses it); `retain(segment_ids)` is told, whenever a generation closes, which
    segments the generations still open hold, so caches can drop the others.
    """

    def __init__(
        self,
        ix: Any,
        warm: Callable[[Any], None],
        retain: Callable[[set[str]], None],
    ) -> None:
        self._ix = ix
        self._warm = warm
        self._retain = retain
        self._lock = threading.Lock()
        self._current: _Generation | None = None
        self._open: list[_Generation] = []
        self._holders: dict[int, int] = {}  # id(segment reader) -> open generations using it

    def latest(self) -> tuple[int, int]:
        """(number, TOC file inode) of the index's newest committed generation: it changes
        with every commit, and when the index is made anew (`raingan reindex` starts the
        numbers again). (-1, 0) while there is none. Cheap: a directory listing and a stat."""
        number = self._ix.latest_generation()
        if number < 0:
            return -1, 0
        toc = Path(self._ix.storage.folder) / f"_{self._ix.indexname}_{number}.toc"
        return number, toc.stat().st_ino

    @contextmanager
    def searcher(self) -> Iterator[Any]:
        """A searcher of the newest generation, kept open until the with-block ends."""
        with self._lock:
            generation = self._newest()
            generation.users += 1
        try:
            yield generation.searcher
        finally:
            with self._lock:
                generation.users -= 1
                self._close_unused()

    def current(self) -> Any:
        """The newest generation's searcher, for single-threaded use (tests, benchmarks):
        it stays open until a newer generation replaces it and no search uses it."""
        with self._lock:
            return self._newest().searcher

    def close(self) -> None:
        """Close every open searcher and reader (the index is being closed)."""
        with self._lock:
            for generation in self._open:
                self._release(generation)
            self._open, self._current = [], None

    def _newest(self) -> _Generation:
        try:
            latest = self.latest()
            if self._current is not None and self._current.stamp == latest:
                return self._current
            generation = self._open_generation(latest)
        except (OSError, EmptyIndexError):
            # The index is being made anew (raingan reindex deletes it first): search what
            # is open until it is there again.
            if self._current is not None:
                return self._current
            raise
        self._current = generation
        self._open.append(generation)
        self._close_unused()
        return generation

    def _open_generation(self, stamp: tuple[int, int]) -> _Generation:
        for attempt in range(_OPEN_TRIES):
            readers: list[Any] = []
            try:
                toc = self._ix._read_toc()  # the newest table of contents: schema, segments
                for segment in toc.segments:
                    readers.append(self._segment_reader(toc, segment))
                break
            except OSError:
                for reader in readers:
                    if id(reader) not in self._holders:  # opened here, not a reused one
                        reader.close()
                if attempt == _OPEN_TRIES - 1:
                    raise
                time.sleep(_OPEN_PAUSE)
        if not readers:
            reader = EmptyReader(toc.schema)
        elif len(readers) == 1:
            reader = readers[0]
        else:
            reader = MultiReader(readers, generation=toc.generation)
        # closereader=False: segment readers may be shared; _release closes them.
        searcher = Searcher(reader, fromindex=self._ix, closereader=False)
        for r in readers:
            self._holders[id(r)] = self._holders.get(id(r), 0) + 1
        generation = _Generation(stamp, searcher, readers)
        try:
            self._warm(searcher)
        except BaseException:
            self._release(generation)
            raise
        return generation

    def _segment_reader(self, toc: Any, segment: Any) -> Any:
        """The current generation's reader of `segment` if it is the same segment with the
        same deletions, else a new one."""
        if self._current is not None:
            for reader in self._current.readers:
                if _same_segment(reader.segment(), segment):
                    return reader
        return SegmentReader(self._ix.storage, toc.schema, segment, generation=toc.generation)

    def _close_unused(self) -> None:
        unused = [g for g in self._open if g is not self._current and g.users == 0]
        if not unused:
            return
        for generation in unused:
            self._release(generation)
            self._open.remove(generation)
        self._retain(
            {reader.segment().segment_id() for g in self._open for reader in g.readers}
        )

    def _release(self, generation: _Generation) -> None:
        """Close the generation's segment readers that no other open generation holds."""
        for reader in generation.readers:
            left = self._holders.get(id(reader), 1) - 1
            if left:
                self._holders[id(reader)] = left
            else:
                self._holders.pop(id(reader), None)
                reader.close()


def _same_segment(held: Any, listed: Any) -> bool:
    """Whether a reader opened on segment `held` can serve the segment `listed` in a newer
    table of contents: same segment, same deleted documents."""
    if held.segment_id() != listed.segment_id() or held.doc_count_all() != listed.doc_count_all():
        return False
    if held.deleted_count() != listed.deleted_count():
        return False
    return held.deleted_count() == 0 or set(held.deleted_docs()) == set(listed.deleted_docs())
