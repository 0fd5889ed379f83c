"""Report <-> JSON-ready dict, in the `raingan.report/2` shape that `raingan parse --json` prints.

The store keeps this dict as the report's body, so the round trip must be lossless. A
`raingan.report/1` body (before document kinds, extra cells and OCR) reads as a typed report
with no extra cells.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ingest.model import (
    OLD_SCHEMAS,
    SCHEMA,
    Cells,
    Finding,
    FiscalYear,
    Items,
    Measure,
    Organization,
    PageQuality,
    Period,
    Report,
    Source,
)


def period_to_dict(p: Period) -> dict[str, str]:
    return {"start": p.start.isoformat(), "end": p.end.isoformat(), "kind": p.kind, "text": p.text}


def period_from_dict(d: dict[str, Any]) -> Period:
    return Period(
        start=dt.date.fromisoformat(d["start"]),
        end=dt.date.fromisoformat(d["end"]),
        kind=d["kind"],
        text=d.get("text", ""),
    )


def report_to_dict(r: Report) -> dict[str, Any]:
    """The report as plain JSON types; Thai text is kept as written."""
    fy = None
    if r.fiscal_year is not None:
        fy = {
            "be": r.fiscal_year.be,
            "ce": r.fiscal_year.ce,
            "start": r.fiscal_year.start.isoformat(),
            "end": r.fiscal_year.end.isoformat(),
        }
    return {
        "schema": r.schema,
        "document_kind": r.document_kind,
        "source": {
            "path": r.source.path,
            "sha256": r.source.sha256,
            "pages": r.source.pages,
            "size": r.source.size,
            "issued": r.source.issued,
        },
        "title": r.title,
        "organization": {
            "name": r.organization.name,
            "kind": r.organization.kind,
            "district": r.organization.district,
            "province": r.organization.province,
        },
        "fiscal_year": fy,
        "measures": [
            {
                "number": m.number,
                "pages": list(m.pages),
                "cells": m.cells.as_dict(),
                "items": {"steps": list(m.items.steps), "results": list(m.items.results)},
                "periods": [period_to_dict(p) for p in m.periods],
                "extra": dict(m.extra),
                "confidence": dict(m.confidence),
            }
            for m in r.measures
        ],
        "pages": [
            {"number": p.number, "chars": p.chars, "quality": p.quality, "defects": p.defects,
             "source": p.source, "confidence": p.confidence, "text": p.text}
            for p in r.pages
        ],
        "warnings": list(r.warnings),
        "findings": [
            {"kind": f.kind, "measure": f.measure, "column": f.column, "text": f.text,
             "message": f.message}
            for f in r.findings
        ],
    }


def report_from_dict(d: dict[str, Any]) -> Report:
    """Inverse of report_to_dict."""
    if d.get("schema") != SCHEMA and d.get("schema") not in OLD_SCHEMAS:
        raise ValueError(f"unknown report schema: {d.get('schema')!r}")
    fy = d.get("fiscal_year")
    org = d["organization"]
    return Report(
        schema=SCHEMA,
        document_kind=d.get("document_kind", "report"),
        source=Source(
            path=d["source"]["path"],
            sha256=d["source"]["sha256"],
            pages=d["source"]["pages"],
            size=d["source"].get("size", 0),
            issued=d["source"].get("issued"),
        ),
        title=d["title"],
        organization=Organization(
            name=org["name"],
            kind=org["kind"],
            district=org.get("district"),
            province=org.get("province"),
        ),
        fiscal_year=FiscalYear.from_be(fy["be"]) if fy else None,
        measures=tuple(
            Measure(
                number=m["number"],
                pages=tuple(m["pages"]),
                cells=Cells(**m["cells"]),
                items=Items(
                    steps=tuple(m.get("items", {}).get("steps", ())),
                    results=tuple(m.get("items", {}).get("results", ())),
                ),
                periods=tuple(period_from_dict(p) for p in m.get("periods", ())),
                extra=tuple(m.get("extra", {}).items()),
                confidence=tuple(m.get("confidence", {}).items()),
            )
            for m in d["measures"]
        ),
        pages=tuple(PageQuality(**p) for p in d["pages"]),
        warnings=tuple(d.get("warnings", ())),
        findings=tuple(Finding(**f) for f in d.get("findings", ())),
    )
