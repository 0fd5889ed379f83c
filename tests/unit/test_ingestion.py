"""index.ingestion: results from any executor land in the store, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from index.ingestion import IngestBusy, Summary, ingest_files, ingest_lock, render_summary
from index.store import Store
from ingest.batch import BatchResult
from tests.conftest import make_report

BANGKROK = "องค์การบริหารส่วนตำบลบางครก"


def listed_executor(results: dict[str, BatchResult], asked: list[Path]):
    """An executor that 'parses' by looking results up by file name and honours skip."""

    def run(paths: Sequence[Path], skip: Callable[[str], bool]) -> Iterator[BatchResult]:
        for p in paths:
            asked.append(p)
            r = results[p.name]
            if r.sha256 and skip(r.sha256):
                yield BatchResult(p, r.sha256, r.size, None, None, 0, 0.0, skipped=True)
            else:
                yield r

    return run


def _ok(name: str, sha: str, year: int = 2568) -> BatchResult:
    report = make_report(BANGKROK, year, sha, path=f"/in/{name}")
    return BatchResult(Path(f"/in/{name}"), sha, 10, report, None, 2, 0.1)


def test_any_executor_results_are_stored_and_indexed(tmp_path: Path) -> None:
    results = {
        "a.pdf": _ok("a.pdf", "1" * 64, 2567),
        "b.pdf": _ok("b.pdf", "2" * 64, 2568),
        "bad.pdf": BatchResult(Path("/in/bad.pdf"), "3" * 64, 5, None, "not a PDF", 0, 0.0),
    }
    asked: list[Path] = []
    landed: list[str] = []
    summary = ingest_files(
        tmp_path, [Path(f"/in/{n}") for n in results], listed_executor(results, asked),
        on_landed=lambda landed_, _r: landed.append(landed_.status),
    )
    assert landed == ["ingested", "ingested", "failed"]
    assert summary.ingested == ["/in/a.pdf", "/in/b.pdf"]
    assert summary.failed == [{"path": "/in/bad.pdf", "error": "not a PDF"}]
    assert summary.index == {"added": 2, "removed": 0, "measures": 4, "total": 2}
    with Store(tmp_path) as store:
        assert store.counts()["current_reports"] == 2
        assert [f.error for f in store.failures()] == ["not a PDF"]
    assert (tmp_path / "index").is_dir()
    assert render_summary(summary)[0].startswith("3 files: 2 ingested, 0 unchanged")


def test_second_run_skips_stored_content(tmp_path: Path) -> None:
    results = {"a.pdf": _ok("a.pdf", "1" * 64)}
    ingest_files(tmp_path, [Path("/in/a.pdf")], listed_executor(results, []))
    again = ingest_files(tmp_path, [Path("/in/a.pdf")], listed_executor(results, []))
    assert again.unchanged == ["/in/a.pdf"] and not again.ingested


def test_busy_lock_raises_when_not_waiting(tmp_path: Path) -> None:
    with ingest_lock(tmp_path, wait=True):
        with pytest.raises(IngestBusy, match="another ingest is running"):
            ingest_files(tmp_path, [], listed_executor({}, []), wait=False)


def test_interrupted_run_keeps_what_landed(tmp_path: Path) -> None:
    def interrupted(paths, skip):
        yield _ok("a.pdf", "1" * 64)
        raise KeyboardInterrupt

    summary = Summary()
    with pytest.raises(KeyboardInterrupt):
        ingest_files(tmp_path, [Path("/in/a.pdf")], interrupted, summary=summary)
    assert summary.ingested == ["/in/a.pdf"]
    with Store(tmp_path) as store:
        assert store.counts()["current_reports"] == 1
