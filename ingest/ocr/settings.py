"""How and when OCR runs: one validated, frozen settings object passed to parse_pdf."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

MODES = ("auto", "always", "never")
# Bumped whenever the image work (deskew, rules, cells, lines) changes what tesseract is
# given, so that cached results of the old pipeline are not reused.
PIPELINE_VERSION = "2"


@dataclass(frozen=True)
class OcrSettings:
    """When OCR runs and where its results are kept.

    mode: "auto" OCRs pages with no usable text layer, "always" every page, "never" none.
    cache_dir: where page results are cached (None: no cache).
    dpi: resolution to render a page at when it has no scanned image of its own to follow.
    """

    mode: str = "auto"
    cache_dir: Path | None = None
    dpi: int = 300

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"OCR mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if not 100 <= self.dpi <= 600:
            raise ValueError(f"OCR dpi must lie between 100 and 600, not {self.dpi}")
        if self.cache_dir is not None and not isinstance(self.cache_dir, Path):
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))

    def cache_key(self, engine_version: str) -> str:
        """What a cached page result depends on: the engine, its data and these settings
        (not the mode or the cache folder, which do not change what a page reads as)."""
        text = f"{engine_version}|{PIPELINE_VERSION}|{self.dpi}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]
