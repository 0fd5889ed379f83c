"""Acceptance on the sample corpus: the findings across reports and the ITA topics against the
truth the generator wrote (sample_docs/anomalies.py), on the PDFs as raingan parses them."""

from __future__ import annotations

import pytest

from bench.audit_truth import SAMPLES, evaluate, truth_files
from index.audit import CROSS_KINDS
from tests.functional.test_parse_samples import parsed


@pytest.fixture(scope="module")
def figures() -> dict:
    truths = truth_files()
    return evaluate([parsed(SAMPLES / t["file"]) for t in truths], truths)


def test_every_planted_anomaly_is_found(figures: dict) -> None:
    planted = figures["planted"]
    assert planted["count"] >= 5  # shared text, copied results, an unreported plan, a topic
    assert planted["missed"] == []


@pytest.mark.parametrize("kind", CROSS_KINDS)
def test_precision_of_each_kind_against_the_truth(figures: dict, kind: str) -> None:
    score = figures["kinds"][kind]
    if score["found"]:
        assert score["precision"] >= 0.9, score
    else:
        assert score["expected"] == 0, score  # nothing found where something was due


def test_template_text_is_marked_not_listed(figures: dict) -> None:
    score = figures["templates"]
    assert score["expected"] >= 4 and score["precision"] >= 0.9 and score["recall"] >= 0.9, score
    assert figures["kinds"]["shared_with_agency"]["wrong"] == []


def test_topics_match_the_truth_for_95_percent_of_measures(figures: dict) -> None:
    topics = figures["topics"]
    assert topics["measures"] >= 70
    assert topics["accuracy"] >= 0.95, topics["wrong"]
