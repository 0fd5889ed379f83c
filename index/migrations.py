"""The store's schema, as an ordered list of migrations.

`PRAGMA user_version` holds how many migrations a database has had. Opening a database runs the
missing ones in order, each in its own transaction, so an interrupted upgrade leaves the database
at the last complete version. Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


class SchemaTooNew(RuntimeError):
    """The database was written by a newer raingan than this one."""


def _v1_initial(db: sqlite3.Connection) -> None:
    """Documents, reports and measures; the full report JSON is the body of record."""
    db.execute(
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT UNIQUE,
            size INTEGER,
            pages INTEGER,
            status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
            error TEXT,
            ingested_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
            org_name TEXT NOT NULL,
            org_kind TEXT NOT NULL,
            district TEXT,
            province TEXT,
            fiscal_year INTEGER,
            title TEXT NOT NULL,
            current INTEGER NOT NULL CHECK (current IN (0, 1)),
            body TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE measures (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            measure TEXT NOT NULL,
            steps TEXT NOT NULL,
            responsible TEXT NOT NULL,
            period TEXT NOT NULL,
            results TEXT NOT NULL,
            outcome TEXT NOT NULL,
            items TEXT NOT NULL,
            periods TEXT NOT NULL,
            pages TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX measures_report ON measures(report_id)")
    db.execute("CREATE INDEX reports_agency_year ON reports(org_name, fiscal_year)")


def _v2_page_quality(db: sqlite3.Connection) -> None:
    """Per-page text quality as its own table, back-filled from each stored report's body."""
    db.execute(
        """CREATE TABLE page_quality (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            page INTEGER NOT NULL,
            chars INTEGER NOT NULL,
            quality REAL NOT NULL,
            defects INTEGER NOT NULL,
            PRIMARY KEY (report_id, page)
        )"""
    )
    rows = db.execute("SELECT id, body FROM reports").fetchall()
    for report_id, body in rows:
        for p in json.loads(body).get("pages", []):
            db.execute(
                "INSERT OR REPLACE INTO page_quality VALUES (?, ?, ?, ?, ?)",
                (report_id, p["number"], p["chars"], p["quality"], p["defects"]),
            )


def _v3_current_index(db: sqlite3.Connection) -> None:
    """Listing current reports is the hot read path of search and the TUI."""
    db.execute("CREATE INDEX reports_current ON reports(current, org_name)")


def _upgrade_body_v2(body: dict) -> dict:
    """A raingan.report/1 body as raingan.report/2: a typed report, no extra cells."""
    if body.get("schema") != "raingan.report/1":
        return body
    body = {"schema": "raingan.report/2", "document_kind": "report",
            **{k: v for k, v in body.items() if k != "schema"}}
    for m in body.get("measures", []):
        m.setdefault("extra", {})
        m.setdefault("confidence", {})
    for p in body.get("pages", []):
        p.setdefault("source", "text")
        p.setdefault("confidence", None)
        p.setdefault("text", "")
    return body


def _v4_report_schema_2(db: sqlite3.Connection) -> None:
    """raingan.report/2: document kinds, extra cells, and where each page's text came from."""
    db.execute("ALTER TABLE reports ADD COLUMN document_kind TEXT NOT NULL DEFAULT 'report'")
    db.execute("ALTER TABLE measures ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE measures ADD COLUMN confidence TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE page_quality ADD COLUMN source TEXT NOT NULL DEFAULT 'text'")
    db.execute("ALTER TABLE page_quality ADD COLUMN confidence REAL")
    for report_id, body in db.execute("SELECT id, body FROM reports").fetchall():
        upgraded = _upgrade_body_v2(json.loads(body))
        db.execute(
            "UPDATE reports SET body = ? WHERE id = ?",
            (json.dumps(upgraded, ensure_ascii=False, separators=(",", ":")), report_id),
        )


def _v5_document_identity(db: sqlite3.Connection) -> None:
    """Versions are the same document again (index/identity.py), not any file of the same
    agency and year: regroup every stored report and choose each group's current version."""
    from index.identity import DocumentKey, best_match

    db.execute("ALTER TABLE reports ADD COLUMN document INTEGER")
    rows = db.execute(
        "SELECT r.id, r.document_kind, r.org_name, r.fiscal_year, r.title, "
        "json_extract(r.body, '$.source.issued'), d.path "
        "FROM reports r JOIN documents d ON d.id = r.document_id ORDER BY r.id"
    ).fetchall()
    groups: dict[int, list[tuple[str | None, str, int]]] = {}  # document -> versions
    keys: list[tuple[int, DocumentKey]] = []  # (document, key of its first version)
    for report_id, kind, org, year, title, issued, path in rows:
        key = DocumentKey(kind, org, year, title)
        document = best_match(key, keys)
        if document is None:
            document = report_id
            keys.append((report_id, key))
        groups.setdefault(document, []).append((issued, path, report_id))
        db.execute("UPDATE reports SET document = ? WHERE id = ?", (document, report_id))
    for versions in groups.values():
        newest = max((issued or "", path, rid) for issued, path, rid in versions)[2]
        for _issued, _path, rid in versions:
            db.execute("UPDATE reports SET current = ? WHERE id = ?", (int(rid == newest), rid))
    db.execute("CREATE INDEX reports_document ON reports(document, current)")


def _v6_audit(db: sqlite3.Connection) -> None:
    """Cross-agency shared text (index/crossref.py) and reviews of findings (index/reviews.py).

    text_words (a measure's matching words, space-separated) and text_bands (its LSH band keys)
    hold each current ITA report's measures for lookups;
    text_pairs the confirmed near-identical pairs (a < b, measure ids); text_done the reports
    already matched. reviews is the auditor's log, one row per decision, keyed by the finding's
    stable key, so it outlives the report versions it was made on.
    """
    db.execute(
        """CREATE TABLE text_words (
            measure_id INTEGER PRIMARY KEY REFERENCES measures(id) ON DELETE CASCADE,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            words TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX text_words_report ON text_words(report_id)")
    db.execute(
        """CREATE TABLE text_bands (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,
            measure_id INTEGER NOT NULL,
            PRIMARY KEY (band, key, measure_id)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE text_pairs (
            a INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            b INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            span_a TEXT NOT NULL,
            span_b TEXT NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX text_pairs_b ON text_pairs(b)")
    db.execute(
        "CREATE TABLE text_done (report_id INTEGER PRIMARY KEY "
        "REFERENCES reports(id) ON DELETE CASCADE)"
    )
    db.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            finding TEXT NOT NULL,
            state TEXT NOT NULL
                CHECK (state IN ('unreviewed', 'confirmed', 'dismissed', 'follow_up')),
            note TEXT NOT NULL DEFAULT '',
            user TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            agency TEXT NOT NULL,
            year INTEGER,
            measure INTEGER,
            text TEXT NOT NULL,
            message TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX reviews_finding ON reviews(finding, id)")


MIGRATIONS: tuple[Migration, ...] = (
    _v1_initial,
    _v2_page_quality,
    _v3_current_index,
    _v4_report_schema_2,
    _v5_document_identity,
    _v6_audit,
)
LATEST = len(MIGRATIONS)


def user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring `db` (autocommit mode) up to `target`; return the version it started at.

    Each step runs in one BEGIN IMMEDIATE transaction together with its user_version bump, so a
    second process opening the same file waits rather than migrating twice.
    """
    start = user_version(db)
    if start > LATEST:
        raise SchemaTooNew(
            f"database schema version {start} is newer than this raingan supports ({LATEST}); "
            "upgrade raingan"
        )
    for number in range(start + 1, target + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the write lock.
            if user_version(db) >= number:
                db.execute("COMMIT")
                continue
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return start
