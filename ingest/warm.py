"""Importing this module loads what the parser loads lazily (the Thai dictionary and word
segmenter), so that processes forked afterwards (a fork server's children, one per file on a
cluster worker) parse their first file at full speed instead of paying about a second each."""

from ingest.quality import page_quality
from ingest.thai_repair import repair_text
from ingest.thaidate import parse_periods

page_quality(1, repair_text("รายงานผลการดำเนินการ ส านักปลัด กำร"))
parse_periods("ต.ค. ๒๕๖๗ – มี.ค. ๒๕๖๘", fiscal_year=2568)
