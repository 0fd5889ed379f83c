"""The writer's /ActualText replaces what its glyphs' ToUnicode map says (tiny literal chars)."""

from __future__ import annotations

from ingest.actualtext import ATTR, apply_actual_text
from ingest.chars import chars_text, prepass_chars


def ch(text: str, x0: float, x1: float, span: tuple[int, str] | None = None, top: float = 100) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "width": x1 - x0, "top": top, "bottom": top + 14,
            "doctop": top, "size": 14, "upright": True, "fontname": "F", ATTR: span}


def test_typst_glyphs_mapped_to_an_earlier_cluster_read_as_the_span_says() -> None:
    # Typst: the glyph of ผ maps to "ผู้" (the cluster it first drew), ล to "ลั", and ี has no
    # mapping at all; "ผลดี" is only right in the spans.
    chars = [ch("ผู้", 0, 8, (1, "ผ")), ch("ลั", 8, 15, (2, "ล")), ch("ด", 15, 22),
             ch("(cid:34)", 21, 21, (3, "ี"))]
    assert chars_text(prepass_chars(chars)) == "ผลดี"


def test_a_span_over_several_glyphs_becomes_one_char_as_wide_as_them() -> None:
    # Chromium: "ดำ" drawn as ด, NIKHAHIT (a PUA glyph) and SARA AA.
    chars = [ch("ด", 0, 7, (1, "ดำ")), ch("\uf711", 5, 5, (1, "ดำ")), ch("า", 7, 12, (1, "ดำ")),
             ch("เ", 12, 16), ch("นิ", 16, 23, (2, "นิ"))]
    out = apply_actual_text(chars)
    assert [(c["text"], c["x0"], c["x1"]) for c in out] == [("ดำ", 0, 12), ("เ", 12, 16), ("นิ", 16, 23)]
    assert chars_text(prepass_chars(chars)) == "ดำเนิ"


def test_an_empty_span_hides_its_glyphs_and_chars_outside_spans_stay() -> None:
    chars = [ch("ก", 0, 7), ch("x", 7, 12, (1, "")), ch("ข", 12, 19)]
    assert [c["text"] for c in apply_actual_text(chars)] == ["ก", "ข"]


def test_a_span_widens_only_over_glyphs_on_its_own_line() -> None:
    chars = [ch("ก", 100, 107, (1, "กข")), ch("ข", 0, 7, (1, "กข"), top=130)]
    assert [(c["x0"], c["x1"]) for c in apply_actual_text(chars)] == [(100, 107)]


def test_pdfplumber_pages_carry_actual_text() -> None:
    """The installed aggregator records spans on real pages (a committed LibreOffice sample,
    whose SARA AM glyphs read as U+0E33 U+0E32 and are spanned with ActualText U+0E33)."""
    from pathlib import Path

    from ingest.pdf import open_pdf

    pdf = open_pdf(Path(__file__).resolve().parents[2] / "sample_docs" / "banlat_2567_libreoffice.pdf")
    try:
        spans = {c[ATTR][1] for page in pdf.pages[:3] for c in page.chars if c.get(ATTR)}
    finally:
        pdf.close()
    assert "\u0e33" in spans


def test_typst_cluster_split_over_two_runs_is_read_once() -> None:
    # "ทธิ์": ธ and SARA I in a span "ธิ์", then THANTHAKHAT alone in the next text run, its
    # ToUnicode the whole cluster "ธิ์" (seen in Typst 0.15 where a line ends after the word).
    chars = [ch("ที่", 0, 8, (1, "ท")), ch("ธ", 8, 15, (2, "ธิ์")), ch("(cid:25)", 15, 15, (2, "ธิ์")),
             ch("ธิ์", 15.4, 15.4, top=99), ch(" ", 15, 19), ch("ข", 20, 27)]
    assert chars_text(prepass_chars(chars)) == "ทธิ์ ข"


def test_the_same_cluster_again_after_the_span_is_kept() -> None:
    # A glyph outside any span that reads like the span before it, but further on, is text.
    chars = [ch("ธ", 0, 7, (1, "ธิ์")), ch("ธิ์", 20, 27)]
    assert [c["text"] for c in apply_actual_text(chars)] == ["ธิ์", "ธิ์"]


def test_spans_nest_close_and_leave_pdfplumbers_tags_alone(tmp_path) -> None:
    """Drawn in a real content stream: the outermost span's text covers what a span inside it
    draws; after it closes nothing is tagged; a stray EMC changes nothing; pdfplumber's own
    MCID still lands on a char drawn outside any span."""
    from ingest.pdf import open_pdf
    from sample_docs import hostile

    content = (
        b"BT /F1 12 Tf 72 700 Td (a) Tj /Span <</ActualText (X)>> BDC (b) Tj"
        b" /Span <</ActualText (Y)>> BDC (c) Tj EMC (d) Tj EMC (e) Tj"
        b" /P <</MCID 7>> BDC (f) Tj EMC EMC (g) Tj"
        b" /Span <</ActualText (Z)>> BDC (h) Tj EMC ET"
    )
    path = tmp_path / "spans.pdf"
    hostile.write_pdf(hostile.one_page(content), path)
    pdf = open_pdf(path)
    try:
        chars = pdf.pages[0].chars
    finally:
        pdf.close()
    assert [(c["text"], c.get(ATTR)) for c in chars] == [
        ("a", None), ("b", (1, "X")), ("c", (1, "X")), ("d", (1, "X")), ("e", None),
        ("f", None), ("g", None), ("h", (3, "Z")),
    ]
    assert [c["mcid"] for c in chars if c["text"] == "f"] == [7]
