"""Read one PDF page by OCR: render it, look in the cache, else read the image and cache it."""

from __future__ import annotations

from typing import Any

import numpy as np

from ingest.limits import raster_dpi
from ingest.ocr import engine
from ingest.ocr.cache import OcrCache
from ingest.ocr.page import PageOcr, ocr_page, repair_page
from ingest.ocr.settings import OcrSettings

# A scan's own resolution is followed within these bounds: below, letters are too small to
# read; above, the pixels only cost time.
MIN_DPI, MAX_DPI = 150, 400


def page_dpi(page: Any, default: int) -> int:  # noqa: ANN401 - a pdfplumber Page
    """The resolution of the page's largest image as placed on the page, else `default`."""
    best, dpi = 0.0, default
    for im in page.images:
        width_pt = float(im["x1"]) - float(im["x0"])
        src = im.get("srcsize") or (0, 0)
        area = width_pt * (float(im["bottom"]) - float(im["top"]))
        if width_pt > 0 and src[0] and area > best:
            best, dpi = area, round(src[0] / (width_pt / 72))
    return int(min(MAX_DPI, max(MIN_DPI, dpi)))


def render_grey(page: Any, dpi: int) -> np.ndarray:  # noqa: ANN401 - a pdfplumber Page
    """The page rendered by pdfium (pypdfium2) as greyscale pixels.

    The same pixels as pdfplumber's page.to_image(resolution=dpi) (the same renderer and
    flags: no anti-aliasing) converted to greyscale by PIL, in two thirds of the time:
    pdfplumber has pdfium write four bytes a pixel and copies them to RGB; here it writes
    three, converted once.
    """
    import pypdfium2

    pdf = page.pdf
    if pdf.path:
        source = pdf.path
    else:  # opened from a stream, as pdfplumber renders it
        pdf.stream.seek(0)
        source = pdf.stream
    document = pypdfium2.PdfDocument(source, password=pdf.password)
    try:
        bitmap = document[page.page_number - 1].render(
            scale=dpi / 72, no_smoothtext=True, no_smoothpath=True, no_smoothimage=True
        )
        return np.asarray(bitmap.to_pil().convert("L"))
    finally:
        document.close()


class PageReader:
    """OCR of the pages of one file (by its sha256), through the cache in the settings."""

    def __init__(self, settings: OcrSettings, sha256: str) -> None:
        self.settings = settings
        self.sha256 = sha256
        self.cache = OcrCache(settings.cache_dir)
        self.pages_read = 0  # pages OCRed now, not found in the cache
        self.unavailable: str | None = None  # why OCR could not run, once it could not

    def read(self, page: Any, number: int) -> PageOcr:  # noqa: ANN401 - a pdfplumber Page
        """The page's OCR result, repaired. Raises engine.OcrUnavailable."""
        key = self.settings.cache_key(engine.engine_version())
        raw = self.cache.get(self.sha256, number, key)
        if raw is None:
            # Never more pixels than limits allow (a 14,400-pt page would be gigabytes).
            dpi = int(raster_dpi(page.width, page.height, page_dpi(page, self.settings.dpi)))
            raw = ocr_page(render_grey(page, dpi), dpi)
            self.cache.put(self.sha256, number, key, raw)
            self.pages_read += 1
        return repair_page(raw)
