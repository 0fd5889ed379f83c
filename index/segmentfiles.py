"""Whoosh's compound segment files read in place, not copied into memory.

A segment is one `.seg` file holding its terms, postings, stored fields and columns. Whoosh
maps it (`filedb.compound.CompoundStorage`) and opens each member as a `BufferFile`, whose
`BytesIO(memoryview)` copies the member into memory: opening a searcher copied every
segment's terms and postings, and the first stored field read copied the segment's stored
fields whole. At a million measures that is gigabytes held by every search process and
seconds before the first result.

`install()` makes the compound storage open each member as a `ViewFile` instead: the same
`BufferFile` (Whoosh reads most data through `get()`, slices of the map), but whose file
object reads from the map as it goes. The map stays what keeps a segment readable after a
writer in another process deletes its file (index.generations relies on that), so segments
stay compound files.
"""

from __future__ import annotations

import os

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class MemoryReader:
    """A read-only binary file over a memoryview: what BytesIO(view) offers, without the copy.
    Each read copies only the bytes it returns."""

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0

    def _end(self, size: int | None) -> int:
        """Where a read of `size` bytes from here stops (all the rest when size < 0)."""
        whole = len(self._view)
        return whole if size is None or size < 0 else min(whole, self._pos + size)

    def read(self, size: int | None = -1) -> bytes:
        end = self._end(size)
        data = bytes(self._view[self._pos : end])
        self._pos = max(self._pos, end)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        end = self._end(size)
        at = self._pos
        while at < end:
            chunk = bytes(self._view[at : min(at + 4096, end)])
            newline = chunk.find(b"\n")
            if newline >= 0:
                return self.read(at + newline + 1 - self._pos)
            at += len(chunk)
        return self.read(end - self._pos)

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._view)}[whence]
        if base + offset < 0:
            raise ValueError(f"negative seek position {base + offset}")
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")


class ViewFile(BufferFile):
    """Whoosh's BufferFile over a memoryview, reading the view in place."""

    def __init__(self, buf, name=None, onclose=None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = MemoryReader(memoryview(buf))

    def subset(self, position, length, name=None):
        return ViewFile(self._buf[position : position + length], name=name or self._name)


def install() -> None:
    """Open compound segment members as ViewFiles from now on (idempotent)."""
    compound.BufferFile = ViewFile
