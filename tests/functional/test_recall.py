"""Recall 1.00 and precision >= 0.99 on queries cut from the sample corpus' own text.

A query's truth: the measures whose squeezed cell text (digits folded, Latin lower-cased,
whitespace removed but for one space between Latin words or numbers) contains the squeezed
query. Queries are Thai character substrings (sub-word pieces included), single words, two- or
three-word phrases, two to four digits of a number in Thai or Arabic digits ("256" must find
2567, "๖๗" must find ๒๕๖๗), and pieces of Latin text ("e-serv", "CEBOOK").
"""

from __future__ import annotations

import re

from bench.synthetic import query_set
from index.analyzer import squeeze
from index.fulltext import FullTextIndex
from ingest.model import COLUMN_KEYS


def test_recall_and_precision_on_sample_corpus(store_with_samples, tmp_path) -> None:
    rows = {
        (s.report_id, m.number): [m.cells.get(k) for k in COLUMN_KEYS]
        for s in store_with_samples.iter_reports()
        for m in s.report.measures
    }
    assert rows, "the sample corpus holds no measures"
    queries = query_set(list(rows.values()), 300, seed=3)
    with FullTextIndex(tmp_path / "index") as ix:
        ix.sync(store_with_samples)
        relevant = found = right = 0
        for q in queries:
            needle = squeeze(q.strip('"'))
            truth = {key for key, cells in rows.items() if any(needle in squeeze(c) for c in cells)}
            got = ix.matching_measures(q)
            relevant, found, right = (
                relevant + len(truth),
                found + len(got),
                right + len(truth & got),
            )
            assert truth <= got, f"missed for {q!r}: {sorted(truth - got)}"
    assert right / relevant == 1.0
    assert right / found >= 0.99
    digits = [q for q in queries if q.isdigit()]
    latin = [q for q in queries if re.search("[A-Za-z]", q)]
    # The extended kinds are really there, in both scripts and lengths 2-4.
    assert len(digits) >= 50 and len(latin) >= 50
    assert {len(q) for q in digits} == {2, 3, 4}
    assert any(has_thai_digit(q) for q in digits) and any(q.isascii() for q in digits)


def has_thai_digit(text: str) -> bool:
    return any("\u0e50" <= c <= "\u0e59" for c in text)
