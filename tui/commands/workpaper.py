"""`raingan workpaper`: one agency's year as a file to attach to the audit."""

from __future__ import annotations

from pathlib import Path

import click

from tui.options import data_option
from tui.years import year_range


@click.command(epilog="\n\b\nExamples:\n"
               "  raingan workpaper บางครก --year 2568 -o wp-bangkrok-2568.xlsx\n"
               "  raingan workpaper อบต.บางครก --year ๒๕๖๘ -o wp.md\n"
               "  raingan workpaper บ้านลาด --year 2568 -o wp.html\n")
@click.argument("agency")
@click.option("--year", "year_text", required=True, help="Fiscal year BE (2568 or ๒๕๖๘).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.xlsx, FILE.md or FILE.html.")
@data_option
@click.pass_context
def workpaper(ctx: click.Context, agency: str, year_text: str, output: Path) -> None:
    """Write AGENCY's working paper for one fiscal year: the report's source and quality, its
    measures, every finding with its page, text and review state, the comparison with the
    previous year and the plan against the report."""
    from index.paperformats import writer_for
    from index.storequeries import AmbiguousAgency
    from index.workpaper import NoReport, build
    from tui.commands.findings import open_store

    span = year_range(year_text)
    if span is None or span[0] != span[1]:
        raise click.BadParameter(f"not one fiscal year: {year_text!r}", param_hint="--year")
    try:
        write = writer_for(output)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="-o") from None
    if not output.parent.is_dir():
        raise click.ClickException(f"{output}: no such folder {output.parent}")
    with open_store(ctx.obj["data_dir"]) as store:
        try:
            paper = build(store, agency, span[0])
        except (NoReport, AmbiguousAgency) as exc:
            raise click.ClickException(str(exc)) from None
    try:
        write(paper, output)
    except OSError as exc:
        raise click.ClickException(f"{output}: {exc.strerror or exc}") from None
    counts = ", ".join(f"{len(s.rows)} {s.key}" for s in paper.sections[1:])
    click.echo(f"wrote {output}: {paper.title} ({counts})", err=True)
