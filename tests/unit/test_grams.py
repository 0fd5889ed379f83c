"""The bigram position index finds exactly the occurrences a plain byte scan finds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import grams
from index.grams import bigram_index, segment_text

PARTS = 2


def naive(text: bytes, needle: bytes) -> int:
    """Occurrences of needle in text, overlapping ones included."""
    return sum(text.startswith(needle, at) for at in range(len(text)))


def doc(*parts: bytes) -> bytes:
    return b"".join(p + b"\x1f" for p in parts)


DOCS = [doc(b"abcab", b"xx"), doc(b"", b"aaa"), doc(b"ba", b"cab")]


def make(docs: list[bytes], folder: Path | None = None):
    return segment_text(
        lambda: docs, PARTS, len(docs), folder=folder, segment_id="seg", column="norm_text"
    )


def test_counts_per_document_and_per_part_match_a_byte_scan() -> None:
    text = make(DOCS)
    for needle in [b"a", b"ab", b"ca", b"cab", b"aa", b"abcab", b"x", b"q", b"bx"]:
        assert text.counts(needle).tolist() == [naive(d, needle) for d in DOCS], needle
        for part in range(PARTS):
            cells = [d.split(b"\x1f")[part] for d in DOCS]
            assert text.counts(needle, part).tolist() == [naive(c, needle) for c in cells]


def test_a_match_never_spans_two_cells() -> None:
    # "xx" ends cell 0 of the first document and "aaa" is cell 1 of the next: no "xa".
    assert make(DOCS).counts(b"bx").tolist() == [0, 0, 0]


def test_lengths_leave_out_the_separators() -> None:
    text = make(DOCS)
    assert text.lengths().tolist() == [7, 3, 5]
    assert text.lengths(1).tolist() == [2, 3, 3]
    assert text.part_bytes(2) == [b"ba", b"cab"]


def test_chunked_build_equals_one_sort(monkeypatch) -> None:
    data = np.frombuffer(b"".join(DOCS) * 7, np.uint8)
    whole = bigram_index(data)
    monkeypatch.setattr(grams, "_CHUNK", 5)
    chunked = bigram_index(data)
    assert np.array_equal(whole[0], chunked[0]) and np.array_equal(whole[1], chunked[1])


def test_saved_index_is_loaded_and_a_damaged_one_rebuilt(tmp_path: Path) -> None:
    first = make(DOCS, tmp_path)
    saved = sorted(p.name for p in tmp_path.iterdir())
    kinds = ["bounds", "grams", "gramsoff", "text"]
    assert saved == [f"seg.norm_text.{kind}.npy" for kind in kinds]
    again = segment_text(
        lambda: pytest.fail("a saved index is not built again"),
        PARTS, len(DOCS), folder=tmp_path, segment_id="seg", column="norm_text",
    )
    held, mapped = again.memory()
    assert mapped == again.positions.nbytes + again.data.nbytes + again.bounds.nbytes
    assert np.array_equal(first.positions, again.positions)
    assert again.counts(b"ab").tolist() == first.counts(b"ab").tolist()
    (tmp_path / "seg.norm_text.grams.npy").write_bytes(b"not an array")
    assert make(DOCS, tmp_path).counts(b"ab").tolist() == [naive(d, b"ab") for d in DOCS]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.binary(max_size=12), st.binary(max_size=12)), min_size=1, max_size=6),
    st.binary(min_size=1, max_size=4),
)
def test_property_counts_equal_a_byte_scan(cells: list[tuple[bytes, bytes]], needle) -> None:
    clean = [tuple(c.replace(b"\x1f", b"") for c in pair) for pair in cells]
    needle = needle.replace(b"\x1f", b"") or b"a"
    docs = [doc(*pair) for pair in clean]
    text = make(docs)
    assert text.counts(needle).tolist() == [naive(d, needle) for d in docs]
    for part in range(PARTS):
        assert text.counts(needle, part).tolist() == [naive(p[part], needle) for p in clean]
