"""A second process that keeps committing to a data dir's store and index, for the tests that
search while another process writes: `python -m tests.functional.index_writer DATA ROUNDS`.

Each round stores new reports and a new version of an earlier one (so the index deletes the
old version's measures), then syncs the index (one Whoosh commit; Whoosh merges small
segments as it goes); every third round merges the whole index into one segment, so every
segment a reader may hold goes away. It prints "round N" after each round, and "done".
"""

from __future__ import annotations

import sys
from pathlib import Path

from index.fulltext import FullTextIndex
from index.store import Store
from tests.conftest import make_report

NEW_PER_ROUND = 3


def agency(n: int) -> str:
    return f"องค์การบริหารส่วนตำบลทดสอบ{n}"


def sha(n: int, version: str) -> str:
    return f"{n:x}".rjust(64, version)


def write(data: Path, rounds: int) -> None:
    with Store(data) as store, FullTextIndex(data / "index") as index:
        for r in range(rounds):
            for i in range(NEW_PER_ROUND):
                n = r * NEW_PER_ROUND + i
                store.add_report(make_report(agency(n), 2568, sha(n, "a"), path=f"/r/{n}/a.pdf"))
            if r:  # a new version of a report from the round before
                n = (r - 1) * NEW_PER_ROUND
                newer = make_report(agency(n), 2568, sha(n, "b"), path=f"/r/{n}/b.pdf", measures=3)
                assert store.add_report(newer).current
            index.sync(store)
            if r % 3 == 2:
                index._ix.optimize()
            print(f"round {r}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]))
