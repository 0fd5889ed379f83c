"""The Report record: what every later stage (store, index, TUI) receives from ingest.

Plain frozen dataclasses, so that a stage can hand data on without sharing behaviour.
Cells keep the text as the document writes it (Thai digits stay Thai digits); normalised
forms such as periods are derived fields beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SCHEMA = "raingan.report/2"
# Bodies written by earlier versions that report_from_dict still reads (and upgrades).
OLD_SCHEMAS = ("raingan.report/1",)

# What a document is: an ITA results report, the measure plan published before the year, or
# anything else an agency's folder holds (an order, a budget book, a form).
DOCUMENT_KINDS = ("report", "plan", "other")

# Where a page's text came from: its PDF text layer, or OCR of its image.
TEXT_SOURCES = ("text", "ocr")
# An OCR confidence (0 to 1) below this marks a page or a cell as doubtful.
LOW_OCR_CONFIDENCE = 0.80

# The six columns of the measure table, in document order: (key, Thai header as printed).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("measure", "มาตรการ/โครงการ/กิจกรรม"),
    ("steps", "ขั้นตอนหรือวิธีการปฏิบัติ"),
    ("responsible", "ผู้รับผิดชอบ"),
    ("period", "ระยะเวลาดำเนินการ"),
    ("results", "ผลการดำเนินการ"),
    ("outcome", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"),
)
COLUMN_KEYS: tuple[str, ...] = tuple(k for k, _ in COLUMNS)
COLUMN_TITLES: dict[str, str] = dict(COLUMNS)

# Organisation kinds, by the short name an auditor uses.
ORG_KINDS = ("อบต.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "อบจ.", "other")


@dataclass(frozen=True)
class Period:
    """A span of days named in the text, inclusive at both ends."""

    start: dt.date
    end: dt.date
    kind: str  # date, month, month_range, day_range, quarter, fiscal_year, year, year_range
    text: str  # the matched span as written


@dataclass(frozen=True)
class FiscalYear:
    """A Thai government fiscal year: 1 October of be-1 to 30 September of be."""

    be: int
    ce: int
    start: dt.date
    end: dt.date

    @classmethod
    def from_be(cls, be: int) -> FiscalYear:
        ce = be - 543
        return cls(be=be, ce=ce, start=dt.date(ce - 1, 10, 1), end=dt.date(ce, 9, 30))


@dataclass(frozen=True)
class Organization:
    name: str
    kind: str  # one of ORG_KINDS
    district: str | None = None
    province: str | None = None


@dataclass(frozen=True)
class Cells:
    """The six cells of one measure, text as written, wrapped lines joined."""

    measure: str = ""
    steps: str = ""
    responsible: str = ""
    period: str = ""
    results: str = ""
    outcome: str = ""

    def get(self, key: str) -> str:
        return getattr(self, key)

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in COLUMN_KEYS}


@dataclass(frozen=True)
class Items:
    """Numbered sub-items of the steps and results cells, text as written."""

    steps: tuple[str, ...] = ()
    results: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One row of the measure table, continuation rows merged.

    `extra` holds the cells of columns that have no canonical field (ลำดับ, งบประมาณ,
    หมายเหตุ, ตัวชี้วัด, …) as (header as printed, text as written), in column order.
    `confidence` is set only for OCR text: (column key or extra name, 0..1) per cell read.
    """

    number: int
    pages: tuple[int, ...]
    cells: Cells
    items: Items = field(default_factory=Items)
    periods: tuple[Period, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    confidence: tuple[tuple[str, float], ...] = ()

    @property
    def from_ocr(self) -> bool:
        return bool(self.confidence)

    def low_confidence(self) -> tuple[str, ...]:
        """The cells (column keys or extra names) whose OCR confidence is low."""
        return tuple(k for k, c in self.confidence if c < LOW_OCR_CONFIDENCE)


@dataclass(frozen=True)
class PageQuality:
    """How trustworthy one page's text is: quality is the share of dictionary words.

    `source` says where the text came from ("text" layer or "ocr"); an OCR page also has the
    engine's mean confidence, 0 to 1. `text` is the page's repaired text in reading order, so
    that a document with no measure table is still searchable.
    """

    number: int
    chars: int
    quality: float
    defects: int
    source: str = "text"
    confidence: float | None = None
    text: str = ""

    @property
    def low_confidence(self) -> bool:
        return self.confidence is not None and self.confidence < LOW_OCR_CONFIDENCE


@dataclass(frozen=True)
class Finding:
    """Something in the report worth an auditor's look (ingest/checks.py says what is checked)."""

    kind: str
    measure: int | None
    column: str | None
    text: str  # as written
    message: str


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    pages: int
    size: int = 0
    # When the PDF says it was made (ModDate, else CreationDate), ISO 8601; decides which of
    # two versions of one agency's year is the newer.
    issued: str | None = None


@dataclass(frozen=True)
class Report:
    source: Source
    title: str
    organization: Organization
    fiscal_year: FiscalYear | None
    measures: tuple[Measure, ...]
    pages: tuple[PageQuality, ...]
    warnings: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    document_kind: str = "report"  # one of DOCUMENT_KINDS
    schema: str = SCHEMA

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.pages if p.source == "ocr")
