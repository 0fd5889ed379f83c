"""Tesseract through tesserocr: the model stays loaded, one API object per process.

Per-cell OCR makes thousands of calls a report; starting a tesseract process for each (as
pytesseract does) would cost more than the recognition. tesserocr keeps one TessBaseAPI per
process, created on first use, so a forked worker builds its own and the parent builds none.

PyPI's tesserocr wheel bundles its own tesseract library but no language data, and looks in
'./' unless it is given a path; the data comes from Debian's tesseract-ocr-tha and
tesseract-ocr-eng (found through TESSDATA_PREFIX or the Debian paths).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import OCR_UNAVAILABLE, OcrUnavailable  # noqa: F401 - part of this API

LANGUAGES = "tha+eng"
# Short Thai lines of abbreviations and digits ("ต.ค. ๖๗") tempt tha+eng into Latin
# ("A.A. mo"); such a line is read again with Thai alone and the surer reading kept.
THAI_ONLY = "tha"

# Where Debian and a source build put the language data; TESSDATA_PREFIX comes first.
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
UNAVAILABLE = OCR_UNAVAILABLE

# Page segmentation modes used here (tesseract's numbering).
PSM_AUTO = 3  # a page or region of several blocks: layout analysis
PSM_COLUMN = 4  # one column of lines of any size: a table cell
PSM_BLOCK = 6  # one uniform block of text
PSM_LINE = 7  # one line of text: a line of a table cell


@dataclass(frozen=True)
class Recognised:
    """Text of one image region and the engine's mean word confidence, 0 to 1."""

    text: str
    confidence: float


def tessdata_dir(environ: dict[str, str] | None = None) -> Path | None:
    """The first folder holding tha and eng traineddata: TESSDATA_PREFIX, then Debian's."""
    env = os.environ if environ is None else environ
    candidates: list[Path] = []
    prefix = env.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [Path(prefix), Path(prefix) / "tessdata"]
    candidates += [Path(d) for d in TESSDATA_DIRS]
    for folder in candidates:
        if all((folder / f"{lang}.traineddata").is_file() for lang in LANGUAGES.split("+")):
            return folder
    return None


@cache
def engine_version() -> str:
    """tesseract's version and the language data's size, for cache keys: a new model is a
    new key. Raises OcrUnavailable."""
    tesserocr = _module()
    folder = _folder()
    sizes = "-".join(
        str((folder / f"{lang}.traineddata").stat().st_size) for lang in LANGUAGES.split("+")
    )
    return f"{tesserocr.tesseract_version().split()[1]}/{LANGUAGES}/{sizes}"


def check_available() -> None:
    """Raise OcrUnavailable unless tesserocr imports and the Thai data is installed."""
    _module()
    _folder()


def _module() -> Any:  # noqa: ANN401 - the tesserocr module
    # One thread per recognition: the worker pool already runs one process per core, and
    # OpenMP threads on top only fight over them. Read when the library loads, so set first.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as exc:  # no wheel for this platform, or a broken install
        raise OcrUnavailable(f"tesserocr: {exc}") from exc
    return tesserocr


def _folder() -> Path:
    folder = tessdata_dir()
    if folder is None:
        raise OcrUnavailable("no tha.traineddata and eng.traineddata found")
    return folder


_API: dict[tuple[int, str], Any] = {}  # (pid, languages) -> TessBaseAPI, this process's


def _api(languages: str = LANGUAGES) -> Any:  # noqa: ANN401 - a tesserocr.PyTessBaseAPI
    pid = os.getpid()
    api = _API.get((pid, languages))
    if api is None:
        tesserocr = _module()
        api = tesserocr.PyTessBaseAPI(
            path=str(_folder()) + os.sep, lang=languages, oem=tesserocr.OEM.LSTM_ONLY
        )
        # Keep the spaces tesseract sees between words of a line: without this it puts a
        # space between every Thai letter.
        api.SetVariable("preserve_interword_spaces", "1")
        for key in [k for k in _API if k[0] != pid]:  # a forked worker drops its parent's
            del _API[key]
        _API[(pid, languages)] = api
    return api


def recognise(image: np.ndarray, psm: int = PSM_COLUMN, dpi: int = 300) -> Recognised:
    """OCR a greyscale image (uint8, dark text on white) as one region.

    Thai digits are read again from the image (ingest/ocr/digits.py): the Thai model cannot
    write five of the ten.
    """
    read = _read(_api(), image, psm, dpi)
    if any(ch.isascii() and ch.isalpha() for ch in read.text):
        thai = _read(_api(THAI_ONLY), image, psm, dpi)
        # Only if it is surer: a real Latin word (OIT, No Gift Policy) read as Thai is not.
        if thai.confidence > read.confidence:
            read = thai
    return read


def _read(api: Any, image: np.ndarray, psm: int, dpi: int) -> Recognised:  # noqa: ANN401
    from PIL import Image

    from ingest.ocr.digits import READ_AS_DIGIT, reread_digits

    api.SetPageSegMode(psm)
    api.SetImage(Image.fromarray(image))
    api.SetSourceResolution(dpi)
    text = api.GetUTF8Text().strip("\n\f ")
    confidences = [c for c in api.AllWordConfidences() if c >= 0]
    confidence = sum(confidences) / len(confidences) / 100 if confidences else 0.0
    if any(ch in READ_AS_DIGIT for ch in text):
        text = reread_digits(text, image, _symbols(api))
    return Recognised(text, round(confidence, 4))


def _symbols(api: Any) -> list[tuple[str, tuple[int, int, int, int]]]:  # noqa: ANN401
    """The symbols tesseract read, in order, with their boxes."""
    import tesserocr

    level = tesserocr.RIL.SYMBOL
    out = []
    iterator = api.GetIterator()
    for r in tesserocr.iterate_level(iterator, level):
        text = r.GetUTF8Text(level)
        box = r.BoundingBox(level)
        if text and box:
            out.append((text, tuple(box)))
    return out
