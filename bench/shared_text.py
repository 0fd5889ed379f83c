"""Cross-agency shared-text matching at scale: the cost of matching one more report against a
store of 10k synthetic reports, and the total time to match them all.

Built once and cached under bench/out/ (keyed by size, seed, the matching parameters and the
sample corpus the synthetic reports are drawn from): a
store of N synthetic reports (bench/synthetic.py, ten measures each, every report another
agency), each stored with Store.add_report and then matched with crossref.sync as an ingest
does, both timed. One report in PLANT_EVERY copies a measure of an earlier report of another
agency with its digits and one word changed; recall is how many of those copies were found.

Each run then copies the cached store and adds NEW fresh reports to it, timing for each its
matching against two baselines in the same run: its Store.add_report (one transaction) and
cutting its measures' text into words (nlpo3), which any matching on words must do;
`per_report_vs_store` and `per_report_vs_tokenise` are matching time over each.
Size: $BENCH_SHARED_SIZE (default 10000).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.synthetic import pools_digest, synthetic_reports
from index import crossref, textshare
from index.store import DB_NAME, Store
from ingest.model import Cells, Report

OUT = Path(__file__).resolve().parent / "out"
SEED = 11
NEW = 50
PLANT_EVERY = 100
# Part of the cache key: a change to any of these (or to VERSION) builds the store again.
VERSION = 5
PARAMS = (f"v{VERSION}-{textshare.NUM_PERM}-{textshare.LSH_THRESHOLD}-{textshare.SHINGLE}-"
          f"{textshare.SHARED_MIN}-{textshare.MIN_BANDS}-{crossref.CANDIDATE_LIMIT}-"
          f"{crossref.BUCKET_LIMIT}")


def _copy_of(source: Report, target: Report, rng: random.Random) -> Report:
    """`target` with its first measure replaced by a lightly edited copy of one of `source`'s."""
    taken = rng.choice(source.measures)
    cells = taken.cells.as_dict()
    cells = {k: v.translate(str.maketrans("0123456789๐๑๒๓๔๕๖๗๘๙", "9876543210๙๘๗๖๕๔๓๒๑๐"))
             for k, v in cells.items()}
    cells["outcome"] = cells["outcome"] + " และรายงานผลต่อผู้บริหาร"
    first = replace(target.measures[0], cells=Cells(**cells))
    return replace(target, measures=(first, *target.measures[1:]))


def _reports(n: int, seed: int) -> tuple[list[Report], list[tuple[int, int]]]:
    """n synthetic reports; every PLANT_EVERY-th copies a measure of an earlier one. Returns the
    reports and the planted (copier index, source index) pairs. File hashes and agency names
    carry the seed, so the reports of two seeds are different files of different agencies."""
    rng = random.Random(seed)
    reports = []
    for s in synthetic_reports(n * 10, seed):
        r = s.report
        reports.append(replace(
            r, source=replace(r.source, sha256=f"{seed:08x}{r.source.sha256[8:]}"),
            organization=replace(r.organization, name=f"{r.organization.name}-{seed}")))
    planted = []
    for i in range(PLANT_EVERY, n, PLANT_EVERY):
        j = rng.randrange(i)
        reports[i] = _copy_of(reports[j], reports[i], rng)
        planted.append((i, j))
    return reports, planted


def _ms(seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    return {"mean_ms": round(statistics.fmean(ms), 2), "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2)}


def _build(n: int) -> tuple[Path, dict]:
    where = OUT / f"shared-{n}-{SEED}-{PARAMS}-{pools_digest()}"
    meta_path = where / "build.json"
    if meta_path.exists():
        return where, {**json.loads(meta_path.read_text()), "cached": True}
    shutil.rmtree(where, ignore_errors=True)
    reports, planted = _reports(n, SEED)
    store_s: list[float] = []
    match_s: list[float] = []
    ids = []
    with Store(where / "data") as store:
        for r in reports:
            t0 = time.perf_counter()
            ids.append(store.add_report(r).report_id)
            t1 = time.perf_counter()
            crossref.update(store, ids[-1])  # as an ingest matches each report as it lands
            t2 = time.perf_counter()
            store_s.append(t1 - t0)
            match_s.append(t2 - t1)
        found = {(m.report_id, m.other_report_id)
                 for ms in crossref.shared_matches(store).values() for m in ms}
        pairs = store.db.execute("SELECT COUNT(*) FROM text_pairs").fetchone()[0]
    hits = sum((ids[i], ids[j]) in found for i, j in planted)
    meta = {
        "reports": n, "measures": sum(len(r.measures) for r in reports),
        "store_total_s": round(sum(store_s), 1), "match_total_s": round(sum(match_s), 1),
        "match_first_100": _ms(match_s[:100]), "match_last_100": _ms(match_s[-100:]),
        "planted_copies": len(planted), "planted_found": hits,
        "recall_planted": round(hits / len(planted), 4) if planted else None,
        "pairs_stored": pairs,
        "db_mb": round((where / "data" / DB_NAME).stat().st_size / 1e6, 1),
    }
    meta_path.write_text(json.dumps(meta))
    return where, {**meta, "cached": False}


def measure(n: int) -> dict:
    where, build = _build(n)
    fresh, _ = _reports(NEW, SEED + 1)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(where / "data", data)
        store_s, match_s, words_s = [], [], []
        with Store(data) as store:
            for r in fresh:
                t = time.perf_counter()
                for m in r.measures:
                    textshare.measure_words(m)
                words_s.append(time.perf_counter() - t)
                t0 = time.perf_counter()
                added = store.add_report(r)
                t1 = time.perf_counter()
                crossref.update(store, added.report_id)
                t2 = time.perf_counter()
                store_s.append(t1 - t0)
                match_s.append(t2 - t1)
    matching, storing, words = _ms(match_s), _ms(store_s), _ms(words_s)
    return {
        "build": build,
        "new_reports": NEW,
        "match_one_more_report": matching,
        "store_one_more_report": storing,
        "tokenise_one_more_report": words,
        "per_report_vs_store": round(matching["mean_ms"] / storing["mean_ms"], 2),
        "per_report_vs_tokenise": round(matching["mean_ms"] / words["mean_ms"], 2),
        "params": {"num_perm": textshare.NUM_PERM, "bands": len(textshare.bands()),
                   "lsh_threshold": textshare.LSH_THRESHOLD, "shingle_words": textshare.SHINGLE,
                   "shared_min": textshare.SHARED_MIN, "min_bands": textshare.MIN_BANDS,
                   "bucket_limit": crossref.BUCKET_LIMIT,
                   "candidate_limit": crossref.CANDIDATE_LIMIT},
    }


def run() -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    n = int(os.environ.get("BENCH_SHARED_SIZE", "10000"))
    load_start = os.getloadavg()[0]
    out = {str(n): measure(n)}
    out["load_avg_1min"] = {"start": round(load_start, 2), "end": round(os.getloadavg()[0], 2)}
    return out


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
