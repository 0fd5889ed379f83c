"""The suffix-array index finds exactly the occurrences a plain byte scan finds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import suffixes
from index.suffixes import segment_text, suffix_index

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


def test_chunked_build_equals_one_pass(monkeypatch) -> None:
    text = make(DOCS * 7)
    monkeypatch.setattr(suffixes, "_CHUNK", 5)
    chunked = suffix_index(text.data, text.bounds, PARTS)
    whole = (text.sa, text.doc, text.part, text.before)
    assert all(np.array_equal(x, y) for x, y in zip(chunked, whole, strict=True))


def test_doc_part_and_before_describe_each_suffix() -> None:
    text = make(DOCS)
    raw = b"".join(DOCS)
    assert sorted(raw[i:] for i in range(len(raw))) == [raw[i:] for i in text.sa.tolist()]
    for i, at in enumerate(text.sa.tolist()):
        cell = int(np.searchsorted(text.bounds, at, side="right")) - 1
        assert (text.doc[i], text.part[i]) == divmod(cell, PARTS)
        assert text.before[i] == (raw[at - 1] if at else raw[-1])


def test_span_holds_the_positions_a_byte_scan_finds() -> None:
    # counts() and counts_whole() tally the suffixes of span(needle): every position the
    # needle starts at, overlapping ones included, and nothing else.
    text = make(DOCS)
    raw = b"".join(DOCS)
    for needle in [b"ab", b"a", b"aa", b"cab", b"q", b"\xff"]:
        lo, hi = text.span(needle)
        assert sorted(text.sa[lo:hi].tolist()) == [
            i for i in range(len(raw)) if raw.startswith(needle, i)
        ], needle
    assert text.span(b"") == (0, 0) and text.counts(b"").tolist() == [0, 0, 0]


def test_needles_of_high_bytes_find_their_range() -> None:
    # No byte string sorts above b"\xff\xff": the range runs to its last suffix.
    docs = [doc(b"a\xff\xff", b"\xff"), doc(b"\xff\xffb", b"")]
    text = make(docs)
    for needle in [b"\xff", b"\xff\xff", b"\xffb", b"a\xff"]:
        assert text.counts(needle).tolist() == [naive(d, needle) for d in docs], needle


def test_saved_index_is_loaded_and_a_damaged_one_rebuilt(tmp_path: Path) -> None:
    first = make(DOCS, tmp_path)
    saved = sorted(p.name for p in tmp_path.iterdir())
    kinds = ["before", "bounds", "doc", "part", "sa", "text"]
    assert saved == [f"seg.norm_text.{kind}.npy" for kind in kinds]
    again = segment_text(
        lambda: pytest.fail("a saved index is not built again"),
        PARTS,
        len(DOCS),
        folder=tmp_path,
        segment_id="seg",
        column="norm_text",
    )
    held, mapped = again.memory()
    arrays = (again.data, again.bounds, again.sa, again.doc, again.part, again.before)
    assert mapped == sum(a.nbytes for a in arrays)
    assert np.array_equal(first.sa, again.sa)
    assert again.counts(b"ab").tolist() == first.counts(b"ab").tolist()
    (tmp_path / "seg.norm_text.sa.npy").write_bytes(b"not an array")
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


WORDS = [doc(b"2567 67", b"no-gift"), doc(b"67", b"gifts"), doc(b"\xa167\xa1", b"x2567")]


def whole_naive(text: bytes, needle: bytes) -> int:
    """Occurrences not continuing a run of digits or of Latin letters on either side."""

    def kind(byte: int | None) -> int:
        if byte is not None and 0x30 <= byte <= 0x39:
            return 1
        return 2 if byte is not None and 0x61 <= byte <= 0x7A else 0

    count = 0
    for at in range(len(text)):
        if not text.startswith(needle, at):
            continue
        before = text[at - 1] if at else None
        after = text[at + len(needle)] if at + len(needle) < len(text) else None
        first, last = kind(needle[0]), kind(needle[-1])
        if (not first or kind(before) != first) and (not last or kind(after) != last):
            count += 1
    return count


@pytest.mark.parametrize("needle", [b"67", b"2567", b"gift", b"no-g", b"-gift", b"7 6", b"x2"])
def test_whole_counts_leave_out_pieces_of_longer_numbers_and_words(needle: bytes) -> None:
    text = make(WORDS)
    counts, whole = text.counts_whole(needle)
    assert counts.tolist() == [naive(d, needle) for d in WORDS]
    assert whole.tolist() == [whole_naive(d, needle) for d in WORDS]
    for part in range(PARTS):
        cells = [d.split(b"\x1f")[part] for d in WORDS]
        assert text.counts_whole(needle, part)[1].tolist() == [
            whole_naive(c, needle) for c in cells
        ]


def test_wholeness_does_not_apply_to_thai_edges() -> None:
    assert make(WORDS).counts_whole(b"\xa167\xa1")[1] is None


_WORDY_BYTES = st.binary(max_size=10).map(lambda b: bytes(b"06az -\xa1"[x % 7] for x in b))


@given(
    st.lists(st.tuples(_WORDY_BYTES, _WORDY_BYTES), min_size=1, max_size=5),
    _WORDY_BYTES.filter(bool),
)
def test_property_whole_counts_equal_a_scan(cells: list[tuple[bytes, bytes]], needle) -> None:
    docs = [doc(*pair) for pair in cells]
    whole = make(docs).counts_whole(needle)[1]
    if whole is not None:
        assert whole.tolist() == [whole_naive(d, needle) for d in docs]


def test_saving_removes_the_bigram_files_of_the_index_before(tmp_path: Path) -> None:
    old = [tmp_path / f"seg.norm_text.{kind}.npy" for kind in ("grams", "gramsoff", "owner")]
    for path in old:
        path.write_bytes(b"bigram index")
    make(DOCS, tmp_path)
    assert not any(path.exists() for path in old)
