"""Two real `raingan ingest` processes on one data dir: the second waits, or with --no-wait
exits 1 with one clear line. Either way nothing is lost or corrupted."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

from tests.conftest import FAKE_PARSER, ROOT, cli_command, write_fake_pdf


def corpus(folder: Path, prefix: str, n: int, delay: float) -> Path:
    for i in range(n):
        write_fake_pdf(folder, f"{prefix}{i}.pdf", name=f"{prefix}-agency-{i}", year=2568, delay=delay)
    return folder


def start(data: Path, src: Path, *extra: str) -> subprocess.Popen[str]:
    argv = cli_command(data, "ingest", str(src), "--workers", "1", "--parser", FAKE_PARSER, *extra)
    return subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_until_storing(data: Path, proc: subprocess.Popen[str]) -> None:
    """Until the first ingest has stored a file, so it surely holds the lock."""
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            db = sqlite3.connect(f"file:{data / 'raingan.sqlite'}?mode=ro", uri=True)
            n = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            db.close()
            if n:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.02)
    raise AssertionError("first ingest never stored a file")


def rows(data: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(data / "raingan.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_second_ingest_waits_for_the_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start(data, corpus(tmp_path / "a", "a", 10, 0.3))
    wait_until_storing(data, first)
    second = start(data, corpus(tmp_path / "b", "b", 3, 0.0))
    _, err2 = second.communicate(timeout=120)
    first.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), err2
    assert f"waiting for another ingest on {data} to finish…" in err2
    docs = rows(data, "SELECT path, ingested_at FROM documents WHERE status = 'ok'")
    a_times = [t for p, t in docs if Path(p).parent.name == "a"]
    b_times = [t for p, t in docs if Path(p).parent.name == "b"]
    assert (len(a_times), len(b_times)) == (10, 3)
    # The second stored nothing until the first had finished.
    assert min(b_times) > max(a_times)
    assert rows(data, "PRAGMA integrity_check") == [("ok",)]


def test_no_wait_exits_1_with_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start(data, corpus(tmp_path / "a", "a", 10, 0.3))
    wait_until_storing(data, first)
    second = start(data, corpus(tmp_path / "b", "b", 2, 0.0), "--no-wait")
    out2, err2 = second.communicate(timeout=60)
    first_still_running = first.poll() is None
    first.communicate(timeout=120)
    assert first_still_running
    assert second.returncode == 1
    assert err2.strip().splitlines() == [
        f"raingan: another ingest is running on {data}; not waiting (--no-wait)"
    ]
    assert out2 == ""
    assert first.returncode == 0
    stored = rows(data, "SELECT path FROM documents")
    assert sorted(Path(p).name for (p,) in stored) == sorted(f"a{i}.pdf" for i in range(10))
