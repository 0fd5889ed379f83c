"""`raingan ingest --cluster local:2`: a real Dask LocalCluster of two worker processes.

The same store as the process pool's, a worker killed mid-run costs nothing once the command
is run again, and a file that hangs fails alone within its time limit.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import (
    FAKE_PARSER,
    ROOT,
    SAMPLE_DOCS,
    canonical_dump,
    cli_command,
    write_fake_pdf,
)

pytestmark = pytest.mark.slow


def ingest(data: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(data, "ingest", *args), cwd=ROOT, capture_output=True, text=True,
        timeout=timeout,
    )


def export(data: Path) -> list[dict]:
    out = subprocess.run(cli_command(data, "export", "--format", "jsonl", "-o", "-"),
                         cwd=ROOT, capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    for row in rows:
        del row["report_id"]  # a row id: the order in which files happened to land
    # A plan and a report of one agency-year are listed in the order they landed, too.
    return sorted(rows, key=lambda r: (r["source_path"], r["measure_number"]))


def test_cluster_export_equals_the_process_pool_export(tmp_path: Path) -> None:
    pool = ingest(tmp_path / "pool", str(SAMPLE_DOCS), "--workers", "2", "--json")
    cluster = ingest(tmp_path / "cluster", str(SAMPLE_DOCS), "--cluster", "local:2", "--json")
    assert pool.returncode == cluster.returncode == 1  # sample_docs/bad/ fails, file by file
    assert export(tmp_path / "cluster") == export(tmp_path / "pool")
    assert canonical_dump(tmp_path / "cluster") == canonical_dump(tmp_path / "pool")

    def summary(run: subprocess.CompletedProcess[str]) -> dict:
        """The run's summary in an order that does not depend on which file finished first."""
        s = json.loads(run.stdout)
        return {k: sorted(map(json.dumps, s[k])) for k in ("ingested", "unchanged", "failed")} | {
            "pages": s["pages"], "files": s["files"]}

    assert summary(cluster) == summary(pool)


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True)
    children: dict[int, list[int]] = {}
    for line in out.stdout.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            found.append(c)
            todo.append(c)
    return found


def _dask_workers(pid: int) -> list[int]:
    """The coordinator's Dask worker processes (spawned children that run a fork server)."""
    workers = []
    for child in _descendants(pid):
        try:
            cmd = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            parent = int(Path(f"/proc/{child}/stat").read_text().split()[3])
        except (OSError, ValueError):
            continue
        if parent == pid and b"spawn_main" in cmd:
            workers.append(child)
    return workers


@pytest.fixture
def slow_corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    for i in range(10):
        write_fake_pdf(src, f"r{i}.pdf", name=f"องค์การบริหารส่วนตำบลที่{i}", year=2568, delay=0.6)
    write_fake_pdf(src, "bad.pdf", do="raise", cause="no measure table found", delay=0.3)
    return src


def test_worker_killed_mid_run_then_rerun_equals_an_uninterrupted_run(
    tmp_path: Path, slow_corpus: Path
) -> None:
    clean = ingest(tmp_path / "clean", str(slow_corpus), "--parser", FAKE_PARSER,
                   "--cluster", "local:2")
    assert clean.returncode == 1, clean.stderr  # bad.pdf

    data = tmp_path / "killed"
    proc = subprocess.Popen(
        cli_command(data, "ingest", str(slow_corpus), "--parser", FAKE_PARSER,
                    "--cluster", "local:2"),
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while not (slow_corpus / "calls.log").exists() or len(
        (slow_corpus / "calls.log").read_text().split()) < 14:  # the clean run's 11, then 3
        assert proc.poll() is None and time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.05)
    workers = _dask_workers(proc.pid)
    assert len(workers) == 2, workers
    os.kill(workers[0], signal.SIGKILL)
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 1, err  # bad.pdf only: the lost worker's files ran elsewhere
    assert "11 files" in out

    again = ingest(data, str(slow_corpus), "--parser", FAKE_PARSER, "--cluster", "local:2")
    assert "0 ingested" in again.stdout
    assert canonical_dump(data) == canonical_dump(tmp_path / "clean")


def test_a_hanging_file_fails_alone_within_its_timeout(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_fake_pdf(src, "hangs.pdf", do="sleep")
    for i in range(3):
        write_fake_pdf(src, f"r{i}.pdf", name=f"องค์การบริหารส่วนตำบลที่{i}", year=2568)
    started = time.monotonic()
    run = ingest(tmp_path / "data", str(src), "--parser", FAKE_PARSER, "--cluster", "local:2",
                 "--timeout", "4", "--json")
    took = time.monotonic() - started
    summary = json.loads(run.stdout)
    assert summary["failed"] == [{"path": str(src / "hangs.pdf"), "error": "timed out after 4 s"}]
    assert len(summary["ingested"]) == 3
    assert took < 60  # the cluster's start-up plus one time limit, not the hour it sleeps


def test_cluster_without_dask_says_what_to_install(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "shadow")}
    shadow = tmp_path / "shadow" / "distributed"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('no dask here')\n")
    write_fake_pdf(tmp_path / "in", "a.pdf")
    run = subprocess.run(
        cli_command(tmp_path / "data", "ingest", str(tmp_path / "in"), "--cluster", "local:2"),
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.strip() == "raingan: --cluster needs Dask: pip install 'raingan[cluster]'"
