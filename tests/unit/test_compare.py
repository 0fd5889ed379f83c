"""Aligning one agency's measures across years, and the summary of what changed."""

from __future__ import annotations

import pytest

from index.compare import (
    ADDED,
    DROPPED,
    EDITED,
    UNCHANGED,
    align,
    assign,
    compare_reports,
    comparison_to_dict,
    similarity,
)
from index.diff import DELETE, INSERT
from ingest.model import Cells, FiscalYear, Measure, Organization, Report, Source
from tests.conftest import current_reports

ORG = Organization("องค์การบริหารส่วนตำบลทดสอบ", "อบต.", "เมือง", "เพชรบุรี")


def measure(number: int, title: str, steps: str = "", responsible: str = "สำนักปลัด") -> Measure:
    return Measure(
        number=number,
        pages=(1,),
        cells=Cells(measure=f"{number}. {title}", steps=steps, responsible=responsible),
    )


def report(be: int, *measures: Measure) -> Report:
    return Report(
        source=Source(path=f"r{be}.pdf", sha256=str(be), pages=1),
        title="รายงาน",
        organization=ORG,
        fiscal_year=FiscalYear.from_be(be),
        measures=measures,
        pages=(),
    )


PLAN = "จัดทำแผนปฏิบัติการป้องกันการทุจริต"
OPEN = "เปิดเผยข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์"
ETHICS = "ส่งเสริมจริยธรรมของเจ้าหน้าที่"
COMPLAINT = "จัดให้มีช่องทางรับเรื่องร้องเรียนการทุจริต"


def test_renumbered_measure_aligns_by_text_not_number() -> None:
    before = [measure(1, PLAN), measure(2, OPEN), measure(3, ETHICS)]
    after = [measure(1, OPEN), measure(2, ETHICS), measure(3, PLAN)]
    rows = align(before, after)
    assert [(a.number, b.number) for a, b, _ in rows] == [(2, 1), (3, 2), (1, 3)]


def test_added_and_dropped_measures_stay_unpaired() -> None:
    c = compare_reports(
        [
            report(2567, measure(1, PLAN), measure(2, ETHICS)),
            report(2568, measure(1, PLAN), measure(2, COMPLAINT)),
        ]
    )
    (step,) = c.steps
    statuses = [
        (p.status, p.before and p.before.number, p.after and p.after.number) for p in step.pairs
    ]
    # A dropped measure sits right after the measure it followed in the earlier year.
    assert statuses == [(UNCHANGED, 1, 1), (DROPPED, 2, None), (ADDED, None, 2)]
    assert (step.summary.unchanged, step.summary.added, step.summary.dropped) == (1, 1, 1)


def test_reworded_title_is_edited_with_word_diff() -> None:
    c = compare_reports(
        [
            report(2567, measure(1, PLAN + " ประจำปี ๒๕๖๗")),
            report(2568, measure(1, PLAN + " ประจำปี ๒๕๖๘")),
        ]
    )
    (pair,) = c.steps[0].pairs
    assert pair.status == EDITED
    title = pair.cells[0]
    assert title.column == "measure" and title.changed
    assert [(o.op, o.text) for o in title.ops if o.op != "equal"] == [
        (DELETE, "๒๕๖๗"),
        (INSERT, "๒๕๖๘"),
    ]
    assert not any(cd.changed for cd in pair.cells[1:])


def test_only_renumbered_counts_as_unchanged() -> None:
    c = compare_reports([report(2567, measure(3, PLAN)), report(2568, measure(1, PLAN))])
    (pair,) = c.steps[0].pairs
    assert pair.status == UNCHANGED and pair.renumbered


def test_equal_numbers_break_a_tie() -> None:
    before = [measure(1, PLAN), measure(2, PLAN)]
    after = [measure(1, PLAN), measure(2, PLAN)]
    assert [(a.number, b.number) for a, b, _ in align(before, after)] == [(1, 1), (2, 2)]


def test_carried_over_share() -> None:
    c = compare_reports(
        [
            report(2567, measure(1, PLAN, responsible="")),
            report(2568, measure(1, PLAN, responsible=""), measure(2, COMPLAINT, responsible="")),
        ]
    )
    s = c.steps[0].summary
    plan_chars = len(f"1.{PLAN}")
    assert s.total_chars == plan_chars + len(f"2.{COMPLAINT}")
    assert s.carried_chars == plan_chars
    assert s.carried_over == pytest.approx(plan_chars / s.total_chars)


def test_three_years_compare_consecutive_pairs_in_order() -> None:
    reports = [
        report(2568, measure(1, PLAN)),
        report(2566, measure(1, PLAN)),
        report(2567, measure(1, PLAN)),
    ]
    c = compare_reports(reports)
    assert c.years == (2566, 2567, 2568)
    assert [s.years for s in c.steps] == [(2566, 2567), (2567, 2568)]


def test_rejects_fewer_than_two_and_duplicate_years() -> None:
    with pytest.raises(ValueError):
        compare_reports([report(2568)])
    with pytest.raises(ValueError, match="twice"):
        compare_reports([report(2568), report(2568)])


def test_similarity_ignores_leading_number_and_digit_script() -> None:
    assert similarity(measure(1, PLAN + " ๒๕๖๘"), measure(9, PLAN + " 2568")) == pytest.approx(1.0)
    assert similarity(measure(1, PLAN), measure(1, COMPLAINT)) < 0.55


def test_assign_handles_more_rows_than_columns() -> None:
    assert assign([[0.1], [0.9], [0.5]]) == [(1, 0)]
    assert assign([]) == []


def test_json_shape() -> None:
    c = compare_reports(
        [report(2567, measure(1, PLAN)), report(2568, measure(1, PLAN), measure(2, OPEN))]
    )
    d = comparison_to_dict(c)
    assert d["years"] == [2567, 2568]
    assert d["steps"][0]["pairs"][1] == {
        "status": ADDED,
        "before": None,
        "after": 2,
        "similarity": 0.0,
        "cells": d["steps"][0]["pairs"][1]["cells"],
    }
    assert d["steps"][0]["pairs"][1]["cells"]["measure"] == [{"op": INSERT, "text": f"2. {OPEN}"}]


def truth_links() -> dict[tuple[str, int, int], int | None]:
    """(agency, year, measure number) -> the number of the previous year's measure it
    continues, None for a new measure (from the truth files)."""
    import json
    from pathlib import Path

    links: dict[tuple[int, int], int | None] = {}
    for path in sorted((Path(__file__).resolve().parents[2] / "sample_docs").glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if truth.get("previous"):
            for m in truth["measures"]:
                key = (truth["organization"]["name"], truth["fiscal_year"]["be"], m["number"])
                links[key] = m.get("continues")
    return links


def test_sample_corpus_aligns_as_the_truth_records(sample_reports: list[Report]) -> None:
    links = truth_links()
    by_agency: dict[str, list[Report]] = {}
    for r in current_reports(sample_reports):
        if r.document_kind != "report":
            continue  # a plan is compared with its report, not with other years
        by_agency.setdefault(r.organization.name, []).append(r)
    checked = 0
    for agency, reports in by_agency.items():
        if len({r.fiscal_year.be for r in reports}) < 2:
            continue
        for step in compare_reports(reports).steps:
            later = step.years[1]
            expected = {n: prev for (a, y, n), prev in links.items() if (a, y) == (agency, later)}
            got = {
                p.after.number: p.before.number if p.before else None for p in step.pairs if p.after
            }
            assert got == expected, step.years
            continued = {v for v in expected.values() if v is not None}
            dropped = {p.before.number for p in step.pairs if p.status == DROPPED}
            assert dropped == {m.number for m in step.before.measures} - continued
            checked += 1
    assert checked >= 4  # every year pair of every agency in the corpus
