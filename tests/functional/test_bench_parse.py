"""The parse bench's harness: two children that take turns file by file and report what each
file cost them."""

from __future__ import annotations

import pytest

from bench import parse as bench_parse
from ingest.parse import parse_pdf


def test_both_sides_read_every_file_and_report_its_cost():
    files = sorted(bench_parse.SAMPLES, key=lambda p: p.stat().st_size)[:2]
    raingan, bare = bench_parse._round(files, repeat=2)
    pages = 2 * sum(parse_pdf(f).source.pages for f in files)
    assert raingan["pages"] == bare["pages"] == pages
    for side in (raingan, bare):
        assert side["cpu_seconds"] > 0 and side["seconds"] > 0
        assert side["pages_per_cpu_s"] == pytest.approx(pages / side["cpu_seconds"], rel=1e-3)
        assert 20 < side["peak_rss_mb"] < 2000  # the child's own high-water mark, in MB
    assert raingan["peak_rss_mb"] > bare["peak_rss_mb"]  # pythainlp's dictionary, the tokenizer
