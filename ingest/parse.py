"""From a PDF path to a validated Report: the ingest pipeline in one place.

read_document() walks the pages once (prepass, repaired text, table rows, quality);
build_report() turns that into a Report. Every way a file can be bad ends as an
IngestError with one plain-words cause; a damaged file that opens keeps what it can and
says which pages it lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.cells import page_tables
from ingest.celltext import DICTIONARY, Breaks, writer_breaks
from ingest.chars import page_words, prepass_chars
from ingest.checks import check_measures
from ingest.continued import OpenTable
from ingest.errors import IngestError, OcrUnavailable, one_line
from ingest.guard import guarded
from ingest.headers import missing_fields
from ingest.limits import (
    DEFAULT_LIMITS,
    Limits,
    allocation_failed,
    oversized_page_warning,
    too_large_to_rasterise,
)
from ingest.metadata import KIND_FIELDS, document_kind, extract_metadata
from ingest.model import COLUMN_TITLES, Cells, Items, Measure, PageQuality, Report, Source
from ingest.ocr.policy import image_cover, needs_ocr
from ingest.ocr.repair import renumber_measures, repair_ocr_cell
from ingest.ocr.settings import OcrSettings
from ingest.pagetext import repaired_text
from ingest.pdf import (
    NO_TEXT,
    collect_pdfminer_warnings,
    file_facts,
    issued,
    open_pdf,
    unwrapped,
)
from ingest.quality import page_quality
from ingest.structure import carried, carried_warnings, page_count_warning
from ingest.tables import MeasureDraft, RawTable, assemble_measures, measure_rows, split_items
from ingest.thaidate import parse_periods

# Pages whose share of dictionary words falls below this are flagged to the auditor.
LOW_QUALITY = 0.80
# The cover, preface and title block sit on the first pages.
COVER_PAGES = 3
# A scanned file (every page read by OCR) without a measure table is not kept: it is most
# likely a photo or a scanned letter, and its OCR text is not worth searching.
SCANNED_NO_TABLE = "scanned, but no measure table found"


@dataclass(frozen=True)
class PageRead:
    number: int
    text: str
    tables: tuple[RawTable, ...]
    quality: PageQuality
    has_images: bool
    warnings: tuple[str, ...]
    # A table without column rules that runs to the page's foot, for the next page to carry on.
    handed: OpenTable | None = None


@dataclass(frozen=True)
class Document:
    path: str
    sha256: str
    size: int
    pages: tuple[PageRead, ...]
    issued: str | None = None
    warnings: tuple[str, ...] = ()  # about the file as a whole: active content, page tree


class _Ocr:
    """The OCR reader of one file, made when a page first needs it: OpenCV and tesseract add
    about 400 MB of address space to a process, which a typed report never needs and a worker's
    memory ceiling counts."""

    def __init__(self, settings: OcrSettings, sha256: str) -> None:
        self.settings = settings
        self.sha256 = sha256
        self.unavailable: str | None = None  # why OCR could not run, once it could not
        self._reader = None

    def read(self, page, number: int):  # noqa: ANN001, ANN201 - a pdfplumber Page; a PageOcr
        if self._reader is None:
            from ingest.ocr.reader import PageReader

            self._reader = PageReader(self.settings, self.sha256)
        return self._reader.read(page, number)


def _read_page(  # noqa: ANN001 - a pdfplumber Page
    page,
    number: int,
    reader: _Ocr | None = None,
    breaks: Breaks = DICTIONARY,
    carried: OpenTable | None = None,
) -> PageRead:
    """One page from its text layer, or by OCR where the reader's mode says it needs it;
    `breaks` says how the file's writer broke Thai lines (ingest/celltext.py), `carried` is
    the table without column rules the page before ran to its foot (ingest/continued.py)."""
    with collect_pdfminer_warnings() as log:
        try:
            chars = prepass_chars(page.chars)
            words = page_words(chars)  # for the page text, and a table without rules
            text, unmapped = repaired_text(chars, words)
            found, handed = (
                page_tables(page, chars, number, breaks, words, carried) if chars else ([], None)
            )
            tables = tuple(found)
            has_images = bool(page.images)
            cover = image_cover(page.images, page.width, page.height) if has_images else 0.0
            failure = None
        except Exception as exc:  # a broken content stream must not lose the other pages
            if isinstance(unwrapped(exc), MemoryError):
                raise MemoryError from exc  # but the file is too large to read: not one page
            chars, text, tables, has_images, unmapped, cover = [], "", (), False, 0, 0.0
            handed = None
            failure = f"page {number}: content could not be read ({type(exc).__name__})"
    warnings: list[str] = []
    if failure:
        warnings.append(failure)
    elif not chars and not has_images:
        # A damaged content stream reads as an empty page, often without a word from
        # pdfminer; a report has no reason to carry a truly blank page either.
        why = "damaged" if log.messages else "damaged or blank"
        warnings.append(f"page {number}: no content could be read ({why}); page lost")
    quality = page_quality(number, text, unmapped)
    read = PageRead(number, text, tables, quality, has_images, tuple(warnings), handed)
    if (
        failure is None
        and reader is not None
        and needs_ocr(reader.settings.mode, len(chars), cover, quality.quality)
        and not too_large_to_rasterise(page.width, page.height)  # warned about by the caller
    ):
        return _read_by_ocr(page, read, reader)
    if not chars and has_images:
        why = "OCR is off (--ocr never)" if reader is None else "needs OCR"
        return replace(read, warnings=(
            *read.warnings, f"page {number}: no text layer (scanned image); {why}"))
    return read


def _read_by_ocr(page, read: PageRead, reader: _Ocr) -> PageRead:  # noqa: ANN001
    """The page read by OCR; on failure the text-layer reading with a warning saying why."""
    number = read.number
    try:
        result = reader.read(page, number)
    except OcrUnavailable as exc:
        reader.unavailable = str(exc)
        return replace(read, warnings=(*read.warnings, f"page {number}: {exc}"))
    except Exception as exc:  # noqa: BLE001 - one page's OCR failing must not lose the rest
        if isinstance(exc, MemoryError) or allocation_failed(str(exc)):
            # Not this page's fault: the worker's memory ceiling is too low for OCR (OpenCV
            # says "std::bad_alloc"), and the file fails as too large to read, not as a scan
            # that has no text.
            raise MemoryError from exc
        cause = one_line(exc)  # tesseract's errors run over several lines
        return replace(read, warnings=(*read.warnings, f"page {number}: OCR failed ({cause})"))
    tables = tuple(RawTable(number, t.rows, t.confidence) for t in result.tables)
    quality = replace(
        page_quality(number, result.text), source="ocr", confidence=result.confidence
    )
    return PageRead(number, result.text, tables, quality, True, read.warnings)


def read_document(
    path: str | Path, ocr: OcrSettings | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read every page of a PDF once. Raises IngestError for a file that is not usable,
    or that goes past `limits` (ingest/limits.py, ingest/guard.py).

    `ocr` says when pages are read by OCR (default: auto, no cache).
    """
    settings = ocr or OcrSettings()
    p = Path(path)
    facts = file_facts(p)
    reader = None if settings.mode == "never" else _Ocr(settings, facts.sha256)
    pages: list[PageRead] = []
    with guarded(p, limits):
        pdf = open_pdf(p, limits.max_pages)
        try:
            when = issued(pdf.metadata)
            breaks = writer_breaks(pdf.metadata)
            notes = carried_warnings(carried(pdf.doc, p))
            if damaged := page_count_warning(pdf.doc, len(pdf.pages)):
                notes.append(damaged)
            for i, page in enumerate(pdf.pages, start=1):
                if huge := oversized_page_warning(i, page.width, page.height):
                    notes.append(huge)
                open_table = pages[-1].handed if pages else None
                pages.append(_read_page(page, i, reader, breaks, open_table))
                page.close()  # frees the page's layout cache: memory stays flat on long files
        finally:
            pdf.close()
    if not any(pg.text.strip() for pg in pages):
        if reader and reader.unavailable:
            raise IngestError(str(p), reader.unavailable)
        if any(pg.quality.source == "ocr" for pg in pages):
            raise IngestError(str(p), SCANNED_NO_TABLE)  # OCR ran and read nothing
        raise IngestError(str(p), NO_TEXT)
    return Document(facts.path, facts.sha256, facts.size, tuple(pages), when, tuple(notes))


def _measures(drafts: Sequence[MeasureDraft], fiscal_be: int | None) -> list[Measure]:
    measures = []
    for d in drafts:
        # OCR-read cells get the repairs that need the report's context (its fiscal year).
        cells = _ocr_cells(d, fiscal_be) if d.confidence else d.cells
        extra = tuple((name, repair_ocr_cell(text, fiscal_be)) for name, text in d.extra) \
            if d.confidence else d.extra
        measures.append(Measure(
            number=d.number,
            pages=d.pages,
            cells=Cells(**cells),
            items=Items(steps=split_items(cells["steps"]), results=split_items(cells["results"])),
            periods=tuple(parse_periods(cells["period"], fiscal_year=fiscal_be)),
            extra=extra,
            confidence=tuple((k, round(c, 4)) for k, c in d.confidence.items()),
        ))
    return measures


def _missing_columns(kind: str, fields: frozenset[str]) -> list[str]:
    """One warning naming every column the document's kind expects and its tables lack."""
    missing = missing_fields(fields, KIND_FIELDS[kind])
    if not missing:
        return []
    names = ", ".join(f"{COLUMN_TITLES[k]} ({k})" for k in missing)
    return [f"measure table has no column for {names}: left empty"]


def _renumbered(tables: Sequence[RawTable]) -> list[RawTable]:
    """The tables with the measure numbers of OCR-read rows put back in sequence."""
    if not any(t.confidence for t in tables):
        return list(tables)
    firsts = [row[0] if row else "" for t in tables if t.confidence for row in t.rows]
    fixed = iter(renumber_measures(firsts))
    out = []
    for t in tables:
        if t.confidence:
            rows = tuple((next(fixed), *row[1:]) if row else (next(fixed),) and row
                         for row in t.rows)
            t = replace(t, rows=rows)
        out.append(t)
    return out


def _ocr_cells(draft: MeasureDraft, fiscal_be: int | None) -> dict[str, str]:
    """An OCR-read measure's cells with the repairs that need the report's context."""
    return {k: repair_ocr_cell(v, fiscal_be) for k, v in draft.cells.items()}


def _check_numbering(measures: Sequence[Measure]) -> list[str]:
    """Measures out of order or repeated: worth an auditor's look, and a hint of a misread."""
    warnings = []
    seen: set[int] = set()
    for m in measures:
        if m.number in seen:
            warnings.append(f"measure {m.number} appears more than once")
        seen.add(m.number)
    return warnings


def _ruleless_warning(table: RawTable) -> str:
    """What the auditor is told about a table read without column rules."""
    if table.continued:
        return (
            f"page {table.page}: table read without column rules, as the continuation of"
            f" page {table.page - 1}'s (no header on the page)"
        )
    return f"page {table.page}: table read without column rules"


def build_report(doc: Document) -> Report:
    """The Report for a document read by read_document()."""
    cover = "\n".join(pg.text for pg in doc.pages[:COVER_PAGES])
    meta = extract_metadata(cover)
    tables = [table for pg in doc.pages for table in pg.tables]
    assembly = assemble_measures(measure_rows(_renumbered(tables)))
    measures = _measures(assembly.measures, meta.fiscal_year.be if meta.fiscal_year else None)
    kind = document_kind(meta.title, bool(measures), assembly.fields)
    warnings = [*doc.warnings, *assembly.warnings]
    if measures:
        warnings.extend(_missing_columns(kind, assembly.fields))
    warnings.extend(_ruleless_warning(t) for t in tables if not t.ruled)
    for pg in doc.pages:
        warnings.extend(pg.warnings)
        if pg.text.strip() and pg.quality.quality < LOW_QUALITY:
            warnings.append(
                f"page {pg.number}: low text quality ({pg.quality.quality:.0%} dictionary words,"
                f" {pg.quality.defects} defects)"
            )
        if pg.quality.low_confidence:
            warnings.append(
                f"page {pg.number}: read by OCR with low confidence"
                f" ({pg.quality.confidence:.0%}); check it against the scan"
            )
    if not meta.organization.name:
        warnings.append("no organisation name found on the cover")
    if meta.fiscal_year is None:
        warnings.append("no fiscal year found on the cover")
    if not measures:
        if all(pg.quality.source == "ocr" for pg in doc.pages if pg.text.strip()):
            raise IngestError(doc.path, SCANNED_NO_TABLE)
        warnings.append("no measure table found")
    warnings.extend(_check_numbering(measures))
    return Report(
        source=Source(
            path=doc.path,
            sha256=doc.sha256,
            pages=len(doc.pages),
            size=doc.size,
            issued=doc.issued,
        ),
        title=meta.title,
        organization=meta.organization,
        fiscal_year=meta.fiscal_year,
        measures=tuple(measures),
        pages=tuple(replace(pg.quality, text=pg.text) for pg in doc.pages),
        warnings=tuple(warnings),
        findings=tuple(
            # A column the tables do not have is one warning above, not a finding per measure.
            f
            for f in check_measures(measures, meta.fiscal_year)
            if not (f.kind == "empty_cell" and f.column not in assembly.fields)
        ),
        document_kind=kind,
    )


def parse_pdf(
    path: str | Path, ocr: OcrSettings | None = None, limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Parse one PDF into a Report; raises IngestError(path, cause) for a bad file.

    `ocr` says when scanned pages are read by OCR (default: auto, no cache); `limits` how
    much a file may cost before it is refused (ingest/limits.py).
    """
    return build_report(read_document(path, ocr, limits))
