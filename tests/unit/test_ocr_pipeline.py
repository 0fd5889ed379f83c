"""When OCR runs, its settings, its cache, and what happens without tesseract's Thai data."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pdfplumber
import pytest

from ingest.errors import IngestError
from ingest.limits import TOO_LARGE
from ingest.ocr import engine
from ingest.ocr.cache import OcrCache
from ingest.ocr.page import OcrTable, PageOcr
from ingest.ocr.policy import image_cover, needs_ocr
from ingest.ocr.reader import render_grey
from ingest.ocr.settings import OcrSettings
from ingest.parse import SCANNED_NO_TABLE, parse_pdf, read_document

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ROOT / "sample_docs" / "scanned"
ONE_PAGE_SCAN = SCANNED / "pao_nakhonpathom_2568_page3_scan150_bw.pdf"
MIXED = SCANNED / "bangkrok_2567_libreoffice_signed_last_page_scan.pdf"


@pytest.mark.parametrize(
    ("mode", "chars", "cover", "quality", "want"),
    [
        ("auto", 0, 1.0, 0.0, True),  # no text layer, a scan
        ("auto", 0, 0.0, 0.0, False),  # blank page, no image
        ("auto", 40, 0.95, 0.9, True),  # a page-size image with a stamp of text
        ("auto", 2000, 0.95, 0.3, True),  # a scan with a bad OCR layer of its own
        ("auto", 2000, 0.95, 0.95, False),  # a scan with a good text layer
        ("auto", 40, 0.1, 0.9, False),  # a short typed page with a logo
        ("always", 2000, 0.0, 1.0, True),
        ("never", 0, 1.0, 0.0, False),
    ],
)
def test_needs_ocr(mode: str, chars: int, cover: float, quality: float, want: bool) -> None:
    assert needs_ocr(mode, chars, cover, quality) is want


def test_image_cover_is_the_largest_images_share_of_the_page() -> None:
    images = [{"x0": 0, "x1": 50, "top": 0, "bottom": 100}, {"x0": -10, "x1": 200, "top": 0,
                                                            "bottom": 50}]
    assert image_cover(images, 100, 100) == pytest.approx(0.5)
    assert image_cover([], 100, 100) == 0.0


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="OCR mode"):
        OcrSettings(mode="sometimes")
    with pytest.raises(ValueError, match="dpi"):
        OcrSettings(dpi=20)
    assert OcrSettings(cache_dir="x").cache_dir == Path("x")  # type: ignore[arg-type]


def test_cache_key_changes_with_engine_and_resolution_not_mode() -> None:
    a = OcrSettings(mode="auto").cache_key("5.5.4/tha+eng/1")
    assert a == OcrSettings(mode="always", cache_dir=Path("/x")).cache_key("5.5.4/tha+eng/1")
    assert a != OcrSettings(dpi=200).cache_key("5.5.4/tha+eng/1")
    assert a != OcrSettings().cache_key("5.5.5/tha+eng/1")


def sample_page() -> PageOcr:
    table = OcrTable((("๑. มาตรการ", ""), ("ต่อ", "ปีงบประมาณ ๒๕๖๘")), ((0.91, None), (0.5, 0.88)))
    return PageOcr("รายงานผล", (table,), 0.87, -1.2)


def test_cache_round_trip_and_atomic_write(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    assert cache.get("ab" * 32, 3, "k") is None
    cache.put("ab" * 32, 3, "k", sample_page())
    assert cache.get("ab" * 32, 3, "k") == sample_page()
    assert cache.get("ab" * 32, 3, "other") is None
    files = list(tmp_path.rglob("*"))
    assert [f.name for f in files if f.is_file()] == [f"{'ab' * 32}-p3-k.json"]  # no temp left


def test_a_damaged_cache_file_is_a_miss(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    cache.put("cd" * 32, 1, "k", sample_page())
    path = cache.path("cd" * 32, 1, "k")
    assert path is not None
    path.write_text('{"blocks": "half a fi', encoding="utf-8")
    assert cache.get("cd" * 32, 1, "k") is None


def test_no_cache_folder_keeps_nothing() -> None:
    cache = OcrCache(None)
    cache.put("ef" * 32, 1, "k", sample_page())
    assert cache.get("ef" * 32, 1, "k") is None


def test_tessdata_found_through_tessdata_prefix(tmp_path: Path) -> None:
    for lang in ("tha", "eng"):
        (tmp_path / f"{lang}.traineddata").write_bytes(b"x")
    assert engine.tessdata_dir({"TESSDATA_PREFIX": str(tmp_path)}) == tmp_path


def test_a_scanned_page_is_read_once_then_from_the_cache(tmp_path, monkeypatch) -> None:
    settings = OcrSettings(cache_dir=tmp_path / "ocr-cache")
    first = read_document(ONE_PAGE_SCAN, settings)
    assert [p.quality.source for p in first.pages] == ["ocr"]
    assert first.pages[0].tables and first.pages[0].quality.confidence > 0.5

    def no_ocr(*_args, **_kw):
        raise AssertionError("OCR ran again on a cached page")

    monkeypatch.setattr("ingest.ocr.reader.ocr_page", no_ocr)
    again = read_document(ONE_PAGE_SCAN, settings)
    assert again.pages == first.pages


def test_mode_never_fails_a_scan_as_before() -> None:
    with pytest.raises(IngestError) as err:
        parse_pdf(ONE_PAGE_SCAN, OcrSettings(mode="never"))
    assert err.value.cause == "no text layer: scanned pages need OCR"


def test_a_mixed_file_is_ocred_only_on_its_scanned_page(tmp_path) -> None:
    report = parse_pdf(MIXED, OcrSettings(cache_dir=tmp_path))
    assert report.ocr_pages == (report.source.pages,)
    last = report.measures[-1]
    assert report.source.pages in last.pages and last.from_ocr
    assert all(not m.from_ocr for m in report.measures if report.source.pages not in m.pages)
    never = parse_pdf(MIXED, OcrSettings(mode="never"))
    assert never.ocr_pages == ()
    assert (f"page {never.source.pages}: no text layer (scanned image); OCR is off"
            " (--ocr never)") in never.warnings


def test_ocr_confidence_reaches_pages_and_cells(tmp_path) -> None:
    report = parse_pdf(ONE_PAGE_SCAN, OcrSettings(cache_dir=tmp_path))
    (page,) = report.pages
    assert page.source == "ocr" and 0 < page.confidence <= 1
    assert report.measures and all(m.confidence for m in report.measures)
    assert {k for m in report.measures for k, _ in m.confidence} <= {
        "measure", "steps", "responsible", "period", "results", "outcome"}


def _cli_without_tessdata(*args: str) -> subprocess.CompletedProcess[str]:
    code = ("import sys, ingest.ocr.engine as e; e.TESSDATA_DIRS = (); "
            "from tui.cli import main; sys.argv = ['raingan', *sys.argv[1:]]; main()")
    env = {k: v for k, v in os.environ.items() if k != "TESSDATA_PREFIX"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_without_thai_data_a_scan_fails_with_one_line_saying_what_to_install(tmp_path) -> None:
    path = "sample_docs/scanned/pao_nakhonpathom_2568_page3_scan150_bw.pdf"
    result = _cli_without_tessdata("--data", str(tmp_path), "parse", path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"{path}: OCR unavailable: install tesseract-ocr, tesseract-ocr-tha and"
        " tesseract-ocr-eng (no tha.traineddata and eng.traineddata found)\n")


def test_without_thai_data_a_mixed_file_keeps_its_typed_pages(tmp_path) -> None:
    path = "sample_docs/scanned/bangkrok_2567_libreoffice_signed_last_page_scan.pdf"
    result = _cli_without_tessdata("--data", str(tmp_path), "parse", path, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["measures"]) == 10
    assert [w for w in report["warnings"] if "OCR unavailable" in w] == [
        "page 16: OCR unavailable: install tesseract-ocr, tesseract-ocr-tha and"
        " tesseract-ocr-eng (no tha.traineddata and eng.traineddata found)"]


def test_photo_without_a_table_is_a_bad_file(tmp_path) -> None:
    with pytest.raises(IngestError) as err:
        parse_pdf(ROOT / "sample_docs" / "bad" / "photo.pdf", OcrSettings(cache_dir=tmp_path))
    assert err.value.cause == SCANNED_NO_TABLE


@pytest.mark.parametrize("failure", [
    MemoryError(),
    RuntimeError("error: std::bad_alloc"),
    # cv2.error, as OpenCV 5 raises it
    RuntimeError("OpenCV(5.0.0) /io/opencv/modules/core/src/alloc.cpp:73: error: (-4:Insufficient"
                 " memory) Failed to allocate 34827424 bytes in function 'OutOfMemoryError'"),
])
def test_ocr_out_of_memory_fails_the_file_as_too_large_not_as_a_scan_without_text(
    monkeypatch, failure: Exception
) -> None:
    # Under a low worker ceiling OCR ran out of memory page by page, and the file failed as
    # "no text layer" (or lost its scanned pages, each with a warning, and was stored).
    def out_of_memory(*_args, **_kw):
        raise failure

    monkeypatch.setattr("ingest.ocr.reader.ocr_page", out_of_memory)
    for path in (ONE_PAGE_SCAN, MIXED):
        with pytest.raises(IngestError) as err:
            parse_pdf(path, OcrSettings())
        assert err.value.cause.startswith(TOO_LARGE), err.value.cause


def test_a_page_whose_ocr_fails_keeps_one_warning_line_and_the_others_land(monkeypatch) -> None:
    # tesseract's errors run over several lines; the warning is one line naming the page
    def fails(*_args, **_kw):
        raise RuntimeError("Tesseract failed:\n  Error in pixReadMem\n  image is empty")

    monkeypatch.setattr("ingest.ocr.reader.ocr_page", fails)
    report = parse_pdf(MIXED, OcrSettings())
    assert len(report.measures) == 10  # the typed pages
    assert [w for w in report.warnings if "OCR failed" in w] == [
        "page 16: OCR failed (RuntimeError: Tesseract failed: Error in pixReadMem image is empty)"]


@pytest.mark.parametrize(("path", "number"), [(ONE_PAGE_SCAN, 1), (MIXED, 1), (MIXED, 16)])
def test_render_grey_gives_the_pixels_pdfplumber_renders(path: Path, number: int) -> None:
    # A scan, a typed page and the mixed file's scanned page; by path and from a stream.
    for source in (path, io.BytesIO(path.read_bytes())):
        with pdfplumber.open(source) as pdf:
            page = pdf.pages[number - 1]
            want = np.asarray(page.to_image(resolution=110).original.convert("L"))
            assert np.array_equal(render_grey(page, 110), want)
