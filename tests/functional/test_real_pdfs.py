"""Real Thai government PDFs (../shared/real-pdfs beside the repository): after repair, none
of the defects the repairs target is left, as counted by the shared reference tool.

A new user's clone has no ../shared: there these checks are skipped, saying why. CI names the
folder in RAINGAN_SHARED (.ci/run), and then a missing or empty folder fails.
"""

import pytest

from bench.real_pdfs import (
    REAL_PDFS,
    REAL_PDFS_ABSENT,
    REPAIRED,
    SHARED_ENV,
    listed_files,
    load_quality_tool,
    repaired_pages,
    text_layer_files,
)


def test_real_pdfs_are_present():
    if REAL_PDFS_ABSENT:
        pytest.skip(f"{REAL_PDFS} is not beside this clone; CI sets {SHARED_ENV} and runs these")
    assert REAL_PDFS.is_dir(), f"{REAL_PDFS} is missing: the real-PDF checks need it"
    files = text_layer_files()
    assert files, f"{REAL_PDFS}/SOURCES.tsv lists no file with a text layer"
    missing = [p.name for p in files if not p.is_file()]
    assert not missing, f"listed but missing: {missing}"


@pytest.fixture(scope="module")
def tool():
    return load_quality_tool()


@pytest.mark.slow  # pdfplumber parses about 45 pages: most of the time
@pytest.mark.parametrize("path", listed_files(), ids=lambda p: p.name[:40])
def test_repaired_text_has_no_repairable_defects(path, tool):
    text = "\f".join(repaired_pages(path))
    assert text.strip(), f"{path.name}: no text extracted from a file with a text layer"
    counts = tool.measure(text, examples=True)
    left = {k: counts[k] for k in REPAIRED if counts[k]}
    assert not left, f"{path.name}: {left} {counts.get('examples')}"


@pytest.mark.slow
@pytest.mark.parametrize("path", listed_files(), ids=lambda p: p.name[:40])
def test_no_measure_table_is_invented_in_real_files(path):
    """None of the real files is an ITA measure report or plan: their budget, staffing,
    timetable and form tables must not pass for measure tables, whatever their headers."""
    from ingest.parse import parse_pdf

    report = parse_pdf(path)
    assert (report.document_kind, len(report.measures)) == ("other", 0), report.title
