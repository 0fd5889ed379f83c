"""OCR pages per second on one core: raingan's cell-by-cell OCR against bare tesseract on the
whole page, the same scanned pages, the same run.

raingan's side is the whole `parse_pdf` of each scanned sample with OCR on and no cache
(render, deskew, rules and cells, every cell line by line, the text around the tables, the
Thai-digit re-reading, repairs, table assembly). The baseline is Debian's `tesseract` command
(`-l tha+eng`, page layout analysis on) run on each page image, the images rendered before the
clock starts: the baseline is spared the rendering that raingan's side pays for. Each side
runs in a child process with OMP_THREAD_LIMIT=1, so both use one core; peak memory is the
child's (raingan) or the largest tesseract process's (baseline).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANS = sorted((ROOT / "sample_docs" / "scanned").glob("*_scan[0-9]*.pdf"))

_RAINGAN = r"""
import json, resource, sys, time
from pathlib import Path
from ingest.ocr.settings import OcrSettings
from ingest.parse import parse_pdf
from ingest.ocr.digits import templates
from ingest.ocr.engine import engine_version
templates(); engine_version()  # font templates and model paths, once per process
t0 = time.perf_counter(); pages = 0
for f in sys.argv[1:]:
    pages += len(parse_pdf(Path(f), OcrSettings(mode="auto")).ocr_pages)
dt = time.perf_counter() - t0
print(json.dumps({"pages": pages, "seconds": dt,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_TESSERACT = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
for image in sys.argv[1:]:
    subprocess.run(["tesseract", image, "-", "-l", "tha+eng"], check=True,
                   capture_output=True)
dt = time.perf_counter() - t0
print(json.dumps({"pages": len(sys.argv) - 1, "seconds": dt,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _child(code: str, args: list[str]) -> dict:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, cwd=ROOT, env=env)
    row = json.loads(out.stdout)
    row["pages_per_s"] = round(row["pages"] / row["seconds"], 3)
    row["seconds"] = round(row["seconds"], 2)
    row["peak_rss_mb"] = round(row["peak_rss_mb"], 1)
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


def run() -> dict:
    """Figures for raingan's OCR against whole-page tesseract; goal ratio >= 1.0."""
    raingan = _child(_RAINGAN, [str(p) for p in SCANS])
    with tempfile.TemporaryDirectory() as tmp:
        bare = _child(_TESSERACT, _page_images(Path(tmp)))
    return {
        "files": len(SCANS),
        "raingan_ocr_parse": raingan,
        "tesseract_whole_page": bare,
        "ratio": round(raingan["pages_per_s"] / bare["pages_per_s"], 3),
        "goal_ratio": 1.0,
        "seconds_per_page_raingan": round(raingan["seconds"] / raingan["pages"], 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
