"""Ground truth for one sample: cells, numbered items and the periods each period cell intends."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from spec import COLUMN_KEYS, TO_ARABIC, Column, MeasureDoc, ReportDoc

D = "[๐-๙0-9]"
# An item number: "๑. " (number, dot, then whitespace) or "(๑)", at the start or after whitespace.
ITEM_START = re.compile(rf"(?:(?<=\s)|^)(?:{D}{{1,2}}\.(?=\s)|\({D}{{1,2}}\))")

MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
_MONTH_NUM = {name: i + 1 for names in (MONTHS_FULL, MONTHS_ABBR) for i, name in enumerate(names)}
# Longest names first so that "มี.ค." is not read as "ม.ค." plus junk.
MON = "(" + "|".join(re.escape(m) for m in sorted(_MONTH_NUM, key=len, reverse=True)) + ")"
YEAR = rf"(?:พ\.ศ\.\s*)?({D}{{4}}|{D}{{2}})(?!{D})"
DASH = r"\s*[-–]\s*"

PATTERNS = (
    ("day_range", re.compile(rf"({D}{{1,2}})\s*{MON}\s*{YEAR}{DASH}({D}{{1,2}})\s*{MON}\s*{YEAR}")),
    ("month_range", re.compile(rf"{MON}\s*(?:{YEAR})?{DASH}{MON}\s*{YEAR}")),
    ("fiscal_year", re.compile(rf"(?:ตลอด)?ปีงบประมาณ\s*{YEAR}")),
    ("quarter", re.compile(rf"ไตรมาสที่\s*({D})")),
    ("date", re.compile(rf"({D}{{1,2}})\s*{MON}\s*{YEAR}")),
    ("month", re.compile(rf"{MON}\s*{YEAR}")),
)


def cell_text(lines: tuple[str, ...]) -> str:
    """A cell's text as written, one printed line per text line."""
    return "\n".join(lines)


def split_items(text: str) -> list[str]:
    """The numbered items of a cell ("๑. ...", "(๑) ..."), each running to the next number.

    Text before the first number belongs to no item.
    """
    starts = [m.start() for m in ITEM_START.finditer(text)]
    if not starts:
        return []
    bounds = zip(starts, starts[1:] + [len(text)], strict=True)
    return [" ".join(text[a:b].split()) for a, b in bounds]


def _be(year: str) -> int:
    """A BE year from four or two digits (๖๘ means ๒๕๖๘)."""
    y = int(year.translate(TO_ARABIC))
    return y + 2500 if y < 100 else y


def _month_span(be: int, month: int) -> tuple[dt.date, dt.date]:
    ce = be - 543
    return dt.date(ce, month, 1), dt.date(ce, month, calendar.monthrange(ce, month)[1])


def _period(kind: str, g: tuple[str | None, ...], fiscal_be: int) -> tuple[dt.date, dt.date]:
    if kind == "day_range":
        d1, m1, y1, d2, m2, y2 = g
        return (
            dt.date(_be(y1) - 543, _MONTH_NUM[m1], int(d1.translate(TO_ARABIC))),
            dt.date(_be(y2) - 543, _MONTH_NUM[m2], int(d2.translate(TO_ARABIC))),
        )
    if kind == "month_range":
        m1, y1, m2, y2 = g
        end_be = _be(y2)
        # A missing first year is the second's, or the year before when the months wrap.
        start_be = _be(y1) if y1 else end_be - (_MONTH_NUM[m1] > _MONTH_NUM[m2])
        return _month_span(start_be, _MONTH_NUM[m1])[0], _month_span(end_be, _MONTH_NUM[m2])[1]
    if kind == "fiscal_year":
        ce = _be(g[0]) - 543
        return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)
    if kind == "quarter":
        q = int(g[0].translate(TO_ARABIC))
        first_month = (10, 1, 4, 7)[q - 1]
        be = fiscal_be - 1 if q == 1 else fiscal_be
        return _month_span(be, first_month)[0], _month_span(be, first_month + 2)[1]
    if kind == "date":
        d, m, y = g
        day = dt.date(_be(y) - 543, _MONTH_NUM[m], int(d.translate(TO_ARABIC)))
        return day, day
    m, y = g
    return _month_span(_be(y), _MONTH_NUM[m])


def parse_periods(text: str, fiscal_be: int) -> list[dict[str, str]]:
    """The date ranges a period cell intends, in the order written.

    Raises ValueError when the cell names no period this generator knows how to read, so a
    typo in the sample content cannot slip into the ground truth.
    """
    found: list[tuple[int, dict[str, str]]] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            start, end = _period(kind, m.groups(), fiscal_be)
            taken.append((m.start(), m.end()))
            found.append(
                (m.start(), {"start": start.isoformat(), "end": end.isoformat(), "kind": kind})
            )
    if not found:
        raise ValueError(f"no period in {text!r}")
    return [p for _, p in sorted(found, key=lambda x: x[0])]


def extra_name(column: Column) -> str:
    """The name an extra column's cells go under: its header, after its group's if merged."""
    return f"{column.group} {column.header}" if column.group else column.header


def measure_truth(m: MeasureDoc, doc: ReportDoc, note: dict | None = None) -> dict:
    """One measure's ground-truth record; `extra` only where the table has extra columns;
    `note` adds what the audit features must find about it (anomalies.notes)."""
    cells = {k: cell_text(m.cells.get(k, ())) for k in COLUMN_KEYS}
    record = {
        "number": m.number,
        "cells": cells,
        "items": {k: split_items(cells[k]) for k in ("steps", "results")},
        "periods": parse_periods(cells["period"], doc.be),
        "continues": m.continues,
    }
    extra = {extra_name(c): cell_text(m.cells.get(c.key, ())) for c in doc.columns if c.extra}
    if extra:
        record["extra"] = extra
    if doc.kind == "plan":
        record["reported_as"] = m.reported_as
    record.update(note or {})
    return record


def report_truth(
    doc: ReportDoc,
    writer_font: str,
    notes: dict[int, dict] | None = None,
    planted: list[dict] | None = None,
) -> dict:
    """The whole ground-truth record for one sample PDF; `notes` per measure number and the
    `planted` anomalies come from anomalies.py."""
    truth = {
        "file": f"{doc.stem}.pdf",
        "document_kind": doc.kind,
        "writer": doc.writer,
        "font": writer_font,
        "title": doc.title,
        "organization": {
            "name": doc.org.name,
            "kind": doc.org.kind,
            "district": doc.org.district,
            "province": doc.org.province,
        },
        "fiscal_year": {"be": doc.be, "ce": doc.be - 543},
        "previous": doc.previous,
        # Only where it is not the standard grid, so older truth files stay as they were.
        **({"layout": doc.layout} if doc.layout != "standard" else {}),
        "measures": [measure_truth(m, doc, (notes or {}).get(m.number)) for m in doc.measures],
    }
    if planted:
        truth["planted"] = planted
    if doc.report is not None:
        truth["report"] = doc.report
    return truth
