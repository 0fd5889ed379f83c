"""Thai text defects in real PDFs before and after raingan's repairs, one JSON line per file.

Before: pdfplumber's plain `page.extract_text()`. After: `ingest.pagetext.page_text`.
Both are counted by the reference tool `thai_text_quality.py` from the shared folder beside
the repository (../shared/tools, or the folder RAINGAN_SHARED names), so the figures do not
depend on raingan's own counter.
Time is reported as a ratio of the repaired extraction to the plain one, measured in the
same run.

    .venv/bin/python -m bench.real_pdfs [DIR]
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pdfplumber

from ingest.pagetext import page_text
from ingest.parse import read_document
from ingest.thai_repair import repair_text

ROOT = Path(__file__).resolve().parents[1]
# CI names the shared folder here, so that its absence fails the real-PDF checks instead of
# skipping them; a developer's checkout finds it beside the repository.
SHARED_ENV = "RAINGAN_SHARED"


def shared_location() -> tuple[Path, bool]:
    """The shared reference folder, and whether it is required (named by RAINGAN_SHARED)."""
    named = os.environ.get(SHARED_ENV)
    if named:
        return Path(named).resolve(), True
    return ROOT.parent / "shared", False


SHARED, SHARED_REQUIRED = shared_location()
REAL_PDFS = SHARED / "real-pdfs"
QUALITY_TOOL = SHARED / "tools" / "thai_text_quality.py"
# Defects the repairs remove completely; the rest (unmapped glyphs, orphan marks) have no
# Unicode to restore.
REPAIRED = (
    "pua",
    "sara_am_split",
    "sara_am_lost",
    "sara_am_doubled",
    "space_before_mark",
    "tone_before_vowel",
)
FIELDS = (*REPAIRED, "orphan_mark", "cid_glyph", "replacement_char", "zero_width",
          "letter_spaced", "aa_read_as_am", "thai_tokens", "dict_rate")  # fmt: skip


def load_quality_tool(path: Path = QUALITY_TOOL) -> ModuleType:
    """Import the shared defect counter by path (it is not part of the project)."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the shared Thai text quality tool is missing")
    spec = importlib.util.spec_from_file_location("thai_text_quality", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_pdfs(directory: Path = REAL_PDFS) -> list[Path]:
    """The PDFs of the shared real-file folder, sorted; an error if the folder is missing."""
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: the shared real PDFs are missing")
    return sorted(directory.glob("*.pdf"))


def extract_both(path: Path) -> tuple[str, str, float, float]:
    """Plain and repaired text of every page (form feed between pages), with the seconds
    each took after the shared parsing of the page."""
    before: list[str] = []
    after: list[str] = []
    t_before = t_after = 0.0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars  # noqa: B018 - parse the page once, outside both timings
            t0 = time.perf_counter()
            before.append(page.extract_text() or "")
            t1 = time.perf_counter()
            after.append(page_text(page))
            t2 = time.perf_counter()
            t_before += t1 - t0
            t_after += t2 - t1
            page.close()
    return "\f".join(before), "\f".join(after), t_before, t_after


def repaired_pages(path: Path) -> list[str]:
    """The repaired text of every page, exactly as `raingan parse --text` prints it."""
    return [page.text for page in read_document(path).pages]


def text_layer_files(directory: Path = REAL_PDFS) -> list[Path]:
    """The real PDFs that SOURCES.tsv lists with a text layer."""
    sources = directory / "SOURCES.tsv"
    if not sources.is_file():
        raise FileNotFoundError(f"{sources}: the list of shared real PDFs is missing")
    rows = [line.split("\t") for line in sources.read_text(encoding="utf-8").splitlines()]
    header = rows[0]
    name, layer = header.index("file"), header.index("text_layer")
    return [directory / r[name] for r in rows[1:] if len(r) > layer and r[layer] == "yes"]


# The real PDFs are not beside this clone and nothing requires them (a new user's clone):
# the checks that read them skip, saying why. With RAINGAN_SHARED set (CI) they never skip.
REAL_PDFS_ABSENT = not SHARED_REQUIRED and not REAL_PDFS.is_dir()


def listed_files() -> list[Path]:
    """text_layer_files(), or none where the list is missing (for test parameters: a check
    that the folder is there fails on its own where it must be)."""
    try:
        return text_layer_files()
    except FileNotFoundError:
        return []


def has_text(text: str) -> bool:
    return bool(text.replace("\f", "").strip())


def measure_file(path: Path, tool: ModuleType) -> dict[str, Any]:
    """Before/after defect counts and dictionary rate of one file (or why it has none)."""
    row: dict[str, Any] = {"file": path.name}
    try:
        before, after, t_before, t_after = extract_both(path)
    except Exception as exc:  # a damaged file is a row, not the end of the run
        return {**row, "error": f"{type(exc).__name__}: {exc}".rstrip(": ")}
    if not has_text(before) and not has_text(after):
        return {**row, "text_layer": False}
    m_before, m_after = tool.measure(before), tool.measure(after)
    row["text_layer"] = True
    row["before"] = {k: m_before.get(k) for k in FIELDS}
    row["after"] = {k: m_after.get(k) for k in FIELDS}
    row["time_ratio"] = round(t_after / t_before, 2) if t_before else None
    return row


def run(directory: Path = REAL_PDFS) -> list[dict[str, Any]]:
    """One row per real PDF."""
    tool = load_quality_tool()
    repair_text("กำร ส านัก")  # load the dictionary and tokeniser outside the timings
    return [measure_file(p, tool) for p in real_pdfs(directory)]


def main(argv: list[str]) -> int:
    directory = Path(argv[0]) if argv else REAL_PDFS
    for row in run(directory):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
