"""From a PDF path to a validated Report: the ingest pipeline in one place.

read_document() walks the pages once (prepass, repaired text, table rows, quality);
build_report() turns that into a Report. Every way a file can be bad ends as an
IngestError with one plain-words cause; a damaged file that opens keeps what it can and
says which pages it lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.cells import page_tables
from ingest.chars import prepass_chars
from ingest.checks import check_measures
from ingest.errors import IngestError
from ingest.metadata import extract_metadata
from ingest.model import Cells, Items, Measure, PageQuality, Report, Source
from ingest.pagetext import repaired_text
from ingest.pdf import NO_TEXT, collect_pdfminer_warnings, file_facts, issued, open_pdf
from ingest.quality import page_quality
from ingest.tables import RawTable, assemble_measures, measure_rows, split_items
from ingest.thaidate import parse_periods

# Pages whose share of dictionary words falls below this are flagged to the auditor.
LOW_QUALITY = 0.80
# The cover, preface and title block sit on the first pages.
COVER_PAGES = 3


@dataclass(frozen=True)
class PageRead:
    number: int
    text: str
    tables: tuple[RawTable, ...]
    quality: PageQuality
    has_images: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    path: str
    sha256: str
    size: int
    pages: tuple[PageRead, ...]
    issued: str | None = None


def _read_page(page, number: int) -> PageRead:  # noqa: ANN001 - pdfplumber Page
    with collect_pdfminer_warnings() as log:
        try:
            chars = prepass_chars(page.chars)
            text, unmapped = repaired_text(chars)
            tables = tuple(page_tables(page, chars, number)) if chars else ()
            has_images = bool(page.images)
            failure = None
        except Exception as exc:  # a broken content stream must not lose the other pages
            chars, text, tables, has_images, unmapped = [], "", (), False, 0
            failure = f"page {number}: content could not be read ({type(exc).__name__})"
    warnings: list[str] = []
    if failure:
        warnings.append(failure)
    elif not chars and not has_images:
        # A damaged content stream reads as an empty page, often without a word from
        # pdfminer; a report has no reason to carry a truly blank page either.
        why = "damaged" if log.messages else "damaged or blank"
        warnings.append(f"page {number}: no content could be read ({why}); page lost")
    elif not chars and has_images:
        warnings.append(f"page {number}: no text layer (scanned image); needs OCR")
    quality = page_quality(number, text, unmapped)
    return PageRead(number, text, tables, quality, has_images, tuple(warnings))


def read_document(path: str | Path) -> Document:
    """Read every page of a PDF once. Raises IngestError for a file that is not usable."""
    p = Path(path)
    facts = file_facts(p)
    pdf = open_pdf(p)
    pages: list[PageRead] = []
    try:
        when = issued(pdf.metadata)
        for i, page in enumerate(pdf.pages, start=1):
            pages.append(_read_page(page, i))
            page.close()  # frees the page's layout cache: memory stays flat on long files
    finally:
        pdf.close()
    if not any(pg.text.strip() for pg in pages):
        raise IngestError(str(p), NO_TEXT)
    return Document(facts.path, facts.sha256, facts.size, tuple(pages), when)


def _measures(
    tables: Sequence[RawTable], fiscal_be: int | None
) -> tuple[list[Measure], list[str]]:
    drafts, warnings = assemble_measures(measure_rows(tables))
    measures = [
        Measure(
            number=d.number,
            pages=d.pages,
            cells=Cells(**d.cells),
            items=Items(
                steps=split_items(d.cells["steps"]), results=split_items(d.cells["results"])
            ),
            periods=tuple(parse_periods(d.cells["period"], fiscal_year=fiscal_be)),
        )
        for d in drafts
    ]
    return measures, warnings


def _check_numbering(measures: Sequence[Measure]) -> list[str]:
    """Measures out of order or repeated: worth an auditor's look, and a hint of a misread."""
    warnings = []
    seen: set[int] = set()
    for m in measures:
        if m.number in seen:
            warnings.append(f"measure {m.number} appears more than once")
        seen.add(m.number)
    return warnings


def build_report(doc: Document) -> Report:
    """The Report for a document read by read_document()."""
    cover = "\n".join(pg.text for pg in doc.pages[:COVER_PAGES])
    meta = extract_metadata(cover)
    tables = [table for pg in doc.pages for table in pg.tables]
    measures, warnings = _measures(tables, meta.fiscal_year.be if meta.fiscal_year else None)
    warnings.extend(f"page {t.page}: table read without column rules" for t in tables
                    if not t.ruled)
    for pg in doc.pages:
        warnings.extend(pg.warnings)
        if pg.text.strip() and pg.quality.quality < LOW_QUALITY:
            warnings.append(
                f"page {pg.number}: low text quality ({pg.quality.quality:.0%} dictionary words,"
                f" {pg.quality.defects} defects)"
            )
    if not meta.organization.name:
        warnings.append("no organisation name found on the cover")
    if meta.fiscal_year is None:
        warnings.append("no fiscal year found on the cover")
    if not measures:
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
        pages=tuple(pg.quality for pg in doc.pages),
        warnings=tuple(warnings),
        findings=check_measures(measures, meta.fiscal_year),
    )


def parse_pdf(path: str | Path) -> Report:
    """Parse one PDF into a Report; raises IngestError(path, cause) for a bad file."""
    return build_report(read_document(path))
