"""Text shared across agencies: near-identical measures in other agencies' reports, kept in the
store as reports arrive.

Each current ITA report is matched once, when it lands (`sync`, called by the ingest after
every stored file and again after the run): its measures' MinHash band keys (index/textshare)
are looked up among the measures already matched, candidates from other agencies are confirmed
with rapidfuzz, and the confirmed pairs are stored with their shared span. Then its own words
and band keys are added for later reports to find. One transaction per report, so an
interrupted run leaves whole reports matched or not, and the next `sync` does the rest.

Whether shared text is worth a finding is decided when reading (`shared_matches`), from the
whole store: text that TEMPLATE_AGENCIES or more agencies share is a template (the ITA
handbook's wording, a province's model report), marked as such and not a finding; a measure
that only one or two other agencies share is.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from index.store import Store
from index.textshare import (
    MIN_BANDS,
    MIN_WORDS,
    band_keys,
    cells_words,
    confirm_many,
    shared_span,
    signatures,
)

# Agencies (this one included) sharing one text from which it is a template, not a finding.
TEMPLATE_AGENCIES = 3
# Candidates confirmed per measure, those sharing the most LSH bands first. Text that more
# measures share than this is a template whatever the few confirmed say.
CANDIDATE_LIMIT = 200
# Candidates whose words are read and confirmed at a time.
CONFIRM_CHUNK = 25
# Measures read from one LSH bucket at most (see `candidates`).
BUCKET_LIMIT = 100


@dataclass(frozen=True)
class SharedMatch:
    """One measure of a current report and a near-identical measure of another agency's."""

    measure_id: int
    report_id: int
    number: int
    agency: str
    other_measure_id: int
    other_report_id: int
    other_agency: str
    other_year: int | None
    other_number: int
    similarity: float  # 0..1
    span: str  # the longest shared run of words, as this measure writes it
    other_span: str  # the same run as the other measure writes it


@dataclass(frozen=True)
class SyncResult:
    matched: int  # reports matched now
    dropped: int  # reports no longer current, their rows removed
    pairs: int  # pairs confirmed now


# Only columns the reports_current index holds: reading document_kind would read every
# report's body from its overflow pages, as the column comes after it.
PENDING_SQL = (
    "SELECT id FROM reports WHERE current = 1 "
    "AND id NOT IN (SELECT report_id FROM text_done) ORDER BY id"
)


def pending(store: Store) -> list[int]:
    """Current documents not looked at yet, oldest first (match_report decides whether each
    is an ITA report of a named agency, to be matched)."""
    return [r[0] for r in store.db.execute(PENDING_SQL)]


def _stale(store: Store) -> list[int]:
    """Matched reports that are no longer current (their words and pairs to be dropped)."""
    rows = store.db.execute(
        "SELECT d.report_id FROM text_done d JOIN reports r ON r.id = d.report_id "
        "WHERE r.current = 0 AND EXISTS (SELECT 1 FROM text_words w WHERE w.report_id = r.id)"
    )
    return [r[0] for r in rows]


def _drop(store: Store, report_id: int) -> None:
    """Forget a report that is no longer current (a newer version replaced it)."""
    with store.transaction() as db:
        rows = db.execute(
            "SELECT measure_id, words FROM text_words WHERE report_id = ?", (report_id,)
        ).fetchall()
        # Band keys are found again from the words, so each is deleted by its primary key.
        sigs = signatures([words.split(" ") for _, words in rows])
        for (mid, _), sig in zip(rows, sigs, strict=True):
            db.executemany("DELETE FROM text_bands WHERE band = ? AND key = ? AND measure_id = ?",
                           [(band, key, mid) for band, key in band_keys(sig)])
            db.execute("DELETE FROM text_pairs WHERE a = ? OR b = ?", (mid, mid))
        db.execute("DELETE FROM text_words WHERE report_id = ?", (report_id,))
        db.execute("DELETE FROM text_done WHERE report_id = ?", (report_id,))


def match_report(store: Store, report_id: int) -> int:
    """Match one current report against every report matched before it; store its pairs and
    its own keys. Returns how many pairs were confirmed. One transaction."""
    with store.transaction() as db:
        if db.execute("SELECT 1 FROM text_done WHERE report_id = ?", (report_id,)).fetchone():
            return 0  # another process matched it while this one waited for the lock
        agency, current, kind = db.execute(
            "SELECT org_name, current, document_kind FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        if not (current and kind == "report" and agency):
            # A plan, another document, an unnamed agency or an older version: never matched.
            db.execute("INSERT INTO text_done VALUES (?)", (report_id,))
            return 0
        rows = db.execute(
            "SELECT id, measure, steps, results, outcome FROM measures WHERE report_id = ? "
            "ORDER BY number, id", (report_id,)
        ).fetchall()
        words = [cells_words(r[1:]) for r in rows]
        usable = [w.words if len(w.words) >= MIN_WORDS else () for w in words]
        pairs = 0
        for (mid, *_), w, sig in zip(rows, words, signatures(usable), strict=True):
            keys = band_keys(sig)
            if not keys:
                continue
            pairs += _confirm_candidates(db, mid, agency, w, keys)
            db.execute("INSERT OR REPLACE INTO text_words VALUES (?, ?, ?)",
                       (mid, report_id, " ".join(w.words)))
            db.executemany("INSERT OR IGNORE INTO text_bands VALUES (?, ?, ?)",
                           [(band, key, mid) for band, key in keys])
        db.execute("INSERT INTO text_done VALUES (?)", (report_id,))
    return pairs


# One LSH bucket: the measures whose band `band` hashes to `key`, oldest first, at most a limit.
BUCKET_SQL = "SELECT measure_id FROM text_bands WHERE band = ? AND key = ? LIMIT ?"


# The agency of each candidate measure of a current report of another agency. CROSS JOIN
# keeps text_words the outer loop: left to choose, SQLite walked every current report through
# the reports_current index and probed each one's measures, a cost that grew with the store
# (1 s a chunk at 10k reports; 15 ms this way).
CANDIDATE_AGENCIES_SQL = (
    "SELECT tw.measure_id, r.org_name FROM text_words tw CROSS JOIN reports r "
    "ON r.id = tw.report_id WHERE tw.measure_id IN ({marks}) AND r.current = 1 "
    "AND r.org_name != ?"
)


def candidates(
    db: sqlite3.Connection, keys: Sequence[tuple[int, int]], agency: str
) -> list[tuple[int, str]]:
    """(measure id, agency) of measures of current reports of other agencies that share at
    least MIN_BANDS of a measure's LSH `keys`, those sharing most first, CANDIDATE_LIMIT at
    most.

    Each bucket is read up to BUCKET_LIMIT measures: a bucket that full holds wording
    hundreds of measures have (the handbook's, a province's model report), so the first of
    them say all there is to say, and the cost of a lookup stays the same however large the
    store grows.
    """
    hits: Counter[int] = Counter()
    for band, key in keys:
        hits.update(row[0] for row in db.execute(BUCKET_SQL, (band, key, BUCKET_LIMIT)))
    ranked = [mid for mid, n in hits.most_common() if n >= MIN_BANDS]
    out: list[tuple[int, str]] = []
    for at in range(0, len(ranked), 500):
        chunk = ranked[at : at + 500]
        marks = ",".join("?" * len(chunk))
        found = dict(db.execute(CANDIDATE_AGENCIES_SQL.format(marks=marks), [*chunk, agency]))
        out += [(mid, found[mid]) for mid in chunk if mid in found]
        if len(out) >= CANDIDATE_LIMIT:
            break
    return out[:CANDIDATE_LIMIT]


def _confirm_candidates(db, mid: int, agency: str, w, keys) -> int:  # noqa: ANN001
    """Confirm the candidates of one measure, most bands shared first, storing each pair.

    Stops once TEMPLATE_AGENCIES - 1 other agencies are confirmed: the text is a template
    then, whatever the rest say, and template text is where candidates are many.
    """
    found_in = candidates(db, keys, agency)
    agencies: set[str] = set()
    found = 0
    for at in range(0, len(found_in), CONFIRM_CHUNK):
        chunk = dict(found_in[at : at + CONFIRM_CHUNK])
        marks = ",".join("?" * len(chunk))
        words = db.execute(
            f"SELECT measure_id, words FROM text_words WHERE measure_id IN ({marks})",
            list(chunk),
        ).fetchall()
        for other, sim in confirm_many(w.squeezed, {i: t.replace(" ", "") for i, t in words}):
            _store_pair(db, mid, w, other, sim)
            agencies.add(chunk[other])
            found += 1
        if len(agencies) >= TEMPLATE_AGENCIES - 1:
            break
    return found


def _store_pair(db, mid: int, w, other: int, sim: float) -> None:  # noqa: ANN001
    cells = db.execute(
        "SELECT measure, steps, results, outcome FROM measures WHERE id = ?", (other,)
    ).fetchone()
    ow = cells_words(cells)
    here, there = shared_span(w, ow), shared_span(ow, w)
    a, b, span_a, span_b = (mid, other, here, there) if mid < other else (
        other, mid, there, here)
    db.execute("INSERT OR REPLACE INTO text_pairs VALUES (?, ?, ?, ?, ?)",
               (a, b, round(sim, 4), span_a, span_b))


def update(store: Store, report_id: int, replaced: int | None = None) -> int:
    """Match one report just stored, forgetting the version it replaced; pairs confirmed."""
    if replaced is not None:
        _drop(store, replaced)
    return match_report(store, report_id)


def sync(store: Store, on_report: Callable[[int], None] | None = None) -> SyncResult:
    """Match every current report not matched yet and forget those no longer current."""
    stale = _stale(store)
    for report_id in stale:
        _drop(store, report_id)
    matched = pairs = 0
    for report_id in pending(store):
        pairs += match_report(store, report_id)
        matched += 1
        if on_report is not None:
            on_report(report_id)
    return SyncResult(matched, len(stale), pairs)


def shared_matches(store: Store) -> dict[int, list[SharedMatch]]:
    """Every confirmed pair between current reports, both ways, by measure id; best first."""
    rows = store.db.execute(
        "SELECT p.a, p.b, p.similarity, p.span_a, p.span_b, "
        "ma.report_id, ma.number, ra.org_name, ra.fiscal_year, "
        "mb.report_id, mb.number, rb.org_name, rb.fiscal_year FROM text_pairs p "
        "JOIN measures ma ON ma.id = p.a JOIN reports ra ON ra.id = ma.report_id "
        "JOIN measures mb ON mb.id = p.b JOIN reports rb ON rb.id = mb.report_id "
        "WHERE ra.current = 1 AND rb.current = 1"
    ).fetchall()
    out: dict[int, list[SharedMatch]] = {}
    for a, b, sim, span_a, span_b, ra, na, ga, ya, rb, nb, gb, yb in rows:
        out.setdefault(a, []).append(
            SharedMatch(a, ra, na, ga, b, rb, gb, yb, nb, sim, span_a, span_b))
        out.setdefault(b, []).append(
            SharedMatch(b, rb, nb, gb, a, ra, ga, ya, na, sim, span_b, span_a))
    for matches in out.values():
        matches.sort(key=lambda m: (-m.similarity, m.other_agency, -(m.other_year or 0)))
    return out


def sharing_agencies(matches: Iterable[SharedMatch]) -> int:
    """How many agencies share a measure's text, its own included."""
    matches = list(matches)
    return len({m.other_agency for m in matches}) + (1 if matches else 0)


def is_template(matches: Iterable[SharedMatch]) -> bool:
    """True when so many agencies share this text that it is a template, not a finding."""
    return sharing_agencies(matches) >= TEMPLATE_AGENCIES


def best_per_agency(matches: Iterable[SharedMatch]) -> list[SharedMatch]:
    """The most similar match in each other agency (a text copied into several of its years is
    one finding), most similar first."""
    best: dict[str, SharedMatch] = {}
    for m in matches:
        if m.other_agency not in best or m.similarity > best[m.other_agency].similarity:
            best[m.other_agency] = m
    return sorted(best.values(), key=lambda m: (-m.similarity, m.other_agency))
