"""ITA topics: which of the framework's standard topics each measure is about, and which
topics an agency's report leaves uncovered.

The classifier is a table of words kept as data (index/topics.toml) so that an auditor can
read it and change it without code: each measure gets the topic whose words weigh most in it,
a word in the title counting most (the weights are in the file too). `coverage` puts agencies
against topics; a topic none of a report's measures is about is a `topic_missing` finding.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.analyzer import squeeze
from index.compare import strip_number
from ingest.model import Measure, Report

TABLE = Path(__file__).with_name("topics.toml")
OTHER = "other"
# Which weight each cell's words get.
CELL_WEIGHT = {"measure": "title", "steps": "steps", "results": "results", "outcome": "results"}


@dataclass(frozen=True)
class Topic:
    key: str
    short: str  # a column heading
    label: str  # English, as the ITA framework names it
    thai: str
    words: tuple[str, ...]  # squeezed


@dataclass(frozen=True)
class TopicTable:
    topics: tuple[Topic, ...]  # ITA topics in table order, OTHER last
    weights: Mapping[str, float]

    @property
    def ita(self) -> tuple[Topic, ...]:
        """The framework's standard topics (everything but OTHER)."""
        return tuple(t for t in self.topics if t.key != OTHER)

    def get(self, key: str) -> Topic:
        return next(t for t in self.topics if t.key == key)


def parse_table(text: str) -> TopicTable:
    """A topic table from its TOML text; ValueError naming what is wrong."""
    data = tomllib.loads(text)
    weights = data.get("weights", {})
    for name in ("title", "steps", "results"):
        if not isinstance(weights.get(name), (int, float)):
            raise ValueError(f"topics table: [weights] needs a number for {name!r}")
    topics = []
    for key, entry in data.get("topics", {}).items():
        words = entry.get("words")
        if not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"topics table: topic {key!r} needs a non-empty list of words")
        topics.append(Topic(key, entry.get("short", key), entry.get("label", key),
                            entry.get("thai", ""),
                            tuple(squeeze(w) for w in words)))
    if not topics:
        raise ValueError("topics table: no [topics.*] entries")
    topics.sort(key=lambda t: t.key == OTHER)  # OTHER last, the rest in file order
    return TopicTable(tuple(topics), weights)


@lru_cache(maxsize=1)
def load_table(path: Path = TABLE) -> TopicTable:
    """The topic table shipped with raingan (index/topics.toml)."""
    return parse_table(path.read_text(encoding="utf-8"))


def scores(measure: Measure, table: TopicTable | None = None) -> dict[str, float]:
    """How much each topic's words weigh in the measure (topics with no word left out)."""
    table = table or load_table()
    texts = {
        column: squeeze(strip_number(measure.cells.get(column)))
        for column in CELL_WEIGHT
    }
    out: dict[str, float] = {}
    for topic in table.topics:
        total = 0.0
        for column, text in texts.items():
            weight = table.weights[CELL_WEIGHT[column]]
            total += weight * sum(text.count(w) * len(w) for w in topic.words)
        if total:
            out[topic.key] = total
    return out


def classify(measure: Measure, table: TopicTable | None = None) -> str:
    """The key of the topic the measure is about; OTHER when no topic's words appear.

    Ties go to the topic listed first in the table.
    """
    table = table or load_table()
    found = scores(measure, table)
    if not found:
        return OTHER
    order = {t.key: i for i, t in enumerate(table.topics)}
    return max(found, key=lambda k: (found[k], -order[k]))


def report_topics(report: Report, table: TopicTable | None = None) -> dict[int, str]:
    """Measure number -> topic key, for every measure of a report."""
    return {m.number: classify(m, table) for m in report.measures}


def missing_topics(topics: Iterable[str], table: TopicTable | None = None) -> list[Topic]:
    """The ITA topics none of `topics` (one per measure) is."""
    table = table or load_table()
    have = set(topics)
    return [t for t in table.ita if t.key not in have]


@dataclass(frozen=True)
class CoverageRow:
    agency: str
    province: str | None
    year: int
    report_id: int
    counts: Mapping[str, int]  # topic key -> measures on it (OTHER included)


def coverage(reports: Sequence[tuple[int, Report]], table: TopicTable | None = None
             ) -> list[CoverageRow]:
    """One row per (report id, report): how many of its measures are on each topic."""
    table = table or load_table()
    rows = []
    for report_id, r in reports:
        if r.fiscal_year is None:
            continue
        counts = {t.key: 0 for t in table.topics}
        for key in report_topics(r, table).values():
            counts[key] += 1
        rows.append(CoverageRow(r.organization.name, r.organization.province, r.fiscal_year.be,
                                report_id, counts))
    return sorted(rows, key=lambda row: (row.agency, row.year))
