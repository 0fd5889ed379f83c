"""Read the reference report's text (tab-separated table rows) into measures of cell lines.

The seed text is what an extractor got from the real PDF: one block per page, the header row
repeated, cells separated by tabs, some cells still wrapped in <p>/<ul> markup. A row whose
first cell is empty continues the measure of the page before.
"""

from __future__ import annotations

import re
from pathlib import Path

from spec import COLUMN_KEYS, Cell, MeasureDoc

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_7d0fadaec8f883a5.txt"

HEADER_START = "มาตรการ/โครงการ"
_TAG = re.compile(r"<[^>]+>")
# A new top-level item ("๒. ", "2. ") or a dash bullet starts a new line in a plain cell.
_PLAIN_BREAK = re.compile(r"\s+(?=(?:[๐-๙0-9]{1,2}\.\s)|(?:-\s))")


def cell_lines(raw: str) -> Cell:
    """Turn one raw seed cell into its printed lines.

    A cell with <p> markup keeps one line per paragraph; any paragraph (a plain cell's wrapped
    lines were already joined with spaces) starts a new line at each numbered item or dash bullet.
    """
    raw = raw.strip()
    if not raw:
        return ()
    if "<p>" in raw or "<ul" in raw:
        raw = raw.replace("</li>", "\n").replace("</p>", "\n").replace("</ul>", "\n")
        raw = re.sub(r"\s-\s", "\n- ", raw)
        paragraphs = _TAG.sub("\n", raw).split("\n")
    else:
        paragraphs = [raw]
    # Items typed inline in one paragraph still print one per line, as the agency laid them out.
    parts = [part for para in paragraphs for part in _PLAIN_BREAK.split(para)]
    return tuple(p.strip() for p in parts if p.strip())


def table_rows(text: str) -> list[list[str]]:
    """The table's body rows (header rows dropped), each as six raw cells."""
    rows = []
    for line in text.splitlines():
        if "\t" not in line or line.startswith(HEADER_START):
            continue
        cells = line.split("\t")
        cells += [""] * (len(COLUMN_KEYS) - len(cells))
        rows.append(cells[: len(COLUMN_KEYS)])
    return rows


def merge_rows(rows: list[list[str]]) -> list[MeasureDoc]:
    """Join continuation rows (empty first cell) onto the measure they continue."""
    measures: list[dict[str, Cell]] = []
    for row in rows:
        lines = {k: cell_lines(v) for k, v in zip(COLUMN_KEYS, row, strict=True)}
        if lines["measure"] or not measures:
            measures.append(lines)
            continue
        last = measures[-1]
        for k in COLUMN_KEYS:
            last[k] = last[k] + lines[k]
    return [MeasureDoc(cells=m) for m in measures]


def seed_measures(path: Path = SEED) -> list[MeasureDoc]:
    """The ten measures of the reference report, cells as lines."""
    return merge_rows(table_rows(path.read_text(encoding="utf-8")))
