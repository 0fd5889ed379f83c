"""`raingan findings`, `review`, `reviews`, `coverage` and `workpaper` on a store that holds
every kind of cross-report finding: a measure two agencies share, a template all three share,
results copied from last year, and a plan against its report."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from index.store import Store
from tests.conftest import cli_command, report_with
from tests.unit.test_crossref import MARKET, edited, gift, own

ROOT = Path(__file__).resolve().parents[2]
A, B, C = "องค์การบริหารส่วนตำบลบางครก", "เทศบาลตำบลบ้านลาด", "องค์การบริหารส่วนจังหวัดนครปฐม"
HR = {"measure": "๒. มาตรการบริหารงานบุคคลอย่างเป็นธรรม", "steps": "๑. ประกาศหลักเกณฑ์การเลื่อนขั้นเงินเดือน",
      "period": "ปีงบประมาณ ๒๕๖๘"}


def disclosure(year: str) -> dict[str, str]:
    return {**own("เปิดเผยข้อมูล"), "results": f"ดำเนินการเปิดเผยข้อมูลแล้วเสร็จ ประจำปีงบประมาณ {year}"}


def build_audit_store(path: Path) -> Path:
    """A data dir whose reports give every cross-report finding kind (see the module doc)."""
    with Store(path) as store:
        for r in (
            report_with(A, 2567, [own("ป้องกันการทุจริต"), gift(A), disclosure("๒๕๖๗")]),
            report_with(A, 2568, [own("ป้องกันการทุจริต"), gift(A), disclosure("๒๕๖๘"),
                                  {**MARKET, "period": "มีนาคม ๒๕๖๘"}]),
            report_with(A, 2568, [own("ป้องกันการทุจริต"), HR, {**MARKET, "period": "มกราคม ๒๕๖๘"}],
                        kind="plan"),
            report_with(B, 2568, [gift(B), edited(MARKET)], province="ราชบุรี"),
            report_with(C, 2568, [gift(C)], province="นครปฐม"),
        ):
            store.add_report(r)
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_audit_store(tmp_path_factory.mktemp("audit") / "data")


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command(data, *args), capture_output=True, text=True, cwd=ROOT,
                          timeout=180)


def findings(data: Path, *args: str) -> list[dict]:
    result = run(data, "findings", "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_cross_report_kind_is_listed(data: Path) -> None:
    found = findings(data, "--year", "2568")
    kinds = {(f["kind"], f["organization"], f["measure"]) for f in found}
    assert {("shared_with_agency", A, 4), ("shared_with_agency", B, 2), ("results_unchanged", A, 3),
            ("period_outside_plan", A, 4), ("reported_not_planned", A, 2),
            ("planned_not_reported", A, 2)} <= kinds
    # The gift text all three agencies share is a template, not a finding.
    assert not [f for f in found if f["kind"] == "shared_with_agency" and "ของขวัญ" in f["text"]]


def test_filters_by_kind_and_province(data: Path) -> None:
    shared = findings(data, "--kind", "shared_with_agency", "--province", "ราชบุรี")
    assert [(f["organization"], f["detail"]["other_agency"]) for f in shared] == [(B, A)]
    assert shared[0]["detail"]["similarity"] >= 0.8 and "ตลาดนัด" in shared[0]["text"]


def test_review_is_stored_shown_filtered_and_exported(data: Path, tmp_path: Path) -> None:
    target = next(f for f in findings(data, "--kind", "results_unchanged"))
    done = run(data, "review", target["key"][:8], "follow-up", "--note", "ขอเอกสารประกอบ")
    assert done.returncode == 0, done.stderr
    assert "needs follow-up" in done.stdout
    (shown,) = findings(data, "--review", "follow-up")
    assert shown["key"] == target["key"]
    assert shown["review"]["note"] == "ขอเอกสารประกอบ" and shown["review"]["user"]
    table = run(data, "findings", "--kind", "results_unchanged")
    assert "needs follow-up" in table.stdout
    for fmt in ("csv", "jsonl", "xlsx"):
        out = tmp_path / f"reviews.{fmt}"
        assert run(data, "reviews", "-o", str(out)).returncode == 0
        assert out.stat().st_size > 0
    with open(tmp_path / "reviews.csv", encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["finding"], row["state"], row["note"]) == (target["key"], "follow_up", "ขอเอกสารประกอบ")
    assert row["message"] == target["message"]


def test_review_names_a_bad_key_in_one_line(data: Path) -> None:
    result = run(data, "review", "zzzz", "confirmed")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["Error: no finding has a key starting 'zzzz': see raingan findings"]


def test_coverage_matrix(data: Path) -> None:
    rows = json.loads(run(data, "coverage", "--year", "2568", "--json").stdout)
    by_agency = {r["agency"]: r for r in rows}
    assert set(by_agency) == {A, B, C}
    assert by_agency[C]["topics"]["no_gift"] == 1 and len(by_agency[C]["missing"]) == 10
    assert json.loads(run(data, "coverage", "--year", "2568", "--province", "ราชบุรี", "--json").stdout)[0]["agency"] == B
    piped = run(data, "coverage", "--year", "2568")
    lines = piped.stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["agency", "year", "gift", "CoI"] and len(lines) == 4
    assert "topics missing" in piped.stderr


def test_workpaper_markdown_and_html(data: Path, tmp_path: Path) -> None:
    for suffix in (".md", ".html"):
        out = tmp_path / f"wp{suffix}"
        result = run(data, "workpaper", "บางครก", "--year", "๒๕๖๘", "-o", str(out))
        assert result.returncode == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        for title in ("Source and quality", "Measures", "Findings",
                      "Comparison with the previous year", "Plan against report"):
            assert title in text
        assert "period_outside_plan" in text and "planned_not_reported" in text
        assert "ตลาดนัดชุมชน" in text
    assert '<html lang="th">' in (tmp_path / "wp.html").read_text(encoding="utf-8")


def test_workpaper_xlsx_opens_in_libreoffice(data: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "wp.xlsx"
    assert run(data, "workpaper", A, "--year", "2568", "-o", str(out)).returncode == 0
    book = load_workbook(out)
    assert book.sheetnames == ["paper", "source", "measures", "findings", "previous", "plan"]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to check the XLSX opens outside openpyxl"
    # Token 12 = -1: every sheet to its own CSV file (wp-<sheet>.csv).
    subprocess.run(
        [soffice, "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    for sheet in book.sheetnames:
        with open(tmp_path / f"wp-{sheet}.csv", encoding="utf-8", newline="") as f:
            converted = list(csv.reader(f))
        expected = [[("" if v is None else str(v)) for v in row]
                    for row in book[sheet].iter_rows(values_only=True)]
        assert [row[:len(e)] for row, e in zip(converted, expected, strict=True)] == expected, sheet
    with open(tmp_path / "wp-findings.csv", encoding="utf-8", newline="") as f:
        kinds = {row[1] for row in csv.reader(f)}
    assert {"shared_with_agency", "results_unchanged", "period_outside_plan"} <= kinds


def test_workpaper_errors_are_one_line(data: Path, tmp_path: Path) -> None:
    missing = run(data, "workpaper", "บางครก", "--year", "2560", "-o", str(tmp_path / "x.md"))
    assert missing.returncode == 1
    assert "no report of บางครก for 2560 is stored (years stored: 2567, 2568)" in missing.stderr
    wrong = run(data, "workpaper", "บางครก", "--year", "2568", "-o", str(tmp_path / "x.pdf"))
    assert wrong.returncode == 2 and "write a .xlsx, .md or .html file" in wrong.stderr
