"""Cells right on renderings the sample corpus does not hold: other fonts, widths and rules.

The seed report (บางครก ๒๕๖๘) is printed by Chromium in ten Thai fonts at three layouts whose
narrow columns make lines overflow their cells; four more reports are printed in four rule
styles (rules between rows only, a header rule and a frame of three rules, a frame only, no
rules): two with the seed's six columns, and two with other header names (ชะอำ ๒๕๖๘: ลำดับ and
five columns; ชะอำ ๒๕๖๖: seven columns with งบประมาณ and ปัญหา/อุปสรรค). Each PDF is parsed and
compared with the truth the generator computes for it: cells and extra cells equal once
whitespace is removed, measures found, and line breaks (every newline the parser keeps is a
printed line end of the source; how many of the source's line ends that are not before an
item are kept).

Needs Chromium and ../shared/seed (the generator's input); without them the result says it
was skipped. The PDFs are cached in bench/out/ under a key of the generator's source, so
only the first run renders (about a minute).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

from ingest.model import COLUMN_KEYS
from ingest.parse import parse_pdf

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "sample_docs"
OUT = Path(__file__).resolve().parent / "out"
FONTS = ("Garuda", "Kinnari", "Laksaman", "Loma", "Norasi", "Purisa", "Sawasdee", "Tlwg Typo",
         "Umpush", "Waree")  # fmt: skip
# (page, table font pt, column widths in percent): landscape small, portrait small and larger.
WIDTHS = (15.7, 19.9, 10.5, 11.2, 26.2, 16.5)
PAGES = {"land10": ("landscape", 10, WIDTHS), "port9": ("portrait", 9, WIDTHS),
         "port11": ("portrait", 11, WIDTHS)}  # fmt: skip
RULES = {
    "horizontal": None,  # the generator's own
    "three_rules": "\nth, td { border: none; } th { border-bottom: 1pt solid #000; }"
    " table { border-top: 1pt solid #000; border-bottom: 1pt solid #000; }",
    "frame": "\nth, td { border: none; } table { border: 0.75pt solid #000; }",
    "none": "\nth, td { border: none; }",
}
_SPACE = re.compile(r"\s+")
_ITEM = re.compile(r"^\s*(?:[๐-๙0-9]{1,2}\.|\(\s*[๐-๙0-9]{1,2}\s*\))")


def _squash(text: str) -> str:
    return _SPACE.sub("", text or "")


def _cache() -> Path:
    digest = hashlib.sha1()
    for path in sorted(GENERATOR.glob("*.py")):
        digest.update(path.read_bytes())
    return OUT / f"renderings-{digest.hexdigest()[:10]}"


def _render(where: Path) -> list[Path]:
    """Render every variant that is not cached yet; returns the PDFs (truth beside each)."""
    sys.path.insert(0, str(GENERATOR))
    import bangkrok  # the generator is not a package
    import chaam
    import layouts
    import render_html
    import spec
    import thayang
    from truth import report_truth

    jobs = []
    for font in FONTS:
        for name, (orientation, size, widths) in PAGES.items():
            layouts.LAYOUTS[name] = layouts.Layout(
                portrait=orientation == "portrait", widths=widths, table_pt=size
            )
            doc = replace(bangkrok.report_2568(), writer="chromium", font=font, layout=name)
            jobs.append((f"seed_{font.replace(' ', '')}_{name}", doc, None))
    rule_styles = ((thayang.report_2567, "Kinnari"), (bangkrok.report_2568, "Garuda"),
                   (chaam.report_2568, "Laksaman"), (chaam.report_2566, "Loma"))  # fmt: skip
    for make, font in rule_styles:
        for rules, css in RULES.items():
            doc = replace(make(), writer="chromium", font=font, layout="horizontal")
            jobs.append((f"{doc.org.slug}{doc.be}_{font}_{rules}", doc, css))
    standard = render_html.HORIZONTAL_ONLY
    out = []
    for stem, doc, css in jobs:
        pdf = where / f"{stem}.pdf"
        if not pdf.exists():
            spec.FONT_SIZES.setdefault(doc.font, (12, 10))
            render_html.HORIZONTAL_ONLY = css if css is not None else standard
            try:
                render_html.render_chromium(doc, pdf)
            finally:
                render_html.HORIZONTAL_ONLY = standard
            truth = report_truth(doc, doc.font)
            (where / f"{stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False))
        out.append(pdf)
    return out


def _breaks(text: str, items: bool) -> set[int]:
    out, at = set(), 0
    lines = text.split("\n")
    for line, nxt in zip(lines, lines[1:], strict=False):
        at += len(_squash(line))
        if bool(_ITEM.match(nxt)) == items:
            out.add(at)
    return out


def _score(pdf: Path) -> dict:
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    report = parse_pdf(pdf)
    got = {(m.number, k): m.cells.get(k) for m in report.measures for k in COLUMN_KEYS}
    extra = {m.number: [(_squash(k), _squash(v)) for k, v in m.extra] for m in report.measures}
    row = {"cells": 0, "right": 0, "extra_cells": 0, "extra_right": 0, "kept": 0,
           "invented": 0, "missed": 0}  # fmt: skip
    for m in truth["measures"]:
        want_extra = [(_squash(k), _squash(v)) for k, v in m.get("extra", {}).items()]
        row["extra_cells"] += len(want_extra)
        row["extra_right"] += extra.get(m["number"]) == want_extra and len(want_extra)
        for key in COLUMN_KEYS:
            want, cell = m["cells"][key], got.get((m["number"], key)) or ""
            row["cells"] += 1
            row["right"] += _squash(cell) == _squash(want)
            if _squash(cell) == _squash(want):
                have, need = _breaks(cell, False), _breaks(want, False)
                row["kept"] += len(have & need)
                row["invented"] += len(have - need)
                row["missed"] += len(need - have)
    row["measures_found"] = [m.number for m in report.measures] == [
        m["number"] for m in truth["measures"]
    ]
    return row


def run() -> dict:
    """Cells right, measures found and line breaks kept on the held-out renderings."""
    if shutil.which("chromium") is None or not (ROOT.parent / "shared" / "seed").is_dir():
        return {"skipped": "needs chromium and ../shared/seed"}
    where = _cache()
    cached = where.is_dir()
    where.mkdir(parents=True, exist_ok=True)
    groups: dict[str, dict] = {}
    for pdf in _render(where):
        group = "seed_fonts_layouts" if pdf.stem.startswith("seed_") else "rule_styles"
        row = _score(pdf)
        total = groups.setdefault(group, {"files": 0, "cells": 0, "right": 0, "extra_cells": 0,
                                          "extra_right": 0, "files_all_right": 0,
                                          "measures_found": 0, "kept": 0, "invented": 0,
                                          "missed": 0})  # fmt: skip
        total["files"] += 1
        total["files_all_right"] += (row["right"], row["extra_right"]) == (
            row["cells"], row["extra_cells"])
        total["measures_found"] += row.pop("measures_found")
        for key, value in row.items():
            total[key] += value
    for total in groups.values():
        total["cells_right"] = round(total["right"] / total["cells"], 4)
        breaks = total["kept"] + total["missed"]
        total["breaks_kept"] = round(total["kept"] / breaks, 3) if breaks else None
    return {"cached": cached, **groups}
