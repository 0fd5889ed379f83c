"""Ingest orchestration: results from any executor land in the store, then the index follows.

An executor (ingest.batch.run_batch's process pool, or a Dask cluster) parses files and yields
`BatchResult`s; it hashes each file first and asks `skip_sha256` whether the store already has
that content, so stored files are never parsed again. Here each result is stored in one
transaction the moment it arrives, noted in a `Summary`, and after the run the full-text index
is reconciled with the store. Cross-agency text matching (index/crossref.py) is incremental: each
stored report is matched against those before it as it lands, and anything left over (a run
killed between the two transactions, a store from an earlier raingan) before the index sync.
One ingest at a time per data directory (DATA/ingest.lock), so
the coordinator is the single writer of SQLite and the index whatever runs the parsing.

Nothing here prints: callers pass `on_landed` to show each file, and render the summary.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from index.store import NEW_VERSION, UNCHANGED, Store
from index.wording import plural
from ingest.intake import BatchResult

LOCK_NAME = "ingest.lock"

# (paths, skip_sha256) -> results as files finish; closing the iterator stops the work.
Executor = Callable[[Sequence[Path], Callable[[str], bool]], Iterator[BatchResult]]


class IngestBusy(RuntimeError):
    """Another ingest holds the data directory's lock and the caller chose not to wait."""


@dataclass
class Summary:
    """What one ingest run did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    new_versions: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    files: int = 0
    pages: int = 0
    ocr_pages: int = 0  # pages of the ingested files whose text came from OCR
    seconds: float = 0.0
    index: Any = None
    shared_text: dict[str, int] = field(default_factory=lambda: {"matched": 0, "pairs": 0})

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Landed:
    """How one batch result ended up in the store: a status word and the line to show."""

    status: str  # ingested | unchanged | new_version | failed
    line: str
    report_id: int | None = None  # the report stored (ingested, new_version)
    replaced: int | None = None  # with new_version: the version that was current before


def store_result(store: Store, result: BatchResult, summary: Summary) -> Landed:
    """Write one batch result to the store (one transaction) and note it in `summary`."""
    path = str(result.path)
    summary.files += 1
    if result.error is not None:
        # A repeat of a failed file shares the first copy's failure row.
        if result.duplicate_of is None:
            store.add_failure(path, result.sha256, result.size, result.error)
        summary.failed.append({"path": path, "error": result.error})
        return Landed("failed", f"failed      {path}: {result.error}")
    if result.report is None or result.duplicate_of is not None:
        summary.unchanged.append(path)
        same = f" (same content as {result.duplicate_of})" if result.duplicate_of else ""
        return Landed(UNCHANGED, f"unchanged   {path}{same}")
    summary.pages += result.pages
    summary.ocr_pages += len(result.report.ocr_pages)
    outcome = store.add_report(result.report, size=result.size)
    if outcome.status == UNCHANGED:
        summary.unchanged.append(path)
        return Landed(UNCHANGED, f"unchanged   {path}")
    if outcome.status == NEW_VERSION:
        assert outcome.replaced_report_id is not None
        old = store.get_report(outcome.replaced_report_id).report.source.path
        org = result.report.organization.name
        fy = result.report.fiscal_year
        year = fy.be if fy else None
        current = path if outcome.current else old
        summary.new_versions.append(
            {"agency": org, "year": year, "old": old, "new": path, "current": current}
        )
        if outcome.current:
            return Landed(NEW_VERSION, f"new version of {org} {year or '?'}: {old} -> {path}",
                          outcome.report_id, outcome.replaced_report_id)
        return Landed(
            NEW_VERSION, f"older version of {org} {year or '?'} kept: {path} (current: {old})",
            outcome.report_id,
        )
    summary.ingested.append(path)
    count = len(result.report.measures)
    # A file with no measure table is kept (its text is searchable) but should not pass unseen.
    if count:
        what = plural(count, "measure")
    elif result.report.document_kind == "other":
        what = "kept as another document: no measure table"
    else:
        what = "no measure table found: is this an ITA report?"
    if result.report.ocr_pages:
        what += f", {plural(len(result.report.ocr_pages), 'page')} read by OCR"
    return Landed("ingested", f"ingested    {path} ({what})", outcome.report_id)


def match_landed(store: Store, landed: Landed, summary: Summary) -> None:
    """Match the report just stored against the others (index/crossref.py)."""
    from index import crossref

    assert landed.report_id is not None
    pairs = crossref.update(store, landed.report_id, landed.replaced)
    summary.shared_text["matched"] += 1
    summary.shared_text["pairs"] += pairs


def match_shared_text(store: Store, summary: Summary) -> None:
    """Match whatever is left unmatched (a run killed between storing a report and matching
    it, a store an earlier raingan wrote)."""
    from index import crossref

    result = crossref.sync(store)
    summary.shared_text["matched"] += result.matched
    summary.shared_text["pairs"] += result.pairs


def refresh_shared_text(data_dir: Path, store: Store) -> bool:
    """Match reports not matched yet (a store an earlier raingan wrote) unless an ingest is
    running, which will. Returns False when it had to leave them for that ingest."""
    from index import crossref

    if not crossref.pending(store):
        return True
    try:
        with ingest_lock(data_dir, wait=False):
            crossref.sync(store)
    except IngestBusy:
        return False
    return True


def sync_index(data_dir: Path, store: Store) -> Any:
    """Make the full-text index hold exactly the store's current reports."""
    from index.fulltext import FullTextIndex

    with FullTextIndex(data_dir / "index") as fulltext:
        return fulltext.sync(store)


@contextmanager
def ingest_lock(
    data_dir: Path, *, wait: bool, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold DATA/ingest.lock. Busy: wait (calling `on_wait` first) or raise IngestBusy."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(data_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise IngestBusy(f"another ingest is running on {data_dir}") from None
        if on_wait is not None:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def sync_unless_ingesting(data_dir: Path, fulltext: Any) -> Any | None:
    """Bring the FullTextIndex `fulltext` up to date with the store, unless an ingest holds the
    lock (it syncs the index when it ends): the SyncResult, or None."""
    try:
        with ingest_lock(data_dir, wait=False), Store(data_dir) as store:
            return fulltext.sync(store)
    except IngestBusy:
        return None


def land(
    store: Store,
    results: Iterator[BatchResult],
    summary: Summary,
    on_landed: Callable[[Landed, BatchResult], None] | None = None,
) -> None:
    """Store each result as it arrives; the iterator is closed however this ends."""
    with closing(results):  # type: ignore[type-var]
        for result in results:
            landed = store_result(store, result, summary)
            if landed.report_id is not None:
                match_landed(store, landed, summary)
            if on_landed is not None:
                on_landed(landed, result)


def ingest_files(
    data_dir: Path,
    paths: Sequence[Path],
    executor: Executor,
    *,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    on_landed: Callable[[Landed, BatchResult], None] | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Parse `paths` with `executor`, store every result, then sync the search index.

    Holds the ingest lock for the whole run. A KeyboardInterrupt propagates after the files
    stored so far are committed (each file is its own transaction); `summary`, when given, is
    filled as files land, so the caller still has it then.
    """
    summary = summary if summary is not None else Summary()
    started = time.monotonic()
    with ingest_lock(data_dir, wait=wait, on_wait=on_wait), Store(data_dir) as store:
        land(store, executor(paths, store.has_sha256), summary, on_landed)
        match_shared_text(store, summary)
        summary.index = jsonable(sync_index(data_dir, store))
    summary.seconds = round(time.monotonic() - started, 3)
    return summary


def jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    plain = value is None or isinstance(value, (int, float, str, dict, list))
    return value if plain else str(value)


def render_summary(summary: Summary) -> list[str]:
    """The closing lines: counts, new versions and failures with their causes."""
    lines = [
        f"{plural(summary.files, 'file')}: {len(summary.ingested)} ingested, "
        f"{len(summary.unchanged)} unchanged, {plural(len(summary.new_versions), 'new version')}, "
        f"{len(summary.failed)} failed "
        f"({plural(summary.pages, 'page')} in {summary.seconds:.1f} s"
        + (f", {summary.ocr_pages} by OCR" if summary.ocr_pages else "")
        + ")"
    ]
    for v in summary.new_versions:
        lines.append(
            f"versions of {v['agency']} {v['year'] or '?'}: {v['old']}, {v['new']};"
            f" current: {v['current']}"
        )
    if summary.failed:
        lines.append("failed:")
        lines.extend(f"  {f['path']}: {f['error']}" for f in summary.failed)
    return lines
