"""index.ingestion: results from any executor land in the store, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from index.ingestion import IngestBusy, Summary, ingest_files, ingest_lock, render_summary
from index.store import Store
from ingest.intake import BatchResult
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


def test_each_landed_report_is_matched_for_shared_text_as_it_lands(tmp_path: Path) -> None:
    from index import crossref
    from tests.conftest import report_with
    from tests.unit.test_crossref import MARKET, edited

    def result(name: str, report) -> BatchResult:
        return BatchResult(Path(f"/in/{name}"), report.source.sha256, 10, report, None, 2, 0.1)

    a = report_with(BANGKROK, 2568, [MARKET])
    b = report_with("เทศบาลตำบลบ้านลาด", 2568, [edited(MARKET)])
    pending_when_landed: list[int] = []

    def watch(_landed, _result) -> None:
        with Store(tmp_path) as store:
            pending_when_landed.append(len(crossref.pending(store)))

    summary = ingest_files(tmp_path, [Path("/in/a.pdf"), Path("/in/b.pdf")],
                           listed_executor({"a.pdf": result("a.pdf", a), "b.pdf": result("b.pdf", b)}, []),
                           on_landed=watch)
    assert pending_when_landed == [0, 0]  # matched before the next file lands
    assert summary.shared_text == {"matched": 2, "pairs": 1}
    with Store(tmp_path) as store:
        assert len(crossref.shared_matches(store)) == 2
