"""`raingan ingest`, `raingan reindex`, `raingan stats`: fill the store and look at what it holds.

Ingest stores each file the moment its worker finishes (one transaction per file) and skips
content already stored, so a run killed at any point is finished by running it again. One
ingest at a time per data dir: DATA/ingest.lock.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from filelock import FileLock, Timeout

from index.store import NEW_VERSION, UNCHANGED, Store
from ingest.batch import BatchResult, find_pdfs, run_batch

LOCK_NAME = "ingest.lock"


@dataclass
class Summary:
    """What one ingest run did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    new_versions: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    files: int = 0
    pages: int = 0
    seconds: float = 0.0
    index: Any = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Landed:
    """How one batch result ended up in the store: a status word and the line to show."""

    status: str  # ingested | unchanged | new_version | failed
    line: str


def store_result(store: Store, result: BatchResult, summary: Summary) -> Landed:
    """Write one batch result to the store (one transaction) and note it in `summary`."""
    path = str(result.path)
    summary.files += 1
    if result.error is not None:
        # A repeat of a failed file shares the first copy's failure row.
        if result.duplicate_of is None:
            store.add_failure(path, result.sha256, result.size, result.error)
        summary.failed.append({"path": path, "error": result.error})
        return Landed("failed", f"failed      {path}: {result.error}")
    if result.report is None or result.duplicate_of is not None:
        summary.unchanged.append(path)
        same = f" (same content as {result.duplicate_of})" if result.duplicate_of else ""
        return Landed(UNCHANGED, f"unchanged   {path}{same}")
    summary.pages += result.pages
    outcome = store.add_report(result.report, size=result.size)
    if outcome.status == UNCHANGED:
        summary.unchanged.append(path)
        return Landed(UNCHANGED, f"unchanged   {path}")
    if outcome.status == NEW_VERSION:
        assert outcome.replaced_report_id is not None
        old = store.get_report(outcome.replaced_report_id).report.source.path
        org = result.report.organization.name
        fy = result.report.fiscal_year
        year = fy.be if fy else None
        current = path if outcome.current else old
        summary.new_versions.append(
            {"agency": org, "year": year, "old": old, "new": path, "current": current}
        )
        if outcome.current:
            return Landed(NEW_VERSION, f"new version of {org} {year or '?'}: {old} -> {path}")
        return Landed(
            NEW_VERSION, f"older version of {org} {year or '?'} kept: {path} (current: {old})"
        )
    summary.ingested.append(path)
    count = len(result.report.measures)
    # A file with no measure table is kept (its text is searchable) but should not pass unseen.
    what = f"{count} measures" if count else "no measure table found: is this an ITA report?"
    return Landed("ingested", f"ingested    {path} ({what})")


def sync_index(data_dir: Path, store: Store) -> Any:
    """Make the full-text index hold exactly the store's current reports."""
    from index.fulltext import FullTextIndex

    with FullTextIndex(data_dir / "index") as fulltext:
        return fulltext.sync(store)


@contextmanager
def ingest_lock(data_dir: Path, *, wait: bool) -> Iterator[None]:
    """Hold DATA/ingest.lock; wait for it (saying so) or, with wait=False, exit 1 at once."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(data_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            click.echo(
                f"raingan: another ingest is running on {data_dir}; not waiting (--no-wait)",
                err=True,
            )
            raise SystemExit(1) from None
        click.echo(f"waiting for another ingest on {data_dir} to finish…", err=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def sync_unless_ingesting(data_dir: Path, fulltext: Any) -> Any | None:
    """Bring the FullTextIndex `fulltext` up to date with the store, unless an ingest holds
    DATA/ingest.lock (it syncs the index when it ends): the SyncResult, or None."""
    lock = FileLock(str(Path(data_dir) / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return None
    try:
        with Store(data_dir) as store:
            return fulltext.sync(store)
    finally:
        lock.release()


def load_parser(spec: str | None) -> Callable[[Path], Any] | None:
    """A parse function from "module:function", or None for the default parser."""
    if not spec:
        return None
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    plain = value is None or isinstance(value, (int, float, str, dict, list))
    return value if plain else str(value)


def render_summary(summary: Summary) -> list[str]:
    """The closing lines: counts, new versions and failures with their causes."""
    lines = [
        f"{summary.files} files: {len(summary.ingested)} ingested, "
        f"{len(summary.unchanged)} unchanged, {len(summary.new_versions)} new versions, "
        f"{len(summary.failed)} failed ({summary.pages} pages in {summary.seconds:.1f} s)"
    ]
    for v in summary.new_versions:
        lines.append(
            f"versions of {v['agency']} {v['year'] or '?'}: {v['old']}, {v['new']};"
            f" current: {v['current']}"
        )
    if summary.failed:
        lines.append("failed:")
        lines.extend(f"  {f['path']}: {f['error']}" for f in summary.failed)
    return lines


def _run(
    store: Store,
    pdfs: list[Path],
    batch_args: dict[str, Any],
    summary: Summary,
    show: Callable[[Landed, BatchResult], None],
) -> None:
    with closing(run_batch(pdfs, skip_sha256=store.has_sha256, **batch_args)) as results:
        for result in results:
            show(store_result(store, result, summary), result)


def _run_with_progress(
    store: Store, pdfs: list[Path], batch_args: dict[str, Any], summary: Summary
) -> None:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    started = time.monotonic()
    # No refresh thread: workers are forked during the run, and a fork must not copy a thread
    # that might hold the terminal's lock. The bar redraws as each file lands.
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        auto_refresh=False,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=len(pdfs), rate="")

        def show(landed: Landed, result: BatchResult) -> None:
            if landed.status in ("failed", NEW_VERSION):
                progress.console.print(landed.line, markup=False, highlight=False)
            rate = summary.pages / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, rate=f"{rate:.1f} pages/s")
            progress.refresh()

        progress.refresh()
        _run(store, pdfs, batch_args, summary, show)


EXAMPLES = """
\b
Examples:
  raingan ingest reports/                 # every PDF under reports/, recursively
  raingan ingest a.pdf b.pdf --workers 4  # four parsing processes
  raingan ingest reports/ --json | jq .failed
"""


@click.command(epilog=EXAMPLES)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Parsing processes (default: the number of CPUs).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,
    show_default=True,
    help="Seconds one file may take before it is failed.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-wait", is_flag=True, help="Exit 1 at once if another ingest is running.")
@click.option("--parser", "parser_spec", hidden=True, help="module:function to parse with.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    workers: int | None,
    timeout: float,
    as_json: bool,
    no_wait: bool,
    parser_spec: str | None,
) -> None:
    """Parse every PDF in PATHS into the store and the search index.

    Files whose content is already stored are skipped, so running the same command again
    (after an interruption, or after adding files) only does the new work. Exit status: 0 when
    every file landed, 1 when any failed, 2 on usage errors.
    """
    data_dir: Path = ctx.obj["data_dir"]
    pdfs = find_pdfs(paths)
    if not pdfs:
        raise click.UsageError(f"no PDF files in {', '.join(map(str, paths))}")
    batch_args = {
        "workers": workers or os.cpu_count() or 1,
        "timeout": timeout,
        "parse": load_parser(parser_spec),
    }
    summary = Summary()
    started = time.monotonic()
    with ingest_lock(data_dir, wait=not no_wait), Store(data_dir) as store:
        try:
            if sys.stderr.isatty() and not as_json:
                _run_with_progress(store, pdfs, batch_args, summary)
            else:
                _run(store, pdfs, batch_args, summary, lambda landed, _r: click.echo(
                    landed.line, err=as_json))
        except KeyboardInterrupt:
            click.echo("interrupted: files stored so far are kept; run again to finish", err=True)
            raise SystemExit(130) from None
        summary.index = _jsonable(sync_index(data_dir, store))
    summary.seconds = round(time.monotonic() - started, 3)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render_summary(summary)))
    ctx.exit(1 if summary.failed else 0)


@click.command(epilog="\n\b\nExamples:\n  raingan reindex\n  raingan --data ./audit reindex\n")
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the full-text index from the store (after an upgrade, or if it looks wrong)."""
    from index.fulltext import FullTextIndex

    data_dir: Path = ctx.obj["data_dir"]
    with ingest_lock(data_dir, wait=True), Store(data_dir) as store:
        with FullTextIndex(data_dir / "index") as fulltext:
            result = fulltext.rebuild(store)
        counts = store.counts()
    click.echo(
        f"reindexed {counts['current_reports']} current reports "
        f"({counts['measures']} measures in all versions): {_jsonable(result)}"
    )


@click.command(epilog="\n\b\nExamples:\n  raingan stats\n  raingan stats --json | jq .failed\n")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Show how many reports each agency has per fiscal year, and the files that failed."""
    data_dir: Path = ctx.obj["data_dir"]
    with Store(data_dir) as store:
        counts = store.counts()
        years = store.year_counts()
        failures = store.failures()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "totals": counts,
                    "by_agency": [dataclasses.asdict(y) for y in years],
                    "failed": [dataclasses.asdict(f) for f in failures],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=f"{counts['current_reports']} current reports in {data_dir}")
    for name, justify in (("agency", "left"), ("year", "right"), ("reports", "right"),
                          ("measures", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for y in years:
        table.add_row(y.agency, str(y.year or "?"), str(y.reports), str(y.measures))
    console.print(table)
    # Plain echo, not rich: one unwrapped line per file, so paths stay greppable.
    click.echo(
        f"{counts['documents']} files stored, {counts['reports'] - counts['current_reports']} "
        f"older versions kept, {counts['failed']} failed"
    )
    for f in failures:
        click.echo(f"  failed {f.path}: {f.error}")
