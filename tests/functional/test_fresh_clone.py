"""A new user's clone: no ../shared beside it, and the test suite still collects and passes
its shared-folder checks by skipping them with a reason (CI names the folder and runs them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    assert (ROOT / ".git").exists(), "the project is a git checkout"
    where = tmp_path_factory.mktemp("empty") / "raingan"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(where)], check=True)
    assert not (where.parent / "shared").exists()
    return where


def _pytest(clone: Path, *args: str, shared: Path | None = None) -> subprocess.CompletedProcess[str]:
    """pytest in the clone, as a new user runs it, or with RAINGAN_SHARED naming `shared`."""
    env = {k: v for k, v in os.environ.items() if k != "RAINGAN_SHARED"}
    if shared is not None:
        env["RAINGAN_SHARED"] = str(shared)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=clone, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
def test_fresh_clone_collects_every_test(clone: Path) -> None:
    done = _pytest(clone, "--collect-only", "-q")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "error" not in done.stdout.lower().splitlines()[-1]


@pytest.mark.slow
def test_fresh_clone_skips_shared_checks_with_a_reason(clone: Path) -> None:
    done = _pytest(clone, "-q", "-rs", "tests/functional/test_real_pdfs.py")
    assert done.returncode == 0, done.stdout[-2000:]
    assert "is not beside this clone" in done.stdout


@pytest.mark.slow
def test_named_shared_folder_that_is_missing_fails(clone: Path, tmp_path: Path) -> None:
    done = _pytest(
        clone, "-q", "tests/functional/test_real_pdfs.py::test_real_pdfs_are_present",
        shared=tmp_path / "nowhere",
    )
    assert done.returncode == 1, done.stdout[-2000:]
    assert "is missing" in done.stdout
