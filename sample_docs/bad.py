"""Broken inputs, made from the generated samples: each fails (or half-fails) in its own way.

The hostile ones (built to exhaust a reader: bombs, huge pages, loops) come from hostile.py.
"""

from __future__ import annotations

import json
import logging
import random
import subprocess
import tempfile
from pathlib import Path

import hostile
import pdfplumber
from PIL import Image

CAUSES = {
    "encrypted.pdf": "encrypted: a password is needed",
    "truncated.pdf": "truncated or damaged",
    "empty.pdf": "empty file",
    "not_a_pdf.pdf": "not a PDF",
    "photo.pdf": "scanned, but no measure table found",
    "bomb.pdf": "too large to read (its compressed streams inflate past 256 MB)",
    "many_pages.pdf": "too large to read (5000 pages, over the 1000-page limit)",
    "deep_nesting.pdf": "damaged: objects nested too deeply",
    "reference_loop.pdf": "damaged: an object refers back to itself",
}
# Hostile files that are read: each report carries these warnings (among others).
READ_WITH_WARNINGS = {
    "huge_page.pdf": [
        "page 1: 14400 × 14400 pt (508 × 508 cm), too large to rasterise; only its text layer"
        " is read",
    ],
    "page_tree_loop.pdf": ["damaged page tree: it claims 2 pages, 1 found"],
    "active_content.pdf": [
        "carries JavaScript (2 scripts); it is never run",
        "asks to launch a program; it is never launched",
        "carries embedded file, never extracted: setup.exe",
    ],
}

PHP = """<?php
// download.php: the web server answered with the script instead of the PDF it serves.
$file = $_GET['file'];
header('Content-Type: application/pdf');
readfile('/var/www/ita/upload/' . basename($file));
?>
"""

GARBAGE_BYTES = 600


def _pages(src: Path, pages: str, out: Path) -> None:
    subprocess.run(["qpdf", "--empty", "--pages", str(src), pages, "--", str(out)], check=True)


def make_encrypted(src: Path, out: Path) -> None:
    """A real sample that needs a user password to open (AES-256)."""
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp, "part.pdf")
        _pages(src, "1-3", part)
        subprocess.run(
            ["qpdf", "--encrypt", "rai-ngan-user", "rai-ngan-owner", "256", "--",
             str(part), str(out)],
            check=True,
        )


def make_truncated(src: Path, out: Path) -> None:
    """The first half of a sample's bytes: no xref table, no trailer."""
    data = src.read_bytes()
    out.write_bytes(data[: len(data) // 2])


def make_photo(out: Path) -> None:
    """An image-only page with no table and no text: a phone photo of something round,
    filed among the reports. Drawn, not photographed, so it is the same on every build."""
    import numpy as np
    from PIL import ImageDraw, ImageFilter

    rng = np.random.default_rng(2568)
    h, w = 800, 600
    shade = np.linspace(90, 200, h)[:, None] * np.ones((1, w))
    image = Image.fromarray(shade.astype(np.uint8), "L")
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y, r = int(rng.integers(50, 550)), int(rng.integers(50, 750)), int(rng.integers(30, 140))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=int(rng.integers(20, 240)))
    image = image.filter(ImageFilter.GaussianBlur(6))
    noisy = np.asarray(image, dtype=np.float32) + rng.normal(0, 4, (h, w))
    photo = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), "L")
    photo.save(out, "PDF", resolution=100.0, quality=60)


def lost_pages(path: Path) -> list[int] | None:
    """Page numbers (1-based) that come back without text, or None if the file will not open."""
    logging.disable(logging.WARNING)  # pdfminer's complaints about the damage are expected
    try:
        with pdfplumber.open(path) as pdf:
            return [i for i, page in enumerate(pdf.pages, 1) if not (page.extract_text() or "")]
    except Exception:
        return None
    finally:
        logging.disable(logging.NOTSET)


def _content_span(path: Path, page_number: int) -> tuple[int, int]:
    """Byte offsets of the data of one page's (first) content stream."""
    with pdfplumber.open(path) as pdf:
        contents = pdf.pages[page_number - 1].page_obj.attrs["Contents"]
        ref = contents[0] if isinstance(contents, list) else contents
        _, pos, _ = pdf.doc.xrefs[0].get_pos(ref.objid)
    data = path.read_bytes()
    start = data.index(b"stream", pos) + len(b"stream\n")
    return start, data.index(b"endstream", start)


def make_garbage_middle(src: Path, out: Path) -> list[int]:
    """Overwrite the middle of the middle page's content stream with random bytes.

    Bytes are overwritten, never inserted, so every object keeps its offset and the file
    still opens; the damaged stream no longer inflates, so that page comes back empty.
    """
    if lost_pages(src) != []:
        raise RuntimeError(f"{src} already has pages without text")
    middle = _count_pages(src) // 2 + 1
    start, end = _content_span(src, middle)
    size = min(GARBAGE_BYTES, (end - start) // 2)
    at = start + (end - start - size) // 2
    rng = random.Random(2568)
    data = bytearray(src.read_bytes())
    data[at : at + size] = bytes(rng.randrange(256) for _ in range(size))
    out.write_bytes(bytes(data))
    lost = lost_pages(out)
    if not lost or lost == list(range(1, _count_pages(src) + 1)):
        raise RuntimeError(f"garbage in {src} broke {lost}: want some pages, not all")
    return lost


def _count_pages(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def build_bad(small_sample: Path, multi_page_sample: Path, out: Path) -> dict:
    """Write all bad files and expected.json into out; returns the expectations."""
    out.mkdir(exist_ok=True)
    make_encrypted(small_sample, out / "encrypted.pdf")
    make_truncated(small_sample, out / "truncated.pdf")
    (out / "empty.pdf").write_bytes(b"")
    (out / "not_a_pdf.pdf").write_text(PHP, encoding="utf-8")
    make_photo(out / "photo.pdf")
    lost = make_garbage_middle(multi_page_sample, out / "garbage_middle.pdf")
    hostile.make_bomb(out / "bomb.pdf", layers=2)
    hostile.make_many_pages(out / "many_pages.pdf")
    hostile.make_deep_nesting(out / "deep_nesting.pdf")
    hostile.make_reference_loop(out / "reference_loop.pdf")
    hostile.make_huge_page(out / "huge_page.pdf")
    hostile.make_page_tree_loop(out / "page_tree_loop.pdf")
    hostile.make_active_content(small_sample, out / "active_content.pdf")
    expected: dict = dict(CAUSES)
    expected["garbage_middle.pdf"] = {"opens": True, "warning_contains": "page", "lost_pages": lost}
    for name, warnings in READ_WITH_WARNINGS.items():
        expected[name] = {"opens": True, "warnings": warnings}
    # The sample under the script and the program is read in full all the same.
    truth = json.loads(small_sample.with_suffix(".truth.json").read_text(encoding="utf-8"))
    expected["active_content.pdf"]["measures"] = len(truth["measures"])
    text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    (out / "expected.json").write_text(text, encoding="utf-8")
    return expected
