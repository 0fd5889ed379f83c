"""Document identity: when two files are versions of one document.

A version is the same document again (a corrected upload, a re-scan), not any document that
shares an agency and a year: an agency's folder for one year holds its ITA report, its measure
plan, orders, budget books and forms. So two files are versions only when they are the same
kind of document, from the same named agency, for the same fiscal year, and their titles match
once reworded covers are allowed for (fuzzy, on the squeezed title). A file whose agency or
year could not be read is always a document of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ingest.digits import fold_digits
from ingest.model import Report

# Measured on ITA cover titles (tests/unit/test_identity.py): one report's cover reworded
# ("เพื่อ" for "ตามมาตรการ") scores 92, its year dropped 87, Arabic for Thai digits 99; another
# document of the same agency and year scores 70 (the ITA analysis report), 60 (the
# anti-corruption plan's report) or 29 (an order). A plan against its report scores 86, which
# is why the kind must match too.
TITLE_MATCH = 80.0
_NOT_LETTER = re.compile(r"[\s\u200b.,:;()\"'\-–—/]+")


@dataclass(frozen=True)
class DocumentKey:
    """What identifies a document across files."""

    kind: str
    agency: str
    year: int | None
    title: str


def document_key(report: Report) -> DocumentKey:
    """The identity of the document a parsed report comes from."""
    fy = report.fiscal_year
    return DocumentKey(
        report.document_kind, report.organization.name, fy.be if fy else None, report.title
    )


def squeeze_title(title: str) -> str:
    """The title without spaces or punctuation, digits folded to Arabic."""
    return _NOT_LETTER.sub("", fold_digits(title)).lower()


def title_similarity(a: str, b: str) -> float:
    """0 to 100: how alike two titles are once squeezed; 0 when either is empty."""
    sa, sb = squeeze_title(a), squeeze_title(b)
    if not sa or not sb:
        return 0.0
    return fuzz.ratio(sa, sb)


def can_have_versions(key: DocumentKey) -> bool:
    """Only a document whose agency and year are known can be a version of another."""
    return bool(key.agency.strip()) and key.year is not None and bool(squeeze_title(key.title))


def same_document(a: DocumentKey, b: DocumentKey) -> bool:
    """True when `a` and `b` are versions of one document."""
    return (
        can_have_versions(a)
        and can_have_versions(b)
        and a.kind == b.kind
        and a.agency == b.agency
        and a.year == b.year
        and title_similarity(a.title, b.title) >= TITLE_MATCH
    )


def best_match(key: DocumentKey, candidates: list[tuple[int, DocumentKey]]) -> int | None:
    """The id of the candidate `key` is a version of (the most alike title), or None."""
    scored = [
        (title_similarity(key.title, other.title), ident)
        for ident, other in candidates
        if same_document(key, other)
    ]
    return max(scored)[1] if scored else None
