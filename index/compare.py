"""Put one agency's fiscal years side by side: which measures carried over, changed, appeared or
went, and how much text was copied verbatim.

Agencies renumber measures and reword titles from year to year, so numbers cannot be trusted to
pair measures. Each pair of measures gets a text similarity (mostly the title cell, then the
steps), an optimal one-to-one assignment maximises the total similarity, and pairs below a
threshold are split into a dropped and an added measure. Equal numbers only break near-ties.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from index.diff import DELETE, EQUAL, INSERT, DiffOp, carried_chars, word_diff
from ingest.model import COLUMN_KEYS, Measure, Report

UNCHANGED = "unchanged"
EDITED = "edited"
ADDED = "added"
DROPPED = "dropped"

# Below this similarity two measures are different measures, not one measure reworded.
THRESHOLD = 0.55
# How much each cell counts towards similarity: the title names the measure; steps confirm it.
WEIGHTS = {"measure": 0.6, "steps": 0.25, "results": 0.1, "outcome": 0.05}
# Same number adds this much: enough to settle a tie, never enough to outvote the text.
SAME_NUMBER_BONUS = 0.02

_LEADING_NUMBER = re.compile(r"^\s*[๐-๙0-9]+\s*[.)]\s*")
_SPACE = re.compile(r"\s+")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class CellDiff:
    """The word diff of one column between the two years' versions of a measure."""

    column: str
    ops: tuple[DiffOp, ...]

    @property
    def changed(self) -> bool:
        return any(o.op != EQUAL for o in self.ops)


@dataclass(frozen=True)
class MeasurePair:
    """One aligned row: a measure in the earlier year, the later year, or both."""

    status: str  # unchanged | edited | added | dropped
    before: Measure | None
    after: Measure | None
    similarity: float  # 0..1; 0 for added/dropped
    cells: tuple[CellDiff, ...]  # one per column, in COLUMN_KEYS order

    @property
    def renumbered(self) -> bool:
        return (
            self.before is not None
            and self.after is not None
            and self.before.number != self.after.number
        )


@dataclass(frozen=True)
class Summary:
    unchanged: int
    edited: int
    added: int
    dropped: int
    carried_chars: int  # non-space characters of the later year found verbatim in the earlier
    total_chars: int  # non-space characters of the later year

    @property
    def carried_over(self) -> float:
        """Share (0..1) of the later year's text carried over verbatim."""
        return self.carried_chars / self.total_chars if self.total_chars else 0.0


@dataclass(frozen=True)
class YearStep:
    """Two consecutive years of one agency, aligned."""

    before: Report
    after: Report
    pairs: tuple[MeasurePair, ...]
    summary: Summary

    @property
    def years(self) -> tuple[int, int]:
        return (_be(self.before), _be(self.after))


@dataclass(frozen=True)
class Comparison:
    agency: str
    years: tuple[int, ...]  # ascending, Buddhist Era
    steps: tuple[YearStep, ...]  # consecutive pairs of years


def _be(report: Report) -> int:
    if report.fiscal_year is None:
        raise ValueError(f"{report.source.path}: report has no fiscal year")
    return report.fiscal_year.be


def strip_number(text: str) -> str:
    """A measure's title without the number it starts with ("๓. มาตรการ…" -> "มาตรการ…")."""
    return _LEADING_NUMBER.sub("", text)


def normalize(text: str) -> str:
    """Text as compared for similarity: item number dropped, digits Arabic, spaces single."""
    return _SPACE.sub(" ", strip_number(text.translate(_TO_ARABIC))).strip()


def similarity(a: Measure, b: Measure, weights: Mapping[str, float] = WEIGHTS) -> float:
    """How alike two measures read, 0..1, weighting the title cell most.

    Columns empty on both sides are left out of the weighting, so a title-only measure is judged
    on its title alone. `weights` chooses the columns (a plan has no results to compare).
    """
    score = weight = 0.0
    for key, w in weights.items():
        x, y = normalize(a.cells.get(key)), normalize(b.cells.get(key))
        if not x and not y:
            continue
        score += w * fuzz.ratio(x, y) / 100.0
        weight += w
    return score / weight if weight else 0.0


def assign(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """A maximum-total one-to-one assignment of rows to columns (Hungarian method).

    Returns (row, column) pairs; with unequal sides some rows or columns stay unassigned.
    """
    n_rows = len(scores)
    n_cols = len(scores[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    transposed = n_rows > n_cols
    if transposed:
        scores = [list(col) for col in zip(*scores, strict=True)]
        n_rows, n_cols = n_cols, n_rows
    # Minimise cost = -score; potentials u (rows) and v (columns), 1-based with a 0 sentinel.
    inf = float("inf")
    u = [0.0] * (n_rows + 1)
    v = [0.0] * (n_cols + 1)
    owner = [0] * (n_cols + 1)  # owner[j]: row assigned to column j
    way = [0] * (n_cols + 1)
    for i in range(1, n_rows + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (n_cols + 1)
        used = [False] * (n_cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, n_cols + 1):
                if used[j]:
                    continue
                cur = -scores[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(n_cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(owner[j] - 1, j - 1) for j in range(1, n_cols + 1) if owner[j]]
    return sorted((c, r) if transposed else (r, c) for r, c in pairs)


def align(
    before: Sequence[Measure],
    after: Sequence[Measure],
    threshold: float = THRESHOLD,
    weights: Mapping[str, float] = WEIGHTS,
) -> list[tuple[Measure | None, Measure | None, float]]:
    """Measures of two years paired as (before, after, similarity); None marks added/dropped.

    Ordered as the later year reads, each dropped measure placed after the later measure that
    follows its predecessor, so the list reads like a merged table of contents.
    """
    sims = [[similarity(a, b, weights) for b in after] for a in before]
    scores = [
        [
            (s + (SAME_NUMBER_BONUS if a.number == b.number else 0.0)) if s >= threshold else 0.0
            for s, b in zip(row, after, strict=True)
        ]
        for row, a in zip(sims, before, strict=True)
    ]
    matched = {i: j for i, j in assign(scores) if sims[i][j] >= threshold}
    by_after = {j: i for i, j in matched.items()}
    rows: list[tuple[Measure | None, Measure | None, float]] = []
    # Dropped measures come right after the row of the nearest earlier matched measure.
    dropped_after: dict[int, list[int]] = {}
    last = -1
    for i in range(len(before)):
        if i in matched:
            last = matched[i]
        else:
            dropped_after.setdefault(last, []).append(i)
    for i in dropped_after.get(-1, []):
        rows.append((before[i], None, 0.0))
    for j, b in enumerate(after):
        i = by_after.get(j)
        rows.append((before[i] if i is not None else None, b, sims[i][j] if i is not None else 0.0))
        for k in dropped_after.get(j, []):
            rows.append((before[k], None, 0.0))
    return rows


def _squash(text: str) -> str:
    return "".join(text.split())


def _cell_text(measure: Measure, key: str, without_number: bool) -> str:
    text = measure.cells.get(key)
    return strip_number(text) if without_number and key == "measure" else text


def pair_measures(before: Measure | None, after: Measure | None, sim: float) -> MeasurePair:
    """The aligned row for two measures (either may be None), with a word diff per column.

    A measure that only changed its number counts as unchanged; its diff still shows the number.
    """
    cells = tuple(
        CellDiff(
            key,
            word_diff(
                before.cells.get(key) if before else "",
                after.cells.get(key) if after else "",
            ),
        )
        for key in COLUMN_KEYS
    )
    if before is None:
        status = ADDED
    elif after is None:
        status = DROPPED
    else:
        same = all(
            _squash(_cell_text(before, k, True)) == _squash(_cell_text(after, k, True))
            for k in COLUMN_KEYS
        )
        status = UNCHANGED if same else EDITED
    return MeasurePair(status, before, after, sim, cells)


def summarize(pairs: Sequence[MeasurePair]) -> Summary:
    """Counts by status and the characters of the later year carried over verbatim."""
    kept = total = 0
    for p in pairs:
        for c in p.cells:
            k, t = carried_chars(c.ops)
            kept, total = kept + k, total + t
    count = {s: sum(1 for p in pairs if p.status == s) for s in (UNCHANGED, EDITED, ADDED, DROPPED)}
    return Summary(count[UNCHANGED], count[EDITED], count[ADDED], count[DROPPED], kept, total)


def compare_pair(before: Report, after: Report) -> YearStep:
    """Align and diff two reports of one agency, the earlier first."""
    pairs = tuple(pair_measures(a, b, s) for a, b, s in align(before.measures, after.measures))
    return YearStep(before, after, pairs, summarize(pairs))


def compare_reports(reports: Sequence[Report]) -> Comparison:
    """Compare two or more fiscal years of one agency, consecutive years pairwise.

    Reports may come in any order; they are sorted by fiscal year. Raises ValueError for fewer
    than two reports, a report without a fiscal year, or two reports of the same year.
    """
    if len(reports) < 2:
        raise ValueError("need at least two reports to compare")
    ordered = sorted(reports, key=_be)
    years = tuple(_be(r) for r in ordered)
    if len(set(years)) != len(years):
        raise ValueError(f"the same fiscal year appears twice: {years}")
    steps = tuple(compare_pair(a, b) for a, b in zip(ordered, ordered[1:], strict=False))
    return Comparison(ordered[-1].organization.name, years, steps)


def comparison_to_dict(c: Comparison) -> dict:
    """The comparison as plain JSON types (for `raingan compare --json`)."""

    def number(m: Measure | None) -> int | None:
        return m.number if m is not None else None

    return {
        "agency": c.agency,
        "years": list(c.years),
        "steps": [
            {
                "years": list(s.years),
                "sources": [s.before.source.path, s.after.source.path],
                "summary": {
                    "unchanged": s.summary.unchanged,
                    "edited": s.summary.edited,
                    "added": s.summary.added,
                    "dropped": s.summary.dropped,
                    "carried_chars": s.summary.carried_chars,
                    "total_chars": s.summary.total_chars,
                    "carried_over": round(s.summary.carried_over, 4),
                },
                "pairs": [
                    {
                        "status": p.status,
                        "before": number(p.before),
                        "after": number(p.after),
                        "similarity": round(p.similarity, 4),
                        "cells": {
                            cd.column: [{"op": o.op, "text": o.text} for o in cd.ops]
                            for cd in p.cells
                        },
                    }
                    for p in s.pairs
                ],
            }
            for s in c.steps
        ],
    }


__all__ = [
    "ADDED",
    "DELETE",
    "DROPPED",
    "EDITED",
    "EQUAL",
    "INSERT",
    "UNCHANGED",
    "CellDiff",
    "Comparison",
    "MeasurePair",
    "Summary",
    "YearStep",
    "align",
    "assign",
    "compare_pair",
    "compare_reports",
    "comparison_to_dict",
    "pair_measures",
    "similarity",
]
