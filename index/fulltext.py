"""The Whoosh index of measures: derived from the store, rebuildable, one document per measure.

`sync` makes the index hold exactly the store's current reports: stale reports are deleted and
missing ones added, in batches, each batch through one writer that commits or cancels as a
whole (`with ix.writer() as w`). A crash leaves the index at the last committed batch and a
rerun picks up from there, so sync is safe to repeat. What each report is written as:
index.measuredocs.

Searches may run in several threads, and another process may commit at the same time: each
search uses the searcher of the newest generation, kept open until it is done
(index.generations), so it never sees a report twice or loses a segment merged away under it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query

from index.analyzer import encode_norm, squeeze
from index.generations import Generations
from index.measuredocs import measure_documents
from index.model import Hit, StoredReport
from index.ranking import Evaluator, column_values, top
from index.search import (
    INDEX_FORMAT,
    SCHEMA,
    SUBSTRING_COLUMNS,
    TEXT_PARTS,
    QueryError,
    Substring,
    needles,
    parse,
    snippet,
    spans_for,
)
from index.segmentfiles import install as read_segments_in_place
from index.suffixes import SegmentCache, SegmentText, reader_text, save_index
from ingest.metadata import expand_abbreviations

read_segments_in_place()

# Measures per writer: big enough for the two-process writer to pay off, small enough that a
# crash loses little work.
BATCH_MEASURES = 4000
# Processes of Whoosh's writer for a batch of at least PARALLEL_MIN documents; below that,
# one process is faster than starting workers.
WRITER_PROCESSES = 2
PARALLEL_MIN = 2000
WRITER_TIMEOUT = 30.0
# Beside Whoosh's files: the index format (search.INDEX_FORMAT) the index was written in.
FORMAT_FILE = "raingan-format"


class ReportSource(Protocol):
    """What sync needs from index.store.Store."""

    def current_report_ids(self) -> set[int]: ...
    def get_reports(self, ids: Iterable[int]) -> list[StoredReport]: ...


# A years filter: one inclusive BE range, or several that add up.
Years = tuple[int, int] | Sequence[tuple[int, int]] | None


@dataclass(frozen=True)
class SyncResult:
    added: int  # reports added
    removed: int  # reports removed
    measures: int  # measure documents written
    total: int  # reports in the index afterwards


def _batches(reports: Iterable[StoredReport], limit: int) -> Iterator[dict[int, StoredReport]]:
    """Reports grouped by id (a duplicate id in one batch keeps the last), ~limit measures each."""
    batch: dict[int, StoredReport] = {}
    size = 0
    for stored in reports:
        size -= len(batch[stored.report_id].report.measures) if stored.report_id in batch else 0
        batch[stored.report_id] = stored
        size += len(stored.report.measures)
        if size >= limit:
            yield batch
            batch, size = {}, 0
    if batch:
        yield batch


class FullTextIndex:
    """The measure index in one directory (DATA/index); created empty when missing."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._cache = SegmentCache()
        self._ix = self._open_or_create()
        self._generations = self._track(self._ix)

    def _track(self, ix) -> Generations:
        return Generations(ix, self._warm, self._cache.retain)

    def _warm(self, searcher) -> None:
        """Map every segment's substring index as its generation opens (see index.generations)."""
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            for column, parts in SUBSTRING_COLUMNS:
                if reader.has_column(column):
                    reader_text(reader, column, parts, self.path, self._cache)

    def _open_or_create(self):
        marker = self.path / FORMAT_FILE
        if whoosh_index.exists_in(self.path):
            ix = whoosh_index.open_dir(str(self.path))
            # An index from an older schema or format is derived data: start it again, sync
            # refills it.
            current = marker.exists() and marker.read_text().strip() == INDEX_FORMAT
            if current and sorted(ix.schema.names()) == sorted(SCHEMA.names()):
                return ix
            ix.close()
            shutil.rmtree(self.path)
        self.path.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(self.path), SCHEMA)
        marker.write_text(INDEX_FORMAT + "\n")
        return ix

    def close(self) -> None:
        self._generations.close()
        self._cache.retain(set())
        self._ix.close()

    def __enter__(self) -> FullTextIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def report_ids(self) -> set[int]:
        """Ids of the reports the index holds."""
        # Not the "rid" lexicon: a deleted document's terms stay in it until segments merge.
        with self._ix.reader() as reader:
            if reader.doc_count() == 0:
                return set()
            rids = reader.column_reader("report_id")
            return {rids[d] for d in reader.all_doc_ids()}

    def doc_count(self) -> int:
        return self._ix.doc_count()

    def _write(self, batch: dict[int, StoredReport], remove: Iterable[int] = ()) -> int:
        docs = [d for stored in batch.values() for d in measure_documents(stored)]
        procs = WRITER_PROCESSES if len(docs) >= PARALLEL_MIN else 1
        options = {"procs": procs, "multisegment": True, "limitmb": 256} if procs > 1 else {}
        with self._ix.writer(timeout=WRITER_TIMEOUT, **options) as w:
            for rid in (*remove, *batch):
                w.delete_by_term("rid", str(rid))
            for doc in docs:
                w.add_document(**doc)
        return len(docs)

    def _index_reports(
        self, reports: Iterable[StoredReport], remove: Iterable[int] = ()
    ) -> tuple[int, int]:
        """Write reports (replacing any with the same id) and delete `remove`; (reports, docs)."""
        added = written = 0
        pending_removal = list(remove)
        for batch in _batches(reports, BATCH_MEASURES):
            written += self._write(batch, pending_removal)
            pending_removal = []
            added += len(batch)
        if pending_removal:
            self._write({}, pending_removal)
        return added, written

    def sync(self, store: ReportSource) -> SyncResult:
        """Make the index hold exactly the store's current reports."""
        current = store.current_report_ids()
        indexed = self.report_ids()
        stale = sorted(indexed - current)
        missing = sorted(current - indexed)
        reports = (r for chunk in _chunks(missing, 200) for r in store.get_reports(chunk))
        added, written = self._index_reports(reports, stale)
        self.prepare()
        return SyncResult(added, len(stale), written, len(self.report_ids()))

    def rebuild(self, store: ReportSource) -> SyncResult:
        """Drop the index and index every current report again."""
        self.close()
        shutil.rmtree(self.path, ignore_errors=True)
        self._ix = self._open_or_create()
        self._generations = self._track(self._ix)
        return self.sync(store)

    def search(
        self,
        text: str,
        *,
        years: Years = None,
        org: str | None = None,
        province: str | None = None,
        column: str | None = None,
        doctypes: Sequence[str] = (),
        limit: int | None = 50,
    ) -> list[Hit]:
        """Measures matching a query string, best first; raises index.search.QueryError.

        Safe to call from several threads at once."""
        q, filters, wanted = self._query(text, years, org, province, column, doctypes)
        with self._generations.searcher() as searcher:
            evaluator = Evaluator(searcher, self._cache, self.path)
            allowed = evaluator.filter_mask(filters) if filters else None
            best = top(evaluator.evaluate(q), allowed, limit)
            needles_ = [encode_norm(n) for n in wanted]
            return [
                _hit(searcher.stored_fields(d), score, evaluator.cells(d), needles_, wanted, column)
                for d, score in best
            ]

    def matching_measures(
        self,
        text: str,
        *,
        years: Years = None,
        org: str | None = None,
        province: str | None = None,
        column: str | None = None,
        doctypes: Sequence[str] = (),
    ) -> set[tuple[int, int]]:
        """(report_id, measure number) of every measure matching the query, unranked."""
        q, filters, _ = self._query(text, years, org, province, column, doctypes)
        with self._generations.searcher() as searcher:
            evaluator = Evaluator(searcher, self._cache, self.path)
            docs = np.flatnonzero(evaluator.evaluate(q).mask & evaluator.filter_mask(filters))
            rids = column_values(evaluator, "report_id")[docs]
            numbers = column_values(evaluator, "number")[docs]
        return set(zip(rids.tolist(), numbers.tolist(), strict=True))

    def _query(
        self,
        text: str,
        years: Years,
        org: str | None,
        province: str | None,
        column: str | None,
        doctypes: Sequence[str] = (),
    ) -> tuple[query.Query, list[query.Query], list[str]]:
        """(query, filter queries, highlight needles)."""
        if column is not None and column not in TEXT_PARTS:
            raise QueryError(f"unknown column {column!r}; columns are: {', '.join(TEXT_PARTS)}")
        q = parse(text, SCHEMA, default_field=column or "text")
        filters = filter_queries(years=years, org=org, province=province, doctypes=doctypes)
        return q, filters, needles(q, [column] if column else None)

    def _searcher(self):
        """The newest generation's searcher, for single-threaded callers (tests, benchmarks);
        searches take theirs from Generations.searcher(), which keeps it open meanwhile."""
        return self._generations.current()

    def generation(self) -> tuple[int, int]:
        """The index's newest committed generation (number, TOC file): it changes whenever a
        writer (this process or another) commits, so a reader can tell there is something
        new."""
        return self._generations.latest()

    def memory(self) -> tuple[int, int]:
        """Bytes the substring caches hold: (in process memory, memory-mapped from files)."""
        held = mapped = 0
        for value in self._cache.values():
            if isinstance(value, SegmentText):
                h, m = value.memory()
                held, mapped = held + h, mapped + m
            elif isinstance(value, np.ndarray):
                held += value.nbytes
        return held, mapped

    def prepare(self) -> None:
        """Build and save the substring index of every segment that lacks one, so that the
        first search after a sync does not pay for it."""
        with self._ix.reader() as reader:
            for sub, _ in reader.leaf_readers():
                for column, parts in SUBSTRING_COLUMNS:
                    if sub.has_column(column):
                        save_index(sub, column, parts, self.path)


def year_spans(years: Years) -> list[tuple[int, int]]:
    """The inclusive BE ranges a years filter names: one (first, last) or a list of them."""
    if years is None:
        return []
    if len(years) == 2 and all(isinstance(y, int) for y in years):
        return [years]  # type: ignore[list-item]
    return list(years)  # type: ignore[arg-type]


def filter_queries(
    *, years: Years, org: str | None, province: str | None, doctypes: Sequence[str] = ()
) -> list[query.Query]:
    """Whoosh queries for the search filters (fiscal years BE inclusive, agency, province).

    Several year ranges (a repeated --year) add up: a measure in any of them passes."""
    out: list[query.Query] = []
    spans = year_spans(years)
    if spans:
        ranges = [query.NumericRange("year", a, b) for a, b in spans]
        out.append(ranges[0] if len(ranges) == 1 else query.Or(ranges))
    if org:
        # Auditors write agencies as they are listed: "อบต.บางครก" for the full name.
        out.append(Substring("agency", squeeze(expand_abbreviations(org))))
    if province:
        out.append(Substring("province", squeeze(province)))
    if doctypes:
        out.append(query.Or([query.Term("doctype", d) for d in doctypes]))
    return out


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for at in range(0, len(items), size):
        yield items[at : at + size]


def _hit(
    fields: dict[str, Any],
    score: float,
    cells: list[bytes],
    encoded: list[bytes],
    wanted: list[str],
    column: str | None,
) -> Hit:
    """A Hit whose column is the cell with most matches (ties: document order).

    cells: the document's encoded squeezed cells; encoded: the needles `wanted`, encoded alike.
    """
    keys = [column] if column else list(TEXT_PARTS)
    counts = [sum(cells[TEXT_PARTS.index(k)].count(n) for n in encoded) for k in keys]
    best = keys[counts.index(max(counts))]
    if not fields.get(best):  # nothing to show there (a query of filters only): first text
        best = next((k for k in keys if fields.get(k)), best)
    text = fields.get(best, "")
    return Hit(
        report_id=fields["report_id"],
        organization=fields["agency"],
        fiscal_year=fields.get("year"),
        measure_number=fields["number"],
        column=best,
        snippet=snippet(text, spans_for(text, wanted)),
        score=float(score),
        source_path=fields["source_path"],
        pages=tuple(fields.get("pages") or ()),
        document_kind=fields.get("doctype") or "report",
        ocr=best in (fields.get("ocr") or ()),
        doubtful=best in (fields.get("doubtful") or ()),
    )
