"""Cross-report findings and ITA topics on the sample corpus, against its truth files.

The sample generator records, per measure of each report, its ITA `topic`, the other
agencies' measures it `shared_with` (unusual text two agencies share), whether its text is a
`template` (shared by every agency), and which of its cells are `results_unchanged` from the
agency's previous year; per measure of a plan, the report measure it is `reported_as` (null:
left unreported). Each truth file's `planted` list names the anomalies the generator put
there on purpose.

Twice: on the sample PDFs as raingan parses them (the whole pipeline), and on reports built
from the truth files (the audit features alone, parsing taken out). Each set is stored,
matched for shared text as an ingest does, and every finding (index/audit.py) is compared
with what the truth implies: precision and recall per kind, templates, topic accuracy over
every report measure, and whether each planted anomaly was found.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index import audit, crossref
from index.store import Store
from index.topics import OTHER, load_table, report_topics
from ingest.model import Report

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"
Key = tuple[Any, ...]


def _where(t: dict) -> tuple[str, int]:
    return t["organization"]["name"], t["fiscal_year"]["be"]


def expected(truths: Iterable[dict]) -> dict[str, set[Key]]:
    """What the truth files say each cross-report kind must find, as comparable keys."""
    truths = list(truths)
    want: dict[str, set[Key]] = {k: set() for k in audit.CROSS_KINDS}
    ita = [t.key for t in load_table().ita]
    planned: dict[tuple[str, int], set[int]] = {}
    for t in truths:
        agency, year = _where(t)
        if t.get("document_kind", "report") == "plan":
            planned[(agency, year)] = {m["reported_as"] for m in t["measures"]
                                       if m.get("reported_as") is not None}
            want["planned_not_reported"] |= {(agency, year, m["number"]) for m in t["measures"]
                                             if m.get("reported_as") is None}
            continue
        for m in t["measures"]:
            want["shared_with_agency"] |= {(agency, year, m["number"], s["agency"])
                                           for s in m.get("shared_with", [])}
            want["results_unchanged"] |= {(agency, year, m["number"], c)
                                          for c in m.get("results_unchanged", [])}
        topics = {m["topic"] for m in t["measures"]}
        if t["measures"]:
            want["topic_missing"] |= {(agency, year, k) for k in ita if k not in topics}
    by_file = {t["file"].removesuffix(".pdf"): t for t in truths}
    for t in truths:
        where = _where(t)
        if t.get("document_kind", "report") == "report" and where in planned:
            want["reported_not_planned"] |= {(*where, m["number"]) for m in t["measures"]
                                             if m["number"] not in planned[where]}
        if t.get("document_kind") == "plan" and t.get("report") in by_file:
            done = {m["number"]: m for m in by_file[t["report"]]["measures"]}
            want["period_outside_plan"] |= {
                (*where, m["reported_as"]) for m in t["measures"]
                if m.get("reported_as") in done and _outside(m["periods"],
                                                             done[m["reported_as"]]["periods"])
            }
    return want


def _outside(planned: list[dict], carried: list[dict]) -> bool:
    """Whether a carried-out period (truth form: ISO dates) reaches past the planned span."""
    if not planned:
        return False
    start, end = min(p["start"] for p in planned), max(p["end"] for p in planned)
    return any(c["start"] < start or c["end"] > end for c in carried)


def found_key(f: audit.AuditFinding) -> Key:
    """A finding as the key `expected` uses for its kind."""
    if f.kind == "shared_with_agency":
        return (f.agency, f.year, f.measure, f.detail["other_agency"])
    if f.kind == "results_unchanged":
        return (f.agency, f.year, f.measure, f.column)
    if f.kind == "planned_not_reported":
        return (f.agency, f.year, f.detail["plan_measure"])
    if f.kind == "topic_missing":
        return (f.agency, f.year, f.detail["topic"])
    return (f.agency, f.year, f.measure)


def score(want: set[Key], got: set[Key]) -> dict[str, Any]:
    right = len(want & got)
    return {
        "expected": len(want), "found": len(got), "right": right,
        "precision": round(right / len(got), 4) if got else None,
        "recall": round(right / len(want), 4) if want else None,
        "missed": sorted(map(str, want - got))[:10],
        "wrong": sorted(map(str, got - want))[:10],
    }


def evaluate(reports: list[Report], truths: list[dict]) -> dict[str, Any]:
    """Every figure: findings per kind, templates, topics and the planted anomalies."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp)) as store:
        for r in reports:
            store.add_report(r)
        crossref.sync(store)
        found = audit.collect(store)
        marked = audit.templates(crossref.shared_matches(store))
        ids = {(s.report.organization.name, s.report.fiscal_year.be, s.report.document_kind):
               s.report_id for s in store.iter_reports() if s.report.fiscal_year}
    got: dict[str, set[Key]] = {k: set() for k in audit.CROSS_KINDS}
    for f in found:
        if f.kind in got:
            got[f.kind].add(found_key(f))
    want = expected(truths)
    kinds = {k: score(want[k], got[k]) for k in audit.CROSS_KINDS}
    templates_want = {(*_where(t), m["number"]) for t in truths for m in t["measures"]
                      if m.get("template")}
    by_id = {v: k for k, v in ids.items()}
    templates_got = {(*by_id[rid][:2], n) for (rid, n) in marked if rid in by_id}
    topics = topic_accuracy(reports, truths)
    planted = [(t["file"], p) for t in truths for p in t.get("planted", [])]
    missed = [(file, p) for file, p in planted if not planted_found(p, truths, file, got)]
    return {
        "kinds": kinds,
        "templates": score(templates_want, templates_got),
        "topics": topics,
        "planted": {"count": len(planted), "found": len(planted) - len(missed),
                    "missed": [f"{file}: {p}" for file, p in missed]},
    }


def planted_found(p: dict, truths: list[dict], file: str, got: dict[str, set[Key]]) -> bool:
    """Whether the planted anomaly `p` of the truth file `file` is among the findings."""
    t = next(t for t in truths if t["file"] == file)
    agency, year = _where(t)
    keys = got[p["kind"]]
    if p["kind"] == "shared_with_agency":
        return (agency, year, p["measure"], p["other_agency"]) in keys
    if p["kind"] == "results_unchanged":
        return (agency, year, p["measure"], p["column"]) in keys
    if p["kind"] == "topic_missing":
        return (agency, year, p["topic"]) in keys
    return (agency, year, p["measure"]) in keys


def topic_accuracy(reports: list[Report], truths: list[dict]) -> dict[str, Any]:
    """Share of report measures whose classified topic is the truth's."""
    right = total = 0
    wrong = []
    by_file = {t["file"]: t for t in truths}
    for r in reports:
        t = by_file[Path(r.source.path).name]
        if t.get("document_kind", "report") != "report":
            continue
        got = report_topics(r)
        for m in t["measures"]:
            total += 1
            if got[m["number"]] == m["topic"]:
                right += 1
            else:
                wrong.append(f"{t['file']} #{m['number']}: {got[m['number']]} for {m['topic']}")
    return {"measures": total, "right": right,
            "accuracy": round(right / total, 4) if total else None, "wrong": wrong,
            "other": sum(1 for t in truths for m in t["measures"] if m.get("topic") == OTHER)}


def truth_files(folder: Path = SAMPLES) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.truth.json"))]


def parsed_samples(folder: Path = SAMPLES) -> list[Report]:
    """Every sample that has a truth file, parsed by raingan."""
    from ingest.parse import parse_pdf

    return [parse_pdf(folder / t["file"]) for t in truth_files(folder)]


def run() -> dict[str, Any]:
    """The figures on the committed sample corpus, parsed and from the truth."""
    from tests.conftest import load_truth_reports

    truths = truth_files()
    return {"parsed": evaluate(parsed_samples(), truths),
            "truth": evaluate(load_truth_reports(SAMPLES), truths)}


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
