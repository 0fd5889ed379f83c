"""The sample corpus as data: which reports and plans it holds, each with its writer, font and
layout, last year's links and ITA topics filled in. Nothing here renders, so the tests can
check the generator against the committed truth files without the `samples` extra."""

from __future__ import annotations

from dataclasses import replace

import bangkrok
import banlat
import chaam
import nakhonpathom
import thayang
from anomalies import with_topics
from evolve import link_previous
from spec import ReportDoc, to_arabic_report

# One agency's years, oldest first, each with (writer, font[, layout]). Every agency-year
# appears once; the layout (layouts.py) is "standard" unless given.
AGENCIES = (
    (
        (bangkrok.report_2566, "chromium", "Laksaman"),
        (bangkrok.report_2567, "libreoffice", "Garuda"),
        (bangkrok.report_2568, "libreoffice", "Laksaman"),
    ),
    (
        (banlat.report_2567, "libreoffice", "Laksaman"),
        (banlat.report_2568, "chromium", "Garuda"),
    ),
    (
        (nakhonpathom.report_2567, "chromium", "Laksaman"),
        (nakhonpathom.report_2568, "libreoffice", "Garuda"),
    ),
    (
        (chaam.report_2566, "libreoffice", "Loma"),
        (chaam.report_2567, "typst", "Norasi"),
        (chaam.report_2568, "chromium", "Laksaman"),
    ),
    (
        (thayang.report_2565, "chromium", "Garuda", "narrow"),
        (thayang.report_2566, "calc", "Norasi"),
        (thayang.report_2567, "chromium", "Kinnari", "horizontal"),
        (thayang.report_2568, "libreoffice", "Loma", "portrait"),
    ),
)
# Reports rendered once more in another layout, into a folder of their own so that the
# corpus keeps one report per agency-year: (stem, layout, folder).
VARIANTS = (("thayang_2567_chromium", "horizontal_once", "unrepeated"),)
# Measure plans, each beside the report on the same agency-year: (make, writer, font).
PLANS = ((bangkrok.plan_2568, "typst", "Kinnari"),)
# Agencies that print Arabic digits for all numbering, dates and years.
ARABIC = {nakhonpathom.ORG.slug}


def agency_reports(years, arabic: bool = False) -> list[ReportDoc]:
    """An agency's reports with writer, font and last year's links filled in."""
    out: list[ReportDoc] = []
    for make, writer, font, *layout in years:
        doc = replace(make(), writer=writer, font=font, layout=layout[0] if layout else "standard")
        doc = link_previous(doc, out[-1] if out else None)
        out.append(to_arabic_report(doc) if arabic else doc)
    return out


def reports() -> list[ReportDoc]:
    """Every report in the corpus, with its writer and font chosen."""
    return [
        doc
        for years in AGENCIES
        for doc in agency_reports(years, arabic=years[0][0]().org.slug in ARABIC)
    ]


def documents() -> list[ReportDoc]:
    """Every report, then every plan (linked to the report on its agency-year), each measure
    with its ITA topic."""
    done = reports()
    plans = []
    for make, writer, font in PLANS:
        plan = replace(make(), writer=writer, font=font)
        report = next(r for r in done if r.org == plan.org and r.be == plan.be)
        plans.append(replace(plan, report=report.stem))
    return [with_topics(d) for d in done + plans]


