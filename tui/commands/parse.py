"""`raingan parse FILE.pdf [--json | --text]`: one report, read and shown, nothing stored."""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

import click

from ingest.batch import run_one
from ingest.errors import IngestError
from ingest.limits import Limits
from ingest.model import COLUMN_KEYS, COLUMN_TITLES, Report
from ingest.parse import build_report, read_document
from ingest.serialize import report_to_dict
from tui.commands.ocroption import ocr_option, ocr_settings
from tui.limits import limit_options

FIRST_LINE_WIDTH = 70


def _first_line(text: str, width: int = FIRST_LINE_WIDTH) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


def render_summary(report: Report) -> str:
    """The human form: agency, year, each measure with the first line of each cell, warnings."""
    org = report.organization
    where = " ".join(x for x in (org.district and f"อำเภอ{org.district}",
                                 org.province and f"จังหวัด{org.province}") if x)
    fy = report.fiscal_year
    lines = [
        report.title,
        f"หน่วยงาน: {org.name or '?'} ({org.kind}) {where}".rstrip(),
        f"ปีงบประมาณ: {fy.be} (ค.ศ. {fy.ce}, {fy.start} – {fy.end})" if fy else "ปีงบประมาณ: ?",
        f"source: {report.source.path} ({report.source.pages} pages)",
        f"measures: {len(report.measures)}",
        "",
    ]
    for m in report.measures:
        pages = ",".join(str(p) for p in m.pages)
        lines.append(f"[{m.number}] pages {pages}")
        for key in COLUMN_KEYS:
            lines.append(f"    {COLUMN_TITLES[key]}: {_first_line(m.cells.get(key))}")
        lines.append("")
    if report.findings:
        lines.append("findings (worth an auditor's look):")
        lines.extend(
            f"  - measure {f.measure}, {COLUMN_TITLES.get(f.column or '', f.column)}: {f.message}"
            if f.measure is not None else f"  - {f.message}"
            for f in report.findings
        )
    if report.warnings:
        lines.append("warnings:")
        lines.extend(f"  - {w}" for w in report.warnings)
    return "\n".join(lines)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as raingan.report/2 JSON.")
@click.option("--text", "as_text", is_flag=True, help="Print the repaired text of every page.")
@ocr_option
@limit_options(per_worker=False)
@click.pass_context
def parse(
    ctx: click.Context, file: Path, as_json: bool, as_text: bool, ocr_mode: str,
    timeout: float, max_pages: int, memory: int | None,
) -> None:
    """Read one report PDF and show what raingan extracts from it.

    The file is read in a separate process under the time limit and memory ceiling, as
    `raingan ingest` reads each file. Exit status: 0 when the file was read, 1 with one line on
    stderr naming the file and the cause when it could not be, 2 on usage errors.

    \b
    Examples:
      raingan parse report.pdf            # readable summary
      raingan parse report.pdf --json     # for scripts: raingan.report/2
      raingan parse report.pdf --text     # repaired text, pages split by form feed
      raingan parse scan.pdf --ocr always # read every page from its image
      raingan parse big.pdf --max-pages 5000 --timeout 900
    """
    if as_json and as_text:
        raise click.UsageError("choose one of --json and --text")
    read = partial(
        read_document,
        ocr=ocr_settings(ocr_mode, ctx.obj["data_dir"]),
        limits=Limits(max_pages=max_pages),
    )
    try:
        doc = run_one(file, read, timeout=timeout, memory=memory)
        report = build_report(doc)
    except IngestError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    if as_text:
        click.echo("\f".join(pg.text for pg in doc.pages))
    elif as_json:
        click.echo(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2))
    else:
        click.echo(render_summary(report))
