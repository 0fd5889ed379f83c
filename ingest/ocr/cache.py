"""Never OCR a page twice: page results on disk, keyed by file, page and engine settings.

One small JSON file per page, under cache_dir/<sha256[:2]>/. A write goes to a temporary
file in the same folder and is renamed into place, so a crash leaves either the whole
result or none, and a reader never sees half a file. A file that cannot be read back is
treated as missing (and OCR simply runs again).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ingest.ocr.page import OcrTable, PageOcr


def page_to_dict(page: PageOcr) -> dict:
    """A PageOcr as plain JSON data."""
    return {
        "blocks": page.blocks,
        "tables": [
            {"rows": [list(r) for r in t.rows], "confidence": [list(c) for c in t.confidence]}
            for t in page.tables
        ],
        "confidence": page.confidence,
        "angle": page.angle,
    }


def page_from_dict(data: dict) -> PageOcr:
    """The PageOcr that page_to_dict wrote."""
    return PageOcr(
        blocks=str(data["blocks"]),
        tables=tuple(
            OcrTable(
                tuple(tuple(str(c) for c in row) for row in t["rows"]),
                tuple(tuple(None if c is None else float(c) for c in row)
                      for row in t["confidence"]),
            )
            for t in data["tables"]
        ),
        confidence=float(data["confidence"]),
        angle=float(data["angle"]),
    )


class OcrCache:
    """Page results under `folder` (None: a cache that keeps nothing)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def path(self, sha256: str, page: int, key: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / sha256[:2] / f"{sha256}-p{page}-{key}.json"

    def get(self, sha256: str, page: int, key: str) -> PageOcr | None:
        """The cached result, or None if there is none (or it cannot be read)."""
        path = self.path(sha256, page, key)
        if path is None:
            return None
        try:
            return page_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, sha256: str, page: int, key: str, result: PageOcr) -> None:
        """Store a result atomically; a cache that cannot be written is skipped silently
        (OCR still worked, it will only run again next time)."""
        path = self.path(sha256, page, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(page_to_dict(result), fh, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
