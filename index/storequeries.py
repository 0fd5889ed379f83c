"""The store's read side: the queries the search, the TUI and the audits ask of it.

`StoreQueries` is the part of index.store.Store that only reads: reports by id, by agency and
year or all current ones, the agency list, the library's documents and counts, failures and
doubtful pages. It reads through the Store's connection (`db`), so a Store answers them all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.model import StoredReport
from ingest.metadata import expand_abbreviations
from ingest.model import DOCUMENT_KINDS
from ingest.serialize import report_from_dict


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


class StoreQueries:
    """The read-only queries of a Store (index.store), over its SQLite connection."""

    db: sqlite3.Connection

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
