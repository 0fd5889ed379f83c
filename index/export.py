"""Measures as flat rows, written to CSV (UTF-8 with BOM, so Excel reads Thai), XLSX or JSONL.

One row per measure of each current report, with the report's metadata beside the six cells.
A measure's extra cells (columns with no canonical field: ลำดับ, งบประมาณ, ปัญหาอุปสรรค, …)
follow as one column per header name in CSV and XLSX, and as an `extra` object in JSONL.
Text is written as the document has it (Thai digits stay Thai).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from index.model import StoredReport
from index.sheets import add_sheet
from ingest.model import COLUMN_KEYS, Measure, Period

HEADER: tuple[str, ...] = (
    "report_id",
    "agency",
    "kind",
    "district",
    "province",
    "fiscal_year",
    "document_kind",
    "title",
    "source_path",
    "sha256",
    "measure_number",
    "pages",
    *COLUMN_KEYS,
    "periods",
    "ocr_cells",
    "doubtful_cells",
)
EXTRA = "extra"


def period_text(p: Period) -> str:
    """ "2024-10-01..2025-09-30 fiscal_year": ISO dates (CE) and the kind of expression."""
    return f"{p.start.isoformat()}..{p.end.isoformat()} {p.kind}"


def measure_row(stored: StoredReport, m: Measure) -> dict[str, Any]:
    """One export row: report metadata, the measure's six cells, its periods, which cells OCR
    read (and which doubtfully), and its extra cells."""
    r = stored.report
    org = r.organization
    return {
        "report_id": stored.report_id,
        "agency": org.name,
        "kind": org.kind,
        "district": org.district or "",
        "province": org.province or "",
        "fiscal_year": r.fiscal_year.be if r.fiscal_year else None,
        "document_kind": r.document_kind,
        "title": r.title,
        "source_path": r.source.path,
        "sha256": r.source.sha256,
        "measure_number": m.number,
        "pages": ",".join(map(str, m.pages)),
        **m.cells.as_dict(),
        "periods": "; ".join(map(period_text, m.periods)),
        # Cells read by OCR, and those read with low confidence: their text may be misread.
        "ocr_cells": ",".join(key for key, _ in m.confidence),
        "doubtful_cells": ",".join(m.low_confidence()),
        EXTRA: dict(m.extra),
    }


def export_rows(
    reports: Iterable[StoredReport], keep: set[tuple[int, int]] | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of every measure, or only those whose (report_id, measure number) is in keep."""
    for stored in reports:
        for m in stored.report.measures:
            if keep is None or (stored.report_id, m.number) in keep:
                yield measure_row(stored, m)


def flat_rows(rows: Iterable[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of a flat sheet: the fixed columns, then one per extra-cell name.

    Extra names come in the order first met; a measure without that column leaves it empty.
    """
    rows = list(rows)
    names = [n for n in dict.fromkeys(n for r in rows for n in r[EXTRA]) if n not in HEADER]
    flat = [
        {**{k: v for k, v in r.items() if k != EXTRA}, **dict.fromkeys(names, ""), **r[EXTRA]}
        for r in rows
    ]
    return [*HEADER, *names], flat


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """CSV with a UTF-8 byte order mark: without it Excel decodes Thai as a legacy code page."""
    header, flat = flat_rows(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        for row in flat:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return len(flat)


def write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """One JSON object per line, Thai written as characters."""
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_xlsx(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """One sheet "measures", header row frozen, the text cells wide and wrapped."""
    from openpyxl import Workbook

    header, flat = flat_rows(rows)
    wb = Workbook()
    wb.remove(wb.active)
    add_sheet(wb, "measures", header, ([row[k] for k in header] for row in flat),
              [*COLUMN_KEYS, *header[len(HEADER) :]])
    wb.save(path)
    return len(flat)


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], Path], int]] = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "jsonl": write_jsonl,
}
