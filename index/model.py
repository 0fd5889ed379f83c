"""Records the index layer hands to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.model import Report


@dataclass(frozen=True)
class StoredReport:
    """A report as the store holds it: one version of one agency's fiscal year."""

    report_id: int
    report: Report
    current: bool
    ingested_at: str
    document_id: int


@dataclass(frozen=True)
class Hit:
    """One search hit: a measure, the column that matched best, and a highlighted snippet.

    A document with no measure table is found page by page: measure_number 0, column "page",
    the page in `pages`. `ocr`: the column's text was read by OCR; `doubtful`: with low
    confidence, so the hit may rest on a misreading.
    """

    report_id: int
    organization: str
    fiscal_year: int | None
    measure_number: int
    column: str
    snippet: str
    score: float
    source_path: str
    pages: tuple[int, ...]
    document_kind: str = "report"
    ocr: bool = False
    doubtful: bool = False
