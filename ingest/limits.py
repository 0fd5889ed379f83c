"""What one file may cost a reader: pages, inflated bytes, memory, raster size; and the causes.

A file past any of these limits fails alone with a cause starting "too large to read", and the
rest of a batch goes on. Sizes are decimal (1 MB = 1,000,000 bytes) both when parsed from an
option ("2G") and when shown in a cause, so what a user types is what they read back.

The functions here are pure except machine_memory() and set_memory_ceiling(), which read and
set the operating system's figures.
"""

from __future__ import annotations

import math
import os
import re
import resource
from dataclasses import dataclass
from pathlib import Path

TOO_LARGE = "too large to read"

# About 70 s of parsing at the measured 14 pages/s: a file at the limit still fits in the
# default 120 s time limit. ITA reports run to tens of pages; a longer file is refused at once
# rather than after two minutes of a worker's time.
DEFAULT_MAX_PAGES = 1000
# All FlateDecode streams of one file together, once inflated. The largest real report seen
# inflates to 1 MB in all (0.34 MB for its largest stream); pdfminer needs about 5 s per MB of
# dense text operators, so a file anywhere near this budget could not be read in time anyway.
DEFAULT_MAX_INFLATED = 256_000_000
# The share of the machine's memory that all parsing workers together may take; no worker gets
# less than the floor, which holds a parser reading an ordinary report several times over
# (a worker's address space is about 140 MB after a 22-page report).
MEMORY_SHARE = 0.75
MIN_MEMORY_CEILING = 512_000_000

# Rasterising (for OCR): a 300 dpi render is capped at this many pixels (A2 at 300 dpi is
# 35 Mpx, 35 MB grey, 140 MB as pdfium's BGRA), and a page that would have to be rendered
# below MIN_RASTER_DPI to fit is too large to rasterise: OCR at that resolution reads nothing.
RASTER_DPI = 300.0
MAX_RASTER_PIXELS = 50_000_000
MIN_RASTER_DPI = 150.0
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Limits:
    """Limits applied while one file is read (see read_document)."""

    max_pages: int = DEFAULT_MAX_PAGES
    max_inflated: int = DEFAULT_MAX_INFLATED


DEFAULT_LIMITS = Limits()


_UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from "512M", "2G", "1.5GB" or a plain number of bytes; ValueError otherwise."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (try 512M or 2G)")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def format_size(n: int) -> str:
    """A byte count as people say it: 512 MB, 8.8 GB (decimal units, like parse_size)."""
    for unit, scale in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            value = n / scale
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{text.removesuffix('.0')} {unit}"
    return f"{n} bytes"


def too_many_pages(pages: int, limit: int) -> str | None:
    """The cause for a file with `pages` pages under a `limit`, or None when it is within it."""
    if pages <= limit:
        return None
    return f"{TOO_LARGE} ({pages} pages, over the {limit}-page limit)"


def inflated_cause(limit: int) -> str:
    """The cause for a file whose compressed streams inflate past `limit` bytes."""
    return f"{TOO_LARGE} (its compressed streams inflate past {format_size(limit)})"


def memory_cause(limit: int | None = None) -> str:
    """The cause for a parse that ran out of memory; `limit` defaults to this process's ceiling."""
    if limit is None:
        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = None if soft == resource.RLIM_INFINITY else soft
    if limit is None:
        return f"{TOO_LARGE} (out of memory)"
    return f"{TOO_LARGE} (over the {format_size(limit)} memory limit)"


KILLED_CAUSE = f"{TOO_LARGE} (its worker was killed, most likely out of memory)"
# What native code prints on its way down when an allocation fails under the ceiling: Rust's
# default handler (nlpo3) aborts after "memory allocation of N bytes failed", C++ after an
# uncaught std::bad_alloc; C libraries mostly say "out of memory" or strerror(ENOMEM).
_ALLOCATION_FAILED = re.compile(
    r"memory allocation of \d+ bytes failed|std::bad_alloc|out of memory|cannot allocate memory",
    re.IGNORECASE,
)


def allocation_failed(stderr_tail: str) -> bool:
    """Whether a crashed process's last words say that an allocation failed."""
    return bool(_ALLOCATION_FAILED.search(stderr_tail))


def default_memory_ceiling(total: int, workers: int) -> int:
    """Bytes one of `workers` parsing processes may take on a machine with `total` bytes."""
    share = int(total * MEMORY_SHARE) // max(1, workers)
    return max(MIN_MEMORY_CEILING, share)


def _cgroup_limit() -> int | None:
    """The memory limit of this process's control group (containers), if there is one."""
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = Path(path).read_text(encoding="ascii").strip()
        except OSError:
            continue
        if text.isdigit():
            return int(text)
    return None


def machine_memory() -> int:
    """Physical memory in bytes, or the container's limit when that is lower."""
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    cgroup = _cgroup_limit()
    return min(total, cgroup) if cgroup else total


def set_memory_ceiling(limit: int) -> None:
    """Cap this process's address space at `limit` bytes (RLIMIT_AS), for good.

    The address space bounds the resident memory from above, so the process can never hold more
    than `limit`; past it, allocations fail (Python raises MemoryError) instead of the machine
    swapping or the OOM killer picking a victim. Child processes inherit the cap. Meant for a
    worker right after fork: the hard limit is lowered too, so nothing in it can lift the cap.
    """
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def raster_dpi(
    width_pt: float,
    height_pt: float,
    dpi: float = RASTER_DPI,
    max_pixels: int = MAX_RASTER_PIXELS,
) -> float:
    """The resolution to render a page of this size at: `dpi`, or less so it fits max_pixels."""
    pixels = (abs(width_pt) / POINTS_PER_INCH * dpi) * (abs(height_pt) / POINTS_PER_INCH * dpi)
    if pixels <= max_pixels:
        return dpi
    return dpi * math.sqrt(max_pixels / pixels)


def too_large_to_rasterise(
    width_pt: float,
    height_pt: float,
    dpi: float = RASTER_DPI,
    max_pixels: int = MAX_RASTER_PIXELS,
    min_dpi: float = MIN_RASTER_DPI,
) -> bool:
    """True when a page could only be rendered within max_pixels below `min_dpi`."""
    return raster_dpi(width_pt, height_pt, dpi, max_pixels) < min_dpi


def oversized_page_warning(number: int, width_pt: float, height_pt: float) -> str | None:
    """The warning for a page too large to rasterise, or None for a page of a sane size."""
    if not too_large_to_rasterise(width_pt, height_pt):
        return None
    w_cm, h_cm = (abs(v) / POINTS_PER_INCH * 2.54 for v in (width_pt, height_pt))
    return (
        f"page {number}: {abs(width_pt):.0f} × {abs(height_pt):.0f} pt ({w_cm:.0f} × {h_cm:.0f}"
        " cm), too large to rasterise; only its text layer is read"
    )
