"""Run a command and measure it whole: wall time and the peak memory of its largest process."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Measured:
    """A finished command, with the peak resident memory of its largest process."""

    returncode: int
    stdout: str
    stderr: str
    peak_rss: int  # bytes: the largest of the command and every process it waited for
    seconds: float


def run_measured(argv: Sequence[str], *, timeout: float = 300, cwd: Path = ROOT) -> Measured:
    """Run `argv` and measure its peak memory through wait4, which reports the largest RSS of
    the process and of all its reaped descendants (raingan's workers are always reaped)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, cwd=cwd)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Measured(proc.returncode, out.read().decode(), err.read().decode(),
                        usage.ru_maxrss * 1024, seconds)
