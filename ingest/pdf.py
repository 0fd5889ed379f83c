"""Open a PDF with pdfplumber and turn every way it can fail into one plain-words cause.

pdfminer's own errors are unhelpful to an auditor (an encrypted file raises
PDFPasswordIncorrect with an empty message; a zero-byte file says "No /Root object!"), and
pdfplumber's repair mode turns a truncated file into one blank page without an error. So the
checks here look at the bytes first and treat an exception by its type, never by its text.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfplumber.utils.exceptions import PdfminerException

from ingest import actualtext
from ingest.errors import IngestError
from ingest.limits import memory_cause, too_many_pages

# Every page read from here on keeps the writer's /ActualText on its chars.
actualtext.install()

# Causes, worded for a person reading a batch summary.
EMPTY = "empty file"
NOT_PDF = "not a PDF"
ENCRYPTED = "encrypted: a password is needed"
DAMAGED = "truncated or damaged"
NO_TEXT = "no text layer: scanned pages need OCR"
UNREADABLE = "cannot be read"
# pdfminer walks page trees and resolves nested objects by recursion: a tree nested thousands
# deep (no real writer nests more than a few levels) ends in RecursionError.
NESTED = "damaged: objects nested too deeply"


@dataclass(frozen=True)
class FileFacts:
    path: str
    sha256: str
    size: int


def file_facts(path: Path) -> FileFacts:
    """sha256 and size of a file, or IngestError if it cannot be read at all."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise IngestError(str(path), "is a folder, not a file") from exc
    except OSError as exc:
        raise IngestError(str(path), f"{UNREADABLE}: {exc.strerror or exc}") from exc
    return FileFacts(str(path), hashlib.sha256(data).hexdigest(), len(data))


def sniff(head: bytes, tail: bytes, size: int) -> str | None:
    """A cause from the bytes alone, before any parser runs; None when they look like a PDF."""
    if size == 0:
        return EMPTY
    # The header may follow a little junk (some servers prepend a BOM or whitespace).
    if b"%PDF-" not in head[:1024]:
        return NOT_PDF
    if b"%%EOF" not in tail and b"startxref" not in tail:
        return DAMAGED
    return None


class _WarningCollector(logging.Handler):
    """pdfminer reports broken content streams only as log warnings; keep them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def collect_pdfminer_warnings() -> Iterator[_WarningCollector]:
    """Capture pdfminer's warnings instead of letting them reach stderr."""
    handler = _WarningCollector()
    logger = logging.getLogger("pdfminer")
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def unwrapped(exc: BaseException) -> BaseException:
    """The exception pdfminer raised, out of the PdfminerException pdfplumber wraps it in."""
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def cause_of(exc: BaseException) -> str:
    """The plain-words cause for an exception pdfplumber or pdfminer raised while reading."""
    inner = unwrapped(exc)
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return ENCRYPTED
    if isinstance(inner, RecursionError):
        return NESTED
    if isinstance(inner, MemoryError):
        return memory_cause()
    # PSEOF, PDFSyntaxError and the bare KeyErrors of a broken page tree all mean the same
    # thing to a reader: the bytes are not a whole PDF.
    return DAMAGED


_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def pdf_date(value: object) -> str | None:
    """A PDF date string ("D:20251125120000+07'00'") as ISO 8601 local time, or None."""
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    if not isinstance(value, str):
        return None
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    year, month, day, hour, minute, second = (g or d for g, d in zip(
        m.groups(), ("", "01", "01", "00", "00", "00"), strict=True))
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}"


def issued(metadata: dict[str, object]) -> str | None:
    """When the document was last written, from its Info dictionary."""
    return pdf_date(metadata.get("ModDate")) or pdf_date(metadata.get("CreationDate"))


def count_pages(pdf: pdfplumber.PDF) -> int:
    """Pages in the page tree, counted without building pdfplumber's Page objects."""
    return sum(1 for _ in PDFPage.create_pages(pdf.doc))


def open_pdf(path: Path, max_pages: int | None = None) -> pdfplumber.PDF:
    """Open a PDF for reading or raise IngestError(path, cause).

    A file with more than `max_pages` pages is refused before any page is read.
    """
    size = path.stat().st_size if path.exists() else -1
    if size < 0:
        raise IngestError(str(path), "no such file")
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    cause = sniff(head, tail, size)
    if cause:
        raise IngestError(str(path), cause)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises bare KeyError/TypeError on broken trees too
        raise IngestError(str(path), cause_of(exc)) from exc
    try:
        cause = too_many_pages(count_pages(pdf), max_pages) if max_pages else None
        # Loading pdfplumber's pages forces the whole page tree to load, where damage shows.
        cause = cause or (None if pdf.pages else DAMAGED)
    except Exception as exc:
        cause = cause_of(exc)
    if cause:
        # Not pdf.close(): it loads every page first, which is what just failed or was refused.
        pdf.stream.close()
        raise IngestError(str(path), cause)
    return pdf
