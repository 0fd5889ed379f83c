"""Each bad file gives one plain line naming the file and the cause, and the right exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "sample_docs" / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
FAILING = sorted(name for name, want in EXPECTED.items() if isinstance(want, str))


def raingan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.pdf")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", FAILING)
def test_bad_file_one_line_and_exit_1(name: str) -> None:
    path = f"sample_docs/bad/{name}"
    result = raingan("parse", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"{path}: {EXPECTED[name]}\n"


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


def test_missing_file_is_one_line() -> None:
    result = raingan("parse", "no/such.pdf")
    assert result.returncode == 1
    assert result.stderr == "no/such.pdf: no such file\n"
