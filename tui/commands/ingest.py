"""`raingan ingest`, `raingan reindex`, `raingan stats`: fill the store and look at what it holds.

The orchestration (store each file as it lands, skip stored content, the lock, the index sync,
the summary) is index.ingestion's; this module chooses the executor, shows progress and prints.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import click

from index.ingestion import (
    IngestBusy,
    Landed,
    Summary,
    ingest_files,
    ingest_lock,
    jsonable,
    render_summary,
)
from index.store import NEW_VERSION, Store
from index.wording import plural
from ingest.batch import run_batch
from ingest.cluster import ClusterUnavailable
from ingest.intake import BatchResult, find_pdfs
from ingest.limits import Limits
from ingest.ocr.settings import OcrSettings
from tui.commands.ocroption import ocr_option, ocr_settings
from tui.limits import limit_options
from tui.options import data_option, require_data
from tui.output import print_table, to_terminal


def load_parser(spec: str | None, limits: Limits, ocr: OcrSettings) -> Callable[[Path], Any]:
    """A parse function from "module:function", or parse_pdf with the limits and OCR settings
    bound (a partial of a top-level function: it pickles, for a fork server or a cluster)."""
    if not spec:
        from ingest.parse import parse_pdf

        return partial(parse_pdf, ocr=ocr, limits=limits)
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def _pool(
    batch_args: dict[str, Any], paths: Sequence[Path], skip: Callable[[str], bool]
) -> Any:
    return run_batch(paths, skip_sha256=skip, **batch_args)


def _cluster(
    spec: Any, batch_args: dict[str, Any], ship: str, paths: Sequence[Path],
    skip: Callable[[str], bool],
) -> Any:
    from ingest.cluster import run_cluster

    return run_cluster(
        paths, spec=spec, timeout=batch_args["timeout"], parse=batch_args["parse"],
        skip_sha256=skip, ship=ship, memory=batch_args["memory"],
    )


OnLanded = Callable[[Landed, BatchResult], None]


def _progress_bar(total: int, summary: Summary) -> tuple[Any, OnLanded]:
    """A rich progress bar on stderr and the callback that advances it as each file lands."""
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
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        auto_refresh=False,
        transient=True,
    )
    task = progress.add_task("ingesting", total=total, rate="")

    def show(landed: Landed, result: BatchResult) -> None:
        if landed.status in ("failed", NEW_VERSION):
            progress.console.print(landed.line, markup=False, highlight=False)
        rate = summary.pages / max(time.monotonic() - started, 1e-6)
        ocr = f", {summary.ocr_pages} OCR" if summary.ocr_pages else ""
        progress.update(task, advance=1, rate=f"{rate:.1f} pages/s{ocr}")
        progress.refresh()

    return progress, show


EXAMPLES = """
\b
Examples:
  raingan ingest reports/                 # every PDF under reports/, recursively
  raingan ingest a.pdf b.pdf --workers 4  # four parsing processes
  raingan ingest reports/ --json | jq .failed
  raingan ingest scans/ --ocr never       # skip OCR: scanned files fail
  raingan ingest reports/ --memory-limit 2G --max-pages 300   # tighter limits per file
  raingan ingest reports/ --cluster local:4          # a Dask LocalCluster of 4 processes
  raingan ingest /nfs/ita/ --cluster tcp://10.0.0.5:8786
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
@limit_options(per_worker=True)
@ocr_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-wait", is_flag=True, help="Exit 1 at once if another ingest is running.")
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Parse on a Dask cluster: tcp://host:8786, or local:N for N local worker processes.",
)
@click.option(
    "--ship",
    type=click.Choice(["auto", "path", "bytes"]),
    default="auto",
    show_default=True,
    help="With --cluster: workers read files by path (shared storage), or get their bytes; "
    "auto asks the workers.",
)
@click.option("--parser", "parser_spec", hidden=True, help="module:function to parse with.")
@data_option
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    workers: int | None,
    timeout: float,
    max_pages: int,
    memory: int | None,
    as_json: bool,
    no_wait: bool,
    cluster: str | None,
    ship: str,
    parser_spec: str | None,
    ocr_mode: str,
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
        "memory": memory,
        "parse": load_parser(
            parser_spec, Limits(max_pages=max_pages), ocr_settings(ocr_mode, data_dir)
        ),
    }
    executor: Any = partial(_pool, batch_args)
    if cluster is not None:
        from ingest.cluster import ClusterSpec

        try:
            spec = ClusterSpec.parse(cluster)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--cluster") from exc
        executor = partial(_cluster, spec, batch_args, ship)
    summary = Summary()
    run = partial(
        ingest_files,
        data_dir,
        pdfs,
        executor,
        wait=not no_wait,
        on_wait=lambda: click.echo(
            f"waiting for another ingest on {data_dir} to finish…", err=True
        ),
        summary=summary,
    )
    try:
        if sys.stderr.isatty() and not as_json:
            progress, show = _progress_bar(len(pdfs), summary)
            with progress:
                progress.refresh()
                run(on_landed=show)
        else:
            run(on_landed=lambda landed, _r: click.echo(landed.line, err=as_json))
    except IngestBusy as exc:
        click.echo(f"raingan: {exc}; not waiting (--no-wait)", err=True)
        raise SystemExit(1) from None
    except ClusterUnavailable as exc:
        click.echo(f"raingan: {exc}", err=True)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        click.echo("interrupted: files stored so far are kept; run again to finish", err=True)
        raise SystemExit(130) from None
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render_summary(summary)))
    ctx.exit(1 if summary.failed else 0)


@click.command(epilog="\n\b\nExamples:\n  raingan reindex\n  raingan reindex --data ./audit\n")
@data_option
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the full-text index from the store (after an upgrade, or if it looks wrong)."""
    from index.fulltext import FullTextIndex

    data_dir = require_data(ctx.obj["data_dir"])
    with ingest_lock(data_dir, wait=True), Store(data_dir) as store:
        with FullTextIndex(data_dir / "index") as fulltext:
            result = fulltext.rebuild(store)
        counts = store.counts()
    click.echo(
        f"reindexed {plural(counts['current_documents'], 'current document')} "
        f"({plural(counts['measures'], 'measure')} in all versions): {jsonable(result)}"
    )


@click.command(epilog="\n\b\nExamples:\n  raingan stats\n  raingan stats --json | jq .failed\n"
               "  raingan stats > counts.tsv   # TSV when piped\n")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@data_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Show how many reports and plans each agency has per fiscal year, the other documents,
    and the files that failed."""
    data_dir = require_data(ctx.obj["data_dir"])
    with Store(data_dir) as store:
        counts = store.counts()
        years = store.year_counts()
        others = store.other_documents()
        failures = store.failures()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "totals": counts,
                    "by_agency": [dataclasses.asdict(y) for y in years],
                    "other_documents": [
                        {**dataclasses.asdict(d), "label": d.label} for d in others
                    ],
                    "failed": [dataclasses.asdict(f) for f in failures],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    title = (
        f"{plural(counts['current_reports'], 'report')}, {plural(counts['current_plans'], 'plan')}"
        f" and {plural(counts['current_others'], 'other document')} in {data_dir}"
    )
    click.echo(title, err=not to_terminal())
    rows = [
        [y.agency or "(agency not read)", str(y.year or "?"), y.kind, str(y.reports),
         str(y.measures)]
        for y in years
    ]
    print_table(("agency", "year", "kind", "documents", "measures"), rows, no_wrap=("agency",))
    # Plain echo, not rich: one unwrapped line per file, so paths stay greppable.
    if others:
        click.echo(f"other documents ({len(others)}):")
        for d in others:
            click.echo(f"  {d.kind:<6} {d.agency or '?'} {d.year or '?'}: {d.label} ({d.path})")
    click.echo(
        f"{plural(counts['documents'], 'file')} stored, "
        f"{plural(counts['reports'] - counts['current_documents'], 'older version')} kept, "
        f"{counts['failed']} failed"
    )
    for f in failures:
        click.echo(f"  failed {f.path}: {f.error}")
