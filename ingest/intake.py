"""What happens to each file before a parser sees it, for any executor, and what it ends as.

Folders are searched for PDFs; each file is hashed before it is dispatched: files the caller
already has (skip_sha256) are not parsed, and a file whose content repeats one earlier in the
batch is parsed once, its result shared. ingest.batch's process pool and ingest.cluster's
Dask tasks both admit files through an `Intake` and report each one as a `BatchResult`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.errors import one_line
from ingest.model import Report


@dataclass(frozen=True)
class BatchResult:
    """What became of one file. Exactly one of report/error is set, unless skipped."""

    path: Path
    sha256: str | None
    size: int | None
    report: Report | None
    error: str | None
    pages: int
    seconds: float
    skipped: bool = False  # the caller already has this content: not parsed
    duplicate_of: Path | None = None  # same content as this earlier file of the batch


def find_pdfs(paths: Sequence[Path]) -> list[Path]:
    """Files named *.pdf (any case) among `paths`, searching folders recursively.

    A file given by name is kept whatever its suffix (the user asked for it). The result is
    sorted and free of duplicates, so a file reached twice is processed once.
    """
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found.update(
                f for f in p.rglob("*") if f.suffix.lower() == ".pdf" and f.is_file()
            )
        else:
            found.add(p)
    return sorted({f.resolve() if f.exists() else f.absolute() for f in found})


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """The hex sha256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


@dataclass
class Job:
    """A file to parse: its path, content hash and size, and when a worker took it."""

    path: Path
    sha256: str
    size: int
    started: float = 0.0


class Intake:
    """What happens to each file before a parser sees it, for any executor.

    The file is hashed: content the caller already has (skip_sha256) is not parsed, and a
    file whose content repeats one earlier in the batch is parsed once, its result shared.
    """

    def __init__(self, skip_sha256: Callable[[str], bool]) -> None:
        self.skip_sha256 = skip_sha256
        self.first_with: dict[str, Path] = {}  # sha256 -> the batch file parsed for it
        self.waiting: dict[str, list[Job]] = {}  # sha256 -> later files with that content
        self.finished: dict[str, BatchResult] = {}  # sha256 -> the result its first file had

    def admit(self, path: Path) -> tuple[list[BatchResult], Job | None]:
        """Results known at once (unreadable, skipped, a repeat), and the job to parse if any."""
        try:
            size = path.stat().st_size
            sha = sha256_file(path)
        except OSError as exc:
            return [BatchResult(path, None, None, None, _os_cause(exc), 0, 0.0)], None
        job = Job(path, sha, size)
        if sha in self.finished:
            return [_same_as(self.finished[sha], job)], None
        if sha in self.first_with:
            self.waiting.setdefault(sha, []).append(job)
            return [], None
        self.first_with[sha] = path
        if self.skip_sha256(sha):
            self.finished[sha] = BatchResult(path, sha, size, None, None, 0, 0.0, skipped=True)
            return [self.finished[sha]], None
        return [], job

    def finish(self, job: Job, result: BatchResult) -> list[BatchResult]:
        """The parsed job's result, and the same result for every later file with its content."""
        self.finished[job.sha256] = result
        return [result, *(_same_as(result, dup) for dup in self.waiting.pop(job.sha256, []))]


def _same_as(first: BatchResult, dup: Job) -> BatchResult:
    """The result of a file whose content is that of `first`, an earlier file of the batch."""
    return replace(first, path=dup.path, size=dup.size, seconds=0.0, duplicate_of=first.path)


def _os_cause(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else one_line(exc)
