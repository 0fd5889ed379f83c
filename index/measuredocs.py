"""What a stored report becomes in the measure index: one Whoosh document per measure.

A document with no measure table becomes one document per page with text instead (its number
0, the page in `pages`), so that it is still found. Each carries its text parts (the six
cells, the extra cells as one text, the page), their squeezed copy (index.search.encode_cells,
which the substring index reads), what the filters and hits need (report id, agency and its
kind, year, document kind, province, source path, pages) and which parts OCR read, and which
with low confidence. index.fulltext writes them in batches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from index.model import StoredReport
from index.search import TEXT_PARTS, encode_cells, encode_part
from ingest.model import COLUMN_KEYS, Measure


def extra_text(measure: Measure) -> str:
    """A measure's extra cells as one text part: a "header: text" line each."""
    return "\n".join(f"{name}: {text}" for name, text in measure.extra if text.strip())


def measure_documents(stored: StoredReport) -> Iterator[dict[str, Any]]:
    """Whoosh documents for one stored report: one per measure, or, for a document with no
    measure table, one per page with text (its number 0, the page in `pages`)."""
    report = stored.report
    org = report.organization
    rid = stored.report_id
    base: dict[str, Any] = {
        "rid": str(rid),
        "report_id": rid,
        "agency": org.name,
        "kind": org.kind,
        "doctype": report.document_kind,
        "province": org.province or "",
        "norm_agency": encode_part(org.name),
        "norm_province": encode_part(org.province or ""),
        "source_path": report.source.path,
    }
    if report.fiscal_year is not None:
        base["year"] = report.fiscal_year.be
    for index, m in enumerate(report.measures):
        parts = {
            **{key: m.cells.get(key) for key in COLUMN_KEYS},
            "extra": extra_text(m),
            "page": "",
        }
        ocr = [key for key, _ in m.confidence]
        doubtful = list(m.low_confidence())
        if any(name in doubtful for name, _ in m.extra):
            doubtful.append("extra")
        yield {
            **base,
            "id": f"{rid}:{index}",
            "number": m.number,
            "norm_text": encode_cells(parts[key] for key in TEXT_PARTS),
            "pages": list(m.pages),
            "ocr": ["extra" if k not in COLUMN_KEYS else k for k in ocr],
            "doubtful": doubtful,
            **parts,
        }
    if report.measures:
        return
    for page in report.pages:
        if not page.text.strip():
            continue
        parts = {**dict.fromkeys(TEXT_PARTS, ""), "page": page.text}
        yield {
            **base,
            "id": f"{rid}:p{page.number}",
            "number": 0,
            "norm_text": encode_cells(parts[key] for key in TEXT_PARTS),
            "pages": [page.number],
            "ocr": ["page"] if page.source == "ocr" else [],
            "doubtful": ["page"] if page.low_confidence else [],
            **parts,
        }
