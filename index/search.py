"""Queries over the measure index: parsing, the substring query, and highlights.

Whoosh's query syntax passes through (phrases, AND/OR/NOT, field:value, ranges) once
index.querycheck has refused what Whoosh would misread. After parsing, every term, phrase and
prefix on a text field becomes a `Substring` query: the measures whose squeezed text
(analyzer.squeeze: digits folded, Latin lower-cased, whitespace removed but for one space
between Latin words or numbers) contains the squeezed term. So recall does not depend on
how the word segmenter cut a compound ("รัฐ" finds "ภาครัฐ"), and numbers and Latin words
match inside longer ones ("256" finds 2567, "e-serv" finds E-Service).

A `Substring` query finds the term in each segment's squeezed text (index.suffixes: exact, so
recall and precision do not depend on word segmentation). Its score is BM25 over the term's
occurrence count in the field's text, and a term that begins or ends with a Latin letter or
a digit scores a document with a whole-word or whole-number occurrence above every document
that has it only inside a longer word or number (index.suffixes.whole).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
from whoosh import columns, fields, query
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.qparser import QueryParser

from index.analyzer import (
    PART_SEP,
    ThaiTokenizer,
    encode_norm,
    squeeze,
    squeeze_with_offsets,
)
from index.querycheck import QueryError, check
from index.suffixes import reader_text
from ingest.digits import fold_digits
from ingest.model import COLUMN_KEYS

# Highlight markers in Hit.snippet: STX/ETX never occur in extracted report text.
MARK_START = "\x02"
MARK_END = "\x03"

# The text of a search document, in parts: the six cells, the extra cells (columns with no
# canonical field, as "header: text" lines) and, for a document with no measure table, the
# text of one page (such a document is indexed a page per search document).
TEXT_PARTS: tuple[str, ...] = (*COLUMN_KEYS, "extra", "page")
# Fields a query may name; "text" is all the parts together, "doctype" the document kind.
FIELDS: tuple[str, ...] = (
    "agency",
    "kind",
    "doctype",
    "province",
    "year",
    "number",
    *TEXT_PARTS,
    "text",
)
SUBSTRING_FIELDS = frozenset({"agency", "province", "text", *TEXT_PARTS})
# The column holding each substring field's encoded squeezed text; the parts share one column.
NORM_COLUMN = {"agency": "norm_agency", "province": "norm_province"}
# (column, parts per document) of every squeezed-text column.
SUBSTRING_COLUMNS = (("norm_text", len(TEXT_PARTS)), ("norm_agency", 1), ("norm_province", 1))
_BM25_K1, _BM25_B = 1.2, 0.75


def build_schema() -> fields.Schema:
    """One document per measure (or per page of a document with no measure table); the text
    parts stored for snippets, `norm` kept for substring checks. `ocr` lists the parts read by
    OCR, `doubtful` those read with low confidence: hits from them say so.

    Word fields keep no word positions (phrase=False): every phrase on them is answered as a
    substring (rewrite), so positions would only make the index bigger and slower to build."""
    words = ThaiTokenizer()
    text = {key: fields.TEXT(analyzer=words, stored=True, phrase=False) for key in TEXT_PARTS}
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        rid=fields.ID(stored=False),
        report_id=fields.NUMERIC(stored=True, sortable=True),
        number=fields.NUMERIC(stored=True, sortable=True),
        agency=fields.TEXT(analyzer=words, stored=True, phrase=False),
        kind=fields.ID(stored=True),
        doctype=fields.ID(stored=True),
        province=fields.TEXT(analyzer=words, stored=True, phrase=False),
        year=fields.NUMERIC(stored=True),
        text=fields.TEXT(analyzer=words, phrase=False),
        norm_text=fields.COLUMN(columns.VarBytesColumn()),
        norm_agency=fields.COLUMN(columns.VarBytesColumn()),
        norm_province=fields.COLUMN(columns.VarBytesColumn()),
        source_path=fields.STORED(),
        pages=fields.STORED(),
        ocr=fields.STORED(),
        doubtful=fields.STORED(),
        **text,
    )


SCHEMA = build_schema()
# What the index stores beyond its field names: bump it when squeeze or encode_norm change, so
# that an index written the old way is rebuilt (index.fulltext) rather than searched wrongly.
# 2: squeeze keeps one space between Latin words and numbers.
# 3: extra cells and page text as parts of norm_text; document kind; OCR marks.
# 4: word fields without positions.
INDEX_FORMAT = "4"


def encode_cells(cells: Iterable[str]) -> bytes:
    """The norm_text column value: each cell squeezed and encoded, each ended by PART_SEP."""
    return b"".join(encode_norm(squeeze(c)) + PART_SEP for c in cells)


def encode_part(text: str) -> bytes:
    """A one-part column value (agency, province)."""
    return encode_cells([text])


def substring_source(fieldname: str) -> tuple[str, int, int | None]:
    """(column, parts per document, part or None for all) holding a substring field's text."""
    if fieldname in NORM_COLUMN:
        return NORM_COLUMN[fieldname], 1, None
    part = TEXT_PARTS.index(fieldname) if fieldname in TEXT_PARTS else None
    return "norm_text", len(TEXT_PARTS), part


def bm25(tf: np.ndarray, length: np.ndarray, avg: float, idf: float) -> np.ndarray:
    """BM25 term weight for occurrence counts tf in texts of `length` characters."""
    norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * length / avg) if avg else _BM25_K1
    return idf * tf * (_BM25_K1 + 1) / (tf + norm)


def substring_weights(
    tf: np.ndarray,
    whole: np.ndarray | None,
    length: np.ndarray,
    avg: float,
    idf_: float,
    boost: float,
) -> np.ndarray:
    """Scores of documents holding a substring `tf` times (`whole` of them whole, or None
    when wholeness does not apply): BM25, plus, where any occurrence is whole, the most BM25
    can ever give (idf * (k1 + 1)). So "67" ranks every measure with the number 67 above
    those that only have it inside 2567, and BM25 orders each group."""
    score = bm25(tf, length, avg, idf_)
    if whole is not None:
        score = score + np.where(whole > 0, idf_ * (_BM25_K1 + 1), 0.0)
    return boost * score


def idf(docs: int, found: int) -> float:
    """BM25 inverse document frequency of a string found in `found` of `docs` documents."""
    return math.log(1 + (docs - found + 0.5) / (found + 0.5))


class Substring(query.Query):
    """Measures whose squeezed `fieldname` text contains `text` (already squeezed)."""

    def __init__(self, fieldname: str, text: str, boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.text = text
        self.boost = boost

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.fieldname!r}, {self.text!r})"

    def __unicode__(self) -> str:
        return f"{self.fieldname}:~{self.text}"

    __str__ = __unicode__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Substring) and (self.fieldname, self.text, self.boost) == (
            other.fieldname,
            other.text,
            other.boost,
        )

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self.fieldname, self.text))

    def field(self) -> str:
        return self.fieldname

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count()

    def matcher(self, searcher, context=None):
        # Used when Whoosh evaluates a query around this one (index.ranking handles the usual
        # trees itself, with whole-index statistics); statistics here are the segment's.
        reader = searcher.reader()
        column, parts, part = substring_source(self.fieldname)
        needle = encode_norm(self.text)
        if not needle or not reader.has_column(column) or reader.doc_count_all() == 0:
            return NullMatcher()
        text = reader_text(reader, column, parts, None)
        counts, whole = text.counts_whole(needle, part)
        lengths = text.lengths(part)
        ids = np.flatnonzero((counts > 0) & live_docs(reader))
        if not len(ids):
            return NullMatcher()
        weights = substring_weights(
            counts[ids],
            None if whole is None else whole[ids],
            lengths[ids],
            float(lengths.mean()),
            idf(reader.doc_count(), len(ids)),
            self.boost,
        )
        return ScoredList(ids.tolist(), weights=weights.tolist())


class ScoredList(ListMatcher):
    """ListMatcher whose best weight is computed once: Whoosh's collector asks for it at every
    step, and ListMatcher recomputes max() over the whole list each time (quadratic)."""

    def __init__(self, ids: list[int], weights: list[float]) -> None:
        super().__init__(ids, weights=weights)
        self._best = max(weights)

    def copy(self) -> ScoredList:
        clone = ScoredList(self._ids, self._weights)
        clone._i = self._i
        return clone

    def block_max_weight(self) -> float:
        return self._best


def live_docs(reader) -> np.ndarray:
    """True for each document of a segment reader that is not deleted."""
    live = np.ones(reader.doc_count_all(), bool)
    if reader.has_deletions():
        deleted = getattr(reader, "deleted_docs_set", None)
        if deleted is None:
            deleted = [d for d in range(len(live)) if reader.is_deleted(d)]
        live[list(deleted)] = False
    return live


def _leaf_for_columns(q: query.Query) -> query.Query:
    """A word query on "text" (never indexed itself) asks each of the text parts."""
    clones = []
    for key in TEXT_PARTS:
        clone = q.copy()
        clone.fieldname = key
        clones.append(clone)
    return query.Or(clones)


def substring_text(q: query.Query) -> str | None:
    """The squeezed text a term, phrase, prefix or *-edged wildcard asks for, else None.

    Substring search already matches inside longer words, so `ร้อง*`, `*ร้อง` and `*ร้อง*`
    all mean the substring ร้อง; a phrase's words keep the one space squeeze keeps between
    Latin words and numbers ("no gift")."""
    kind = type(q)
    if kind in (query.Term, query.Prefix) and isinstance(q.text, str):
        return squeeze(q.text)
    if kind is query.Phrase:
        return squeeze(" ".join(q.words))
    if kind is query.Wildcard and not set(q.text.strip("*")) & set("*?"):
        return squeeze(q.text.strip("*")) or None
    return None


def rewrite(q: query.Query) -> query.Query:
    """Turn terms, phrases and prefixes into `Substring` queries, and "text" word queries
    (wildcards, ranges) into queries on each cell."""
    field = getattr(q, "fieldname", None)
    if isinstance(q, query.Every):
        return query.Every()  # "*": every measure (with filters: all of an agency, a year)
    if field in SUBSTRING_FIELDS:
        text = substring_text(q)
        if text is not None:
            return Substring(field, text, q.boost)
    if q.is_leaf():
        if field == "text" and not isinstance(q, Substring):
            return _leaf_for_columns(q)
        return q
    return q.apply(rewrite)


def _errors(q: query.Query) -> list[str]:
    found = [str(q.error)] if getattr(q, "error", None) else []
    if not q.is_leaf():
        for child in q.children():
            found.extend(_errors(child))
    return found


def parse(text: str, schema: fields.Schema, default_field: str = "text") -> query.Query:
    """Parse a user query (Thai or Arabic digits) into a rewritten Whoosh query; QueryError
    (one line: what is wrong, how to write it) for a query Whoosh would misread."""
    parser = QueryParser(default_field, schema)
    try:
        q = parser.parse(fold_digits(check(text, FIELDS)))
    except QueryError:
        raise
    except Exception as e:  # noqa: BLE001 - Whoosh's parser fails on odd input (IndexError, …)
        raise QueryError(f"cannot read the query {text}: {type(e).__name__} {e}") from e
    problems = _errors(q)
    if problems:
        raise QueryError(f"cannot parse query {text!r}: {problems[0]}")
    if q is query.NullQuery:
        raise QueryError(f"nothing to search for in {text}: type a word")
    return rewrite(q)


def needles(q: query.Query, fields_: Iterable[str] | None = None) -> list[str]:
    """The squeezed strings a query asks for in the given fields (default: the text parts),
    skipping anything under NOT."""
    wanted = set(fields_ or (*TEXT_PARTS, "text"))
    out: list[str] = []

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not):
            return
        field = getattr(node, "fieldname", None)
        if isinstance(node, Substring) and (field in wanted or field == "text"):
            out.append(node.text)
        elif isinstance(node, query.Term) and field in wanted and isinstance(node.text, str):
            out.append(squeeze(node.text))
        elif isinstance(node, query.Phrase) and field in wanted:
            out.append(squeeze(" ".join(node.words)))
        elif not node.is_leaf():
            for child in node.children():
                walk(child)

    walk(q)
    return [n for n in dict.fromkeys(out) if n]


def spans_for(text: str, wanted: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) offsets in text where any squeezed needle occurs."""
    squeezed, offsets = squeeze_with_offsets(text)
    raw: list[tuple[int, int]] = []
    for needle in wanted:
        at = squeezed.find(needle)
        while at >= 0:
            raw.append((offsets[at], offsets[at + len(needle) - 1] + 1))
            at = squeezed.find(needle, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(raw):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def measure_matches(text: str, query_text: str) -> list[tuple[int, int]]:
    """Spans of text to highlight for a query string (the TUI's preview of a whole measure)."""
    try:
        q = parse(query_text, SCHEMA)
    except QueryError:
        return []
    return spans_for(text, needles(q))


def mark(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """text with MARK_START/MARK_END around each span."""
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], MARK_START, text[start:end], MARK_END]
        at = end
    out.append(text[at:])
    return "".join(out)


def snippet(text: str, spans: list[tuple[int, int]], width: int = 160) -> str:
    """A one-line window of text around its first span, spans marked; whitespace collapsed."""
    if not spans:
        start = 0
    else:
        first = spans[0][0]
        start = max(0, first - width // 3)
        # Start at a space when one is near, so the window does not open mid-word.
        space = text.rfind(" ", start - 20, first)
        start = space + 1 if space > 0 and first - space < width // 2 else start
    end = min(len(text), start + width)
    inside = [(max(s, start), min(e, end)) for s, e in spans if s < end and e > start]
    body = mark(text[start:end], [(s - start, e - start) for s, e in inside])
    body = re.sub(r"\s+", " ", body).strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
