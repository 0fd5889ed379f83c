"""Evaluate a parsed query over the whole index at once, in numpy, and rank it.

Whoosh's collector visits matching documents one by one (a few microseconds of Python each);
a common Thai piece such as "มี" matches nearly every measure, so that alone cost hundreds of
milliseconds at 100k measures. Here every query node becomes a `Matches`: a boolean array over
the searcher's document numbers and a score array. `Substring` nodes come from each segment's
suffix array (index.suffixes) and are scored with BM25 over whole-index statistics (whole
words and numbers first: search.substring_weights); And,
Or, AndNot and Not combine arrays the way Whoosh's matchers combine scores (sums; a Not or a
constant-score range adds its boost); NumericRange reads each segment's values once. Any other
node (word terms, prefixes, anything unusual) is asked of Whoosh per segment, so the query
language is unchanged. Only the top `limit` documents are then turned into hits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import query
from whoosh.matching import NullMatcher

from index.analyzer import encode_norm
from index.search import (
    ScoredList,
    Substring,
    idf,
    live_docs,
    substring_source,
    substring_weights,
)
from index.suffixes import SegmentCache, reader_text, segment_key, word_edged


@dataclass(frozen=True)
class Leaf:
    """One segment of the searcher: its own searcher and its first global document number."""

    searcher: object
    offset: int
    live: np.ndarray  # bool per document of the segment


@dataclass(frozen=True)
class Matches:
    """Which documents match (bool per global document number) and their scores."""

    mask: np.ndarray
    scores: np.ndarray


class Evaluator:
    """Evaluates queries against one open Whoosh searcher; per-segment data is kept in `cache`
    and built bigram indexes are saved under `folder`."""

    def __init__(self, searcher, cache: SegmentCache, folder: Path | None) -> None:
        self.searcher = searcher
        self.cache = cache
        self.folder = folder
        self.leaves = [
            Leaf(sub, offset, live_docs(sub.reader())) for sub, offset in searcher.leaf_searchers()
        ]
        self.size = searcher.doc_count_all()
        self.live = (
            np.concatenate([leaf.live for leaf in self.leaves])
            if self.leaves
            else np.zeros(0, bool)
        )
        # Whole-index statistics every Substring node needs, counted once per search.
        self.live_count = int(self.live.sum())
        self.all_live = self.live_count == self.size

    def empty(self) -> Matches:
        return Matches(np.zeros(self.size, bool), np.zeros(self.size))

    def evaluate(self, q: query.Query) -> Matches:
        """The documents matching q, with Whoosh-compatible scores; deleted ones never match."""
        found = self._node(q)
        return Matches(found.mask & self.live, np.where(found.mask & self.live, found.scores, 0))

    def filter_mask(self, filters: list[query.Query]) -> np.ndarray:
        """Documents passing every filter query (filters restrict, they do not score)."""
        mask = self.live.copy()
        for f in filters:
            mask &= self._node(f).mask
        return mask

    def cells(self, doc: int) -> list[bytes]:
        """The encoded squeezed text of each part of a document (search.TEXT_PARTS order)."""
        at = int(np.searchsorted([leaf.offset for leaf in self.leaves], doc, side="right")) - 1
        leaf = self.leaves[at]
        column, parts, _ = substring_source("text")
        text = reader_text(leaf.searcher.reader(), column, parts, self.folder, self.cache)
        return text.part_bytes(doc - leaf.offset)

    def _node(self, q: query.Query) -> Matches:
        if isinstance(q, Substring):
            return self._substring(q)
        if isinstance(q, query.NullQuery.__class__):
            return self.empty()
        if type(q) is query.And:
            return self._and(q.subqueries, q.boost)
        if type(q) is query.AndNot:
            return self._and([q.a, query.Not(q.b)], 1.0)
        if type(q) is query.Or and not q.scale and not q.minmatch:
            parts = [self._node(child) for child in q.subqueries]
            if not parts:
                return self.empty()
            mask = np.logical_or.reduce([p.mask for p in parts])
            return Matches(mask, q.boost * np.sum([p.scores for p in parts], axis=0))
        if type(q) is query.Not:
            inner = self._node(q.query)
            mask = ~inner.mask
            return Matches(mask, np.where(mask, q.boost, 0.0))
        if type(q) is query.NumericRange and q.constantscore:
            return self._numeric_range(q)
        return self._whoosh(q)

    def _and(self, children: list[query.Query], boost: float) -> Matches:
        if not children:
            return self.empty()
        mask = np.ones(self.size, bool)
        scores = np.zeros(self.size)
        for child in children:
            part = self._node(child)
            mask &= part.mask
            scores += part.scores
        return Matches(mask, boost * np.where(mask, scores, 0.0))

    def _substring(self, q: Substring) -> Matches:
        column, parts, part = substring_source(q.fieldname)
        needle = encode_norm(q.text)
        counts, wholes, lengths = [], [], []
        for leaf in self.leaves:
            reader = leaf.searcher.reader()
            if not needle or not reader.has_column(column):
                n = reader.doc_count_all()
                counts.append(np.zeros(n, np.int64))
                wholes.append(np.zeros(n, np.int64))
                lengths.append(np.zeros(n, np.int64))
                continue
            text = reader_text(reader, column, parts, self.folder, self.cache)
            tf, whole = text.counts_whole(needle, part)
            counts.append(tf)
            wholes.append(tf if whole is None else whole)
            lengths.append(text.lengths(part))
        if not counts:
            return self.empty()
        tf = np.concatenate(counts)
        length = np.concatenate(lengths)
        mask = (tf > 0) & self.live
        found = int(mask.sum())
        if not found:
            return self.empty()
        whole = np.concatenate(wholes)[mask] if word_edged(needle) else None
        avg = float(length.mean() if self.all_live else length[self.live].mean())
        scores = np.zeros(self.size)
        scores[mask] = substring_weights(
            tf[mask], whole, length[mask], avg, idf(self.live_count, found), q.boost
        )
        return Matches(mask, scores)

    def _numeric_range(self, q: query.NumericRange) -> Matches:
        values = np.concatenate(
            [_numbers(leaf.searcher, q.fieldname, self.cache) for leaf in self.leaves]
            or [np.zeros(0)]
        )
        with np.errstate(invalid="ignore"):
            mask = ~np.isnan(values)
            if q.start is not None:
                mask &= (values > q.start) if q.startexcl else (values >= q.start)
            if q.end is not None:
                mask &= (values < q.end) if q.endexcl else (values <= q.end)
        return Matches(mask, np.where(mask, q.boost, 0.0))

    def _whoosh(self, q: query.Query) -> Matches:
        """Whoosh's own matcher for q, segment by segment (Substrings inside it evaluated here,
        so their scores are the same as anywhere else)."""
        offsets = {id(leaf.searcher): leaf.offset for leaf in self.leaves}

        def resolve(node: query.Query) -> query.Query:
            if isinstance(node, Substring):
                return _Resolved(node, self._substring(node), offsets)
            return node

        q = q.accept(resolve)
        mask = np.zeros(self.size, bool)
        scores = np.zeros(self.size)
        for leaf in self.leaves:
            m = q.matcher(leaf.searcher, self.searcher.context())
            ids: list[int] = []
            weights: list[float] = []
            while m.is_active():
                ids.append(m.id())
                weights.append(m.score())
                m.next()
            at = np.asarray(ids, np.int64) + leaf.offset
            mask[at] = True
            scores[at] = weights
        return Matches(mask, scores)


class _Resolved(Substring):
    """A Substring whose matches are already known; Whoosh reads them segment by segment."""

    def __init__(self, q: Substring, found: Matches, offsets: dict[int, int]) -> None:
        super().__init__(q.fieldname, q.text, q.boost)
        self.found = found
        self.offsets = offsets

    def matcher(self, searcher, context=None):
        start = self.offsets[id(searcher)]
        end = start + searcher.doc_count_all()
        ids = np.flatnonzero(self.found.mask[start:end])
        if not len(ids):
            return NullMatcher()
        weights = self.found.scores[start:end][ids]
        return ScoredList(ids.tolist(), weights.tolist())


def top(matches: Matches, allowed: np.ndarray | None, limit: int | None) -> list[tuple[int, float]]:
    """(document, score) of the best matches, score descending, then document order (as
    Whoosh's collector breaks ties)."""
    mask = matches.mask if allowed is None else matches.mask & allowed
    docs = np.flatnonzero(mask)
    scores = matches.scores[docs]
    if limit is not None and len(docs) > limit:
        # Everything scoring at least the limit-th best score; ties at the edge sort below.
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= kth
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return [(int(d), float(s)) for d, s in zip(docs[order], scores[order], strict=True)]


def _numbers(searcher, fieldname: str, cache: SegmentCache) -> np.ndarray:
    """A NUMERIC field's value for each document of a segment (NaN where it has none)."""
    reader = searcher.reader()

    def load() -> np.ndarray:
        values = np.full(reader.doc_count_all(), np.nan)
        if fieldname not in reader.schema:
            return values
        field = reader.schema[fieldname]
        for term in field.sortable_terms(reader, fieldname):
            ids = np.fromiter(reader.postings(fieldname, term).all_ids(), np.int64)
            values[ids] = field.from_bytes(term)
        return values

    return cache.get((segment_key(reader), f"numbers:{fieldname}"), load)


def column_values(evaluator: Evaluator, column: str) -> np.ndarray:
    """A sortable column's value for every document of the searcher (e.g. report_id)."""

    def segment(reader) -> np.ndarray:
        return evaluator.cache.get(
            (segment_key(reader), f"column:{column}"),
            lambda: np.fromiter(reader.column_reader(column), np.int64, reader.doc_count_all()),
        )

    parts = [segment(leaf.searcher.reader()) for leaf in evaluator.leaves]
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)
