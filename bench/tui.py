"""TUI responsiveness: start to first paint, and a query to its results on screen, on a
10k-measure data dir. Baselines from the same run: a one-label Textual app's first paint, and
FullTextIndex.search alone for the same queries. Goals: first paint under 1 s, results at most
100 ms after the search starts (the 150 ms typing debounce comes before that, by design)."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench.synthetic import query_set, synthetic_reports

N_MEASURES = 10_000
N_QUERIES = 40
SIZE = (80, 24)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def build(data_dir: Path) -> list[list[str]]:
    """Fill a store and index with the synthetic reports; returns the cell texts for queries."""
    from index.fulltext import FullTextIndex
    from index.store import Store

    docs = []
    with Store(data_dir) as store:
        for stored in synthetic_reports(N_MEASURES, seed=7):
            store.add_report(stored.report)
            docs += [list(m.cells.as_dict().values()) for m in stored.report.measures]
        with FullTextIndex(data_dir / "index") as index:
            index.sync(store)
    return docs


async def first_paint(make_app) -> float:
    """Seconds from constructing the app to its first screen painted (headless)."""
    t0 = time.perf_counter()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0


async def query_latencies(data_dir: Path, queries: list[str]) -> list[float]:
    """Seconds from starting each search to its results being painted."""
    from tui.app import RainganApp

    app = RainganApp(data_dir)
    out: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        shown = asyncio.Event()
        original = screen.show_results

        def show_and_signal(*args) -> None:
            original(*args)
            shown.set()

        screen.show_results = show_and_signal
        for q in queries:
            shown.clear()
            t0 = time.perf_counter()
            screen.run_search(q, {"years": None, "org": None, "province": None, "column": None})
            await shown.wait()
            await pilot.pause()
            out.append(time.perf_counter() - t0)
    return out


def run() -> dict:
    from textual.app import App
    from textual.widgets import Label

    from index.fulltext import FullTextIndex
    from tui.app import RainganApp

    class Baseline(App):
        def compose(self):
            yield Label("baseline")

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        docs = build(data_dir)
        queries = query_set(docs, N_QUERIES, seed=7)
        base_paint = asyncio.run(first_paint(Baseline))
        paint = asyncio.run(first_paint(lambda: RainganApp(data_dir)))
        with FullTextIndex(data_dir / "index") as index:
            index.search(queries[0])  # warm caches as the UI's first query would
            direct = []
            for q in queries:
                t0 = time.perf_counter()
                index.search(q, limit=100)
                direct.append(time.perf_counter() - t0)
        ui = asyncio.run(query_latencies(data_dir, queries))
    return {
        "measures": N_MEASURES,
        "queries": len(queries),
        "first_paint_s": round(paint, 3),
        "baseline_first_paint_s": round(base_paint, 3),
        "first_paint_ratio": round(paint / base_paint, 2),
        "results_p50_ms": round(1000 * statistics.median(ui), 1),
        "results_p95_ms": round(1000 * p95(ui), 1),
        "search_only_p95_ms": round(1000 * p95(direct), 1),
        "results_over_search_p95_ratio": round(p95(ui) / p95(direct), 2),
        "debounce_ms": 150,
        "goals": {"first_paint_s": 1.0, "results_p95_ms": 100},
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
