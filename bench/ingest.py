"""Batch ingest pages/s: the process pool with 1 and 2 workers, and a Dask LocalCluster of 2
worker processes, against bare pdfplumber extract_tables, all in the same run.

The sample PDFs are copied `repeat` times, each copy made distinct by a trailing PDF comment
(so the sha256 dedupe does not skip it), then ingested into a fresh store: parse in workers,
one transaction per file. The full-text index is not part of this figure. The cluster is
started and warmed (one file per worker) before its clock starts; its start-up is reported
apart.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_docs").glob("*.pdf"))
Executor = Callable[[Sequence[Path], Callable[[str], bool]], Iterator]


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


def ingest_rate(files: list[Path], executor: Executor, data_dir: Path) -> dict:
    """Pages/s of an executor + Store.add_report over `files` into an empty store."""
    from index.store import Store

    pages = failed = 0
    t0 = time.perf_counter()
    with Store(data_dir) as store:
        for result in executor(files, store.has_sha256):
            if result.report is not None:
                store.add_report(result.report, size=result.size)
                pages += result.pages
            else:
                failed += 1
    seconds = time.perf_counter() - t0
    return {
        "files": len(files),
        "failed": failed,
        "pages": pages,
        "seconds": round(seconds, 3),
        "pages_per_s": round(pages / seconds, 2),
    }


def pool(workers: int) -> Executor:
    from ingest.batch import run_batch

    return lambda files, skip: run_batch(files, workers=workers, timeout=600, skip_sha256=skip)


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


def cluster_rate(files: list[Path], warm: list[Path], data_dir: Path) -> dict:
    """Pages/s on a LocalCluster(2), started and warmed before the clock starts."""
    import logging

    from distributed import Client, LocalCluster

    from ingest.cluster import run_cluster

    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        started = time.perf_counter() - t0
        list(run_cluster(warm, client=client, timeout=600))  # fork servers up and warm
        figures = ingest_rate(
            files, lambda fs, skip: run_cluster(fs, client=client, timeout=600, skip_sha256=skip),
            data_dir,
        )
    return {**figures, "cluster_start_s": round(started, 2)}


def run(repeat: int = 2) -> dict:
    """Ingest figures; goals: 2 workers >= 1.8x the pages/s of 1 worker (on >= 2 free cores),
    and the LocalCluster(2) >= 0.9x the pool of 2."""
    import ingest.parse  # noqa: F401 - imported once here, so forked workers start warm

    with tempfile.TemporaryDirectory(prefix="raingan-bench-") as tmp:
        folder = Path(tmp) / "pdfs"
        folder.mkdir()
        files = make_copies(folder, repeat)
        warm = [shutil.copyfile(SAMPLES[0], Path(tmp) / f"warm{i}.pdf") for i in range(2)]
        bare = bare_pdfplumber_rate(files)
        one = ingest_rate(files, pool(1), Path(tmp) / "data1")
        two = ingest_rate(files, pool(2), Path(tmp) / "data2")
        dask = cluster_rate(files, [Path(w) for w in warm], Path(tmp) / "data3")
    return {
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "pdfplumber_extract_tables": bare,
        "ingest_1_worker": one,
        "ingest_2_workers": two,
        "ingest_local_cluster_2": dask,
        "speedup_2_vs_1": round(two["pages_per_s"] / one["pages_per_s"], 2),
        "ratio_cluster_vs_pool_2": round(dask["pages_per_s"] / two["pages_per_s"], 2),
        "ratio_1_worker_vs_pdfplumber": round(one["pages_per_s"] / bare["pages_per_s"], 2),
        "ratio_2_workers_vs_pdfplumber": round(two["pages_per_s"] / bare["pages_per_s"], 2),
        "goal_speedup_2_vs_1": 1.8,
        "goal_cluster_vs_pool": 0.9,
    }
