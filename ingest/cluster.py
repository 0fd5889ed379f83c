"""Parse files on a Dask distributed cluster, with the same parser and the same isolation.

The coordinator (the process running `raingan ingest --cluster`) hashes every file and skips
content the store has (ingest.intake.Intake), then sends one task per distinct file. On the
worker the task runs ingest.batch's single-file pool through a fork server, so a file that
hangs, crashes or takes too much memory fails alone and the Dask worker lives on; the result
travels back as `raingan.report` JSON. The coordinator stays the only writer of the store.

Files are read where they are when every worker sees the same path (a LocalCluster, or shared
storage); otherwise their bytes go with the task. `ship="auto"` asks each worker whether it can
read the first file at its path, with the right size.

Dask's own machinery does the rest: a worker lost mid-run has its tasks rescheduled on the
others, and each task's future completes once, so no file is stored twice.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ingest.batch import ParseFn, run_batch
from ingest.intake import BatchResult, Intake, Job
from ingest.limits import default_memory_ceiling, machine_memory, one_thread_each
from ingest.serialize import report_from_dict, report_to_dict

SHIP_MODES = ("auto", "path", "bytes")
INSTALL_HINT = "--cluster needs Dask: pip install 'raingan[cluster]'"
# A task may wait behind one other on its worker; past this the coordinator gives up on it.
GRACE_S = 60.0


class ClusterUnavailable(RuntimeError):
    """Dask is not installed, or the cluster cannot be reached; the message is one line."""


@dataclass(frozen=True)
class ClusterSpec:
    """Where to run: a scheduler address (tcp://host:8786) or a local cluster of N workers."""

    address: str | None = None
    local_workers: int = 0

    @classmethod
    def parse(cls, text: str) -> ClusterSpec:
        """ "local:2" or "tcp://10.0.0.5:8786" (a bare host:port means tcp)."""
        if text.startswith("local:"):
            count = text.partition(":")[2]
            if not count.isdigit() or int(count) < 1:
                raise ValueError(f"{text!r}: local needs a worker count, as in local:4")
            return cls(local_workers=int(count))
        if text == "local":
            return cls(local_workers=os.cpu_count() or 1)
        if "://" not in text:
            text = f"tcp://{text}"
        return cls(address=text)


def parse_on_worker(
    source: str | bytes, name: str, timeout: float, parse: ParseFn | None,
    memory: int | None = None,
) -> dict[str, Any]:
    """The task: parse one file (a path, or its bytes) in a child process; a plain dict back.

    {"report": raingan.report JSON} or {"error": cause}, with "seconds". The child may take
    `memory` bytes; by default the machine's share for one of its CPUs, as the local pool gives
    each of its default workers (ingest/limits.py).
    """
    started = time.monotonic()
    # Dask starts its workers as daemonic processes, which multiprocessing forbids to have
    # children lest they outlive them. run_batch joins or kills its child before it returns,
    # and the child dies with its parent (PR_SET_PDEATHSIG), so none can outlive this one.
    me = mp.current_process()
    if me.daemon:
        me.daemon = False
    one_thread_each()  # the fork server inherits it, and its children (ingest/limits.py)
    memory = memory or default_memory_ceiling(machine_memory(), os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="raingan-") as tmp:
        if isinstance(source, bytes):
            path = Path(tmp) / name
            path.write_bytes(source)
        else:
            path = Path(source)
        results = list(
            run_batch([path], workers=1, timeout=timeout, parse=parse, start_method="forkserver",
                      memory=memory)
        )
    result = results[0]
    out: dict[str, Any] = {"seconds": time.monotonic() - started}
    if result.report is not None:
        out["report"] = report_to_dict(result.report)
    else:
        out["error"] = result.error or "parser returned nothing"
    return out


def readable_at(path: str, size: int) -> bool:
    """On a worker: is this coordinator path a file of this size here?"""
    try:
        return os.path.getsize(path) == size
    except OSError:
        return False


def _connect(spec: ClusterSpec | None) -> tuple[Any, Any]:
    """(client, local cluster or None); ClusterUnavailable with one line when that fails."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterUnavailable(INSTALL_HINT) from exc
    if spec is None:
        raise ValueError("run_cluster needs a ClusterSpec or a client")
    if spec.local_workers:
        import logging

        cluster = LocalCluster(
            n_workers=spec.local_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster
    try:
        return Client(spec.address, timeout="10s"), None
    except OSError as exc:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {spec.address}") from exc


def choose_ship(client: Any, ship: str, sample: Job | None, local: bool) -> str:
    """"path" when every worker reads the files where they are, else "bytes"."""
    if ship != "auto":
        return ship
    if local or sample is None:
        return "path"
    answers = client.run(readable_at, str(sample.path), sample.size)
    return "path" if answers and all(answers.values()) else "bytes"


def _result(job: Job, reply: dict[str, Any]) -> BatchResult:
    if "report" in reply:
        report = report_from_dict(reply["report"])
        # Bytes were parsed from a worker's temporary copy: the coordinator's path is the one.
        report = replace(report, source=replace(report.source, path=str(job.path)))
        return BatchResult(job.path, job.sha256, job.size, report, None,
                           report.source.pages, reply["seconds"])
    return BatchResult(job.path, job.sha256, job.size, None, reply["error"], 0, reply["seconds"])


def run_cluster(
    paths: Sequence[Path],
    *,
    spec: ClusterSpec | None = None,
    timeout: float = 120.0,
    parse: ParseFn | None = None,
    skip_sha256: Callable[[str], bool] = lambda _sha: False,
    ship: str = "auto",
    client: Any = None,
    memory: int | None = None,
) -> Iterator[BatchResult]:
    """Parse `paths` on the cluster, yielding each file's result as it lands (like run_batch).

    At most two tasks per worker thread are in flight, so shipped bytes never pile up in
    memory. Raises ClusterUnavailable before the first result if the cluster cannot be used.
    `client`: a connected distributed.Client to use (and leave open) instead of `spec`.
    Each file's child process may take `memory` bytes (default: see parse_on_worker).
    """
    if ship not in SHIP_MODES:
        raise ValueError(f"ship must be one of {SHIP_MODES}")
    own = client is None
    client, cluster = _connect(spec) if own else (client, None)
    try:
        from distributed import wait

        slots = max(2, 2 * sum(client.nthreads().values()))
        intake = Intake(skip_sha256)
        pending = list(paths)
        pending.reverse()
        mode: str | None = None
        flying: dict[Any, tuple[Job, float]] = {}
        while pending or flying:
            while pending and len(flying) < slots:
                now_known, job = intake.admit(pending.pop())
                yield from now_known
                if job is None:
                    continue
                if mode is None:
                    mode = choose_ship(client, ship, job, cluster is not None)
                source: str | bytes = str(job.path) if mode == "path" else job.path.read_bytes()
                future = client.submit(
                    parse_on_worker, source, job.path.name, timeout, parse, memory, pure=False
                )
                flying[future] = (job, time.monotonic())
            if not flying:
                continue
            try:
                done = wait(list(flying), timeout=1.0, return_when="FIRST_COMPLETED").done
            except TimeoutError:  # Dask's wait raises where concurrent.futures returns
                done = set()
            now = time.monotonic()
            for future in list(flying):
                job, sent = flying[future]
                if future in done:
                    reply = _reply(future)
                elif now - sent > 2 * timeout + GRACE_S:
                    future.cancel()
                    reply = {"error": f"timed out after {timeout:g} s on the cluster",
                             "seconds": now - sent}
                else:
                    continue
                del flying[future]
                yield from intake.finish(job, _result(job, reply))
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()


def _reply(future: Any) -> dict[str, Any]:
    """A finished task's dict; a task Dask itself gave up on becomes its cause."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - KilledWorker, CancelledError, ...
        name = type(exc).__name__
        cause = "its worker died repeatedly" if name == "KilledWorker" else name
        return {"error": f"parser crashed on the cluster ({cause})", "seconds": 0.0}
