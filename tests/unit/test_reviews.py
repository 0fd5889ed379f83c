"""Reviews of findings: a log of decisions, the latest one the state."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import reviews
from index.store import Store

ABOUT = {"kind": "results_unchanged", "agency": "เทศบาลตำบลบ้านลาด", "year": 2568, "measure": 3,
         "text": "ดำเนินการแล้ว", "message": "results of measure 3: 2567's text unchanged"}


def test_the_latest_decision_is_the_state_and_the_log_keeps_every_one(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        reviews.record(store, "k1", reviews.FOLLOW_UP, "ask the agency", user="a", **ABOUT)
        reviews.record(store, "k1", reviews.CONFIRMED, " copied ", user="b", **ABOUT)
        reviews.record(store, "k2", reviews.DISMISSED, **ABOUT)
        latest = reviews.latest(store)
        assert (latest["k1"].state, latest["k1"].note, latest["k1"].user) == ("confirmed", "copied", "b")
        assert latest["k2"].user == reviews.current_user() != ""
        assert [r.state for r in reviews.history(store, "k1")] == ["follow_up", "confirmed"]
        assert len(reviews.history(store)) == 3
        assert reviews.history(store, "k1")[0].as_dict()["message"] == ABOUT["message"]
        assert latest["k1"].at.endswith("+00:00")


def test_an_unknown_state_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path) as store, pytest.raises(ValueError, match="not a review state"):
        reviews.record(store, "k", "approved", **ABOUT)
    with Store(tmp_path) as store:
        assert reviews.history(store) == []


def test_reviews_outlive_a_reopened_store(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        reviews.record(store, "k", reviews.CONFIRMED, "n", **ABOUT)
    with Store(tmp_path) as store:
        assert reviews.latest(store)["k"].note == "n"
