"""The SQLite system of record: documents, report versions, measures and page quality.

Every write is one transaction, so a process killed at any moment leaves either a whole document
or nothing. The full report JSON (ingest.serialize) is the body of record; the other columns are
there to query by. One agency's fiscal year may have several versions (different files); only the
newest is current.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from index.identity import best_match, can_have_versions, document_key
from index.migrations import migrate
from index.model import StoredReport
from ingest.metadata import expand_abbreviations
from ingest.model import DOCUMENT_KINDS, Report
from ingest.serialize import period_to_dict, report_from_dict, report_to_dict

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


@dataclass(frozen=True)
class Agency:
    name: str
    kind: str
    district: str | None
    province: str | None
    years: tuple[int, ...]


@dataclass(frozen=True)
class Failure:
    path: str
    error: str
    ingested_at: str


@dataclass(frozen=True)
class YearCount:
    """How many current documents of one kind, and measures, an agency has for one year."""

    agency: str
    year: int | None
    kind: str
    reports: int
    measures: int


@dataclass(frozen=True)
class DocumentRow:
    """One current document as the library lists it."""

    report_id: int
    kind: str
    agency: str
    year: int | None
    title: str
    path: str
    measures: int

    @property
    def label(self) -> str:
        """Its title, or its file name when the cover gave none."""
        return self.title.strip() or Path(self.path).name


class AmbiguousAgency(LookupError):
    """A name fragment that matches more than one agency."""

    def __init__(self, query: str, candidates: Sequence[str]) -> None:
        super().__init__(f"{query!r} matches {len(candidates)} agencies: {', '.join(candidates)}")
        self.query = query
        self.candidates = tuple(candidates)


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


class Store:
    """Opens (creating and migrating as needed) DATA/raingan.sqlite."""

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

    # -- reading -------------------------------------------------------------------------------

    _REPORT_SELECT = (
        "SELECT r.id, r.body, r.current, d.ingested_at, r.document_id "
        "FROM reports r JOIN documents d ON d.id = r.document_id"
    )

    @staticmethod
    def _stored(row: tuple[Any, ...]) -> StoredReport:
        report_id, body, current, ingested_at, document_id = row
        return StoredReport(
            report_id=report_id,
            report=report_from_dict(json.loads(body)),
            current=bool(current),
            ingested_at=ingested_at,
            document_id=document_id,
        )

    def current_report_ids(self) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT id FROM reports WHERE current = 1")}

    def get_report(self, report_id: int) -> StoredReport:
        """One stored report; KeyError when there is no such id."""
        row = self.db.execute(f"{self._REPORT_SELECT} WHERE r.id = ?", (report_id,)).fetchone()
        if row is None:
            raise KeyError(report_id)
        return self._stored(row)

    def get_reports(self, ids: Iterable[int]) -> list[StoredReport]:
        """The reports with these ids, in the order asked; unknown ids are left out."""
        wanted = list(dict.fromkeys(ids))
        found: dict[int, StoredReport] = {}
        # Chunked: SQLite caps the number of bound parameters.
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"{self._REPORT_SELECT} WHERE r.id IN ({marks})", chunk):
                found[row[0]] = self._stored(row)
        return [found[i] for i in wanted if i in found]

    def iter_reports(self, *, current_only: bool = True) -> Iterator[StoredReport]:
        """Reports by agency, year, kind (reports before plans) and file path."""
        where = " WHERE r.current = 1" if current_only else ""
        # Kind and path, not id: the order must not depend on which file landed first.
        sql = (
            f"{self._REPORT_SELECT}{where} "
            "ORDER BY r.org_name, r.fiscal_year, r.document_kind DESC, d.path, r.id"
        )
        for row in self.db.execute(sql).fetchall():
            yield self._stored(row)

    def agencies(self) -> list[Agency]:
        """Agencies with current reports, sorted by name; details from the newest report."""
        rows = self.db.execute(
            "SELECT org_name, org_kind, district, province, fiscal_year FROM reports "
            "WHERE current = 1 AND org_name != '' ORDER BY org_name, id"
        ).fetchall()
        merged: dict[str, tuple[tuple[str, str | None, str | None], set[int]]] = {}
        for name, kind, district, province, year in rows:
            years = merged.get(name, (None, set()))[1]
            if year is not None:
                years.add(year)
            merged[name] = ((kind, district, province), years)
        return [
            Agency(name, *details, years=tuple(sorted(years)))
            for name, (details, years) in sorted(merged.items())
        ]

    def resolve_agency(self, agency: str) -> str | None:
        """The agency name `agency` names: exact, else a unique substring; None when none match.

        Raises AmbiguousAgency when a substring matches several agencies.
        """
        names = [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT org_name FROM reports WHERE current = 1 ORDER BY org_name"
            )
        ]
        agency = expand_abbreviations(agency)
        if agency in names:
            return agency
        matches = [n for n in names if agency in n]
        if len(matches) > 1:
            raise AmbiguousAgency(agency, matches)
        return matches[0] if matches else None

    def reports_for(
        self, agency: str, years: Sequence[int] | None = None, kind: str = "report"
    ) -> list[StoredReport]:
        """Current documents of one kind (ITA reports by default) of one agency sorted by year;
        [] when no agency matches.

        `agency` is an exact name or a unique substring (AmbiguousAgency otherwise).
        """
        name = self.resolve_agency(agency)
        if name is None:
            return []
        sql = (
            f"{self._REPORT_SELECT} WHERE r.current = 1 AND r.org_name = ? "
            "AND r.document_kind = ?"
        )
        params: list[Any] = [name, kind]
        if years is not None:
            sql += f" AND r.fiscal_year IN ({','.join('?' * len(years))})"
            params += list(years)
        rows = self.db.execute(sql + " ORDER BY r.fiscal_year, r.id", params).fetchall()
        return [self._stored(r) for r in rows]

    def failures(self) -> list[Failure]:
        rows = self.db.execute(
            "SELECT path, error, ingested_at FROM documents WHERE status = 'failed' ORDER BY path"
        )
        return [Failure(*r) for r in rows]

    def low_quality_pages(self, threshold: float = 0.8) -> list[tuple[int, str, int, float]]:
        """(report_id, path, page, quality) of current reports' pages below `threshold`."""
        rows = self.db.execute(
            "SELECT q.report_id, d.path, q.page, q.quality FROM page_quality q "
            "JOIN reports r ON r.id = q.report_id JOIN documents d ON d.id = r.document_id "
            "WHERE r.current = 1 AND q.quality < ? ORDER BY d.path, q.page",
            (threshold,),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def year_counts(self) -> list[YearCount]:
        """Current documents of each kind and their measures per agency and fiscal year."""
        rows = self.db.execute(
            "SELECT r.org_name, r.fiscal_year, r.document_kind, COUNT(DISTINCT r.id), "
            "COUNT(m.id) FROM reports r LEFT JOIN measures m ON m.report_id = r.id "
            "WHERE r.current = 1 GROUP BY r.org_name, r.fiscal_year, r.document_kind "
            "ORDER BY r.org_name, r.fiscal_year, r.document_kind DESC"
        )
        return [YearCount(*r) for r in rows]

    def current_documents(self, *, other_only: bool = False) -> list[DocumentRow]:
        """Every current document, by agency, year and path. `other_only`: only those that are
        not an agency's ITA report or plan for a known year (other kinds, and any document
        whose agency or fiscal year could not be read), as the library lists them apart."""
        where = (
            " AND (r.document_kind = 'other' OR r.org_name = '' OR r.fiscal_year IS NULL)"
            if other_only
            else ""
        )
        rows = self.db.execute(
            "SELECT r.id, r.document_kind, r.org_name, r.fiscal_year, r.title, d.path, "
            "(SELECT COUNT(*) FROM measures m WHERE m.report_id = r.id) "
            "FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.current = 1"
            f"{where} ORDER BY r.org_name, r.fiscal_year, d.path"
        )
        return [DocumentRow(*r) for r in rows]

    def other_documents(self) -> list[DocumentRow]:
        """Current documents that are not an agency's ITA report or plan for a known year."""
        return self.current_documents(other_only=True)

    def ocr_pages(self) -> list[tuple[int, str, int, float | None]]:
        """(report_id, path, page, OCR confidence) of current reports' OCR-read pages."""
        rows = self.db.execute(
            "SELECT q.report_id, d.path, q.page, q.confidence FROM page_quality q "
            "JOIN reports r ON r.id = q.report_id JOIN documents d ON d.id = r.document_id "
            "WHERE r.current = 1 AND q.source = 'ocr' ORDER BY d.path, q.page"
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def counts(self) -> dict[str, int]:
        """Totals: files stored and failed, reports (every version), current documents in all
        and of each kind (current_reports, current_plans, current_others), measures."""
        one = self.db.execute
        kinds = dict(
            one("SELECT document_kind, COUNT(*) FROM reports WHERE current = 1 "
                "GROUP BY document_kind").fetchall()
        )
        return {
            **{f"current_{kind}s": kinds.get(kind, 0) for kind in DOCUMENT_KINDS},
            "documents": one("SELECT COUNT(*) FROM documents WHERE status = 'ok'").fetchone()[0],
            "failed": one("SELECT COUNT(*) FROM documents WHERE status = 'failed'").fetchone()[0],
            "reports": one("SELECT COUNT(*) FROM reports").fetchone()[0],
            "current_documents": one(
                "SELECT COUNT(*) FROM reports WHERE current = 1"
            ).fetchone()[0],
            "measures": one("SELECT COUNT(*) FROM measures").fetchone()[0],
        }
