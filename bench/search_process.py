"""A fresh search process, as a user starts one: `python -m bench.search_process` reads
{"index": path, "queries": [...], "limit": 50, "started": time.time() of the parent at spawn}
on stdin and prints one JSON object:

- import_s: importing raingan's index modules (Whoosh, numpy, the tokenizer's module);
- open_s: FullTextIndex(path);
- cold_first_search_ms: the first search (queries[0]), which opens the segments, maps their
  substring index and loads the word segmenter's dictionary for the query parser;
- start_to_first_result_s: from the parent starting this process to the first result;
- times / cpu: every query's wall-clock and thread CPU seconds, all searched again after
  the first search (warm);
- memory after those searches, from /proc/self/status: VmRSS (resident), RssAnon (the
  process's own memory), RssFile (pages of mapped files, shared with the page cache and
  given back under memory pressure), VmHWM (peak resident).

The OS page cache is not dropped (that needs root and would slow every other process on a
shared machine), so "cold" is a cold process over index files the cache may still hold.
"""

from __future__ import annotations

import json
import sys
import time

MEMORY_KEYS = ("VmRSS", "RssAnon", "RssFile", "VmHWM")


def process_memory() -> dict[str, float]:
    """MB of this process's memory by /proc/self/status key (MEMORY_KEYS)."""
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in MEMORY_KEYS:
                out[key] = round(int(value.split()[0]) / 1024, 1)  # kB
    return out


def main() -> None:
    request = json.loads(sys.stdin.read())
    t0 = time.perf_counter()
    from index.fulltext import FullTextIndex

    t1 = time.perf_counter()
    ix = FullTextIndex(request["index"])
    t2 = time.perf_counter()
    queries, limit = request["queries"], request["limit"]
    ix.search(queries[0], limit=limit)
    t3 = time.perf_counter()
    first_result = time.time()
    times, cpu = [], []
    for q in queries:
        w0, c0 = time.perf_counter(), time.thread_time()
        ix.search(q, limit=limit)
        times.append(time.perf_counter() - w0)
        cpu.append(time.thread_time() - c0)
    held, mapped = ix.memory()
    result = {
        "import_s": round(t1 - t0, 3),
        "open_s": round(t2 - t1, 3),
        "cold_first_search_ms": round((t3 - t2) * 1000, 1),
        "start_to_first_result_s": round(first_result - request["started"], 3),
        "times": times,
        "cpu": cpu,
        "memory_mb": {
            **process_memory(),
            "substring_in_process": round(held / 1e6, 1),
            "substring_mapped": round(mapped / 1e6, 1),
        },
    }
    ix.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
