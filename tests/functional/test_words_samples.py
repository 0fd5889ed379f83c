"""ingest/words.py against pdfplumber's WordExtractor on real pages: the same (word, chars)
tuples on every page of every sample document with a text layer, and of every real PDF where
../shared is beside the clone (CI). The page's chars are tried as pdfplumber gives them and
after raingan's prepass, which is what the parser feeds the words."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfplumber.utils.text import WordExtractor

from bench.real_pdfs import REAL_PDFS, REAL_PDFS_ABSENT, SHARED_ENV, listed_files
from ingest.chars import X_TOLERANCE, Y_TOLERANCE, prepass_chars
from ingest.pdf import open_pdf
from ingest.words import word_tuples

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("unrepeated/*.pdf"))


def _differing_pages(path: Path) -> list[str]:
    extractor = WordExtractor(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE)
    wrong = []
    pdf = open_pdf(path)
    try:
        for number, page in enumerate(pdf.pages, start=1):
            for name, chars in (("raw", page.chars), ("prepass", prepass_chars(page.chars))):
                want = [(w, list(c)) for w, c in extractor.iter_extract_tuples(chars)]
                if list(word_tuples(chars, X_TOLERANCE, Y_TOLERANCE)) != want:
                    wrong.append(f"page {number} ({name})")
            page.close()
    finally:
        pdf.close()
    return wrong


def test_samples_have_text_pages():
    assert len(SAMPLE_PDFS) >= 15


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_same_words_as_pdfplumber_on_every_sample_page(path: Path) -> None:
    assert _differing_pages(path) == []


@pytest.mark.slow
def test_same_words_as_pdfplumber_on_every_real_page() -> None:
    if REAL_PDFS_ABSENT:
        pytest.skip(f"{REAL_PDFS} is not beside this clone; CI sets {SHARED_ENV} and runs this")
    files = listed_files()
    assert files, f"{REAL_PDFS}: no real PDF with a text layer"
    wrong = {p.name: pages for p in files if (pages := _differing_pages(p))}
    assert wrong == {}
