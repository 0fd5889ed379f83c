"""Search speed and recall at 10k and 100k synthetic measures, against a words-only baseline.

Per size: index build rate (docs/s; the built index is cached under bench/out/ keyed by size,
seed and schema, so a cached run reports the rate measured when it was built), search p50/p95
with snippets (limit 50), and recall/precision of the full match set against substring truth
(a measure is relevant when its squeezed cell text contains the squeezed query). The baseline
is what plain Whoosh gives on the same index: the query's nlpo3 words as AND-ed word terms.
Sizes: $BENCH_SEARCH_SIZES (default "10000,100000").
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import time
from pathlib import Path

from whoosh import query

from bench.synthetic import query_set, synthetic_reports
from index.analyzer import squeeze, word_spans
from index.fulltext import FullTextIndex
from index.search import SCHEMA
from ingest.model import COLUMN_KEYS

OUT = Path(__file__).resolve().parent / "out"
SEED = 7
QUERIES = 200


def _cache_dir(n: int) -> Path:
    # str hash() changes per process; the key must not.
    schema_key = hashlib.sha1(" ".join(sorted(SCHEMA.names())).encode()).hexdigest()[:8]
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


def measure(n: int) -> dict:
    """Figures for one size."""
    ix, build = _build(n)
    rows = [
        ((s.report_id, m.number), "\x1f".join(squeeze(m.cells.get(k)) for k in COLUMN_KEYS))
        for s in synthetic_reports(n, SEED)
        for m in s.report.measures
    ]
    queries = query_set([text.split("\x1f") for _, text in rows], QUERIES, SEED)
    ix.search(queries[0])  # warm-up: opens segments and reads their text once
    ours, base, ours_rp, base_rp = [], [], [], []
    searcher = ix._searcher()
    keys = list(
        zip(
            searcher.reader().column_reader("report_id"),
            searcher.reader().column_reader("number"),
            strict=True,
        )
    )
    for q in queries:
        t0 = time.perf_counter()
        ix.search(q, limit=50)
        ours.append(time.perf_counter() - t0)
        bq = _baseline(ix, q)
        t0 = time.perf_counter()
        searcher.search(bq, limit=50)
        base.append(time.perf_counter() - t0)
        truth = _truth(rows, squeeze(q.strip('"')))
        ours_rp.append((truth, ix.matching_measures(q)))
        base_rp.append((truth, {keys[d] for d in searcher.docs_for_query(bq)}))
    ix.close()
    return {
        "measures": n,
        "build": build,
        "queries": len(queries),
        "search": {**_pcts(ours), **_recall_precision(ours_rp)},
        "baseline_words": {**_pcts(base), **_recall_precision(base_rp)},
    }


def run() -> dict:
    """Figures for each size in $BENCH_SEARCH_SIZES."""
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in os.environ.get("BENCH_SEARCH_SIZES", "10000,100000").split(",")]
    return {str(n): measure(n) for n in sizes}


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
