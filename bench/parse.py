"""Pages per second of raingan's parse against bare pdfplumber extract_tables, same files, same run.

raingan's side is `parse_pdf` on every sample document (prepass, repair, tables, quality,
periods, findings); the baseline opens each with pdfplumber and calls `extract_tables` on every
page. Each side is a child process of its own, one thread, which reads a warm-up file first
(imports, dictionaries, fonts), freezes what it then holds (gc.freeze: a full collection no
longer walks it, as in raingan's workers, ingest/batch.py) and then reads the files it is sent
one at a time, answering with the CPU time (user + system) and wall time each took.

The machine is shared, and its speed drifts over seconds with what else runs. So the two
sides take turns file by file, which side goes first swapping from one file to the next, and
a slow spell falls on both alike; each round reads the samples BENCH_PARSE_REPEAT times
(default 2) with two fresh children, and gives a ratio of CPU-time rates and one of wall-clock
rates. BENCH_PARSE_ROUNDS rounds (default 5) give a median and a spread. The goal is a CPU-time
ratio of 0.85 or more. Peak memory is each child's own high-water mark (VmHWM, which starts
afresh at exec).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.measure import spread

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_docs").glob("*.pdf"))

_CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
mode, warm = sys.argv[1], Path(sys.argv[2])
if mode == "raingan":
    from ingest.parse import parse_pdf
    def work(path):
        return parse_pdf(path).source.pages
else:
    import pdfplumber
    def work(path):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
            return len(pdf.pages)
work(warm)  # warm-up: imports, dictionaries, fonts
gc.freeze()  # what the process holds now, out of the collector's way, as a raingan worker does
print("ready", flush=True)
for line in sys.stdin:
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    pages = work(Path(line.rstrip("\n")))
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
    print(json.dumps({"pages": pages, "seconds": dt, "cpu_seconds": cpu}), flush=True)
hwm = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(json.dumps({"peak_rss_kb": int(hwm.split()[1])}), flush=True)
"""


class _Side:
    """One side's child process: sent a file, it reads it and says what that cost."""

    def __init__(self, mode: str, warm: Path) -> None:
        self.mode = mode
        self.err = tempfile.TemporaryFile()  # not a pipe: pdfminer's warnings could fill it
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, mode, str(warm)], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err,
        )
        self._expect("ready")
        self.pages = 0
        self.seconds = self.cpu_seconds = 0.0

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(timeout=60)
            self.err.seek(0)
            err = self.err.read().decode(errors="replace")
            raise RuntimeError(f"bench parse ({self.mode}) failed: {err.strip()[-2000:]}")
        return line

    def _expect(self, word: str) -> None:
        if (got := self._line().strip()) != word:
            raise RuntimeError(f"bench parse ({self.mode}): said {got!r}, not {word!r}")

    def read(self, path: Path) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        row = json.loads(self._line())
        self.pages += row["pages"]
        self.seconds += row["seconds"]
        self.cpu_seconds += row["cpu_seconds"]

    def finish(self) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        peak_kb = json.loads(self._line())["peak_rss_kb"]
        self.proc.wait(timeout=60)
        return {
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "pages_per_s": round(self.pages / self.seconds, 2),
            "pages_per_cpu_s": round(self.pages / self.cpu_seconds, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1),
        }


def _round(files: list[Path], repeat: int) -> tuple[dict, dict]:
    """One round: both sides read `files` `repeat` times, taking turns file by file."""
    raingan, bare = _Side("raingan", files[0]), _Side("pdfplumber", files[0])
    try:
        turn = 0
        for _ in range(repeat):
            for f in files:
                first, second = (raingan, bare) if turn % 2 == 0 else (bare, raingan)
                first.read(f)
                second.read(f)
                turn += 1
        return raingan.finish(), bare.finish()
    finally:
        for side in (raingan, bare):
            if side.proc.poll() is None:
                side.proc.kill()
                side.proc.wait()
            side.err.close()


def run(rounds: int | None = None, repeat: int | None = None) -> dict:
    """Figures for `raingan parse` vs pdfplumber extract_tables; goal CPU ratio >= 0.85."""
    rounds = rounds or int(os.environ.get("BENCH_PARSE_ROUNDS", "5"))
    repeat = repeat or int(os.environ.get("BENCH_PARSE_REPEAT", "2"))
    pairs = [_round(SAMPLES, repeat) for _ in range(rounds)]
    return {
        "files": len(SAMPLES),
        "pages": pairs[0][0]["pages"] // repeat,
        "repeat": repeat,
        "rounds": rounds,
        "raingan_parse": [a for a, _ in pairs],
        "pdfplumber_extract_tables": [b for _, b in pairs],
        "ratio": spread([a["pages_per_s"] / b["pages_per_s"] for a, b in pairs]),
        "cpu_ratio": spread([a["pages_per_cpu_s"] / b["pages_per_cpu_s"] for a, b in pairs]),
        "goal_ratio": 0.85,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
