"""Regenerate the sample corpus: report PDFs with ground truth beside them, and bad files.

Run `make samples` (or `.venv/bin/python sample_docs/build.py`). Needs LibreOffice, Chromium,
qpdf, poppler-utils and the `samples` extra (python-docx, typst); the tests only read the
committed output.

    build.py                          every PDF, truth file and bad/
    build.py --only 'thayang_*' ...     only the samples whose stem matches (fnmatch), and
                                      their truth files; other PDFs are left as committed
    build.py --truth-only             every truth file, no PDF rendered
    build.py --bad-only               only bad/, from the committed samples
    build.py --scans-only             only scanned/, from the committed samples
    build.py --variants-only          only unrepeated/: samples rendered again in a layout
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from anomalies import PLANTED, notes  # noqa: E402
from bad import build_bad  # noqa: E402
from corpus import VARIANTS, documents  # noqa: E402
from render_calc import render_calc  # noqa: E402
from render_docx import render_libreoffice  # noqa: E402
from render_html import render_chromium  # noqa: E402
from render_typst import render_typst  # noqa: E402
from scan import build_scans, write_scan_truths  # noqa: E402
from spec import ReportDoc  # noqa: E402
from truth import report_truth  # noqa: E402

RENDERERS = {
    "libreoffice": render_libreoffice,
    "chromium": render_chromium,
    "typst": render_typst,
    "calc": render_calc,
}

def write_sample(doc: ReportDoc, out: Path, render: bool = True,
                 measure_notes: dict[int, dict] | None = None) -> Path:
    """Write one report's truth file and (unless told not to) render it; returns the PDF path."""
    pdf = out / f"{doc.stem}.pdf"
    # Computed first: a content error stops before rendering.
    truth = report_truth(doc, doc.font, measure_notes, PLANTED.get(doc.stem))
    if render:
        RENDERERS[doc.writer](doc, pdf)
    text = json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
    (out / f"{doc.stem}.truth.json").write_text(text, encoding="utf-8")
    return pdf


def write_variants(docs: list[ReportDoc], found: dict[str, dict]) -> list[Path]:
    """Render every VARIANTS sample into its folder, with its truth file."""
    out = []
    for stem, layout, folder in VARIANTS:
        doc = replace(next(d for d in docs if d.stem == stem), layout=layout)
        (HERE / folder).mkdir(exist_ok=True)
        out.append(write_sample(doc, HERE / folder, True, found[stem]))
    return out


def main(argv: list[str]) -> None:
    """Build what the options say (see the module docstring)."""
    ap = argparse.ArgumentParser(description="Regenerate sample_docs/.")
    ap.add_argument("--bad-only", action="store_true")
    ap.add_argument("--scans-only", action="store_true")
    ap.add_argument("--truth-only", action="store_true")
    ap.add_argument("--variants-only", action="store_true")
    ap.add_argument("--only", action="append", metavar="STEM_PATTERN", default=[])
    args = ap.parse_args(argv)
    if args.scans_only:
        for path in build_scans(HERE, HERE / "scanned"):
            print(path)
        return
    if not args.bad_only:
        docs = documents()
        found = notes(docs)
        if args.variants_only:
            for path in write_variants(docs, found):
                print(path)
            return
        for doc in docs:
            if args.only and not any(fnmatch(doc.stem, p) for p in args.only):
                continue
            print(write_sample(doc, HERE, not args.truth_only, found[doc.stem]))
        if args.only or args.truth_only:
            # A scan's truth is its source's: rewrite those whose source's PDF is unchanged.
            for path in write_scan_truths(HERE, HERE / "scanned"):
                print(path)
            return
        for path in [*build_scans(HERE, HERE / "scanned"), *write_variants(docs, found)]:
            print(path)
    expected = build_bad(
        HERE / "pao_nakhonpathom_2568_libreoffice.pdf",
        HERE / "banlat_2567_libreoffice.pdf",
        HERE / "bad",
    )
    print(json.dumps(expected, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
