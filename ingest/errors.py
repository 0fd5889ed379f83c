"""The error a bad input raises (the file and a plain-words cause), and OCR's missing engine."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot become a Report. str() is the one line a user sees."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


# What a machine without tesseract's Thai data is told to install.
OCR_UNAVAILABLE = "OCR unavailable: install tesseract-ocr, tesseract-ocr-tha and tesseract-ocr-eng"


class OcrUnavailable(RuntimeError):
    """Tesseract or its Thai data is missing; str() says what to install."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(OCR_UNAVAILABLE + (f" ({detail})" if detail else ""))
