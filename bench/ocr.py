"""OCR pages per second on one core: raingan's cell-by-cell OCR against bare tesseract on the
whole page, the same scanned pages, the same run.

raingan's side is the whole `parse_pdf` of each scanned sample with OCR on and no cache
(render, deskew, rules and cells, every cell line by line, the text around the tables, the
second reading of lines with Latin letters, the Thai-digit re-reading, repairs, table
assembly). The baseline is Debian's `tesseract` command (`-l tha+eng`, page layout analysis
on) run on each page image, the images rendered before the clock starts: the baseline is
spared the rendering that raingan's side pays for.

Both sides use one core: each runs in a child process with OMP_THREAD_LIMIT=1 (Debian's
tesseract is built with OpenMP; the tesseract inside tesserocr's wheel is not) and raingan's
OpenCV runs one thread (ingest/ocr/page.py). Peak memory is the child's (raingan) or the
largest tesseract process's (baseline).

The machine is shared, so the sides take turns for BENCH_OCR_ROUNDS rounds (default 3), and
each round gives a ratio of wall-clock rates and one of CPU-time rates (user + system
seconds: what the work costs, whatever else runs); the median and the spread are reported.
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
SCANS = sorted((ROOT / "sample_docs" / "scanned").glob("*_scan[0-9]*.pdf"))

_RAINGAN = r"""
import json, os, resource, sys, time
from pathlib import Path
from ingest.ocr.settings import OcrSettings
from ingest.parse import parse_pdf
from ingest.ocr.digits import templates
from ingest.ocr.engine import engine_version
templates(); engine_version()  # font templates and model paths, once per process
r0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter(); pages = 0
for f in sys.argv[1:]:
    pages += len(parse_pdf(Path(f), OcrSettings(mode="auto")).ocr_pages)
dt = time.perf_counter() - t0
r1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
print(json.dumps({"pages": pages, "seconds": dt, "cpu_seconds": cpu,
                  "peak_rss_mb": r1.ru_maxrss / 1024}))
"""

_TESSERACT = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
for image in sys.argv[1:]:
    subprocess.run(["tesseract", image, "-", "-l", "tha+eng"], check=True,
                   capture_output=True)
dt = time.perf_counter() - t0
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"pages": len(sys.argv) - 1, "seconds": dt,
                  "cpu_seconds": r.ru_utime + r.ru_stime,
                  "peak_rss_mb": r.ru_maxrss / 1024}))
"""


def _child(code: str, args: list[str]) -> dict:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, cwd=ROOT, env=env)
    row = json.loads(out.stdout)
    row["pages_per_s"] = round(row["pages"] / row["seconds"], 3)
    row["pages_per_cpu_s"] = round(row["pages"] / row["cpu_seconds"], 3)
    for key in ("seconds", "cpu_seconds", "peak_rss_mb"):
        row[key] = round(row[key], 2)
    return row


def _page_images(folder: Path) -> list[str]:
    """Every page of the scans as PNG at its scan's own resolution (as raingan renders it)."""
    import pdfplumber

    from ingest.ocr.reader import page_dpi

    images = []
    for pdf_path in SCANS:
        with pdfplumber.open(pdf_path) as pdf:
            for n, page in enumerate(pdf.pages, 1):
                out = folder / f"{pdf_path.stem}-{n}.png"
                page.to_image(resolution=page_dpi(page, 300)).original.convert("L").save(out)
                images.append(str(out))
    return images


def run(rounds: int | None = None) -> dict:
    """Figures for raingan's OCR against whole-page tesseract; goal ratio >= 1.0."""
    rounds = rounds or int(os.environ.get("BENCH_OCR_ROUNDS", "3"))
    raingan, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        images = _page_images(Path(tmp))
        for _ in range(rounds):  # the sides take turns, so load hits both alike
            raingan.append(_child(_RAINGAN, [str(p) for p in SCANS]))
            bare.append(_child(_TESSERACT, images))
    wall = [a["pages_per_s"] / b["pages_per_s"] for a, b in zip(raingan, bare, strict=True)]
    cpu = [a["pages_per_cpu_s"] / b["pages_per_cpu_s"] for a, b in zip(raingan, bare, strict=True)]
    return {
        "files": len(SCANS),
        "pages": raingan[0]["pages"],
        "rounds": rounds,
        "raingan_ocr_parse": raingan,
        "tesseract_whole_page": bare,
        "ratio": spread(wall),
        "cpu_ratio": spread(cpu),
        "goal_ratio": 1.0,
        "seconds_per_page_raingan": spread([r["seconds"] / r["pages"] for r in raingan]),
        "cpu_seconds_per_page_raingan": spread([r["cpu_seconds"] / r["pages"] for r in raingan]),
        "cpu_seconds_per_page_tesseract": spread([r["cpu_seconds"] / r["pages"] for r in bare]),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
