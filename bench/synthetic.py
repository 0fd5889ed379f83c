"""Synthetic measure rows for search benchmarks, built from the sample corpus' own wording.

Every cell line of every sample_docs/*.truth.json goes into a per-column pool; a synthetic
measure draws lines from each pool, and re-joins some lines at a random character so that new
compounds appear (the situation where word segmentation and substring truth disagree). Digits
are written Thai or Arabic at random, as real reports mix them.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from index.analyzer import THAI_CHARS, has_thai, squeeze, word_spans
from index.model import StoredReport
from ingest.digits import fold_digits, to_thai_digits
from ingest.model import (
    COLUMN_KEYS,
    Cells,
    FiscalYear,
    Measure,
    Organization,
    Report,
    Source,
)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"
MEASURES_PER_REPORT = 10
KINDS = (
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("เทศบาลตำบล", "เทศบาลตำบล"),
    ("เทศบาลเมือง", "เทศบาลเมือง"),
)
PROVINCES = ("เพชรบุรี", "ราชบุรี", "นครปฐม", "สุพรรณบุรี", "ประจวบคีรีขันธ์", "กาญจนบุรี")
# Syllables for place names: invented names keep agencies distinct without a gazetteer.
_THAI_RUN = re.compile(f"[{THAI_CHARS}]+")
SYLLABLES = ("บาง", "ครก", "หนอง", "ท่า", "แหลม", "โพธิ์", "นา", "ทอง", "ไร่", "ดอน", "ยาง", "คลอง")


def column_pools(samples: Path = SAMPLES) -> dict[str, list[str]]:
    """Every cell line of the sample truth files, by column."""
    pools: dict[str, list[str]] = {k: [] for k in COLUMN_KEYS}
    for path in sorted(samples.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        for m in truth["measures"]:
            for key in COLUMN_KEYS:
                pools[key].extend(line for line in m["cells"][key].split("\n") if line.strip())
    if not any(pools.values()):
        raise FileNotFoundError(f"no *.truth.json with measures under {samples}")
    return pools


def pools_digest(samples: Path = SAMPLES) -> str:
    """A short digest of the column pools: part of a cached bench's key, since the synthetic
    reports change whenever the sample corpus does."""
    text = json.dumps(column_pools(samples), ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def _line(rng: random.Random, pool: list[str]) -> str:
    line = rng.choice(pool)
    if rng.random() < 0.3:
        # Splice two lines mid-word: new compounds the segmenter has never seen together.
        other = rng.choice(pool)
        line = line[: rng.randrange(1, len(line) + 1)] + other[rng.randrange(len(other)) :]
    return fold_digits(line) if rng.random() < 0.5 else to_thai_digits(line)


def _cells(rng: random.Random, pools: dict[str, list[str]], number: int) -> Cells:
    parts = {}
    for key in COLUMN_KEYS:
        pool = pools[key] or [""]
        parts[key] = "\n".join(_line(rng, pool) for _ in range(rng.randint(1, 4)))
    parts["measure"] = f"{to_thai_digits(str(number))}. {parts['measure']}"
    return Cells(**parts)


def synthetic_reports(n_measures: int, seed: int = 0) -> Iterator[StoredReport]:
    """Reports of MEASURES_PER_REPORT measures each, n_measures measures in all, repeatable."""
    rng = random.Random(seed)
    pools = column_pools()
    report_id = 0
    for start in range(0, n_measures, MEASURES_PER_REPORT):
        report_id += 1
        kind, prefix = rng.choice(KINDS)
        place = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        be = rng.choice((2566, 2567, 2568))
        count = min(MEASURES_PER_REPORT, n_measures - start)
        measures = tuple(
            Measure(number=i, pages=(2 + i // 4,), cells=_cells(rng, pools, i))
            for i in range(1, count + 1)
        )
        report = Report(
            source=Source(
                path=f"synthetic/{report_id:06d}.pdf", sha256=f"{report_id:064x}", pages=4
            ),
            title="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            organization=Organization(
                name=f"{prefix}{place}{report_id}",
                kind=kind,
                district=place,
                province=rng.choice(PROVINCES),
            ),
            fiscal_year=FiscalYear.from_be(be),
            measures=measures,
            pages=(),
        )
        yield StoredReport(
            report_id=report_id, report=report, current=True, ingested_at="", document_id=report_id
        )


def _thai_runs(text: str) -> list[str]:
    return [m.group() for m in _THAI_RUN.finditer(text) if len(m.group()) >= 2]


def _cut(rng: random.Random, runs: list[str], low: int, high: int) -> str | None:
    """A random piece of low..high characters of a random run long enough for `low`."""
    runs = [r for r in runs if len(r) >= low]
    if not runs:
        return None
    run = rng.choice(runs)
    size = rng.randint(low, min(high, len(run)))
    start = rng.randrange(len(run) - size + 1)
    return run[start : start + size]


def _digit_query(rng: random.Random, cell: str) -> str | None:
    """Two, three or four digits from a number in the cell, in Thai or Arabic digits."""
    size = rng.choice((2, 3, 4))
    piece = _cut(rng, _DIGIT_RUN.findall(squeeze(cell)), size, size)
    if piece is None:
        return None
    return to_thai_digits(piece) if rng.random() < 0.5 else piece


def _latin_query(rng: random.Random, cell: str) -> str | None:
    """A piece of Latin text from the cell (part of a word, a word, across a hyphen or a
    space), in upper or lower case; quoted when it holds a space, as a phrase."""
    runs = [r for r in _LATIN_RUN.findall(squeeze(cell)) if re.search("[a-z]", r)]
    piece = _cut(rng, runs, 2, 10)
    if piece is None or not re.search("[a-z0-9]", piece):
        return None
    piece = piece.strip() if " " in piece.strip() else piece.replace(" ", "")
    if len(piece) < 2:
        return None
    if rng.random() < 0.3 and piece.upper() not in OPERATORS:
        piece = piece.upper()
    return f'"{piece}"' if " " in piece else piece


QUERY_KINDS = ("thai_piece", "thai_word", "thai_phrase", "digits", "latin")
# Query operators in capitals: a generated piece must not turn into one ("or" of "for").
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE"})
_DIGIT_RUN = re.compile("[0-9]+")
# Latin words with the digits, hyphens, dots, slashes and single spaces between them that
# squeezed text keeps ("e-service one stop", "www.banlat.go.th").
_LATIN_RUN = re.compile("[a-z0-9](?:[a-z0-9./@-]| (?=[a-z0-9]))*")


def query_set(docs: list[list[str]], n: int, seed: int = 0) -> list[str]:
    """n query strings drawn from documents' cells (each a list of squeezed or raw cell texts),
    of each of QUERY_KINDS in turn (query i is of kind i % 5).

    Character substrings of a Thai run (any start, sub-word pieces included), whole Thai
    words, two or three adjacent words as a quoted phrase, two to four digits of a number
    (Thai or Arabic digits), and pieces of Latin text.
    """
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        cells = [c for c in rng.choice(docs) if c.strip()]
        if not cells:
            continue
        cell = rng.choice(cells)
        kind = len(out) % len(QUERY_KINDS)
        if kind == 3 or kind == 4:
            q = (_digit_query if kind == 3 else _latin_query)(rng, cell)
            if q is not None:
                out.append(q)
            continue
        if not has_thai(cell):
            continue
        if kind == 0:
            runs = _thai_runs(squeeze(cell))
            if not runs:
                continue
            run = rng.choice(runs)
            start = rng.randrange(len(run) - 1)
            out.append(run[start : start + rng.randint(2, 10)])
            continue
        words = [w for w, _, _ in word_spans(cell) if has_thai(w)]
        if len(words) < 3:
            continue
        at = rng.randrange(len(words) - 2)
        phrase = " ".join(words[at : at + rng.randint(2, 3)])
        out.append(words[at] if kind == 1 else f'"{phrase}"')
    return out
