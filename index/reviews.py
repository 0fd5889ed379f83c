"""The auditor's reviews of findings: confirmed, dismissed or needs follow-up, with a note.

Every decision is a row of its own (who, when, what), so the log is the history and the latest
row per finding is its state. A review is keyed by the finding's stable key (index/audit.py),
made from what the finding is about rather than from store ids, so it stays attached when the
same report is ingested again or replaced by a new version. Each row also keeps what the
finding said when it was reviewed, so an exported log reads on its own even after the finding
has gone (the agency fixed its report).
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass

from index.store import Store

UNREVIEWED = "unreviewed"
CONFIRMED = "confirmed"
DISMISSED = "dismissed"
FOLLOW_UP = "follow_up"
STATES = (UNREVIEWED, CONFIRMED, DISMISSED, FOLLOW_UP)
# How each state reads in a table.
STATE_LABELS = {UNREVIEWED: "", CONFIRMED: "confirmed", DISMISSED: "dismissed",
                FOLLOW_UP: "needs follow-up"}
COLUMNS = ("finding", "state", "note", "user", "at", "kind", "agency", "year", "measure", "text",
           "message")


@dataclass(frozen=True)
class Review:
    """One decision about one finding, and what the finding said then."""

    finding: str  # the finding's key
    state: str  # one of STATES
    note: str
    user: str  # the OS user who made it
    at: str  # ISO 8601, UTC
    kind: str
    agency: str
    year: int | None
    measure: int | None
    text: str
    message: str

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in COLUMNS}


def current_user() -> str:
    """The OS user running raingan ("unknown" when the system cannot say)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER in a container
        return "unknown"


def record(
    store: Store,
    finding: str,
    state: str,
    note: str = "",
    *,
    kind: str,
    agency: str,
    year: int | None,
    measure: int | None,
    text: str,
    message: str,
    user: str | None = None,
) -> Review:
    """Store one decision about the finding whose key is `finding`; ValueError for a state
    not in STATES."""
    if state not in STATES:
        raise ValueError(f"not a review state: {state!r} (choose from {', '.join(STATES)})")
    review = Review(finding, state, note.strip(), user or current_user(),
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    kind, agency, year, measure, text, message)
    with store.transaction() as db:
        db.execute(
            f"INSERT INTO reviews ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            [getattr(review, k) for k in COLUMNS],
        )
    return review


def history(store: Store, finding: str | None = None) -> list[Review]:
    """Every decision in the order made; only one finding's when `finding` is given."""
    sql = f"SELECT {', '.join(COLUMNS)} FROM reviews"
    params: tuple = ()
    if finding is not None:
        sql, params = sql + " WHERE finding = ?", (finding,)
    return [Review(*row) for row in store.db.execute(sql + " ORDER BY id", params)]


def latest(store: Store) -> dict[str, Review]:
    """Each reviewed finding's key -> its latest decision (a reset to unreviewed included)."""
    rows = store.db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM reviews WHERE id IN "
        "(SELECT MAX(id) FROM reviews GROUP BY finding)"
    )
    return {row[0]: Review(*row) for row in rows}
