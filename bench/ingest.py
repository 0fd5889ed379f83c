"""Batch ingest pages/s with 1 and 2 workers, against bare pdfplumber extract_tables, same run.

The sample PDFs are copied `repeat` times, each copy made distinct by a trailing PDF comment
(so the sha256 dedupe does not skip it), then ingested into a fresh store: parse in workers,
one transaction per file. The full-text index is not part of this figure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_docs").glob("*.pdf"))


def make_copies(folder: Path, repeat: int) -> list[Path]:
    """`repeat` distinct copies of every sample PDF; largest first, as a real folder might be."""
    copies = []
    for n in range(repeat):
        for src in SAMPLES:
            dst = folder / f"{src.stem}__{n}.pdf"
            shutil.copyfile(src, dst)
            with open(dst, "ab") as f:
                f.write(f"\n% bench copy {n}\n".encode())  # a comment after %%EOF: still valid
            copies.append(dst)
    return copies


def ingest_rate(files: list[Path], workers: int, data_dir: Path) -> dict:
    """Pages/s of run_batch + Store.add_report over `files` into an empty store."""
    from index.store import Store
    from ingest.batch import run_batch

    pages = failed = 0
    t0 = time.perf_counter()
    with Store(data_dir) as store:
        for result in run_batch(files, workers=workers, timeout=600, skip_sha256=store.has_sha256):
            if result.report is not None:
                store.add_report(result.report, size=result.size)
                pages += result.pages
            else:
                failed += 1
    seconds = time.perf_counter() - t0
    return {
        "workers": workers,
        "files": len(files),
        "failed": failed,
        "pages": pages,
        "seconds": round(seconds, 3),
        "pages_per_s": round(pages / seconds, 2),
    }


def bare_pdfplumber_rate(files: list[Path]) -> dict:
    """Pages/s of opening each file and calling extract_tables on every page, in one process."""
    import pdfplumber

    pages = 0
    t0 = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    seconds = time.perf_counter() - t0
    return {"pages": pages, "seconds": round(seconds, 3), "pages_per_s": round(pages / seconds, 2)}


def run(repeat: int = 2) -> dict:
    """Ingest figures; goal: 2 workers >= 1.8x the pages/s of 1 worker (on >= 2 free cores)."""
    import ingest.parse  # noqa: F401 - imported once here, so forked workers start warm

    with tempfile.TemporaryDirectory(prefix="raingan-bench-") as tmp:
        folder = Path(tmp) / "pdfs"
        folder.mkdir()
        files = make_copies(folder, repeat)
        bare = bare_pdfplumber_rate(files)
        one = ingest_rate(files, 1, Path(tmp) / "data1")
        two = ingest_rate(files, 2, Path(tmp) / "data2")
    return {
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "pdfplumber_extract_tables": bare,
        "ingest_1_worker": one,
        "ingest_2_workers": two,
        "speedup_2_vs_1": round(two["pages_per_s"] / one["pages_per_s"], 2),
        "ratio_1_worker_vs_pdfplumber": round(one["pages_per_s"] / bare["pages_per_s"], 2),
        "ratio_2_workers_vs_pdfplumber": round(two["pages_per_s"] / bare["pages_per_s"], 2),
        "goal_speedup_2_vs_1": 1.8,
    }
