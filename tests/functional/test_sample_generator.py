"""The sample generator still writes the truth files that are committed beside the samples.

The tests read committed PDFs and truth files only, so a generator that no longer runs (a
measure lost from an agency's module in a merge) went unseen until the next `make samples` or
the renderings bench. Truth files are data, computed without rendering (sample_docs/corpus.py
imports no renderer), so this runs without the `samples` extra. The generator reads the seed
report from ../shared/seed: a new user's clone has none, and there these checks are skipped,
saying why; CI names the shared folder in RAINGAN_SHARED, and then they run.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bench.real_pdfs import SHARED_ENV, SHARED_REQUIRED

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


@pytest.fixture(scope="module")
def generator() -> tuple:
    """The corpus's documents, the notes on their measures, and the truth writer."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(SAMPLES))  # the generator is not a package
        import seed

        if not SHARED_REQUIRED and not seed.SEED.is_file():
            pytest.skip(f"{seed.SEED} is not beside this clone (the generator builds on it); "
                        f"CI sets {SHARED_ENV} and runs these")
        import anomalies
        import corpus
        import truth

        docs = corpus.documents()
        return docs, anomalies.notes(docs), anomalies.PLANTED, truth.report_truth, corpus


def _truth(doc, notes: dict, planted: dict, report_truth) -> dict:  # noqa: ANN001
    made = report_truth(doc, doc.font, notes[doc.stem], planted.get(doc.stem))
    return json.loads(json.dumps(made, ensure_ascii=False))  # tuples as the file has lists


def test_the_generator_writes_every_committed_truth_file(generator: tuple) -> None:
    docs, notes, planted, report_truth, _ = generator
    committed = sorted(p.name for p in SAMPLES.glob("*.truth.json"))
    assert sorted(f"{d.stem}.truth.json" for d in docs) == committed
    for doc in docs:
        on_disk = json.loads((SAMPLES / f"{doc.stem}.truth.json").read_text(encoding="utf-8"))
        assert _truth(doc, notes, planted, report_truth) == on_disk, doc.stem


def test_the_generator_writes_every_variants_truth_file(generator: tuple) -> None:
    docs, notes, planted, report_truth, corpus = generator
    assert corpus.VARIANTS
    for stem, layout, folder in corpus.VARIANTS:
        doc = replace(next(d for d in docs if d.stem == stem), layout=layout)
        on_disk = json.loads((SAMPLES / folder / f"{stem}.truth.json").read_text(encoding="utf-8"))
        assert _truth(doc, notes, planted, report_truth) == on_disk, f"{folder}/{stem}"
