"""The SQLite system of record: documents, report versions, measures and page quality.

Every write is one transaction, so a process killed at any moment leaves either a whole document
or nothing. The full report JSON (ingest.serialize) is the body of record; the other columns are
there to query by. One agency's fiscal year may have several versions (different files); only the
newest is current.

This module opens the database (index/migrations.py brings its schema up to date) and writes
to it; the queries that only read are the Store's too, written in index/storequeries.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from index.identity import best_match, can_have_versions, document_key
from index.migrations import migrate
from index.storequeries import StoreQueries
from ingest.model import Report
from ingest.serialize import period_to_dict, report_to_dict

DB_NAME = "raingan.sqlite"

INGESTED = "ingested"
UNCHANGED = "unchanged"
NEW_VERSION = "new_version"


def version_key(issued: str | None, path: str) -> tuple[str, str]:
    """Order of two versions of one agency's fiscal year: PDF date, then path."""
    return (issued or "", path)


@dataclass(frozen=True)
class AddOutcome:
    status: str  # INGESTED | UNCHANGED | NEW_VERSION
    report_id: int | None
    replaced_report_id: int | None = None  # with NEW_VERSION: the version current before
    current: bool = True  # with NEW_VERSION: False when the new file is the older version


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _measure_row(report_id: int, m: Any) -> tuple[Any, ...]:
    c = m.cells
    return (
        report_id,
        m.number,
        c.measure,
        c.steps,
        c.responsible,
        c.period,
        c.results,
        c.outcome,
        _json({"steps": list(m.items.steps), "results": list(m.items.results)}),
        _json([period_to_dict(p) for p in m.periods]),
        _json(list(m.pages)),
        _json(dict(m.extra)),
        _json(dict(m.confidence)),
    )


class Store(StoreQueries):
    """Opens (creating and migrating as needed) DATA/raingan.sqlite; writes here, reads in
    StoreQueries."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_NAME
        # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE), never implicit.
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        self.db.execute("PRAGMA busy_timeout = 30000")
        self.db.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives power loss too, not only a killed process; one fsync per file.
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("PRAGMA foreign_keys = ON")
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """A number that changes whenever another connection (another process) commits."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction for derived tables kept beside the reports (BEGIN IMMEDIATE,
        rolled back on any error)."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------------

    def add_report(self, report: Report, *, size: int | None = None) -> AddOutcome:
        """Store one parsed report and its document in one transaction.

        Same sha256 already stored: "unchanged", nothing written. Another file of the same
        document (index/identity.py: kind, agency, year and a matching title): "new_version",
        both kept and the newer one current. Anything else is a document of its own.
        A failure row for the same file (by sha256 or path) is replaced.
        """
        src = report.source
        year = report.fiscal_year.be if report.fiscal_year else None
        with self._transaction() as db:
            row = db.execute(
                "SELECT r.id FROM documents d LEFT JOIN reports r ON r.document_id = d.id "
                "WHERE d.sha256 = ? AND d.status = 'ok'",
                (src.sha256,),
            ).fetchone()
            if row is not None:
                return AddOutcome(UNCHANGED, row[0])
            db.execute(
                "DELETE FROM documents WHERE status = 'failed' AND (sha256 = ? OR path = ?)",
                (src.sha256, src.path),
            )
            doc_id = db.execute(
                "INSERT INTO documents (path, sha256, size, pages, status, error, ingested_at) "
                "VALUES (?, ?, ?, ?, 'ok', NULL, ?)",
                (src.path, src.sha256, size if size is not None else src.size, src.pages, _now()),
            ).lastrowid
            previous = self._version_of(report)
            # The newer version is the one the PDF says was written later (then the later
            # path), never the one that happened to finish parsing last: two runs over the
            # same folder must agree on which version is current.
            is_current = previous is None or version_key(src.issued, src.path) > version_key(
                previous[1], previous[2]
            )
            if previous is not None and is_current:
                db.execute("UPDATE reports SET current = 0 WHERE id = ?", (previous[0],))
            org = report.organization
            report_id = db.execute(
                "INSERT INTO reports (document_id, org_name, org_kind, district, province, "
                "fiscal_year, title, current, body, document_kind, document) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    org.name,
                    org.kind,
                    org.district,
                    org.province,
                    year,
                    report.title,
                    int(is_current),
                    _json(report_to_dict(report)),
                    report.document_kind,
                    previous[3] if previous is not None else None,
                ),
            ).lastrowid
            assert report_id is not None
            if previous is None:  # a new document: its first version names it
                db.execute("UPDATE reports SET document = id WHERE id = ?", (report_id,))
            db.executemany(
                "INSERT INTO measures (report_id, number, measure, steps, responsible, period, "
                "results, outcome, items, periods, pages, extra, confidence) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_measure_row(report_id, m) for m in report.measures],
            )
            db.executemany(
                "INSERT OR REPLACE INTO page_quality "
                "(report_id, page, chars, quality, defects, source, confidence) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (report_id, p.number, p.chars, p.quality, p.defects, p.source, p.confidence)
                    for p in report.pages
                ],
            )
        if previous is not None:
            return AddOutcome(NEW_VERSION, report_id, previous[0], current=is_current)
        return AddOutcome(INGESTED, report_id)

    def _version_of(self, report: Report) -> tuple[int, str | None, str, int] | None:
        """(id, issued, path, document) of the current version of the document `report` is a
        new version of, or None when it is a document of its own (index/identity.py)."""
        key = document_key(report)
        if not can_have_versions(key):
            return None
        rows = self.db.execute(
            "SELECT r.id, json_extract(r.body, '$.source.issued'), d.path, r.document, r.title "
            "FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.current = 1 "
            "AND r.org_name = ? AND r.fiscal_year = ? AND r.document_kind = ?",
            (key.agency, key.year, key.kind),
        ).fetchall()
        match = best_match(key, [(i, replace(key, title=row[4])) for i, row in enumerate(rows)])
        return None if match is None else tuple(rows[match][:4])  # type: ignore[return-value]

    def add_failure(self, path: str, sha256: str | None, size: int | None, error: str) -> None:
        """Record (or refresh) why a file could not be ingested; one row per file.

        A file already stored successfully is left alone: a stored report outranks a failure.
        """
        with self._transaction() as db:
            if sha256 is not None and db.execute(
                "SELECT 1 FROM documents WHERE sha256 = ? AND status = 'ok'", (sha256,)
            ).fetchone():
                return
            db.execute(
                "DELETE FROM documents WHERE status = 'failed' AND (path = ? OR sha256 = ?)",
                (path, sha256),
            )
            db.execute(
                "INSERT INTO documents (path, sha256, size, pages, status, error, ingested_at) "
                "VALUES (?, ?, ?, NULL, 'failed', ?, ?)",
                (path, sha256, size, error, _now()),
            )

    def has_sha256(self, sha256: str) -> bool:
        """True when a file with this content is stored successfully (failures are retried)."""
        return (
            self.db.execute(
                "SELECT 1 FROM documents WHERE sha256 = ? AND status = 'ok'", (sha256,)
            ).fetchone()
            is not None
        )

