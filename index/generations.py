"""One Whoosh searcher per index generation, shared by concurrent searches.

Another process (an ingest) may commit to the index at any time, and Whoosh may merge
segments away as it does. Whoosh's own `Searcher.refresh()` is not safe for that here:

- it closes the readers of segments that are gone while another thread may still be
  searching them;
- Whoosh-Reloaded 2.7.5 keeps the old generation's segments in the refreshed reader (its
  `FileIndex._reader` adds the reused reader's segments to the new list), so a report that
  another process replaced, or segments it merged, show up twice;
- a reused segment reader keeps the deletions it was opened with.

So each generation gets a searcher opened afresh, and the one it supersedes is closed only
when the last search using it has finished. A segment whose files another process deletes
stays readable through a reader that has it open: Whoosh maps a segment's compound file when
it opens the reader, and `warm` loads (maps) the substring index of every segment as the
generation opens, before a later commit can delete it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.index import EmptyIndexError


@dataclass
class _Generation:
    stamp: tuple[int, int]
    searcher: Any
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
        segment_id: Callable[[Any], str],
    ) -> None:
        self._ix = ix
        self._warm = warm
        self._retain = retain
        self._segment_id = segment_id
        self._lock = threading.Lock()
        self._current: _Generation | None = None
        self._open: list[_Generation] = []

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
        """Close every open searcher (the index is being closed)."""
        with self._lock:
            for generation in self._open:
                generation.searcher.close()
            self._open, self._current = [], None

    def _newest(self) -> _Generation:
        try:
            latest = self.latest()
            if self._current is not None and self._current.stamp == latest:
                return self._current
            searcher = self._ix.searcher()
        except (OSError, EmptyIndexError):
            # The index is being made anew (raingan reindex deletes it first): search what
            # is open until it is there again.
            if self._current is not None:
                return self._current
            raise
        try:
            self._warm(searcher)
        except BaseException:
            searcher.close()
            raise
        self._current = _Generation(latest, searcher)
        self._open.append(self._current)
        self._close_unused()
        return self._current

    def _close_unused(self) -> None:
        unused = [g for g in self._open if g is not self._current and g.users == 0]
        if not unused:
            return
        for generation in unused:
            generation.searcher.close()
            self._open.remove(generation)
        self._retain(
            {
                self._segment_id(sub.reader())
                for generation in self._open
                for sub, _ in generation.searcher.leaf_searchers()
            }
        )
