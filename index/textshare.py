"""Near-identical measure text: the pure half of the cross-agency matching.

A measure's text for matching is its title, steps, results and outcome cells (the responsible
unit and period cells are short and the same everywhere) cut into words by the Thai tokenizer,
with digits and whitespace ignored: item numbers, years, counts and amounts differ between
two copies of one text, and PDF writers put spaces wherever a Thai line wrapped.

- `measure_words`: those words, with where each lies in the measure's joined cells;
- `shingles` / `signature` / `band_keys`: MinHash (datasketch) over runs of SHINGLE words, cut
  into LSH bands, so that a store finds candidate copies by band key without comparing every
  pair;
- `confirm`: the exact similarity (rapidfuzz) that decides whether a candidate is a copy;
- `shared_span`: the longest run of words two measures share, as the first one writes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from index.analyzer import word_spans
from ingest.model import Measure

# Cells compared, in the order they are joined.
TEXT_COLUMNS = ("measure", "steps", "results", "outcome")
# Words per shingle: three keeps word order without letting one edit hide a whole passage.
SHINGLE = 3
NUM_PERM = 128
# Jaccard similarity of shingle sets the LSH bands are tuned for. Measured on the sample
# corpus: a measure another agency copied, names, counts and a line changed, scores 0.50-0.74
# against the original (rapidfuzz 0.83-0.94); with 37 bands of 3 such a pair shares a band
# with probability 0.99 at 0.50. `confirm` rejects the extra candidates a low threshold lets
# in (unrelated measures of two agencies reach 0.61 on common wording).
LSH_THRESHOLD = 0.3
# A candidate shares at least this many bands: with 37 bands of 3, a copy at Jaccard 0.5 still
# does with probability 0.955 (0.998 at 0.6), two measures at 0.2 with 0.035, so template
# wording common to many measures brings far fewer candidates to confirm.
MIN_BANDS = 2
# rapidfuzz ratio (0..1) of the squeezed words at and above which two measures share their text.
# In the sample corpus, measures of two agencies with one text (the handbook's No Gift measure
# filled in by each, a measure copied with its names and a line changed) score 0.79-0.94 and
# one agency's measure against its own next year 0.84-1.00; unrelated measures of two agencies
# 0.59 at most, however alike their topic ("เผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์…").
SHARED_MIN = 0.75
# A measure with fewer words than this is too short to call copied (a bare title).
MIN_WORDS = 8
_SEED = 1
# datasketch's permutation scheme, named so that band keys stored by one raingan stay valid
# under another datasketch 2.x (its default changed in 2.0; 1.x hashes differently).
SCHEME = "affine32"


@dataclass(frozen=True)
class Words:
    """A measure's words for matching, and where each lies in `text` (its joined cells)."""

    text: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def squeezed(self) -> str:
        """The words run together: what `confirm` compares."""
        return "".join(self.words)


def cells_words(cells: Sequence[str]) -> Words:
    """The words of the compared cells (TEXT_COLUMNS, in order) joined one cell a line."""
    return text_words("\n".join(cells))


def text_words(text: str) -> Words:
    """The words of `text` that count for matching: digits and punctuation dropped."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for word, start, end in word_spans(text):
        if any(c.isdigit() for c in word):
            continue
        words.append(word)
        spans.append((start, end))
    return Words(text, tuple(words), tuple(spans))


def measure_words(measure: Measure) -> Words:
    """A measure's words for matching."""
    return cells_words([measure.cells.get(k) for k in TEXT_COLUMNS])


def shingles(words: Sequence[str], k: int = SHINGLE) -> set[bytes]:
    """Runs of k consecutive words, encoded for hashing; one run of all words when fewer."""
    if len(words) <= k:
        return {"\x1f".join(words).encode("utf-8")} if words else set()
    return {"\x1f".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def bands() -> tuple[tuple[int, int], ...]:
    """The LSH bands (start, end) into a signature, as datasketch's optimiser chooses them for
    LSH_THRESHOLD and NUM_PERM (fewest false positives and negatives, weighted equally)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return tuple(lsh.hashranges)


@lru_cache(maxsize=1)
def _permutations() -> object:
    """The MinHash permutations for NUM_PERM and the seed, made once (about 1 ms each time)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME).permutations


def signatures(word_lists: Sequence[Sequence[str]]) -> list[tuple[int, ...]]:
    """One MinHash signature (NUM_PERM 32-bit values) per word list; () for an empty one."""
    from datasketch import MinHash

    out: list[tuple[int, ...]] = []
    for words in word_lists:
        grams = shingles(words)
        if not grams:
            out.append(())
            continue
        m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME, permutations=_permutations())
        m.update_batch(sorted(grams))
        out.append(tuple(int(v) for v in m.hashvalues))
    return out


def band_keys(signature: Sequence[int]) -> list[tuple[int, int]]:
    """(band, key) for each LSH band of a signature: two measures whose keys agree in any band
    are candidates. The key is a signed 64-bit digest of the band's values, as SQLite stores it.
    """
    if not signature:
        return []
    keys = []
    for band, (start, end) in enumerate(bands()):
        raw = b"".join(v.to_bytes(4, "little") for v in signature[start:end])
        digest = hashlib.blake2b(raw, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def confirm(a: str, b: str) -> float:
    """The exact similarity (0..1) of two squeezed word texts: rapidfuzz's normalised Indel."""
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b) / 100.0


def confirm_many(text: str, candidates: Mapping[int, str]) -> list[tuple[int, float]]:
    """(key, similarity) of the candidates whose `confirm` similarity with `text` reaches
    SHARED_MIN, most similar first. One call into rapidfuzz for all of them, with the cut-off
    given so that it skips what cannot reach it (lengths too far apart) without aligning."""
    if not text:
        return []
    hits = process.extract(text, candidates, scorer=fuzz.ratio, score_cutoff=SHARED_MIN * 100,
                           limit=None)
    return [(key, score / 100.0) for _, score, key in hits]


def shared_span(a: Words, b: Words) -> str:
    """The longest run of words `a` and `b` share, as `a` writes it (digits and all)."""
    best = (0, 0, 0)  # (length, start in a, start in b)
    for op in Indel.opcodes(list(a.words), list(b.words)):
        if op.tag == "equal" and op.src_end - op.src_start > best[0]:
            best = (op.src_end - op.src_start, op.src_start, op.dest_start)
    length, start, _ = best
    if not length:
        return ""
    text = a.text[a.spans[start][0] : a.spans[start + length - 1][1]]
    return " ".join(text.split())
