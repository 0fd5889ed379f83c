"""Search speed and recall at 10k, 100k and 1M synthetic measures, against a words-only baseline.

Per size: index build rate (docs/s; the built index is cached under bench/out/ keyed by size,
seed, schema, index format and the sample corpus the measures are drawn from, so a cached run
reports the rate measured when it was built);
the substring index (a suffix array per segment: time to build what is missing, bytes); the
first search in a fresh process ("cold": opens the segments and maps their suffix arrays;
the OS may still cache the files) reported on its own; then search p50/p95 over the query set
with snippets (limit 50; "warm": the cold search is not among them; wall clock, and the
thread's CPU time beside it), and recall/precision of the full match set against substring
truth (a measure is relevant when its squeezed cell text contains the squeezed query), in all
and for each kind of query (Thai pieces, words and phrases, digits, Latin pieces:
bench.synthetic.QUERY_KINDS). The baseline is what plain Whoosh gives on the same index: the
query's nlpo3 words as AND-ed word terms, timed in the same run; `p95_vs_words` is our p95
over its p95.
Load average is recorded at the start and end: other processes on the machine move figures.
Sizes: $BENCH_SEARCH_SIZES (default "10000,100000,1000000").
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
from whoosh import query

from bench.search_truth import Rows, key_code, key_codes, overlap
from bench.synthetic import QUERY_KINDS, pools_digest, query_set, synthetic_reports
from index.analyzer import squeeze, word_spans
from index.fulltext import BATCH_MEASURES, WRITER_PROCESSES, FullTextIndex
from index.search import INDEX_FORMAT, SCHEMA
from ingest.model import COLUMN_KEYS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
LIMIT = 50
SIZES = "10000,100000,1000000"
SEED = 7
QUERIES = 200
# The words-only baseline asks Whoosh's collector, which visits every matching document one
# by one: at 1M measures it is timed on every 4th query only (50 queries, 10 of each kind,
# since kinds take turns in fives).
BASELINE_EVERY = {1_000_000: 4}
WARM_NOTE = (
    "p50/p95 are warm: the process's first search (cold_first_search_ms) is excluded; "
    "cpu: the searching thread's CPU time, which other load on the machine moves less"
)


def _cache_dir(n: int) -> Path:
    # str hash() changes per process; the key must not.
    names = " ".join([*sorted(SCHEMA.names()), INDEX_FORMAT])
    schema_key = hashlib.sha1(names.encode()).hexdigest()[:8]
    return OUT / f"search-{n}-{SEED}-{schema_key}-{pools_digest()}"


class _LoadSampler:
    """The 1-minute load average sampled every `every` seconds while a long step runs."""

    def __init__(self, every: float = 15.0) -> None:
        self._samples = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self._samples.append(os.getloadavg()[0])

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        self._samples.append(os.getloadavg()[0])
        return {
            "mean": round(statistics.fmean(self._samples), 2),
            "min": round(min(self._samples), 2),
            "max": round(max(self._samples), 2),
        }


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (Whoosh's writer processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _build(n: int) -> tuple[Path, dict]:
    """The cached index of n synthetic measures, built on first use through the writer
    sync() uses (FullTextIndex._index_reports: batches of BATCH_MEASURES, each written by
    Whoosh's writer with 2 processes); then its substring index (prepare(), as sync does),
    which is timed in every run and built only where a segment lacks it, so a change to the
    substring index does not throw away a Whoosh build of an hour and more."""
    where = _cache_dir(n)
    meta_path = where / "whoosh.json"
    legacy = where / "build.json"  # written by benches before the substring step was apart
    if not meta_path.exists() and legacy.exists():
        old = json.loads(legacy.read_text())
        meta_path.write_text(json.dumps({k: v for k, v in old.items() if "substring" not in k}))
    if meta_path.exists():
        whoosh = {**json.loads(meta_path.read_text()), "cached": True}
    else:
        shutil.rmtree(where, ignore_errors=True)  # a build cut short: start again
        where.mkdir(parents=True)
        load = _LoadSampler()
        t0, c0 = time.perf_counter(), _cpu_seconds()
        with FullTextIndex(where / "index") as ix:
            _, docs = ix._index_reports(synthetic_reports(n, SEED))
        seconds, cpu = time.perf_counter() - t0, _cpu_seconds() - c0
        whoosh = {
            "docs": docs,
            "processes": WRITER_PROCESSES,
            "batch_measures": BATCH_MEASURES,
            "whoosh_s": round(seconds, 1),
            "docs_per_s": round(docs / seconds, 1),
            "docs_per_cpu_s": round(docs / cpu, 1),
            "load_avg_1min": load.stop(),
            "built": time.strftime("%Y-%m-%d %H:%M"),
        }
        meta_path.write_text(json.dumps(whoosh))
        whoosh["cached"] = False
    return where / "index", {**whoosh, "substring": _prepare(where / "index")}


def _prepare(index: Path) -> dict:
    """Build the substring index of every segment that lacks one; its time and whether it
    had anything to build (False: the saved files were all there)."""
    before = {f.name for f in index.glob("*.npy")}
    t0, c0 = time.perf_counter(), _cpu_seconds()
    with FullTextIndex(index) as ix:
        ix.prepare()
    return {
        "s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(_cpu_seconds() - c0, 1),
        "built_now": {f.name for f in index.glob("*.npy")} != before,
    }


def _baseline(ix: FullTextIndex, q: str) -> query.Query:
    words = [w for w, _, _ in word_spans(q.strip('"'))]
    return query.Or([query.And([query.Term(col, w) for w in words]) for col in COLUMN_KEYS])


def _pcts(times: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    return {
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
    }


def _recall_precision(results: list[tuple[int, int, int]]) -> dict:
    """Over queries' (relevant, found, relevant and found) counts (search_truth.overlap)."""
    relevant = sum(r for r, _, _ in results)
    found = sum(f for _, f, _ in results)
    right = sum(b for _, _, b in results)
    return {
        "recall": round(right / relevant, 4) if relevant else None,
        "precision": round(right / found, 4) if found else None,
        "relevant": relevant,
    }


def _sizes(index: Path) -> dict:
    """MB on disk: Whoosh's files, and the substring index saved beside its segments."""
    files = [f for f in index.iterdir() if f.is_file()]
    ours = sum(f.stat().st_size for f in files if f.suffix == ".npy")
    return {
        "whoosh_mb": round((sum(f.stat().st_size for f in files) - ours) / 1e6, 1),
        "substring_mb": round(ours / 1e6, 1),
    }


def _search_process(index: Path, queries: list[str]) -> dict:
    """Cold and warm figures from a fresh process (bench.search_process)."""
    request = {"index": str(index), "queries": queries, "limit": LIMIT, "started": time.time()}
    done = subprocess.run(
        [sys.executable, "-m", "bench.search_process"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)


def measure(n: int) -> dict:
    """Figures for one size."""
    index, build = _build(n)
    # The rows, compact, only while the queries are drawn and their truth found: memory
    # that the searches below reuse (bench.search_truth).
    rows = Rows(synthetic_reports(n, SEED))
    queries = query_set(rows, QUERIES, SEED)
    truth = rows.truth([squeeze(q.strip('"')) for q in queries])
    del rows
    load = _LoadSampler(every=5.0)
    fresh = _search_process(index, queries)
    load_search = load.stop()
    ours, cpu = fresh["times"], fresh["cpu"]
    every = BASELINE_EVERY.get(n, 1)
    base, ours_rp, base_rp = [], [], []
    with FullTextIndex(index) as ix:
        searcher = ix._searcher()
        reader = searcher.reader()
        rids, numbers = (
            np.fromiter(reader.column_reader(name), dtype=np.int64)
            for name in ("report_id", "number")
        )
        codes = key_code(rids, numbers)  # by document number
        for i, q in enumerate(queries):
            relevant = truth.keys(i)
            ours_rp.append(overlap(relevant, key_codes(ix.matching_measures(q))))
            if i % every == 0:
                bq = _baseline(ix, q)
                t0 = time.perf_counter()
                searcher.search(bq, limit=LIMIT)
                base.append(time.perf_counter() - t0)
                docs = np.fromiter(searcher.docs_for_query(bq), dtype=np.int64)
                base_rp.append(overlap(relevant, np.unique(codes[docs])))
    search, words = _pcts(ours), _pcts(base)
    by_kind = {
        kind: {
            **_pcts(ours[i :: len(QUERY_KINDS)]),
            **_recall_precision(ours_rp[i :: len(QUERY_KINDS)]),
        }
        for i, kind in enumerate(QUERY_KINDS)
    }
    return {
        "measures": n,
        "build": build,
        "disk": _sizes(index),
        "queries": len(queries),
        "fresh_process": {
            key: fresh[key]
            for key in ("import_s", "open_s", "cold_first_search_ms", "start_to_first_result_s")
        },
        "search": {
            **search,
            **_recall_precision(ours_rp),
            "cpu": _pcts(cpu),
            "note": WARM_NOTE,
        },
        "memory_mb": fresh["memory_mb"],
        "load_avg_1min_searching": load_search,
        "by_kind": by_kind,
        "baseline_words": {**words, **_recall_precision(base_rp), "queries": len(base)},
        "p95_vs_words": round(search["p95_ms"] / words["p95_ms"], 3),
    }


def run() -> dict:
    """Figures for each size in $BENCH_SEARCH_SIZES."""
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in os.environ.get("BENCH_SEARCH_SIZES", SIZES).split(",")]
    load_start = os.getloadavg()[0]
    out: dict = {str(n): measure(n) for n in sizes}
    out["load_avg_1min"] = {"start": round(load_start, 2), "end": round(os.getloadavg()[0], 2)}
    return out


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
