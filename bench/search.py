"""Search speed and recall at 10k and 100k synthetic measures, against a words-only baseline.

Per size: index build rate (docs/s; the built index is cached under bench/out/ keyed by size,
seed, schema and index format, so a cached run reports the rate measured when it was built);
the substring index (bigram positions per segment: time to build it in memory, bytes); the
first search in a fresh process ("cold": reads each segment's text and maps its bigram index;
the OS may still cache the files) reported on its own; then search p50/p95 over the query set
with snippets (limit 50; "warm": the cold search is not among them; wall clock, and the
thread's CPU time beside it), and recall/precision of the full match set against substring
truth (a measure is relevant when its squeezed cell text contains the squeezed query), in all
and for each kind of query (Thai pieces, words and phrases, digits, Latin pieces:
bench.synthetic.QUERY_KINDS). The baseline is what plain Whoosh gives on the same index: the
query's nlpo3 words as AND-ed word terms, timed in the same run; `p95_vs_words` is our p95
over its p95.
Load average is recorded at the start and end: other processes on the machine move figures.
Sizes: $BENCH_SEARCH_SIZES (default "10000,100000").
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import time
from pathlib import Path

import numpy as np
from whoosh import query

from bench.synthetic import QUERY_KINDS, query_set, synthetic_reports
from index.analyzer import squeeze, word_spans
from index.fulltext import FullTextIndex
from index.grams import bigram_index
from index.search import INDEX_FORMAT, SCHEMA
from ingest.model import COLUMN_KEYS

OUT = Path(__file__).resolve().parent / "out"
SEED = 7
QUERIES = 200
WARM_NOTE = (
    "p50/p95 are warm: the process's first search (cold_first_search_ms) is excluded; "
    "cpu: the searching thread's CPU time, which other load on the machine moves less"
)


def _cache_dir(n: int) -> Path:
    # str hash() changes per process; the key must not.
    names = " ".join([*sorted(SCHEMA.names()), INDEX_FORMAT])
    schema_key = hashlib.sha1(names.encode()).hexdigest()[:8]
    return OUT / f"search-{n}-{SEED}-{schema_key}"


def _build(n: int) -> tuple[FullTextIndex, dict]:
    where = _cache_dir(n)
    meta_path = where / "build.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return FullTextIndex(where / "index"), {**meta, "cached": True}
    ix = FullTextIndex(where / "index")
    t0 = time.perf_counter()
    _, docs = ix._index_reports(synthetic_reports(n, SEED))
    seconds = time.perf_counter() - t0
    meta = {"docs": docs, "build_s": round(seconds, 1), "docs_per_s": round(docs / seconds, 1)}
    meta_path.write_text(json.dumps(meta))
    return ix, {**meta, "cached": False}


def _truth(texts: list[tuple[tuple[int, int], str]], needle: str) -> set[tuple[int, int]]:
    return {key for key, text in texts if needle in text}


def _baseline(ix: FullTextIndex, q: str) -> query.Query:
    words = [w for w, _, _ in word_spans(q.strip('"'))]
    return query.Or([query.And([query.Term(col, w) for w in words]) for col in COLUMN_KEYS])


def _pcts(times: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    return {
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
    }


def _recall_precision(results: list[tuple[set, set]]) -> dict:
    relevant = sum(len(t) for t, _ in results)
    found = sum(len(f) for _, f in results)
    right = sum(len(t & f) for t, f in results)
    return {
        "recall": round(right / relevant, 4) if relevant else None,
        "precision": round(right / found, 4) if found else None,
        "relevant": relevant,
    }


def _grams(ix: FullTextIndex) -> dict:
    """Substring index figures: in-memory build time over all segments, and bytes."""
    t0 = time.perf_counter()
    ix.prepare()  # builds and saves the index of any segment lacking one (a cached bench index)
    prepare_s = time.perf_counter() - t0
    searcher = ix._searcher()
    text_bytes = 0
    t0 = time.perf_counter()
    for sub, _ in searcher.leaf_searchers():
        values = list(sub.reader().column_reader("norm_text", translate=False))
        text_bytes += sum(map(len, values))
        bigram_index(np.frombuffer(b"".join(values), np.uint8))
    return {
        "text_mb": round(text_bytes / 1e6, 1),
        "build_s": round(time.perf_counter() - t0, 2),
        "prepare_s": round(prepare_s, 2),  # opens a reader; builds only what is not saved
    }


def _memory(ix: FullTextIndex) -> dict:
    held, mapped = ix.memory()
    files = list(ix.path.iterdir())
    ours = sum(f.stat().st_size for f in files if f.suffix == ".npy")
    return {
        "in_process_mb": round(held / 1e6, 1),
        "mapped_mb": round(mapped / 1e6, 1),
        "saved_mb": round(ours / 1e6, 1),
        "whoosh_index_mb": round((sum(f.stat().st_size for f in files) - ours) / 1e6, 1),
    }


def measure(n: int) -> dict:
    """Figures for one size."""
    ix, build = _build(n)
    grams = _grams(ix)
    ix.close()
    rows = [
        ((s.report_id, m.number), "\x1f".join(squeeze(m.cells.get(k)) for k in COLUMN_KEYS))
        for s in synthetic_reports(n, SEED)
        for m in s.report.measures
    ]
    queries = query_set([text.split("\x1f") for _, text in rows], QUERIES, SEED)
    ix = FullTextIndex(_cache_dir(n) / "index")
    t0 = time.perf_counter()
    ix.search(queries[0])  # cold: opens segments, reads their text, maps their bigram index
    cold = time.perf_counter() - t0
    ours, base, ours_rp, base_rp = [], [], [], []
    searcher = ix._searcher()
    keys = list(
        zip(
            searcher.reader().column_reader("report_id"),
            searcher.reader().column_reader("number"),
            strict=True,
        )
    )
    cpu: list[float] = []
    for q in queries:
        t0, c0 = time.perf_counter(), time.thread_time()
        ix.search(q, limit=50)
        ours.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        bq = _baseline(ix, q)
        t0 = time.perf_counter()
        searcher.search(bq, limit=50)
        base.append(time.perf_counter() - t0)
        truth = _truth(rows, squeeze(q.strip('"')))
        ours_rp.append((truth, ix.matching_measures(q)))
        base_rp.append((truth, {keys[d] for d in searcher.docs_for_query(bq)}))
    memory = _memory(ix)
    ix.close()
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
        "substring_index": {**grams, **memory},
        "queries": len(queries),
        "cold_first_search_ms": round(cold * 1000, 1),
        "search": {
            **search,
            **_recall_precision(ours_rp),
            "cpu": _pcts(cpu),
            "note": WARM_NOTE,
        },
        "by_kind": by_kind,
        "baseline_words": {**words, **_recall_precision(base_rp)},
        "p95_vs_words": round(search["p95_ms"] / words["p95_ms"], 3),
    }


def run() -> dict:
    """Figures for each size in $BENCH_SEARCH_SIZES."""
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in os.environ.get("BENCH_SEARCH_SIZES", "10000,100000").split(",")]
    load_start = os.getloadavg()[0]
    out: dict = {str(n): measure(n) for n in sizes}
    out["load_avg_1min"] = {"start": round(load_start, 2), "end": round(os.getloadavg()[0], 2)}
    return out


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
