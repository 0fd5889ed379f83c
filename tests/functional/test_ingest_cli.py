"""`raingan ingest`, `stats`, `reindex` through click, on fake "PDFs" (tests.unit.test_batch).

The last test runs the real parser on sample_docs/, good and bad files together.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.measure import run_measured
from index.store import Store
from sample_docs import hostile
from tests.conftest import (
    FAKE_PARSER,
    SAMPLE_DOCS,
    cli_command,
    write_fake_pdf,
)
from tui.cli import cli

BANGKROK = "องค์การบริหารส่วนตำบลบางครก"
BANGKAEW = "องค์การบริหารส่วนตำบลบางแก้ว"


def run(data: Path, *args: str, fake: bool = True):
    extra = ["--parser", FAKE_PARSER] if fake and args and args[0] == "ingest" else []
    return CliRunner().invoke(cli, ["--data", str(data), *args, *extra], obj={})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    write_fake_pdf(src, "a/bangkrok2567.pdf", name=BANGKROK, year=2567)
    write_fake_pdf(src, "a/bangkrok2568.PDF", name=BANGKROK, year=2568)
    write_fake_pdf(src, "b/bangkaew2568.pdf", name=BANGKAEW, year=2568)
    write_fake_pdf(src, "b/broken.pdf", do="raise", cause="not a PDF (starts with '<html>')")
    write_fake_pdf(src, "b/notes.txt", name="ignored")
    return src


def test_ingest_stores_good_lists_bad_and_exits_1(tmp_path: Path, folder: Path) -> None:
    data = tmp_path / "data"
    result = run(data, "ingest", str(folder), "--workers", "2")
    assert result.exit_code == 1, result.output
    broken = folder / "b" / "broken.pdf"
    assert f"failed      {broken}: not a PDF (starts with '<html>')" in result.output
    assert "4 files: 3 ingested, 0 unchanged, 0 new versions, 1 failed" in result.output
    with Store(data) as store:
        assert sorted((a.name, a.years) for a in store.agencies()) == [
            (BANGKROK, (2567, 2568)),
            (BANGKAEW, (2568,)),
        ]
        assert [(f.path, f.error) for f in store.failures()] == [
            (str(broken), "not a PDF (starts with '<html>')")
        ]


def test_second_run_ingests_nothing_new(tmp_path: Path, folder: Path) -> None:
    data = tmp_path / "data"
    run(data, "ingest", str(folder))
    with Store(data) as store:
        before = store.counts()
    again = run(data, "ingest", str(folder), "--json")
    summary = json.loads(again.stdout)
    assert again.exit_code == 1
    assert (summary["ingested"], summary["new_versions"]) == ([], [])
    assert len(summary["unchanged"]) == 3
    assert [f["path"] for f in summary["failed"]] == [str(folder / "b" / "broken.pdf")]
    with Store(data) as store:
        assert store.counts() == before


def test_all_good_exits_0_with_json_summary(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_fake_pdf(src, "one.pdf", name=BANGKROK, year=2568)
    result = run(tmp_path / "data", "ingest", str(src), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["ingested"] == [str(src / "one.pdf")]
    assert (summary["files"], summary["pages"], summary["failed"]) == (1, 2, [])


def test_new_version_is_reported_and_both_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = write_fake_pdf(tmp_path / "v1", "report.pdf", name=BANGKROK, year=2568)
    new = write_fake_pdf(tmp_path / "v2", "report.pdf", name=BANGKROK, year=2568, rev=2)
    assert run(data, "ingest", str(old)).exit_code == 0
    result = run(data, "ingest", str(new))
    assert result.exit_code == 0, result.output
    assert f"new version of {BANGKROK} 2568: {old} -> {new}" in result.output
    with Store(data) as store:
        versions = list(store.iter_reports(current_only=False))
    assert [(v.report.source.path, v.current) for v in versions] == [
        (str(old), False),
        (str(new), True),
    ]


def test_unrelated_documents_stay_apart_and_only_the_true_version_joins(tmp_path: Path) -> None:
    """A real folder: documents with no agency or year, two documents of one agency and year
    with different titles, one plan, and one true second version of the report."""
    src, data = tmp_path / "folder", tmp_path / "data"
    report = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    spec = {"name": BANGKROK, "year": 2568}
    write_fake_pdf(src, "report.pdf", **spec, title=report, issued="2025-10-01T00:00:00")
    write_fake_pdf(
        src, "report-fixed.pdf", **spec, issued="2025-11-01T00:00:00",
        title=report.replace("ตามมาตรการ", "เพื่อ"),  # the cover reworded: same document
    )
    write_fake_pdf(src, "plan.pdf", **spec, kind="plan", title="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    write_fake_pdf(src, "order.pdf", **spec, kind="other", measures=0, title="คำสั่งองค์การบริหารส่วนตำบลบางครก เรื่อง แต่งตั้งคณะทำงาน")
    write_fake_pdf(src, "budget.pdf", **spec, kind="other", measures=0, title="ประกาศ เรื่อง ประมาณการรายรับ")
    for i in range(3):
        write_fake_pdf(src, f"form{i}.pdf", name="", year=None, kind="other", measures=0, title="", n=i)
    result = run(data, "ingest", str(src), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "8 files: 7 ingested, 0 unchanged, 1 new version," in result.output
    with Store(data) as store:
        current = sorted(Path(s.report.source.path).name for s in store.iter_reports())
        older = [Path(s.report.source.path).name for s in store.iter_reports(current_only=False)
                 if not s.current]
    assert current == ["budget.pdf", "form0.pdf", "form1.pdf", "form2.pdf", "order.pdf",
                       "plan.pdf", "report-fixed.pdf"]
    assert older == ["report.pdf"]
    again = run(data, "ingest", str(src), "--workers", "1")
    assert "8 files: 0 ingested, 8 unchanged" in again.output


def test_identical_copy_is_unchanged(tmp_path: Path) -> None:
    src = tmp_path / "in"
    first = write_fake_pdf(src, "a.pdf", name=BANGKROK, year=2568)
    write_fake_pdf(src, "copy/a.pdf", name=BANGKROK, year=2568)
    result = run(tmp_path / "data", "ingest", str(src), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert f"(same content as {first})" in result.output
    assert "2 files: 1 ingested, 1 unchanged" in result.output


def test_timeout_fails_the_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_fake_pdf(src, "slow.pdf", do="sleep")
    write_fake_pdf(src, "ok.pdf", name=BANGKROK, year=2568)
    result = run(tmp_path / "data", "ingest", str(src), "--timeout", "1", "--workers", "1")
    assert result.exit_code == 1
    assert f"{src / 'slow.pdf'}: timed out after 1 s" in result.output
    assert "1 ingested" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "does/not/exist"],
        ["ingest", ".", "--workers", "0"],
        ["ingest", ".", "--timeout", "-1"],
        ["ingest"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    assert run(tmp_path / "data", *args).exit_code == 2


def test_folder_without_pdfs_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(tmp_path / "data", "ingest", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert "no PDF files in" in result.output


@pytest.mark.parametrize("command", ["ingest", "reindex", "stats"])
def test_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], obj={})
    assert result.exit_code == 0
    assert f"raingan {command}" in result.output.split("Examples:")[1]


def test_stats_counts_by_agency_and_year_and_lists_failures(tmp_path: Path, folder: Path) -> None:
    data = tmp_path / "data"
    run(data, "ingest", str(folder))
    figures = json.loads(run(data, "stats", "--json").stdout)
    assert [(r["agency"], r["year"], r["reports"], r["measures"]) for r in figures["by_agency"]] == [
        (BANGKROK, 2567, 1, 2),
        (BANGKROK, 2568, 1, 2),
        (BANGKAEW, 2568, 1, 2),
    ]
    assert [f["error"] for f in figures["failed"]] == ["not a PDF (starts with '<html>')"]
    table = run(data, "stats")
    assert table.exit_code == 0
    assert BANGKAEW in table.output
    assert f"failed {folder / 'b' / 'broken.pdf'}: not a PDF" in table.output


def test_reindex_reports_counts(tmp_path: Path, folder: Path) -> None:
    data = tmp_path / "data"
    run(data, "ingest", str(folder))
    result = run(data, "reindex")
    assert result.exit_code == 0, result.output
    assert "reindexed 3 current documents" in result.output


@pytest.mark.slow
def test_real_parser_on_sample_docs_good_and_bad(tmp_path: Path, sample_reports) -> None:
    # sample_docs/bad/expected.json: file -> the cause it fails with, or a dict for a damaged
    # file that still opens.
    expected = json.loads((SAMPLE_DOCS / "bad" / "expected.json").read_text(encoding="utf-8"))
    must_fail = {str((SAMPLE_DOCS / "bad" / k).resolve()): v for k, v in expected.items()
                 if isinstance(v, str)}
    assert must_fail and sample_reports
    data = tmp_path / "data"
    # The typed samples and the bad files; the scanned samples have their own test
    # (tests/functional/test_ocr_samples.py), OCR being slow.
    inputs = [*map(str, sorted(SAMPLE_DOCS.glob("*.pdf"))), str(SAMPLE_DOCS / "bad")]
    result = run(data, "ingest", *inputs, "--json", fake=False)
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    failed = {f["path"]: f["error"] for f in summary["failed"]}
    assert sorted(failed) == sorted(must_fail)
    for path, cause in must_fail.items():
        assert cause in failed[path]
    read_anyway = {str((SAMPLE_DOCS / "bad" / k).resolve()) for k, v in expected.items()
                   if isinstance(v, dict)}
    with Store(data) as store:
        versions = list(store.iter_reports(current_only=False))
        assert sorted(f.path for f in store.failures()) == sorted(must_fail)
    stored = {(v.report.organization.name, v.report.fiscal_year.be) for v in versions
              if v.report.fiscal_year}
    assert stored == {(r.organization.name, r.fiscal_year.be) for r in sample_reports}
    assert read_anyway <= {v.report.source.path for v in versions}
    again = run(data, "ingest", *inputs, "--json", fake=False)
    assert again.exit_code == 1
    summary = json.loads(again.stdout)
    assert (summary["ingested"], summary["new_versions"]) == ([], [])
    assert sorted(f["path"] for f in summary["failed"]) == sorted(must_fail)


def test_ocr_option_and_cache_in_the_data_dir(tmp_path: Path) -> None:
    scan = SAMPLE_DOCS / "scanned" / "pao_nakhonpathom_2568_page3_scan150_bw.pdf"
    never = run(tmp_path / "off", "ingest", str(scan), "--ocr", "never", "--json", fake=False)
    assert never.exit_code == 1
    assert json.loads(never.stdout)["failed"][0]["error"] == (
        "no text layer: scanned pages need OCR")
    data = tmp_path / "data"
    result = run(data, "ingest", str(scan), fake=False)
    assert result.exit_code == 0, result.output
    assert "1 page read by OCR" in result.output and "1 by OCR)" in result.output
    cached = list((data / "ocr-cache").rglob("*.json"))
    assert len(cached) == 1 and cached[0].name.startswith(sha256_of(scan))


def sha256_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_memory_ceiling_fails_only_the_file_that_needs_more(tmp_path: Path) -> None:
    src = tmp_path / "in"
    hog = write_fake_pdf(src, "hog.pdf", do="allocate", bytes=3_000_000_000)
    for year in (2566, 2567, 2568):
        write_fake_pdf(src, f"ok{year}.pdf", name=BANGKROK, year=year)
    result = run_measured(cli_command(tmp_path / "data", "ingest", str(src), "--json",
                                      "--memory-limit", "600M", "--workers", "2",
                                      "--parser", FAKE_PARSER))
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)
    assert summary["failed"] == [
        {"path": str(hog), "error": "too large to read (over the 600 MB memory limit)"}]
    assert len(summary["ingested"]) == 3
    assert result.peak_rss < 600_000_000


@pytest.mark.slow
def test_hostile_files_fail_alone_and_the_batch_lands(tmp_path: Path) -> None:
    """Every hostile file of sample_docs/bad/ plus the 2 GiB bomb, among good reports, in one
    run: each bad one fails with its cause, the rest are stored, no worker passes the ceiling."""
    expected = json.loads((SAMPLE_DOCS / "bad" / "expected.json").read_text(encoding="utf-8"))
    names = hostile.FILES
    src = tmp_path / "in"
    src.mkdir()
    for name in names:
        (src / name).write_bytes((SAMPLE_DOCS / "bad" / name).read_bytes())
    good = ["banlat_2567_libreoffice.pdf", "bangkrok_2566_chromium.pdf"]
    for name in good:
        (src / name).write_bytes((SAMPLE_DOCS / name).read_bytes())
    hostile.make_bomb(src / "bomb_2gib.pdf", inflates_to=2 << 30)
    ceiling = 1_000_000_000
    result = run_measured(cli_command(tmp_path / "data", "ingest", str(src), "--json",
                                      "--memory-limit", str(ceiling), "--workers", "2",
                                      "--timeout", "60"))
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)
    want_failed = {str(src / n): expected[n] for n in names if isinstance(expected[n], str)}
    want_failed[str(src / "bomb_2gib.pdf")] = expected["bomb.pdf"]
    assert {f["path"]: f["error"] for f in summary["failed"]} == want_failed
    landed = sorted(summary["ingested"] + [v["new"] for v in summary["new_versions"]])
    read_anyway = [n for n in names if isinstance(expected[n], dict)]
    assert landed == sorted(str(src / n) for n in [*good, *read_anyway])
    assert result.peak_rss < ceiling
    assert result.seconds < 60
