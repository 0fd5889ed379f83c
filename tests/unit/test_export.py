"""Export rows carry each measure's extra cells: one column per header name, or an object."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from index.export import HEADER, export_rows, write_csv, write_jsonl, write_xlsx
from index.model import StoredReport
from tests.conftest import make_report


def _stored() -> list[StoredReport]:
    """A report with ลำดับ and งบประมาณ columns, and a plan with a ตัวชี้วัด column."""
    report = make_report(measures=2)
    report = replace(report, measures=tuple(
        replace(m, extra=(("ลำดับ", str(m.number)), ("งบประมาณ", f"{m.number}๐,๐๐๐")))
        for m in report.measures
    ))
    plan = make_report("เทศบาลตำบลทดสอบ", sha256="b" * 64, measures=1)
    plan = replace(plan, document_kind="plan", measures=tuple(
        replace(m, extra=(("ตัวชี้วัด", "ร้อยละ ๘๐"),)) for m in plan.measures
    ))
    return [StoredReport(1, report, True, "", 1), StoredReport(2, plan, True, "", 2)]


def test_csv_has_one_column_per_extra_name_in_the_order_met(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    assert write_csv(export_rows(_stored()), path) == 3
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        assert reader.fieldnames == [*HEADER, "ลำดับ", "งบประมาณ", "ตัวชี้วัด"]
    assert [(r["ลำดับ"], r["งบประมาณ"], r["ตัวชี้วัด"]) for r in rows] == [
        ("1", "1๐,๐๐๐", ""), ("2", "2๐,๐๐๐", ""), ("", "", "ร้อยละ ๘๐")]
    assert [r["document_kind"] for r in rows] == ["report", "report", "plan"]


def test_jsonl_keeps_extra_cells_as_an_object(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    assert write_jsonl(export_rows(_stored()), path) == 3
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["extra"] == {"ลำดับ": "1", "งบประมาณ": "1๐,๐๐๐"}
    assert rows[2]["extra"] == {"ตัวชี้วัด": "ร้อยละ ๘๐"}


def test_xlsx_has_the_extra_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "m.xlsx"
    assert write_xlsx(export_rows(_stored()), path) == 3
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["ลำดับ", "งบประมาณ", "ตัวชี้วัด"]
    last = [c.value for c in sheet[4]]
    assert last[header.index("ตัวชี้วัด")] == "ร้อยละ ๘๐"
    assert last[header.index("document_kind")] == "plan"
