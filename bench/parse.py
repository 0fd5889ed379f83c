"""Pages per second of raingan's parse against bare pdfplumber extract_tables, same files, same run.

raingan's side is `parse_pdf` on every sample document (prepass, repair, tables, quality,
periods, findings); the baseline opens each with pdfplumber and calls `extract_tables` on every
page. Each side runs in a child process of its own, one thread, after a warm-up file (imports,
dictionaries, fonts) whose leftovers it then freezes (gc.freeze: a full collection no longer
walks them, as in raingan's workers, ingest/batch.py), and reads the samples
BENCH_PARSE_REPEAT times (default 2); its peak memory is its own (bench/measure.py).

The machine is shared, so the sides take turns for BENCH_PARSE_ROUNDS rounds (default 5), and
each round gives a ratio of wall-clock rates and one of CPU-time rates (user + system seconds
of the timed loop: what the work costs, whatever else runs); the median and the spread are
reported. The goal is a CPU-time ratio of 0.85 or more.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bench.measure import run_measured, spread

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_docs").glob("*.pdf"))

_CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
mode, repeat, files = sys.argv[1], int(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
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
work(files[0])  # warm-up: imports, dictionaries, fonts
gc.freeze()  # what the process holds now, out of the collector's way, as a raingan worker does
r0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter(); pages = 0
for _ in range(repeat):
    for f in files:
        pages += work(f)
dt = time.perf_counter() - t0
r1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
print(json.dumps({"pages": pages, "seconds": dt, "cpu_seconds": cpu}))
"""


def _measure(mode: str, files: list[Path], repeat: int) -> dict:
    done = run_measured([sys.executable, "-c", _CHILD, mode, str(repeat), *map(str, files)])
    if done.returncode != 0:
        raise RuntimeError(f"bench parse ({mode}) failed: {done.stderr.strip()[-2000:]}")
    row = json.loads(done.stdout)
    row["pages_per_s"] = round(row["pages"] / row["seconds"], 2)
    row["pages_per_cpu_s"] = round(row["pages"] / row["cpu_seconds"], 2)
    row["seconds"] = round(row["seconds"], 3)
    row["cpu_seconds"] = round(row["cpu_seconds"], 3)
    row["peak_rss_mb"] = round(done.peak_rss / 2**20, 1)
    return row


def run(rounds: int | None = None, repeat: int | None = None) -> dict:
    """Figures for `raingan parse` vs pdfplumber extract_tables; goal CPU ratio >= 0.85."""
    rounds = rounds or int(os.environ.get("BENCH_PARSE_ROUNDS", "5"))
    repeat = repeat or int(os.environ.get("BENCH_PARSE_REPEAT", "2"))
    raingan, bare = [], []
    for _ in range(rounds):  # the sides take turns, so load hits both alike
        raingan.append(_measure("raingan", SAMPLES, repeat))
        bare.append(_measure("pdfplumber", SAMPLES, repeat))
    pairs = list(zip(raingan, bare, strict=True))
    return {
        "files": len(SAMPLES),
        "pages": raingan[0]["pages"] // repeat,
        "repeat": repeat,
        "rounds": rounds,
        "raingan_parse": raingan,
        "pdfplumber_extract_tables": bare,
        "ratio": spread([a["pages_per_s"] / b["pages_per_s"] for a, b in pairs]),
        "cpu_ratio": spread([a["pages_per_cpu_s"] / b["pages_per_cpu_s"] for a, b in pairs]),
        "goal_ratio": 0.85,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
