"""Pages per second of raingan's parse against bare pdfplumber extract_tables, same files, same run.

Each side runs in a fresh subprocess so its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_docs").glob("*.pdf"))

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
files = [Path(p) for p in sys.argv[2:]]
mode = sys.argv[1]
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
t0 = time.perf_counter(); pages = 0
for _ in range(REPEAT):
    for f in files:
        pages += work(f)
dt = time.perf_counter() - t0
print(json.dumps({"pages": pages, "seconds": dt,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _measure(mode: str, files: list[Path], repeat: int) -> dict:
    code = _CHILD.replace("REPEAT", str(repeat))
    out = subprocess.run(
        [sys.executable, "-c", code, mode, *map(str, files)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    row = json.loads(out.stdout)
    row["pages_per_s"] = round(row["pages"] / row["seconds"], 2)
    row["seconds"] = round(row["seconds"], 3)
    row["peak_rss_mb"] = round(row["peak_rss_mb"], 1)
    return row


def run(repeat: int = 2) -> dict:
    """Figures for `raingan parse` vs pdfplumber extract_tables; goal ratio >= 0.85."""
    raingan = _measure("raingan", SAMPLES, repeat)
    bare = _measure("pdfplumber", SAMPLES, repeat)
    return {
        "files": len(SAMPLES),
        "raingan_parse": raingan,
        "pdfplumber_extract_tables": bare,
        "ratio": round(raingan["pages_per_s"] / bare["pages_per_s"], 3),
        "goal_ratio": 0.85,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
