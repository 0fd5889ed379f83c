"""Scanned samples: committed sample PDFs printed, photocopied and scanned, without a text layer.

Each page is rasterised (pypdfium2) at 200 or 300 dpi and made to look like a photocopy: a
small rotation (at most 2 degrees), blur, toner grey and paper noise, then JPEG. The PDFs in
sample_docs/ are only read, never rewritten. Each scan keeps the truth file of its source, with
the file name changed. The mixed file keeps its source's typed pages and replaces the last one
with a scan of it carrying a handwritten signature.
"""

from __future__ import annotations

import io
import json
import math
import random
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter


@dataclass(frozen=True)
class Scan:
    """One scanned sample: which committed PDF, at what resolution, and how it is saved."""

    source: str  # stem of a sample in sample_docs/
    dpi: int
    seed: int
    quality: int = 50  # JPEG quality
    signed_last_page_only: bool = False  # the mixed file: only the last page is a scan


# Two agencies, both writers, both resolutions, Thai and Arabic digits; the mixed file is a
# third agency's. Small reports only: a scanned page costs about 200 KB at 200 dpi.
SCANS = (
    Scan("banlat_2568_chromium", 200, 2568),
    Scan("pao_nakhonpathom_2568_libreoffice", 300, 2658),
    Scan("banlat_2567_libreoffice", 200, 2567),
    Scan("bangkrok_2567_libreoffice", 200, 2567, signed_last_page_only=True),
)


def scan_name(scan: Scan) -> str:
    """File stem of a scanned sample."""
    if scan.signed_last_page_only:
        return f"{scan.source}_signed_last_page_scan"
    return f"{scan.source}_scan{scan.dpi}"


def render_page(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    """One page rendered in grey at `dpi`."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def photocopy(image: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """A clean page made to look photocopied and scanned: leaning, soft, grey and speckled.

    The paper is flat (a photocopier blows the background out) and the noise sits in the
    ink, so that JPEG keeps a page near 200 KB at 200 dpi.
    """
    angle = rng.choice((-1, 1)) * rng.uniform(0.3, 2.0)
    leaned = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    soft = leaned.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.5, 0.9) * dpi / 200))
    pixels = np.asarray(soft, dtype=np.float32) / 255.0
    noise = np.random.default_rng(rng.randrange(1 << 30))
    ink, paper = rng.uniform(30, 60), rng.uniform(222, 236)
    grey = ink + pixels * (paper - ink) + noise.normal(0, 6, pixels.shape) * (pixels < 0.85)
    grey[pixels >= 0.85] = paper
    grey[noise.random(pixels.shape) < 0.0003] = ink + 30  # toner specks
    return Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L")


def signature(image: Image.Image, rng: random.Random) -> Image.Image:
    """A handwritten-looking scrawl in the lower right quarter, as a signature over a name."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    x0, y0 = int(w * 0.62), int(h * 0.80)
    points = []
    for i in range(60):
        t = i / 59
        x = x0 + t * w * 0.22
        y = y0 + math.sin(t * 14 + rng.uniform(0, 0.4)) * h * 0.012 + rng.uniform(-2, 2)
        points.append((x, y))
    draw.line(points, fill=20, width=max(2, w // 700))
    return out


def jpeg_pdf(pages: list[Image.Image], dpi: int, quality: int, out: Path) -> None:
    """Pages as a PDF of JPEG images, `dpi` wide, as a scanner writes it."""
    encoded = []
    for page in pages:
        buf = io.BytesIO()
        page.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        encoded.append(Image.open(io.BytesIO(buf.getvalue())))
    encoded[0].save(out, "PDF", save_all=True, append_images=encoded[1:], resolution=float(dpi))


def make_scan(scan: Scan, samples: Path, out_dir: Path) -> Path:
    """Write one scanned sample and its truth file; returns the PDF path."""
    rng = random.Random(scan.seed)
    src = samples / f"{scan.source}.pdf"
    out = out_dir / f"{scan_name(scan)}.pdf"
    pdf = pdfium.PdfDocument(str(src))
    try:
        if scan.signed_last_page_only:
            last = len(pdf)
            image = photocopy(signature(render_page(pdf[last - 1], scan.dpi), rng), rng, scan.dpi)
            _mixed(src, last, image, scan, out)
        else:
            pages = [photocopy(render_page(page, scan.dpi), rng, scan.dpi) for page in pdf]
            jpeg_pdf(pages, scan.dpi, scan.quality, out)
    finally:
        pdf.close()
    write_truth(scan, samples, out_dir)
    return out


def write_truth(scan: Scan, samples: Path, out_dir: Path) -> Path:
    """The scan's truth file: its source's, with the file name changed."""
    truth = json.loads((samples / f"{scan.source}.truth.json").read_text(encoding="utf-8"))
    truth["file"] = f"{scan_name(scan)}.pdf"
    text = json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
    path = out_dir / f"{scan_name(scan)}.truth.json"
    path.write_text(text, encoding="utf-8")
    return path


def write_scan_truths(samples: Path, out_dir: Path) -> list[Path]:
    """Every scan's truth file again, from its source's (the scans are not rendered again)."""
    return [write_truth(scan, samples, out_dir) for scan in SCANS]


def _mixed(src: Path, last: int, image: Image.Image, scan: Scan, out: Path) -> None:
    """The source's typed pages 1..last-1, then `image` as the scanned last page."""
    with tempfile.TemporaryDirectory() as tmp:
        scanned = Path(tmp, "last.pdf")
        jpeg_pdf([image], scan.dpi, scan.quality, scanned)
        subprocess.run(
            ["qpdf", "--empty", "--pages", str(src), f"1-{last - 1}", str(scanned), "--",
             str(out)],
            check=True,
        )


def build_scans(samples: Path, out_dir: Path) -> list[Path]:
    """Every scanned sample, written into out_dir."""
    out_dir.mkdir(exist_ok=True)
    return [make_scan(scan, samples, out_dir) for scan in SCANS]


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for path in build_scans(here, here / "scanned"):
        print(path, path.stat().st_size)
