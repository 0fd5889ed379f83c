"""Batch ingest: file discovery, hashing, and a worker pool where one bad file fails alone.

The parse functions here are fakes driven by the file's content (a small JSON object), so the
tests need no PDFs: {"do": "ok" | "sleep" | "raise" | "exit" | "segv" | "memory" | "allocate" |
"rust_oom" | "sigkill", "bytes": n, "delay": s, "name": agency, "year": BE}. The functional tests
run the CLI with it (--parser).
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pytest

from ingest.batch import run_batch, run_one
from ingest.errors import IngestError
from ingest.intake import BatchResult, find_pdfs, sha256_file
from ingest.limits import KILLED_CAUSE
from ingest.model import Report
from tests.conftest import make_report
from tests.conftest import write_fake_pdf as write

# Workers under a small memory ceiling start from a fork server, not from this test process:
# the ceiling caps a worker's whole address space, inherited part included, and by now this
# process holds OpenCV and numpy's thread pools for the collected OCR tests (some 450 MB of
# address space that a raingan command, importing them only to OCR, does not have).
LEAN = "forkserver"


def fake_parse(path: Path) -> Report:
    """Act as the file says; log each call beside the file so tests can count parses."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    with open(Path(path).parent / "calls.log", "a", encoding="utf-8") as log:
        log.write(f"{Path(path).name}\n")
    action = spec.get("do", "ok")
    time.sleep(spec.get("delay", 0))
    if action == "sleep":
        time.sleep(3600)
    if action == "raise":
        raise IngestError(str(path), spec.get("cause", "no measure table found"))
    if action == "exit":
        os._exit(3)
    if action == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    if action == "memory":
        raise MemoryError
    if action == "allocate":  # as a parser holding a decompression bomb would
        held = bytearray(spec["bytes"])
        held[::4096] = b"x" * len(held[::4096])  # touch every page: resident, not only reserved
    if action == "rust_oom":  # what nlpo3 does when an allocation fails under the ceiling
        os.write(2, b"memory allocation of 212 bytes failed\n")  # native code writes to fd 2
        os.abort()
    if action == "sigkill":  # as the kernel's OOM killer would
        os.kill(os.getpid(), signal.SIGKILL)
    return make_report(
        spec.get("name", "องค์การบริหารส่วนตำบลทดสอบ"),
        spec.get("year", 2568),
        sha256_file(Path(path)),
        path=str(path),
        title=spec.get("title"),
        kind=spec.get("kind", "report"),
        measures=spec.get("measures", 2),
        issued=spec.get("issued"),
    )


def calls(folder: Path) -> list[str]:
    log = folder / "calls.log"
    return sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []


def by_name(results: list[BatchResult]) -> dict[str, BatchResult]:
    return {r.path.name: r for r in results}


def test_find_pdfs_recurses_ignores_case_sorts_and_dedupes(tmp_path: Path) -> None:
    a = write(tmp_path, "b/a.PDF")
    b = write(tmp_path, "b/deep/er/b.pdf")
    write(tmp_path, "b/notes.txt")
    c = write(tmp_path, "c.pdf")
    named = write(tmp_path, "named.dat")
    found = find_pdfs([tmp_path / "b", c, tmp_path / "b" / "a.PDF", named, tmp_path / "b"])
    assert found == sorted([a.resolve(), b.resolve(), c.resolve(), named.resolve()])


def test_sha256_file_matches_hashlib(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(os.urandom(3 * 1024 + 7))
    assert sha256_file(path, chunk=1024) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_good_files_all_parsed(tmp_path: Path) -> None:
    files = [write(tmp_path, f"{i}.pdf", year=2560 + i) for i in range(4)]
    results = list(run_batch(files, workers=2, timeout=30, parse=fake_parse))
    assert sorted(r.path for r in results) == files
    for r in results:
        assert r.error is None
        assert r.report.fiscal_year.be == 2560 + int(r.path.stem)
        assert r.sha256 == sha256_file(r.path)
        assert r.size == r.path.stat().st_size
        assert r.pages == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_timeout_fails_only_that_file(tmp_path: Path, workers: int) -> None:
    slow = write(tmp_path, "slow.pdf", do="sleep")
    good = [write(tmp_path, f"g{i}.pdf", year=2560 + i) for i in range(3)]
    results = by_name(list(run_batch([slow, *good], workers=workers, timeout=1, parse=fake_parse)))
    assert results["slow.pdf"].error == "timed out after 1 s"
    assert results["slow.pdf"].report is None
    assert all(results[g.name].report is not None for g in good)


@pytest.mark.parametrize(
    ("action", "cause"),
    [
        ("raise", "no measure table found"),
        ("exit", "parser crashed (worker exited with status 3)"),
        ("segv", "parser crashed (killed by SIGSEGV)"),
        ("memory", "too large to read (over the 900 MB memory limit)"),
        ("allocate", "too large to read (over the 900 MB memory limit)"),
        ("rust_oom", "too large to read (over the 900 MB memory limit)"),
        ("sigkill", KILLED_CAUSE),
    ],
)
def test_failing_file_fails_alone(tmp_path: Path, action: str, cause: str) -> None:
    bad = write(tmp_path, "bad.pdf", do=action, bytes=3_000_000_000)
    good = [write(tmp_path, f"g{i}.pdf", year=2560 + i) for i in range(3)]
    # One worker: the files after the bad one must run on a replacement worker.
    results = by_name(list(run_batch(
        [bad, *good], workers=1, timeout=30, parse=fake_parse, memory=900_000_000,
        start_method=LEAN)))
    assert results["bad.pdf"].error == cause
    assert [results[g.name].error for g in good] == [None, None, None]


@pytest.mark.parametrize("action", ["segv", "sleep"])
def test_fork_server_workers_fail_alone_too(tmp_path: Path, action: str) -> None:
    """A cluster worker parses through a fork server (forking a threaded process is unsafe):
    its children are not the caller's, and must still run, time out and crash alone."""
    bad = write(tmp_path, "bad.pdf", do=action)
    good = [write(tmp_path, f"g{i}.pdf", year=2560 + i) for i in range(2)]
    results = by_name(list(run_batch(
        [bad, *good], workers=1, timeout=2, parse=fake_parse, start_method="forkserver")))
    assert results["bad.pdf"].error == (
        "parser crashed (killed by SIGSEGV)" if action == "segv" else "timed out after 2 s")
    assert [results[g.name].report.fiscal_year.be for g in good] == [2560, 2561]


def test_identical_files_parsed_once(tmp_path: Path) -> None:
    one = write(tmp_path, "one.pdf", year=2568)
    two = write(tmp_path, "sub/two.pdf", year=2568)
    (tmp_path / "sub" / "calls.log").unlink(missing_ok=True)
    results = by_name(list(run_batch([one, two], workers=2, timeout=30, parse=fake_parse)))
    assert calls(tmp_path) == ["one.pdf"]
    assert not (tmp_path / "sub" / "calls.log").exists()
    assert results["two.pdf"].duplicate_of == one
    assert results["two.pdf"].report == results["one.pdf"].report


def test_identical_failed_files_share_the_failure(tmp_path: Path) -> None:
    one = write(tmp_path, "one.pdf", do="raise", cause="not a PDF")
    two = write(tmp_path, "two.pdf", do="raise", cause="not a PDF")
    results = by_name(list(run_batch([one, two], workers=1, timeout=30, parse=fake_parse)))
    assert calls(tmp_path) == ["one.pdf"]
    assert results["two.pdf"].error == "not a PDF"
    assert results["two.pdf"].duplicate_of == one


def test_skipped_content_is_not_parsed(tmp_path: Path) -> None:
    known = write(tmp_path, "known.pdf", year=2567)
    copy = write(tmp_path, "copy.pdf", year=2567)
    new = write(tmp_path, "new.pdf", year=2568)
    known_sha = sha256_file(known)
    results = by_name(
        list(
            run_batch(
                [copy, known, new],
                workers=1,
                timeout=30,
                parse=fake_parse,
                skip_sha256=lambda sha: sha == known_sha,
            )
        )
    )
    assert calls(tmp_path) == ["new.pdf"]
    assert results["copy.pdf"].skipped and results["copy.pdf"].report is None
    assert results["known.pdf"].skipped and results["known.pdf"].duplicate_of == copy
    assert results["new.pdf"].report is not None


def test_missing_file_fails_with_os_cause(tmp_path: Path) -> None:
    results = list(run_batch([tmp_path / "gone.pdf"], workers=1, timeout=30, parse=fake_parse))
    assert [(r.error, r.sha256) for r in results] == [("no such file or directory", None)]


def test_workers_recycled_after_max_tasks(tmp_path: Path) -> None:
    files = [write(tmp_path, f"{i}.pdf", year=2560 + i) for i in range(5)]
    results = list(run_batch(files, workers=2, timeout=30, parse=fake_parse, max_tasks=1))
    assert [r.error for r in results] == [None] * 5
    assert mp.active_children() == []


def test_closing_early_stops_every_worker(tmp_path: Path) -> None:
    quick = write(tmp_path, "a.pdf")
    slow = [write(tmp_path, f"s{i}.pdf", do="sleep", n=i) for i in range(2)]
    batch = run_batch([quick, *slow], workers=3, timeout=600, parse=fake_parse)
    first = next(batch)
    assert first.path == quick
    assert len(mp.active_children()) == 3
    batch.close()
    assert mp.active_children() == []


def test_allocation_under_the_ceiling_succeeds(tmp_path: Path) -> None:
    fits = write(tmp_path, "fits.pdf", do="allocate", bytes=300_000_000)
    (result,) = run_batch(
        [fits], workers=1, timeout=30, parse=fake_parse, memory=900_000_000, start_method=LEAN)
    assert result.error is None


def test_worker_stderr_stays_off_the_terminal(tmp_path: Path, capfd) -> None:
    bad = write(tmp_path, "bad.pdf", do="rust_oom")
    list(run_batch(
        [bad], workers=1, timeout=30, parse=fake_parse, memory=900_000_000, start_method=LEAN))
    assert capfd.readouterr().err == ""


def test_run_one_returns_what_the_function_returned(tmp_path: Path) -> None:
    good = write(tmp_path, "good.pdf", year=2567)
    assert run_one(good, fake_parse, timeout=30).fiscal_year.be == 2567


def frozen_objects(path: Path) -> int:
    """How many objects the worker's garbage collector leaves alone."""
    return gc.get_freeze_count()


@pytest.mark.parametrize("start_method", ["fork", LEAN])
def test_worker_keeps_what_it_inherited_out_of_the_collector(
    tmp_path: Path, start_method: str
) -> None:
    # Regression: the parser's imports made each full collection of a parse ~3x as slow.
    good = write(tmp_path, "good.pdf")
    assert gc.get_freeze_count() == 0  # this process froze nothing
    assert run_one(good, frozen_objects, timeout=30, start_method=start_method) > 10_000


@pytest.mark.parametrize(
    ("spec", "cause"),
    [
        ({"do": "raise", "cause": "not a PDF"}, "not a PDF"),
        ({"do": "sleep"}, "timed out after 1 s"),
        ({"do": "allocate", "bytes": 3_000_000_000},
         "too large to read (over the 600 MB memory limit)"),
        ({"do": "segv"}, "parser crashed (killed by SIGSEGV)"),
    ],
)
def test_run_one_raises_each_failure_as_one_cause(tmp_path: Path, spec: dict, cause: str) -> None:
    bad = write(tmp_path, "bad.pdf", **spec)
    with pytest.raises(IngestError) as err:
        run_one(bad, fake_parse, timeout=1, memory=600_000_000, start_method=LEAN)
    assert str(err.value) == f"{bad}: {cause}"
    assert mp.active_children() == []
