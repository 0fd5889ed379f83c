"""`raingan search` and `raingan export` run as a user would, on a store of the sample corpus."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from index.search import MARK_END, MARK_START
from tests.conftest import cli_command

ROOT = Path(__file__).resolve().parents[2]


def run(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(data, *args), capture_output=True, text=True, cwd=ROOT)


@pytest.fixture
def data(store_with_samples) -> Path:
    return store_with_samples.data_dir


def test_search_json_hits(data: Path) -> None:
    out = run(data, "search", "ช่องทาง", "--year", "๒๕๖๘", "--json", "--limit", "5")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert 0 < len(hits) <= 5
    assert set(hits[0]) == {
        "report_id",
        "organization",
        "fiscal_year",
        "measure_number",
        "column",
        "snippet",
        "score",
        "source_path",
        "pages",
        "highlights",
    }
    assert {h["fiscal_year"] for h in hits} == {2568}
    # Plain text for scripts, the highlights as spans (no control characters).
    assert not any(MARK_START in h["snippet"] or MARK_END in h["snippet"] for h in hits)
    assert all(
        any(h["snippet"][a:b] == "ช่องทาง" for a, b in h["highlights"]) for h in hits
    )


def test_truncated_list_says_how_many_there_are(data: Path) -> None:
    out = run(data, "search", "การ", "--limit", "3")
    assert out.returncode == 0, out.stderr
    every = json.loads(run(data, "search", "การ", "--limit", "1000", "--json").stdout)
    # Piped: the rows are TSV on stdout and the count goes to stderr.
    assert f"3 of {len(every)} hits shown" in out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "agency\tyear\tmeasure\tcolumn\tsnippet"
    assert len(lines) == 4 and all(line.count("\t") == 4 for line in lines)


def test_piped_output_keeps_whole_thai_words(data: Path) -> None:
    """rich folded Thai mid-word at 80 columns on a pipe; TSV keeps every cell whole."""
    out = run(data, "search", "ร้องเรียน", "--limit", "50")
    hits = json.loads(run(data, "search", "ร้องเรียน", "--limit", "50", "--json").stdout)
    rows = [line.split("\t") for line in out.stdout.splitlines()[1:]]
    assert [r[4] for r in rows] == [" ".join(h["snippet"].split()) for h in hits]
    assert all(r[0] == h["organization"] for r, h in zip(rows, hits, strict=True))


def test_repeated_year_adds_up(data: Path) -> None:
    def years(*args: str) -> set[int]:
        out = run(data, "search", "การ", "--limit", "1000", "--json", *args)
        assert out.returncode == 0, out.stderr
        return {h["fiscal_year"] for h in json.loads(out.stdout)}

    assert years("--year", "2566", "--year", "๒๕๖๘") == {2566, 2568}
    assert years("--year", "2566-2567", "--year", "68") == {2566, 2567, 2568}


def test_data_after_the_subcommand(data: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [*cli_command(tmp_path / "elsewhere", "search", "การ", "--json"), "--data", str(data)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)


@pytest.mark.parametrize(
    "args",
    [["stats"], ["search", "การ"], ["findings"], ["compare", "บางครก"], ["export", "--format",
     "csv", "-o", "x.csv"], ["reindex"]],
    ids=lambda a: a[0],
)
def test_missing_data_dir_is_reported_and_not_created(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    out = run(missing, *args)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        f"Error: no raingan data in {missing}: run raingan ingest first"
    )
    assert not missing.exists() and not (tmp_path / "no").exists()


def test_export_to_standard_output(data: Path, tmp_path: Path) -> None:
    out = run(data, "export", "--format", "jsonl", "-o", "-")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and {"agency", "measure", "results"} <= set(rows[0])
    assert f"{len(rows)} measures written to standard output" in out.stderr
    assert not (ROOT / "-").exists()


def test_export_to_a_missing_folder_is_one_line(data: Path, tmp_path: Path) -> None:
    out = run(data, "export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert out.returncode == 1
    assert out.stderr.strip().endswith("does not exist") and "Traceback" not in out.stderr


def test_search_year_range_and_column(data: Path) -> None:
    out = run(data, "search", "ร้องเรียน", "--year", "2566-2567", "--column", "steps", "--json")
    hits = json.loads(out.stdout)
    assert hits and {h["column"] for h in hits} == {"steps"}
    assert {h["fiscal_year"] for h in hits} <= {2566, 2567}


def test_search_human_output_names_agency_and_year(data: Path) -> None:
    out = run(data, "search", "ภาครัฐ", "--limit", "2")
    assert out.returncode == 0, out.stderr
    assert "2568" in out.stdout or "2567" in out.stdout or "2566" in out.stdout


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("nofield:x", "unknown field"),
        ('"open', "unbalanced quote"),
        ("OR ทุจริต", "OR has no word before it: write ทุจริต"),
        ("ทุจริต AND", "AND has no word after it: write ทุจริต"),
        ("ทุจริต NOT", "NOT has no word after it"),
        ("NOT", "NOT has no word after it"),
        ("ร้อง~", "fuzzy search is not supported (ร้อง~): write ร้อง"),
    ],
)
def test_bad_query_is_one_line_and_exit_2(data: Path, bad: str, says: str) -> None:
    out = run(data, "search", bad)
    assert out.returncode == 2
    assert out.stdout == ""
    (line,) = out.stderr.strip().splitlines()
    assert says in line


def test_digit_and_latin_substrings_from_the_command_line(data: Path) -> None:
    def found(q: str) -> set[tuple]:
        out = run(data, "search", q, "--json", "--limit", "1000")
        assert out.returncode == 0, out.stderr
        return {(h["report_id"], h["measure_number"]) for h in json.loads(out.stdout)}

    assert found("256") == found("๒๕๖") >= found("2567") > set()
    assert found("e-serv") >= found("E-Service") > set()


def test_export_csv_has_bom_and_every_measure(
    data: Path, store_with_samples, tmp_path: Path
) -> None:
    target = tmp_path / "m.csv"
    assert run(data, "export", "--format", "csv", "-o", str(target)).returncode == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = sum(len(s.report.measures) for s in store_with_samples.iter_reports())
    assert len(rows) == expected
    assert {"agency", "fiscal_year", "sha256", "measure", "outcome", "periods"} <= set(rows[0])


def test_export_query_keeps_matching_measures_only(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.jsonl"
    assert (
        run(data, "export", "--query", "ภาครัฐ", "--format", "jsonl", "-o", str(target)).returncode
        == 0
    )
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert rows
    assert all(
        "ภาครัฐ"
        in "".join(
            r[k] for k in ("measure", "steps", "responsible", "period", "results", "outcome")
        )
        .replace(" ", "")
        .replace("\n", "")
        for r in rows
    )


def test_export_xlsx_keeps_thai_in_openpyxl_and_libreoffice(data: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "m.xlsx"
    assert run(data, "export", "--format", "xlsx", "-o", str(target)).returncode == 0
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    agencies = [row[header.index("agency")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "องค์การบริหารส่วนตำบลบางครก" in agencies
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to check the XLSX opens outside openpyxl"
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    with open(tmp_path / "m.csv", encoding="utf-8", newline="") as f:
        converted = list(csv.reader(f))
    assert converted[0] == header
    measures = [row[header.index("measure")] for row in converted[1:]]
    assert measures == [
        row[header.index("measure")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_org_filter_takes_the_short_form(data: Path) -> None:
    full = json.loads(run(data, "search", "ทุจริต", "--org", "องค์การบริหารส่วนตำบลบางครก",
                          "--json", "--limit", "500").stdout)
    short = json.loads(run(data, "search", "ทุจริต", "--org", "อบต.บางครก",
                           "--json", "--limit", "500").stdout)
    assert short and short == full
