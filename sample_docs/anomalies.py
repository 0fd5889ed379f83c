"""What the audit features must find in the corpus: each measure's ITA topic, the text agencies
share, the results copied forward, and the anomalies planted on purpose.

All of it comes from how the generator made the documents, not from raingan: the topic is an
auditor's reading of each measure (TOPICS), shared text is what handbook.py copied (the
`shared` label on a measure), and a cell is copied forward when it is last year's cell with
only the years moved the way evolve.shift_years moves them.
"""

from __future__ import annotations

import re
from collections import defaultdict

from evolve import shift_years
from spec import ReportDoc

# Each measure's topic, by agency (file slug) and measure key (the keys of index/topics.toml).
# "other": service quality, participation and e-Service measures, which no ITA topic covers.
TOPICS: dict[str, dict[str, str]] = {
    "bangkrok": {
        # The seed's measure 1 is service to the public by the rules, with Dos & Don'ts and
        # ethics training in its steps: ethics.
        "s1": "ethics", "s2": "conflict_of_interest", "s3": "anticorruption_plan", "s4": "budget",
        "s5": "other", "s6": "disclosure", "s7": "public_assets", "s8": "procurement", "s9": "hr",
        "s10": "anticorruption_plan", "X": "ethics", "Y": "other", "gift": "no_gift",
    },
    "banlat": {
        "disclosure": "disclosure", "complaints": "complaints", "gift": "no_gift",
        "procurement": "procurement", "hr": "hr", "prevention": "anticorruption_plan",
        "eservice": "other",
    },
    "pao_nakhonpathom": {
        "integrity_plan": "anticorruption_plan", "budget": "budget", "assets": "public_assets",
        "service": "other", "ethics": "ethics", "open_data": "disclosure",
        "permits": "conflict_of_interest", "gift": "no_gift",
    },
    "chaam": {
        "A": "disclosure", "B": "no_gift", "C": "complaints", "D": "procurement",
        "E": "conflict_of_interest", "F": "ethics", "G": "other", "H": "other",
        "P": "conflict_of_interest",
    },
    "thayang": {
        "disclosure": "disclosure", "complaints": "complaints", "gift": "no_gift",
        "procurement": "procurement", "assets": "public_assets", "hr": "hr",
        "prevention": "anticorruption_plan", "eservice": "other", "participation": "other",
    },
}

# The anomalies put in on purpose, by sample stem, as bench/audit_truth.py checks them.
PLANTED: dict[str, list[dict]] = {
    # Copied from อบจ.นครปฐม ๒๕๖๘ (measure 3): two agencies sharing unusual text.
    "chaam_2568_chromium": [
        {"kind": "shared_with_agency", "measure": 8,
         "other_agency": "องค์การบริหารส่วนจังหวัดนครปฐม"},
        # Its results are ๒๕๖๗'s with the years moved (as are the other carried measures').
        {"kind": "results_unchanged", "measure": 3, "column": "results"},
    ],
    "pao_nakhonpathom_2568_libreoffice": [
        {"kind": "shared_with_agency", "measure": 3, "other_agency": "เทศบาลเมืองชะอำ"},
    ],
    # The ethics measure X is planned for ๒๕๖๘ and left out of the report.
    "bangkrok_2568_plan_typst": [{"kind": "planned_not_reported", "measure": 6}],
    # Measure ๒ planned for October-December, carried out until March; measure ๑๐ unplanned.
    "bangkrok_2568_libreoffice": [
        {"kind": "period_outside_plan", "measure": 2},
        {"kind": "reported_not_planned", "measure": 10},
    ],
    # ๒๕๖๘ folds complaints into prevention: no complaint-handling measure is left.
    "banlat_2568_chromium": [{"kind": "topic_missing", "topic": "complaints"}],
}

COPY_COLUMNS = ("results", "outcome")
_LETTER = re.compile(r"[ก-๎A-Za-z]")


def with_topics(doc: ReportDoc) -> ReportDoc:
    """The document with each measure's topic from TOPICS (KeyError for a measure without)."""
    from dataclasses import replace

    topics = TOPICS[doc.org.slug]
    return replace(doc, measures=tuple(replace(m, topic=topics[m.key]) for m in doc.measures))


def _squash(lines: tuple[str, ...]) -> str:
    return "".join("".join(lines).split())


def copied_forward(doc: ReportDoc, previous: ReportDoc) -> dict[int, list[str]]:
    """Measure number -> its cells that are `previous`'s with only the years moved."""
    before = {m.number: m for m in previous.measures}
    delta = doc.be - previous.be
    out: dict[int, list[str]] = {}
    for m in doc.measures:
        old = before.get(m.continues) if m.continues is not None else None
        if old is None:
            continue
        for column in COPY_COLUMNS:
            new = m.cells.get(column, ())
            if not _LETTER.search("".join(new)):
                continue
            moved = tuple(shift_years(line, delta) for line in old.cells.get(column, ()))
            if _squash(new) == _squash(moved) or _squash(new) == _squash(old.cells.get(column, ())):
                out.setdefault(m.number, []).append(column)
    return out


def notes(docs: list[ReportDoc]) -> dict[str, dict[int, dict]]:
    """Per document stem and measure number, the truth fields beyond the cells: `topic`,
    `shared_with` (other agencies' measures sharing its text, when that text is not a
    template), `template` (text every agency of the corpus shares) and `results_unchanged`."""
    reports = [d for d in docs if d.kind == "report"]
    agencies = {d.org.name for d in reports}
    by_label: dict[str, list[tuple[ReportDoc, int]]] = defaultdict(list)
    for d in reports:
        for m in d.measures:
            if m.shared:
                by_label[m.shared].append((d, m.number))
    stems = {d.stem: d for d in docs}
    out: dict[str, dict[int, dict]] = {}
    for d in docs:
        previous = stems.get(d.previous) if d.previous else None
        copied = copied_forward(d, previous) if previous is not None and d.kind == "report" else {}
        for m in d.measures:
            note: dict = {"topic": m.topic}
            if d.kind == "report":
                sharing = by_label.get(m.shared, []) if m.shared else []
                template = {o.org.name for o, _ in sharing} == agencies
                note["template"] = template
                note["shared_with"] = [] if template else [
                    {"agency": o.org.name, "year": o.be, "measure": n}
                    for o, n in sharing if o.org.name != d.org.name
                ]
                note["results_unchanged"] = copied.get(m.number, [])
            out.setdefault(d.stem, {})[m.number] = note
    return out
