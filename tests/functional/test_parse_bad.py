"""Each bad file gives one plain line naming the file and the cause, and the right exit status;
each hostile one does so within its time limit, its worker's peak memory under the ceiling."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.measure import Measured, run_measured
from sample_docs import hostile

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "sample_docs" / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
FAILING = sorted(name for name, want in EXPECTED.items() if isinstance(want, str))
READ_WITH_WARNINGS = sorted(
    name for name, want in EXPECTED.items() if isinstance(want, dict) and "warnings" in want)
# Lower than any default, and far below what the 2 GiB bomb would take unguarded.
CEILING = 1_000_000_000
TIMEOUT = 60


def raingan(*args: str, ceiling: int = CEILING) -> Measured:
    result = run_measured(
        [sys.executable, "-m", "tui.cli", *args, "--memory-limit", str(ceiling),
         "--timeout", str(TIMEOUT)],
        timeout=TIMEOUT * 2,
    )
    assert result.peak_rss < ceiling, f"peak {result.peak_rss} over the ceiling {ceiling}"
    assert result.seconds < TIMEOUT
    return result


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.pdf")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", FAILING)
def test_bad_file_one_line_and_exit_1(name: str) -> None:
    path = f"sample_docs/bad/{name}"
    result = raingan("parse", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"{path}: {EXPECTED[name]}\n"


@pytest.mark.parametrize("name", READ_WITH_WARNINGS)
def test_hostile_file_that_is_read_says_what_it_is(name: str) -> None:
    want = EXPECTED[name]
    result = raingan("parse", f"sample_docs/bad/{name}", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    missing = [w for w in want["warnings"] if w not in report["warnings"]]
    assert missing == [], report["warnings"]
    if "measures" in want:
        assert len(report["measures"]) == want["measures"]


@pytest.fixture(scope="module")
def bomb_2gib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bomb of the issue: a 2 MB file whose content stream inflates to 2 GiB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb_2gib.pdf"
    hostile.make_bomb(path, inflates_to=2 << 30, layers=1)
    assert 1_500_000 < path.stat().st_size < 3_000_000
    return path


def test_decompression_bomb_of_2_gib_fails_as_too_large(bomb_2gib: Path) -> None:
    result = raingan("parse", str(bomb_2gib))
    assert result.returncode == 1
    assert result.stderr == (
        f"{bomb_2gib}: too large to read (its compressed streams inflate past 256 MB)\n")


def test_memory_ceiling_holds_even_below_the_inflation_budget(bomb_2gib: Path) -> None:
    # 250 MB cannot hold the 256 MB the bomb may inflate to: the allocation fails, and the
    # cause names the ceiling, never "no text layer".
    result = raingan("parse", str(bomb_2gib), ceiling=250_000_000)
    assert result.returncode == 1
    assert result.stderr == f"{bomb_2gib}: too large to read (over the 250 MB memory limit)\n"


def test_page_limit_is_an_option() -> None:
    path = "sample_docs/bad/many_pages.pdf"
    result = raingan("parse", path, "--max-pages", "20000", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["pages"] == 5000
    small = raingan("parse", "sample_docs/banlat_2568_chromium.pdf", "--max-pages", "4")
    assert small.stderr == (
        "sample_docs/banlat_2568_chromium.pdf: too large to read (5 pages, over the 4-page"
        " limit)\n")


def test_damaged_file_that_opens_names_its_lost_pages() -> None:
    want = EXPECTED["garbage_middle.pdf"]
    result = raingan("parse", "sample_docs/bad/garbage_middle.pdf", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    lost = [w for w in report["warnings"] if "page lost" in w]
    assert lost == [f"page {n}: no content could be read (damaged or blank); page lost"
                    for n in want["lost_pages"]]
    assert report["measures"], "the readable pages still give measures"


def test_usage_error_exits_2() -> None:
    result = raingan("parse", "x.pdf", "--json", "--text")
    assert result.returncode == 2
    assert "choose one of --json and --text" in result.stderr


@pytest.mark.parametrize("option", [["--memory-limit", "lots"], ["--max-pages", "0"]])
def test_bad_limit_is_a_usage_error(option: list[str]) -> None:
    result = run_measured([sys.executable, "-m", "tui.cli", "parse", "x.pdf", *option])
    assert result.returncode == 2
    assert f"Invalid value for '{option[0]}'" in result.stderr


def test_missing_file_is_one_line() -> None:
    result = raingan("parse", "no/such.pdf")
    assert result.returncode == 1
    assert result.stderr == "no/such.pdf: no such file\n"
