from __future__ import annotations

import datetime as dt

from ingest.model import (
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
from ingest.serialize import report_from_dict, report_to_dict


def test_round_trip_keeps_thai_digits_and_periods() -> None:
    report = Report(
        source=Source(path="a.pdf", sha256="00", pages=2, size=10),
        title="รายงานผล ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        organization=Organization("องค์การบริหารส่วนตำบลบางครก", "อบต.", "บ้านแหลม", "เพชรบุรี"),
        fiscal_year=FiscalYear.from_be(2568),
        measures=(
            Measure(
                number=1,
                pages=(3, 4),
                cells=Cells(measure="๑. มาตรการ", period="ปีงบประมาณ ๒๕๖๘"),
                items=Items(steps=("๑. ก", "๒. ข")),
                periods=(
                    Period(dt.date(2024, 10, 1), dt.date(2025, 9, 30), "fiscal_year", "ปีงบประมาณ ๒๕๖๘"),
                ),
            ),
        ),
        pages=(PageQuality(1, 100, 0.98, 0),),
        warnings=("page 2: low quality",),
        findings=(Finding("earlier_year", 1, "results", "ประจำปีฯ ๖๗", "before fiscal 2568"),),
    )
    data = report_to_dict(report)
    assert data["fiscal_year"] == {"be": 2568, "ce": 2025, "start": "2024-10-01", "end": "2025-09-30"}
    assert data["measures"][0]["cells"]["period"] == "ปีงบประมาณ ๒๕๖๘"
    assert report_from_dict(data) == report


def test_round_trip_keeps_kind_extra_cells_and_ocr_confidence() -> None:
    report = Report(
        source=Source(path="p.pdf", sha256="01", pages=1),
        title="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        organization=Organization("องค์การบริหารส่วนตำบลบางครก", "อบต."),
        fiscal_year=FiscalYear.from_be(2568),
        measures=(
            Measure(
                number=1,
                pages=(1,),
                cells=Cells(measure="๑. มาตรการ"),
                extra=(("งบประมาณ", "๑๐,๐๐๐"), ("หมายเหตุ", "")),
                confidence=(("measure", 0.93), ("งบประมาณ", 0.41)),
            ),
        ),
        pages=(PageQuality(1, 300, 0.9, 0, source="ocr", confidence=0.88),),
        document_kind="plan",
    )
    data = report_to_dict(report)
    assert data["schema"] == "raingan.report/2"
    assert data["document_kind"] == "plan"
    assert data["measures"][0]["extra"] == {"งบประมาณ": "๑๐,๐๐๐", "หมายเหตุ": ""}
    assert data["pages"][0] == {
        "number": 1, "chars": 300, "quality": 0.9, "defects": 0, "source": "ocr", "confidence": 0.88,
        "text": "",
    }
    back = report_from_dict(data)
    assert back == report
    assert back.measures[0].low_confidence() == ("งบประมาณ",)
    assert back.ocr_pages == (1,)


def test_version_1_body_reads_as_a_typed_report() -> None:
    v1 = {
        "schema": "raingan.report/1",
        "source": {"path": "a.pdf", "sha256": "00", "pages": 1},
        "title": "t",
        "organization": {"name": "n", "kind": "อบต."},
        "fiscal_year": None,
        "measures": [{"number": 1, "pages": [1], "cells": {"measure": "๑. ก"}}],
        "pages": [{"number": 1, "chars": 5, "quality": 1.0, "defects": 0}],
    }
    report = report_from_dict(v1)
    assert report.schema == "raingan.report/2"
    assert report.document_kind == "report"
    assert report.measures[0].extra == () and not report.measures[0].from_ocr
    assert report.pages[0].source == "text" and report.pages[0].confidence is None
