"""The search bench's substring truth, held compactly: at 1M measures the rows and the match
sets it once held as Python strings, tuples and sets took about 16 GB (README, Search).

A row is a measure's squeezed cells joined by U+001F, stored in Windows-874 (Thai's
single-byte code page: Thai letters and marks, ASCII, and the dashes and quotes the sample
corpus uses), half the size of a Python str that holds Thai (two bytes a character). Since
every character is one byte and no two characters share one, a needle is in a text exactly
when its encoding is in the text's encoding. A row with a character outside the code page
stays a str and is searched as one.

A measure's key (report_id, number) is held as one int64, report_id << 32 | number; a
query's truth is one bit per row, so 200 queries at 1M rows take 25 MB.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

import numpy as np

from index.analyzer import squeeze
from index.model import StoredReport
from ingest.model import COLUMN_KEYS

CODEC = "cp874"
SEPARATOR = "\x1f"  # between a row's cells; squeezed text holds no control characters


def key_code(report_id, number):  # ints, or int64 arrays of them
    """One int64 for a measure's key (numbers stay far below 2**32)."""
    return report_id << 32 | number


def key_codes(keys: Iterable[tuple[int, int]]) -> np.ndarray:
    """The distinct key codes of (report_id, number) keys, sorted."""
    return np.unique(np.fromiter((key_code(r, n) for r, n in keys), dtype=np.int64))


class Rows(Sequence):
    """Every measure's squeezed cells, in the order the reports give them; row i reads as the
    list of its squeezed cells (what bench.synthetic.query_set draws from)."""

    def __init__(self, reports: Iterable[StoredReport]) -> None:
        self._packed: list[bytes] = []
        self._plain: dict[int, str] = {}  # rows outside the code page (b"" stands in above)
        codes = array("q")
        for stored in reports:
            for m in stored.report.measures:
                text = SEPARATOR.join(squeeze(m.cells.get(k)) for k in COLUMN_KEYS)
                try:
                    self._packed.append(text.encode(CODEC))
                except UnicodeEncodeError:
                    self._plain[len(self._packed)] = text
                    self._packed.append(b"")
                codes.append(key_code(stored.report_id, m.number))
        self.codes = np.frombuffer(codes, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, i):  # type: ignore[override]
        text = self._plain.get(i)
        if text is None:
            text = self._packed[i].decode(CODEC)
        return text.split(SEPARATOR)

    def containing(self, needle: str) -> np.ndarray:
        """A bool per row: does the row's text contain needle?"""
        try:
            packed = needle.encode(CODEC)
        except UnicodeEncodeError:
            # No row in the code page can hold a character outside it.
            found = np.zeros(len(self._packed), dtype=bool)
        else:
            found = np.fromiter(
                (packed in t for t in self._packed), dtype=bool, count=len(self._packed)
            )
        for i, text in self._plain.items():
            found[i] = needle in text
        return found

    def truth(self, needles: Sequence[str]) -> Truth:
        """Each needle's matching rows (a bit a row), to outlive the rows."""
        return Truth(self.codes, [np.packbits(self.containing(n)) for n in needles])


class Truth:
    """Per query, the keys of the rows whose text contains it."""

    def __init__(self, codes: np.ndarray, bits: list[np.ndarray]) -> None:
        self._codes = codes
        self._bits = bits

    def keys(self, i: int) -> np.ndarray:
        """Query i's relevant key codes, distinct and sorted."""
        rows = np.unpackbits(self._bits[i], count=len(self._codes)).astype(bool)
        return np.unique(self._codes[rows])


def overlap(truth: np.ndarray, found: np.ndarray) -> tuple[int, int, int]:
    """(relevant, found, relevant and found) of two arrays of distinct key codes."""
    right = np.intersect1d(truth, found, assume_unique=True).size
    return truth.size, found.size, right
