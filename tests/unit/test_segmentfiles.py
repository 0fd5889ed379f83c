"""Compound segment files read in place: the reader behaves as BytesIO, and opening and
searching an index copies no segment file into memory."""

from __future__ import annotations

import io
import random
import tracemalloc
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from index.fulltext import FullTextIndex
from index.model import StoredReport
from index.segmentfiles import MemoryReader
from ingest.model import Cells, FiscalYear, Measure, Organization, Report, Source

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.integers(-1, 40)),
        st.tuples(st.just("readline"), st.integers(-1, 40)),
        st.tuples(st.just("seek"), st.integers(0, 60), st.sampled_from((0, 1, 2))),
        st.tuples(st.just("tell")),
    ),
    max_size=30,
)


@given(st.binary(max_size=50).map(lambda b: b.replace(b"\x01", b"\n")), OPS)
def test_memory_reader_reads_as_bytesio_does(data: bytes, ops) -> None:
    ours, theirs = MemoryReader(memoryview(data)), io.BytesIO(data)
    for op, *args in ops:
        if op == "seek":
            offset, whence = args
            offset = offset if whence == 0 else offset - 30  # backwards too, not before 0
            if whence and (theirs.tell() if whence == 1 else len(data)) + offset < 0:
                continue
            args = [offset, whence]
        assert getattr(ours, op)(*args) == getattr(theirs, op)(*args), (op, args)
    assert list(MemoryReader(memoryview(data))) == list(io.BytesIO(data))


def _reports(n: int) -> list[StoredReport]:
    """n one-measure reports of varied Thai and Latin words, so that postings are sizeable."""
    rng = random.Random(3)
    syllables = ["บาง", "ครก", "หนอง", "ท่า", "จัด", "ซื้อ", "ร้อง", "เรียน", "ทุจริต", "gift"]
    out = []
    for rid in range(1, n + 1):
        text = [" ".join(rng.choice(syllables) + str(rng.randrange(999)) for _ in range(60))
                for _ in range(6)]
        report = Report(
            source=Source(path=f"/r/{rid}.pdf", sha256=f"{rid:064x}", pages=1),
            title="รายงาน",
            organization=Organization(name=f"อบต.ทดสอบ{rid}", kind="อบต.", province="เพชรบุรี"),
            fiscal_year=FiscalYear.from_be(2568),
            measures=(Measure(number=1, pages=(1,), cells=Cells(*text)),),
            pages=(),
        )
        out.append(StoredReport(rid, report, True, "", rid))
    return out


def test_opening_and_searching_an_index_copies_no_segment_file(tmp_path: Path) -> None:
    with FullTextIndex(tmp_path / "index") as ix:
        ix._index_reports(_reports(600))
        ix.prepare()
    segments = sum(f.stat().st_size for f in (tmp_path / "index").glob("*.seg"))
    assert segments > 2_000_000  # big enough that a copy would stand out
    tracemalloc.start()
    try:
        with FullTextIndex(tmp_path / "index") as ix:
            hits = ix.search("ร้อง", limit=None)  # every measure: every stored field read
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(hits) == 600
    # Whoosh copied each segment's terms and postings as it opened it, and its stored fields
    # at the first snippet: 1.1 times the segment file here; read in place, 0.26 (most of
    # it the substring index's bigram offsets, 256K entries a column).
    assert peak < 0.5 * segments, (peak, segments)
