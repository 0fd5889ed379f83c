"""The `--ocr auto|always|never` option shared by `raingan parse` and `raingan ingest`."""

from __future__ import annotations

from pathlib import Path

import click

from ingest.ocr.settings import MODES, OcrSettings

CACHE_NAME = "ocr-cache"

ocr_option = click.option(
    "--ocr",
    "ocr_mode",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    help="OCR scanned pages: auto (pages with no usable text layer), always, never.",
)


def ocr_settings(mode: str, data_dir: Path) -> OcrSettings:
    """Settings for `mode`, caching page results in DATA/ocr-cache."""
    return OcrSettings(mode=mode, cache_dir=data_dir / CACHE_NAME)
