"""bench.search_truth: the compact rows give the same cells and the same substring truth as
the squeezed Python strings they stand for."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from bench.search_truth import Rows, key_code, key_codes, overlap
from bench.synthetic import synthetic_reports
from index.analyzer import squeeze
from ingest.model import COLUMN_KEYS


def _reports():
    """25 synthetic measures; the first also holds U+2713 CHECK MARK and U+2192 RIGHTWARDS
    ARROW, which Windows-874 lacks, so its row stays a str."""
    reports = list(synthetic_reports(25, seed=4))
    first = reports[0].report.measures[0]
    odd = replace(first, cells=replace(first.cells, outcome="ผ่าน \u2713 \u2192 ok"))
    report = replace(reports[0].report, measures=(odd, *reports[0].report.measures[1:]))
    return [replace(reports[0], report=report), *reports[1:]]


def _plain(reports) -> list[tuple[int, str]]:
    return [
        (key_code(s.report_id, m.number), "\x1f".join(squeeze(m.cells.get(k)) for k in COLUMN_KEYS))
        for s in reports
        for m in s.report.measures
    ]


def test_rows_read_back_as_their_squeezed_cells() -> None:
    reports = _reports()
    rows = Rows(reports)
    plain = _plain(reports)
    assert len(rows) == len(plain) == 25
    assert [rows[i] for i in range(len(rows))] == [text.split("\x1f") for _, text in plain]
    assert rows.codes.tolist() == [code for code, _ in plain]


def test_containing_equals_substring_of_the_squeezed_text() -> None:
    reports = _reports()
    rows = Rows(reports)
    plain = _plain(reports)
    # Pieces of every row (Thai, digits, Latin, a cell boundary left out), the characters
    # outside the code page, and a needle in no row.
    needles = {text[at : at + size] for _, text in plain for at in (0, 7, 40) for size in (2, 5)}
    needles = {n for n in needles if "\x1f" not in n} | {"\u2713", "\u2192ok", "ok", "zzzq"}
    for needle in sorted(needles):
        expect = [needle in text for _, text in plain]
        assert rows.containing(needle).tolist() == expect, needle
    assert rows.containing("\u2713").tolist() == [True] + [False] * 24


def test_truth_keys_and_overlap_count_as_sets_do() -> None:
    reports = _reports()
    rows = Rows(reports)
    plain = _plain(reports)
    needles = ["ok", "การ", "25"]
    truth = rows.truth(needles)
    for i, needle in enumerate(needles):
        expect = {code for code, text in plain if needle in text}
        assert truth.keys(i).tolist() == sorted(expect)
        found = {code for code, _ in plain[::2]}
        assert overlap(truth.keys(i), key_codes((c >> 32, c & 0xFFFFFFFF) for c in found)) == (
            len(expect),
            len(found),
            len(expect & found),
        )
    assert key_codes([(3, 2), (1, 9), (3, 2)]).tolist() == [key_code(1, 9), key_code(3, 2)]
    assert np.array_equal(key_code(np.array([1, 3]), np.array([9, 2])), [1 << 32 | 9, 3 << 32 | 2])
