"""kill -9 an ingest at several moments, run it again: the store ends as after one clean run.

Real subprocesses (python -m tui.cli) with the fake parser, each file taking a little time so
the kills land mid-batch. The comparison is a canonical dump of documents, reports and
measures without ids or timestamps.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from index.fulltext import FullTextIndex
from index.store import Store
from tests.conftest import FAKE_PARSER, ROOT, canonical_dump, cli_command, write_fake_pdf

FILES = 8
DELAY = 0.15


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("crash") / "in"
    for i in range(FILES):
        write_fake_pdf(src, f"r{i}.pdf", name=f"องค์การบริหารส่วนตำบลที่{i}", year=2568, delay=DELAY)
    write_fake_pdf(src, "bad.pdf", do="raise", cause="no measure table found", delay=DELAY)
    write_fake_pdf(src, "copy/r0.pdf", name="องค์การบริหารส่วนตำบลที่0", year=2568, delay=DELAY)
    return src


def ingest_argv(data: Path, src: Path) -> list[str]:
    return cli_command(data, "ingest", str(src), "--workers", "2", "--parser", FAKE_PARSER)


def stored_documents(data: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{data / 'raingan.sqlite'}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return -1  # not created yet


def kill_when(data: Path, src: Path, documents: int) -> None:
    """Start an ingest and SIGKILL it once `documents` rows are stored (0: as soon as it runs)."""
    proc = subprocess.Popen(
        ingest_argv(data, src), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while stored_documents(data) < documents and proc.poll() is None:
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def finish(data: Path, src: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ingest_argv(data, src), cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def clean_dump(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    data = tmp_path_factory.mktemp("clean") / "data"
    done = finish(data, corpus)
    assert done.returncode == 1, done.stderr  # bad.pdf fails
    return canonical_dump(data)


def test_clean_run_has_every_file(clean_dump: dict) -> None:
    statuses = sorted(d[4] for d in clean_dump["documents"])
    assert statuses == ["failed"] + ["ok"] * FILES
    assert len(clean_dump["reports"]) == FILES


@pytest.mark.slow
@pytest.mark.parametrize("documents", [0, 1, FILES // 2, FILES + 1])
def test_killed_then_rerun_equals_clean_run(
    corpus: Path, clean_dump: dict, tmp_path: Path, documents: int
) -> None:
    data = tmp_path / "data"
    kill_when(data, corpus, documents)
    # A second kill on the rerun too: recovery itself must be interruptible.
    kill_when(data, corpus, min(documents + 2, FILES + 1))
    done = finish(data, corpus)
    assert done.returncode == 1, done.stderr
    assert canonical_dump(data) == clean_dump
    db = sqlite3.connect(data / "raingan.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    # The index sync reconciled whatever the kills left: it holds exactly the current reports.
    with Store(data) as store, FullTextIndex(data / "index") as fulltext:
        assert fulltext.report_ids() == store.current_report_ids()


def test_killed_ingest_leaves_no_worker_holding_the_lock(corpus: Path, tmp_path: Path) -> None:
    """Workers die with the parent, so the next ingest need not wait for orphans."""
    data = tmp_path / "data"
    kill_when(data, corpus, 1)
    argv = ingest_argv(data, corpus) + ["--no-wait"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "another ingest is running" not in done.stderr
    assert done.returncode == 1  # bad.pdf, not the lock
