"""`raingan findings` over a store of the sample reports with their audit findings."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from index.store import Store
from ingest.checks import check_measures
from ingest.model import Report
from tests.conftest import cli_command

ROOT = Path(__file__).resolve().parents[2]
SEED = "องค์การบริหารส่วนตำบลบางครก"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, sample_reports: list[Report]) -> Path:
    path = tmp_path_factory.mktemp("findings") / "data"
    with Store(path) as store:
        for r in sample_reports:
            store.add_report(replace(r, findings=check_measures(r.measures, r.fiscal_year)))
    return path


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command(data_dir, "findings", *args), capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_json_lists_the_seed_reports_stale_year(data_dir: Path) -> None:
    result = run(data_dir, "--org", "บางครก", "--year", "๒๕๖๘", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["organization"] for r in rows} == {SEED}
    assert {r["fiscal_year"] for r in rows} == {2568}
    stale = [(r["measure"], r["text"]) for r in rows if r["kind"] == "earlier_year"]
    assert (4, "ประจำปีฯ ๖๗") in stale


def test_kind_filter(data_dir: Path) -> None:
    rows = json.loads(run(data_dir, "--kind", "items_skipped", "--json").stdout)
    assert rows and {r["kind"] for r in rows} == {"items_skipped"}
    assert len({r["organization"] for r in rows}) >= 1


def test_human_output_counts(data_dir: Path) -> None:
    everything = json.loads(run(data_dir, "--json").stdout)
    result = run(data_dir)
    assert result.returncode == 0
    # Piped: TSV rows on stdout, one per finding, and the count on stderr.
    assert f"{len(everything)} findings" in result.stderr
    assert len(result.stdout.splitlines()) == len(everything) + 1


def test_no_store_is_one_clear_line(tmp_path: Path) -> None:
    result = run(tmp_path / "empty")
    assert result.returncode == 1
    assert "no raingan data in" in result.stderr


def test_agency_as_listed_and_a_year_range(data_dir: Path) -> None:
    """Regression: --org rejected the "อบต.บางครก" form raingan itself prints."""
    rows = json.loads(run(data_dir, "--org", "อบต.บางครก", "--year", "2566-2567", "--json").stdout)
    assert rows and {r["organization"] for r in rows} == {SEED}
    assert {r["fiscal_year"] for r in rows} <= {2566, 2567}
