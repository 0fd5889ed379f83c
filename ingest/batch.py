"""Parse many PDFs in worker processes, each file under a time limit, yielding as they finish.

Each worker is a process of its own that parses one file at a time and is replaced when it
times out, crashes (a segfault, the OOM killer, os._exit), runs out of memory or has parsed
`max_tasks` files, so one bad file fails alone and memory stays bounded. Parsing always happens
in a worker, even with workers=1: only a separate process can be stopped in the middle of C
code, so the time limit holds whatever the parser is doing.

Each worker has a memory ceiling (RLIMIT_AS, set right after fork; by default a share of the
machine's memory, ingest/limits.py): past it an allocation fails, and the file fails with
"too large to read (over the … memory limit)" instead of the machine swapping or the OOM killer
choosing a victim. Native code may abort instead (nlpo3's Rust does): a worker's stderr goes to
a file of its own, never the terminal, and a crash whose last words say an allocation failed
fails its file the same way, as does a worker killed by SIGKILL that the pool did not kill
(most likely the OOM killer).

The parent admits each file through an ingest.intake.Intake before dispatching it: files the
caller already has (skip_sha256) are not parsed, and a file whose content repeats one earlier
in the batch is parsed once.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import multiprocessing as mp
import os
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ingest.errors import IngestError, one_line
from ingest.intake import BatchResult, Intake, Job
from ingest.limits import (
    KILLED_CAUSE,
    TOO_LARGE,
    allocation_failed,
    default_memory_ceiling,
    limit_malloc_arenas,
    machine_memory,
    memory_cause,
    set_memory_ceiling,
)
from ingest.model import Report

ParseFn = Callable[[Path], Report]


def _exit_cause(exitcode: int | None, last_words: str, memory: int) -> str:
    """Why a worker died, from its exit code and the end of what it wrote to stderr."""
    if allocation_failed(last_words):
        return memory_cause(memory)
    # The pool's own kills (time limit, early close) never come here.
    if exitcode == -signal.SIGKILL:
        return KILLED_CAUSE
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"parser crashed (killed by {name})"
    return f"parser crashed (worker exited with status {exitcode})"


def _die_with_parent(parent_pid: int | None) -> None:
    """Ask Linux to kill this worker when the parent dies, so no orphan keeps a file lock.

    `parent_pid` is the process that forked this worker; None when a fork server did (the
    worker's parent is then the server, which exits with the process that started it)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the worker still exits when its pipe closes
    if parent_pid is not None and os.getppid() != parent_pid:  # died before prctl took effect
        os._exit(1)


def _worker(
    conn: Connection,
    parent_end: Connection,
    parse: ParseFn,
    parent_pid: int | None,
    memory: int,
    stderr_path: str,
) -> None:
    """Parse paths sent over `conn` until it closes; reply ("ok", report) or ("error", cause)."""
    faulthandler.disable()  # a crash is reported per file; no inherited traceback dump
    parent_end.close()  # else this worker would keep its own pipe open after the parent dies
    # Native crash messages stay off the user's terminal; the parent reads their last words.
    os.dup2(os.open(stderr_path, os.O_WRONLY | os.O_APPEND), 2)
    _die_with_parent(parent_pid)
    set_memory_ceiling(memory)
    limit_malloc_arenas()  # threads' arenas would count against the ceiling (ingest/limits.py)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # What the worker inherited (modules, and from a fork server the warmed parser) lives as
    # long as it does: out of the collector's way, a full collection walks only what parsing
    # makes. Imports made every full collection of a parse about three times as slow.
    gc.freeze()
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", parse(path))
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, per file
            reply = ("error", one_line(exc))
        conn.send(reply)


class _Worker:
    """One worker process and the job it is on."""

    def __init__(self, ctx: Any, parse: ParseFn, memory: int) -> None:
        self.conn, child = ctx.Pipe()
        self.memory = memory
        forked = ctx.get_start_method() == "fork"
        # By name, not by descriptor: a fork server's child inherits no descriptor of ours.
        fd, self.stderr_path = tempfile.mkstemp(prefix="raingan-worker-", suffix=".err")
        os.close(fd)
        self.process = ctx.Process(
            target=_worker,
            args=(child, self.conn, parse, os.getpid() if forked else None, memory,
                  self.stderr_path),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.done = 0

    def give(self, job: Job) -> None:
        job.started = time.monotonic()
        self.job = job
        self.conn.send(job.path)

    def stop(self, *, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        with contextlib.suppress(OSError):
            os.unlink(self.stderr_path)

    def last_words(self, size: int = 4096) -> str:
        """The end of what the worker wrote to stderr."""
        try:
            with open(self.stderr_path, "rb") as f:
                f.seek(max(0, f.seek(0, os.SEEK_END) - size))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


def _parsed(job: Job, reply: tuple[str, Any], seconds: float) -> BatchResult:
    kind, value = reply
    report = value if kind == "ok" else None
    return BatchResult(
        path=job.path,
        sha256=job.sha256,
        size=job.size,
        report=report,
        error=None if kind == "ok" else value,
        pages=report.source.pages if isinstance(report, Report) else 0,
        seconds=seconds,
    )


def _default_parse() -> ParseFn:
    from ingest.parse import parse_pdf

    return parse_pdf


def worker_context(start_method: str, parse: ParseFn) -> Any:
    """The multiprocessing context workers start from. A fork server ("forkserver": safe to use
    from a threaded process such as a TUI or a Dask worker, and lean: its children inherit none
    of the caller's memory) imports and warms the parser once, so each worker forks ready."""
    ctx = mp.get_context(start_method)
    if start_method == "forkserver":
        target = getattr(parse, "func", parse)  # a functools.partial names its function
        module = getattr(target, "__module__", None)
        ctx.set_forkserver_preload(
            ["ingest.parse", "ingest.warm", *([module] if module else [])]
        )
    return ctx


def run_batch(
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    timeout: float = 120.0,
    parse: ParseFn | None = None,
    skip_sha256: Callable[[str], bool] = lambda _sha: False,
    max_tasks: int = 50,
    start_method: str = "fork",
    memory: int | None = None,
) -> Iterator[BatchResult]:
    """Parse `paths` in `workers` processes (default: the CPU count), yielding each result.

    A file running longer than `timeout` seconds fails with "timed out after N s" and its worker
    is replaced; a worker that dies fails only the file it had. Each worker may take `memory`
    bytes (default: default_memory_ceiling for this machine and `workers`). `parse` must be a
    picklable top-level function (default ingest.parse.parse_pdf). The caller should store each
    result before asking for the next one: closing the generator early stops every worker.
    """
    parse = parse or _default_parse()
    workers = max(1, workers or os.cpu_count() or 1)
    memory = memory or default_memory_ceiling(machine_memory(), workers)
    ctx = worker_context(start_method, parse)
    pending: deque[Path] = deque(paths)
    intake = Intake(skip_sha256)
    pool: list[_Worker] = []
    try:
        while pending or any(w.job for w in pool):
            # Hand out work; hashing happens here so that skipped files never reach a worker.
            while pending and (len(pool) < workers or any(w.job is None for w in pool)):
                now_known, job = intake.admit(pending.popleft())
                yield from now_known
                if job is None:
                    continue
                idle = next((w for w in pool if w.job is None), None)
                if idle is None:
                    idle = _Worker(ctx, parse, memory)
                    pool.append(idle)
                idle.give(job)
            busy = [w for w in pool if w.job is not None]
            if not busy:
                continue
            now = time.monotonic()
            deadline = min(w.job.started + timeout for w in busy if w.job)
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, deadline - now),
            )
            now = time.monotonic()
            for w in busy:
                job = w.job
                assert job is not None
                result, retire = _collect(w, job, ready, now, timeout)
                if result is None:
                    continue
                w.job = None
                w.done += 1
                if retire or w.done >= max_tasks:
                    w.stop(kill=retire)
                    pool.remove(w)
                yield from intake.finish(job, result)
    finally:
        for w in pool:
            w.stop(kill=w.job is not None)


def run_one(
    path: Path,
    fn: Callable[[Path], Any],
    *,
    timeout: float,
    memory: int | None = None,
    start_method: str = "fork",
) -> Any:
    """fn(path) in one worker process, under a batch's time limit and memory ceiling.

    Returns what `fn` returned; every way it can fail (its own IngestError, the time limit, a
    crash, running out of memory) is raised as IngestError(path, cause), with the same causes
    a batch gives. `memory` defaults to the ceiling of a batch with one worker.
    """
    memory = memory or default_memory_ceiling(machine_memory(), 1)
    worker = _Worker(worker_context(start_method, fn), fn, memory)
    job = Job(Path(path), "", 0)
    result: BatchResult | None = None
    try:
        worker.give(job)
        while result is None:
            left = job.started + timeout - time.monotonic()
            ready = wait([worker.conn, worker.process.sentinel], timeout=max(0.0, left))
            result, _retire = _collect(worker, job, ready, time.monotonic(), timeout)
    finally:
        worker.stop(kill=result is None or result.error is not None)
    if result.error is not None:
        raise IngestError(str(path), result.error)
    return result.report


def _collect(
    w: _Worker, job: Job, ready: list[Any], now: float, timeout: float
) -> tuple[BatchResult | None, bool]:
    """The finished result of worker `w`, if any, and whether the worker must be killed."""
    seconds = now - job.started
    if w.conn in ready:
        try:
            result = _parsed(job, w.conn.recv(), seconds)
            # After running out of memory a worker's heap is fragmented: start a fresh one.
            return result, (result.error or "").startswith(TOO_LARGE)
        except (EOFError, OSError):
            pass  # died while replying: fall through to the crash cause
        except Exception as exc:  # noqa: BLE001 - a reply that cannot be unpickled
            return _failed(job, f"parser result unreadable ({one_line(exc)})", seconds), True
    if w.conn in ready or w.process.sentinel in ready:
        w.process.join(timeout=1)
        cause = _exit_cause(w.process.exitcode, w.last_words(), w.memory)
        return _failed(job, cause, seconds), True
    if seconds >= timeout:
        return _failed(job, f"timed out after {timeout:g} s", seconds), True
    return None, False


def _failed(job: Job, cause: str, seconds: float) -> BatchResult:
    return BatchResult(job.path, job.sha256, job.size, None, cause, 0, seconds)
