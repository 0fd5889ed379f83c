"""`raingan compare` outside the TUI, over a store of the sample corpus."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import current_reports
from tests.functional.test_tui_app import SEED, build_data_dir
from tui.cli import cli
from tui.commands.compare import parse_years


@pytest.fixture(scope="module")
def data(tmp_path_factory, sample_reports):
    return build_data_dir(tmp_path_factory.mktemp("cmp") / "data", sample_reports)


def run(data, *args: str):
    return CliRunner().invoke(cli, ["--data", str(data), "compare", *args], catch_exceptions=False)


def test_years_in_thai_or_arabic_digits_and_ranges() -> None:
    assert parse_years(["๒๕๖๘", "2566"]) == [2566, 2568]
    assert parse_years(["๒๕๖๖-๒๕๖๘"]) == [2566, 2567, 2568]
    assert parse_years(["67,68"]) == [2567, 2568]


def test_json_lists_steps_with_added_and_dropped(data) -> None:
    result = run(data, "บางครก", "--years", "๒๕๖๗", "2568", "--json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["agency"] == SEED and d["years"] == [2567, 2568]
    statuses = {p["status"] for p in d["steps"][0]["pairs"]}
    assert {"added", "dropped", "edited"} <= statuses


def test_rich_output_marks_changes_with_signs(data) -> None:
    result = run(data, "บางครก", "--years", "2566-2568")
    assert result.exit_code == 0, result.output
    assert "2566→2567" in result.output and "2567→2568" in result.output
    assert "[+" in result.output and "[−" in result.output


def test_markdown_table(data) -> None:
    result = run(data, "บางครก", "--years", "2567", "2568", "--markdown")
    assert "| status |" in result.output
    assert "## 2567 → 2568" in result.output


def test_missing_year_and_unknown_agency_give_one_line(data) -> None:
    result = run(data, "บางครก", "--years", "2560", "2568")
    assert result.exit_code != 0
    assert "no report for 2560" in result.output
    result = run(data, "ไม่มีหน่วยงานนี้")
    assert result.exit_code != 0 and len(result.output.strip().splitlines()) == 1


def test_undated_report_is_left_out_not_a_crash(tmp_path, sample_reports) -> None:
    """Regression: a report whose fiscal year could not be read raised a traceback."""
    from dataclasses import replace

    from index.store import Store

    seed = [r for r in current_reports(sample_reports)
            if r.organization.name == SEED and r.document_kind == "report"]
    undated = replace(seed[0], fiscal_year=None,
                      source=replace(seed[0].source, sha256="e" * 64, path="undated.pdf"))
    with Store(tmp_path / "data") as store:
        for r in [*seed, undated]:
            store.add_report(r)
    result = run(tmp_path / "data", "บางครก", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["years"] == sorted(r.fiscal_year.be for r in seed)


def test_missing_year_names_every_year_there_is(data) -> None:
    result = CliRunner().invoke(cli, ["--data", str(data), "compare", "บางครก", "--years",
                                      "2565", "2568"])
    assert result.exit_code == 1
    assert "no report for 2565 (have: 2566, 2567, 2568)" in result.output
