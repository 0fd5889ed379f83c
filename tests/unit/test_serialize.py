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
