"""/ActualText: the text a PDF writer declares for a run of glyphs, carried onto pdfplumber chars.

A writer that shapes Thai draws one cluster (a consonant with its vowel and tone marks) as
several glyphs, and may state the cluster's true text in a marked-content span
`/Span <</ActualText (...)>> BDC ... EMC` (PDF 32000-1, 14.9.4). Typst relies on it: its
ToUnicode map gives each glyph the text of the first cluster it appeared in, so the glyphs
alone read as nonsense ("ผลดี" comes out as "ผู้ลัด(cid:34)") and only the span has the text.
Chromium and LibreOffice write spans too, for SARA AM and stacked marks.

pdfplumber 0.11 keeps each char's marked-content tag and MCID but not the span's properties,
so `install()` extends its aggregator to keep ActualText as well, and `apply_actual_text` puts
each span's text on its first glyph, widened over the span's other glyphs, which it drops.
"""

from __future__ import annotations

from typing import Any

import pdfplumber.page
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

Char = dict[str, Any]
ATTR = "actual_text"  # on a char inside an ActualText span: (span number, text); else absent
GLYPH = "glyph_text"  # on a span's head after apply_actual_text: the text of the glyph itself

_Base = pdfplumber.page.PDFPageAggregatorWithMarkedContent


class ActualTextAggregator(_Base):
    """pdfplumber's aggregator, also recording the ActualText span each object is drawn in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spans: list[tuple[int, str] | None] = []  # one entry per open marked content
        self._count = 0
        self._current: tuple[int, str] | None = None

    # The outermost span wins: its text stands for everything drawn inside it. So a span
    # opening inside another changes nothing, and closing one ends `_current` only if it was
    # the outermost (no span was open around it).
    #
    # pdfplumber calls tag_cur_item after every char, image and path it draws. Only objects
    # drawn inside a span need more than pdfplumber's own, so `_tag_in_span` stands in for it
    # on the instance while a span is open and the class's is used the rest of the time:
    # most pages have no span, and then nothing is paid per object.

    def begin_tag(self, tag: PSLiteral, props: Any = None) -> None:
        super().begin_tag(tag, props)
        has = isinstance(props, dict) and "ActualText" in props
        text = resolve1(props["ActualText"]) if has else None
        if isinstance(text, bytes):
            self._count += 1
            span = (self._count, decode_text(text))
            self._spans.append(span)
            if self._current is None:
                self._current = span
                self.tag_cur_item = self._tag_in_span  # type: ignore[method-assign]
        else:
            self._spans.append(None)

    def end_tag(self) -> None:
        super().end_tag()
        span = self._spans.pop() if self._spans else None
        if span is not None and span is self._current:
            self._current = None
            del self.tag_cur_item  # pdfplumber's own again

    def _tag_in_span(self) -> None:
        _Base.tag_cur_item(self)
        # Only objects inside a span get the attribute: pdfplumber copies every attribute of
        # every char into its dict, so a None on each would cost on every page.
        if self.cur_item._objs:
            setattr(self.cur_item._objs[-1], ATTR, self._current)


def install() -> None:
    """Make pdfplumber pages built from now on carry `actual_text` on every char."""
    pdfplumber.page.PDFPageAggregatorWithMarkedContent = ActualTextAggregator
    pdfplumber.page.ALL_ATTRS.add(ATTR)


def _repeats(c: Char, span_head: Char | None) -> bool:
    """True if `c`, drawn outside any span, repeats the span just before it.

    Typst can split one cluster over two text runs ("ธิ์" as ธ and SARA I in a span, then
    THANTHAKHAT alone in the next run, its ToUnicode set to the whole "ธิ์"): the lone glyph
    then reads as the cluster a second time, where the span ends.
    """
    if span_head is None or len(c["text"]) < 2 or c["text"] != span_head["text"]:
        return False
    reach = 0.6 * max(span_head.get("size", 10), 1)
    return abs(c["top"] - span_head["top"]) <= reach and c["x0"] <= span_head["x1"] + reach


def apply_actual_text(chars: list[Char]) -> list[Char]:
    """Each ActualText span's text on its first glyph (a new dict, its own text kept under
    GLYPH), whose box then covers the span's glyphs on that line; the span's other glyphs are
    dropped, and a span with empty text (a writer's way to hide an artifact) goes whole. Chars
    outside any span are passed on as they are (the same dicts), but for a glyph that only
    repeats the span before it."""
    # Most chars are in no span: they are copied over in slices, and only the spanned ones
    # (`in` before `[]` keeps the look at the others cheap) are looked at one by one.
    spanned = [i for i, c in enumerate(chars) if ATTR in c and c[ATTR] is not None]
    if not spanned:
        return list(chars)
    first: dict[int, Char] = {}
    right: dict[int, float] = {}
    for i in spanned:
        c = chars[i]
        span = c[ATTR]
        head = first.setdefault(span[0], c)
        if abs(c["top"] - head["top"]) <= 0.6 * max(head.get("size", 10), 1):
            right[span[0]] = max(right.get(span[0], c["x1"]), c["x1"])
    out: list[Char] = []
    last_head: Char | None = None  # the span head kept last, while nothing else follows it
    start = 0  # the first char not yet passed on or dropped
    for i in [*spanned, len(chars)]:
        if start < i:  # chars[start:i] are in no span
            if last_head is not None and _repeats(chars[start], last_head):
                start += 1
            out.extend(chars[start:i])
            last_head = None
        if i == len(chars):
            break
        c = chars[i]
        span = c[ATTR]
        if first[span[0]] is c and span[1]:
            x1 = right[span[0]]
            last_head = {**c, "text": span[1], "x1": x1, "width": x1 - c["x0"], GLYPH: c["text"]}
            out.append(last_head)
        start = i + 1
    return out
