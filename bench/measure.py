"""Run a command and measure it whole: wall time and the peak memory of its largest process.

Linux carries a process's peak resident size across fork and exec: a command started from a
large process (a test run that has loaded the OCR models, say) starts with its parent's peak.
So commands are started by a small launcher process, itself started once, whose own memory is
a bare interpreter's; the launcher waits for each command with wait4 and reports its figures.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs in the launcher: one JSON request a line in, one JSON answer a line out.
_LAUNCHER = r"""
import json, os, subprocess, sys, tempfile, threading, time
for line in sys.stdin:
    req = json.loads(line)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(req["argv"], stdout=out, stderr=err, cwd=req["cwd"])
        killer = threading.Timer(req["timeout"], proc.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        answer = {"returncode": os.waitstatus_to_exitcode(status),
                  "stdout": out.read().decode(errors="replace"),
                  "stderr": err.read().decode(errors="replace"),
                  "peak_rss": usage.ru_maxrss * 1024, "seconds": seconds}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
"""


@dataclass(frozen=True)
class Measured:
    """A finished command, with the peak resident memory of its largest process."""

    returncode: int
    stdout: str
    stderr: str
    peak_rss: int  # bytes: the largest of the command and every process it waited for
    seconds: float


class _Launcher:
    """The small process that starts measured commands (one per test or bench process)."""

    _proc: subprocess.Popen[str] | None = None
    _lock = threading.Lock()

    @classmethod
    def run(cls, argv: Sequence[str], cwd: Path, timeout: float) -> Measured:
        with cls._lock:
            if cls._proc is None or cls._proc.poll() is not None:
                cls._proc = subprocess.Popen(
                    [sys.executable, "-S", "-c", _LAUNCHER], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, text=True,
                )
            assert cls._proc.stdin is not None and cls._proc.stdout is not None
            request = {"argv": list(argv), "cwd": str(cwd), "timeout": timeout}
            cls._proc.stdin.write(json.dumps(request) + "\n")
            cls._proc.stdin.flush()
            return Measured(**json.loads(cls._proc.stdout.readline()))


def run_measured(argv: Sequence[str], *, timeout: float = 300, cwd: Path = ROOT) -> Measured:
    """Run `argv` and measure its peak memory through wait4, which reports the largest RSS of
    the process and of all its reaped descendants (raingan's workers are always reaped)."""
    return _Launcher.run(argv, cwd, timeout)


def spread(values: Sequence[float]) -> dict:
    """The median of repeated figures, with their least, greatest and each one."""
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3), "each": [round(v, 3) for v in values]}
