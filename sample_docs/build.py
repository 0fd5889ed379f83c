"""Regenerate the sample corpus: report PDFs with ground truth beside them, and bad files.

Run `make samples` (or `.venv/bin/python sample_docs/build.py`). Needs LibreOffice, Chromium,
qpdf and poppler-utils; the tests only read the committed output.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bangkrok  # noqa: E402
import banlat  # noqa: E402
import nakhonpathom  # noqa: E402
from bad import build_bad  # noqa: E402
from evolve import link_previous  # noqa: E402
from render_docx import render_libreoffice  # noqa: E402
from render_html import render_chromium  # noqa: E402
from scan import build_scans  # noqa: E402
from spec import ReportDoc, to_arabic_report  # noqa: E402
from truth import report_truth  # noqa: E402

RENDERERS = {"libreoffice": render_libreoffice, "chromium": render_chromium}

# One agency's years, oldest first, each with (writer, font). Every agency-year appears once.
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
)
# Agencies that print Arabic digits for all numbering, dates and years.
ARABIC = {nakhonpathom.ORG.slug}


def agency_reports(years, arabic: bool = False) -> list[ReportDoc]:
    """An agency's reports with writer, font and last year's links filled in."""
    out: list[ReportDoc] = []
    for make, writer, font in years:
        doc = replace(make(), writer=writer, font=font)
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


def write_sample(doc: ReportDoc, out: Path) -> Path:
    """Render one report and write its truth file; returns the PDF path."""
    pdf = out / f"{doc.stem}.pdf"
    truth = report_truth(doc, doc.font)  # computed first: a content error stops before rendering
    RENDERERS[doc.writer](doc, pdf)
    text = json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
    (out / f"{doc.stem}.truth.json").write_text(text, encoding="utf-8")
    return pdf


def main(argv: list[str]) -> None:
    """Build everything; `--bad-only` rebuilds bad/ from the committed samples, `--scans-only`
    rebuilds scanned/ from them."""
    if "--scans-only" in argv:
        for path in build_scans(HERE, HERE / "scanned"):
            print(path)
        return
    if "--bad-only" not in argv:
        for doc in reports():
            print(write_sample(doc, HERE))
        for path in build_scans(HERE, HERE / "scanned"):
            print(path)
    expected = build_bad(
        HERE / "pao_nakhonpathom_2568_libreoffice.pdf",
        HERE / "banlat_2567_libreoffice.pdf",
        HERE / "bad",
    )
    print(json.dumps(expected, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
