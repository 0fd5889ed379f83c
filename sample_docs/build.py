"""Regenerate the sample corpus: report PDFs with ground truth beside them, and bad files.

Run `make samples` (or `.venv/bin/python sample_docs/build.py`). Needs LibreOffice, Chromium,
qpdf and poppler-utils; the tests only read the committed output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bangkrok  # noqa: E402
from render_docx import render_libreoffice  # noqa: E402
from spec import ReportDoc  # noqa: E402
from truth import report_truth  # noqa: E402


def reports() -> list[ReportDoc]:
    """Every report in the corpus, with its writer and font chosen."""
    return [bangkrok.report_2568()]


def write_sample(doc: ReportDoc, out: Path) -> Path:
    """Render one report and write its truth file; returns the PDF path."""
    pdf = out / f"{doc.stem}.pdf"
    truth = report_truth(doc, doc.font)  # computed first: a content error stops before rendering
    render_libreoffice(doc, pdf)
    text = json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
    (out / f"{doc.stem}.truth.json").write_text(text, encoding="utf-8")
    return pdf


def main() -> None:
    for doc in reports():
        print(write_sample(doc, HERE))


if __name__ == "__main__":
    main()
