"""The error a bad input raises (the file and a plain-words cause), any exception as that one
line of cause, and OCR's missing engine."""

from __future__ import annotations

from ingest.limits import memory_cause


class IngestError(Exception):
    """A file that cannot become a Report. str() is the one line a user sees."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


def one_line(exc: BaseException) -> str:
    """An exception as one line; an IngestError's cause is already the plain-words reason."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, str) and cause:
        text = cause
    elif isinstance(exc, MemoryError):
        text = memory_cause()
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return " ".join(text.split())


# What a machine without tesseract's Thai data is told to install.
OCR_UNAVAILABLE = "OCR unavailable: install tesseract-ocr, tesseract-ocr-tha and tesseract-ocr-eng"


class OcrUnavailable(RuntimeError):
    """Tesseract or its Thai data is missing; str() says what to install."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(OCR_UNAVAILABLE + (f" ({detail})" if detail else ""))
