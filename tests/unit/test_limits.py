"""The limits on one file: sizes as typed, causes as shown, the memory ceiling, raster sizes."""

from __future__ import annotations

import multiprocessing as mp
import resource

import pytest

from ingest.limits import (
    KILLED_CAUSE,
    MAX_RASTER_PIXELS,
    MIN_MEMORY_CEILING,
    allocation_failed,
    default_memory_ceiling,
    format_size,
    inflated_cause,
    machine_memory,
    memory_cause,
    oversized_page_warning,
    parse_size,
    raster_dpi,
    set_memory_ceiling,
    too_large_to_rasterise,
    too_many_pages,
)

A4 = (595.0, 842.0)
A0 = (2384.0, 3370.0)


@pytest.mark.parametrize(
    ("text", "size"),
    [("512M", 512_000_000), ("2G", 2_000_000_000), ("1.5GB", 1_500_000_000),
     ("300 mb", 300_000_000), ("4096", 4096), ("8k", 8000), ("1T", 10**12)],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "G", "2X", "-1G", "1.2.3M", "two gigs"])
def test_parse_size_refuses_what_is_not_a_size(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


@pytest.mark.parametrize(
    ("size", "text"),
    [(512_000_000, "512 MB"), (8_800_000_000, "8.8 GB"), (1_000_000_000, "1 GB"),
     (12_345_000_000, "12 GB"), (256_000_000, "256 MB"), (999, "999 bytes"), (1500, "1.5 KB")],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


def test_format_size_reads_back_as_parse_size_reads_it() -> None:
    assert parse_size(format_size(512_000_000).replace(" ", "")) == 512_000_000


def test_too_many_pages() -> None:
    assert too_many_pages(1000, 1000) is None
    assert too_many_pages(5000, 1000) == "too large to read (5000 pages, over the 1000-page limit)"


def test_causes_start_with_too_large_to_read() -> None:
    assert inflated_cause(256_000_000) == (
        "too large to read (its compressed streams inflate past 256 MB)")
    assert memory_cause(2_000_000_000) == "too large to read (over the 2 GB memory limit)"
    assert KILLED_CAUSE.startswith("too large to read (")


def test_default_memory_ceiling_shares_three_quarters_among_workers() -> None:
    assert default_memory_ceiling(16_000_000_000, 2) == 6_000_000_000
    assert default_memory_ceiling(16_000_000_000, 4) == 3_000_000_000
    # A small machine with many workers: never below the floor an ordinary report needs.
    assert default_memory_ceiling(2_000_000_000, 8) == MIN_MEMORY_CEILING
    assert default_memory_ceiling(16_000_000_000, 0) == 12_000_000_000


def test_machine_memory_is_plausible() -> None:
    assert 256_000_000 < machine_memory() < 2**50


def _ceiling_then_allocate(limit: int, size: int, queue: mp.Queue) -> None:
    set_memory_ceiling(limit)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        block = bytearray(size)
        queue.put((soft, hard, len(block), memory_cause()))
    except MemoryError:
        queue.put((soft, hard, None, memory_cause()))


def test_set_memory_ceiling_makes_a_big_allocation_fail_in_that_process_only() -> None:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_ceiling_then_allocate, args=(700_000_000, 2_000_000_000, queue))
    child.start()
    soft, hard, got, cause = queue.get(timeout=60)
    child.join()
    assert (soft, hard, got) == (700_000_000, 700_000_000, None)
    assert cause == "too large to read (over the 700 MB memory limit)"
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY  # ours untouched


def test_memory_cause_without_a_ceiling() -> None:
    if resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY:
        pytest.fail("the test process itself runs under an address-space limit")
    assert memory_cause() == "too large to read (out of memory)"


@pytest.mark.parametrize(
    "last_words",
    [
        "memory allocation of 212 bytes failed\nstack backtrace:",
        "terminate called after throwing an instance of 'std::bad_alloc'",
        "Fatal Python error: Out of memory",
        "mmap: Cannot allocate memory",
    ],
)
def test_allocation_failed_knows_native_last_words(last_words: str) -> None:
    assert allocation_failed(last_words)


@pytest.mark.parametrize("last_words", ["", "Segmentation fault", "Fatal Python error: Aborted"])
def test_allocation_failed_not_on_other_crashes(last_words: str) -> None:
    assert not allocation_failed(last_words)


def test_raster_dpi_keeps_paper_pages_at_full_resolution() -> None:
    assert raster_dpi(*A4) == 300
    assert raster_dpi(*A4, dpi=600) == 600


def test_raster_dpi_caps_the_pixel_count() -> None:
    dpi = raster_dpi(14400, 14400)
    side = 14400 / 72 * dpi
    assert side * side == pytest.approx(MAX_RASTER_PIXELS)
    assert dpi == pytest.approx(35.36, abs=0.01)
    # A0 fits only below 300 dpi, but still well above what OCR needs.
    assert 150 < raster_dpi(*A0) < 300


def test_too_large_to_rasterise() -> None:
    assert not too_large_to_rasterise(*A4)
    assert not too_large_to_rasterise(*A0)
    assert too_large_to_rasterise(14400, 14400)
    assert too_large_to_rasterise(14400, 842)  # a strip 5 metres long
    assert not too_large_to_rasterise(0, 0)


def test_oversized_page_warning() -> None:
    assert oversized_page_warning(3, *A4) is None
    assert oversized_page_warning(1, 14400, 14400) == (
        "page 1: 14400 × 14400 pt (508 × 508 cm), too large to rasterise; only its text layer"
        " is read")
