"""The guard put into pdfminer while a file is read: an inflation budget, reference loops."""

from __future__ import annotations

import logging
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer import pdftypes
from pdfminer.lzw import lzwdecode
from pdfminer.pdftypes import PDFObjRef, decompress_corrupted, resolve1
from pdfminer.psparser import LIT
from pdfminer.runlength import rldecode

from ingest.errors import IngestError
from ingest.guard import (
    LOOP,
    Budget,
    LimitHit,
    guarded,
    inflate,
    lzw_decode,
    runlength_size,
)
from ingest.limits import Limits

TEXT = b"BT /F1 12 Tf 72 720 Td (hello) Tj ET\n" * 40


def pdfminer_inflate(data: bytes) -> bytes:
    """What pdfminer 20251230+ does with a FlateDecode stream (PDFStream.decode, not STRICT)."""
    try:
        return zlib.decompress(data)
    except zlib.error:
        try:
            return decompress_corrupted(data)
        except zlib.error:
            return b""


def test_whole_stream() -> None:
    assert inflate(zlib.compress(TEXT), Budget(10**6)) == TEXT


def test_trailing_junk_is_ignored_as_zlib_does() -> None:
    assert inflate(zlib.compress(TEXT) + b"\r\nendstream", Budget(10**6)) == TEXT


def test_cut_short_gives_what_came_before_the_cut() -> None:
    data = zlib.compress(TEXT)[:-10]
    assert inflate(data, Budget(10**6)) == pdfminer_inflate(data)
    assert TEXT.startswith(inflate(data, Budget(10**6)))


def test_bad_checksum_keeps_the_text_and_logs_pdfminer_data_loss(caplog) -> None:
    data = bytearray(zlib.compress(TEXT))
    data[-1] ^= 0xFF
    with caplog.at_level(logging.WARNING, logger="pdfminer"):
        assert inflate(bytes(data), Budget(10**6)) == TEXT
    assert [r.getMessage() for r in caplog.records] == [
        "Data-loss while decompressing corrupted data"]


def test_corrupt_early_gives_nothing() -> None:
    data = bytearray(zlib.compress(TEXT))
    data[2:6] = b"\xff\xff\xff\xff"
    assert inflate(bytes(data), Budget(10**6)) == b"" == pdfminer_inflate(bytes(data))


@settings(max_examples=300, deadline=None)
@given(
    body=st.binary(max_size=3000),
    level=st.sampled_from([1, 9]),
    cut=st.integers(min_value=0, max_value=4000),
    flip=st.tuples(st.integers(min_value=0, max_value=4000), st.integers(1, 255)),
    how=st.sampled_from(["whole", "cut", "flip", "junk"]),
)
def test_inflate_gives_exactly_what_pdfminer_gives(
    body: bytes, level: int, cut: int, flip: tuple[int, int], how: str
) -> None:
    data = bytearray(zlib.compress(body * 3, level))
    if how == "cut":
        data = data[: cut % (len(data) + 1)]
    elif how == "flip":
        data[flip[0] % len(data)] ^= flip[1]
    elif how == "junk":
        data += b"junk"
    logging.disable(logging.WARNING)
    try:
        assert inflate(bytes(data), Budget(10**7)) == pdfminer_inflate(bytes(data))
    finally:
        logging.disable(logging.NOTSET)


def test_corrupt_stream_is_linear_time() -> None:
    # pdfminer's own fallback feeds zlib a byte at a time and concatenates: minutes here.
    body = bytes(range(256)) * 20_000  # 5 MB that compresses poorly: a 5 MB stream
    data = bytearray(zlib.compress(body, 1))
    data[-1] ^= 0xFF
    logging.disable(logging.WARNING)
    try:
        assert inflate(bytes(data), Budget(10**8)) == body
    finally:
        logging.disable(logging.NOTSET)


def test_budget_is_shared_by_every_stream_of_a_file() -> None:
    budget = Budget(3 * len(TEXT))
    for _ in range(3):
        inflate(zlib.compress(TEXT), budget)
    assert budget.left == 0
    with pytest.raises(LimitHit) as hit:
        inflate(zlib.compress(b"x"), budget)
    assert hit.value.cause == "too large to read (its compressed streams inflate past 4.4 KB)"


def test_bomb_stops_at_the_budget_without_inflating_it_all() -> None:
    bomb = zlib.compress(b" " * 200_000_000, 9)  # 200 MB from 200 KB
    budget = Budget(1_000_000)
    with pytest.raises(LimitHit):
        inflate(bomb, budget)
    assert -16_000_000 < budget.left < 0  # one step past the budget at most


def test_bomb_in_a_corrupt_stream_stops_too() -> None:
    bomb = bytearray(zlib.compress(b" " * 50_000_000, 9))
    bomb[-1] ^= 0xFF
    with pytest.raises(LimitHit):
        inflate(bytes(bomb), Budget(1_000_000))


def test_limit_hit_is_not_an_exception_a_page_reader_could_swallow() -> None:
    assert not issubclass(LimitHit, Exception)


class FakeDoc:
    """Objects by number, as PDFDocument.getobj gives them."""

    def __init__(self, objects: dict[int, object]) -> None:
        self.objects = objects

    def getobj(self, objid: int) -> object:
        return self.objects[objid]


def ref(doc: FakeDoc, objid: int) -> PDFObjRef:
    return PDFObjRef(doc, objid)


def test_resolve_follows_a_chain_to_its_end() -> None:
    doc = FakeDoc({})
    doc.objects.update({6: ref(doc, 7), 7: ref(doc, 8), 8: {"Type": "Pages"}})
    with guarded("x.pdf"):
        assert resolve1(ref(doc, 6)) == {"Type": "Pages"}


@pytest.mark.parametrize("loop", [{6: 7, 7: 6}, {6: 6}, {5: 6, 6: 7, 7: 6}])
def test_resolve_stops_at_a_reference_loop(loop: dict[int, int]) -> None:
    doc = FakeDoc({})
    doc.objects.update({k: ref(doc, v) for k, v in loop.items()})
    with pytest.raises(IngestError) as err, guarded("x.pdf"):
        resolve1(ref(doc, min(loop)))
    assert str(err.value) == f"x.pdf: {LOOP}"


def test_guarded_maps_memory_error_and_puts_pdfminer_back() -> None:
    def pieces() -> tuple:
        return pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode, PDFObjRef.resolve

    before = pieces()
    with pytest.raises(IngestError) as err, guarded("big.pdf", Limits(max_inflated=10)):
        assert all(a is not b for a, b in zip(pieces(), before, strict=True))
        raise MemoryError
    assert err.value.cause.startswith("too large to read (")
    assert pieces() == before


def test_guarded_budget_reaches_pdfminer() -> None:
    stream = pdftypes.PDFStream({"Filter": pdftypes.LITERALS_FLATE_DECODE[0]},
                                zlib.compress(b" " * 1000))
    with pytest.raises(IngestError) as err, guarded("bomb.pdf", Limits(max_inflated=999)):
        stream.get_data()
    assert err.value.cause == "too large to read (its compressed streams inflate past 999 bytes)"


LZW_SAMPLE = b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"  # the PDF reference's LZW example


def test_lzw_decode_is_pdfminers_and_spends_the_budget() -> None:
    budget = Budget(100)
    assert lzw_decode(LZW_SAMPLE, budget) == lzwdecode(LZW_SAMPLE) == b"-----A---B"
    assert budget.left == 90
    with pytest.raises(LimitHit):
        lzw_decode(LZW_SAMPLE, Budget(5))


runs = st.lists(
    st.one_of(
        st.binary(min_size=1, max_size=128).map(lambda b: bytes([len(b) - 1]) + b),
        st.tuples(st.integers(2, 128), st.integers(0, 255)).map(
            lambda r: bytes([257 - r[0], r[1]])),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(runs=runs, end=st.booleans())
def test_runlength_size_is_the_decoded_length(runs: list[bytes], end: bool) -> None:
    data = b"".join(runs) + (b"\x80" if end else b"")
    assert runlength_size(data) == len(rldecode(data))


def test_runlength_bomb_is_refused_before_it_is_decoded() -> None:
    bomb = bytes([129, 32]) * 1_000_000  # 2 MB that decode to 128 MB
    assert runlength_size(bomb) == 128_000_000
    stream = pdftypes.PDFStream({"Filter": LIT("RunLengthDecode")}, bomb)
    with pytest.raises(IngestError) as err, guarded("rl.pdf", Limits(max_inflated=10_000_000)):
        stream.get_data()
    assert err.value.cause == "too large to read (its compressed streams inflate past 10 MB)"
