"""Tables of plain rows written as CSV, XLSX or JSONL: the review log, the working paper, and
the XLSX sheet of the measure export (index/export.py).

CSV with a UTF-8 byte-order mark so Excel reads Thai, XLSX cells cleaned of the control
characters Excel refuses, JSONL with Thai written as characters.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMATS = ("csv", "xlsx", "jsonl")
# Excel refuses longer cells.
XLSX_CELL_MAX = 32767
# XLSX columns this wide (characters) hold a Thai sentence or two before wrapping.
WIDE = 50


def xlsx_value(value: Any) -> Any:
    """A value openpyxl writes and Excel opens: control characters removed, length capped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    # Control characters make the file unreadable to Excel; openpyxl refuses them.
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX]


def add_sheet(
    wb: Any,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    wide: Sequence[str] = (),
) -> int:
    """A sheet of `rows` under a bold, frozen `header`; the `wide` columns wide and wrapped."""
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(title)
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        ws.append([xlsx_value(v) for v in row])
        count += 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for key in wide:
        letter = ws.cell(row=1, column=list(header).index(key) + 1).column_letter
        ws.column_dimensions[letter].width = WIDE
        for cell in ws[letter][1:]:
            cell.alignment = wrap
    ws.freeze_panes = "A2"
    return count


def write_table(
    rows: Iterable[dict[str, Any]],
    path: Path,
    fmt: str,
    header: Sequence[str],
    sheet: str = "rows",
) -> int:
    """Rows (dicts with these keys) as csv, xlsx or jsonl; ValueError for another format."""
    rows = list(rows)
    if fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(header))
            writer.writeheader()
            writer.writerows({k: "" if r[k] is None else r[k] for k in header} for r in rows)
    elif fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(json.dumps({k: r[k] for k in header}, ensure_ascii=False) + "\n"
                         for r in rows)
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        add_sheet(wb, sheet, header, ([r[k] for k in header] for r in rows))
        wb.save(path)
    else:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    return len(rows)
