"""`raingan findings`: what looks wrong, across every stored report."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ingest.checks import KINDS
from ingest.metadata import expand_abbreviations


def collect(
    data_dir: Path, agency: str | None, years: tuple[int, int] | None, kinds: tuple[str, ...]
) -> list[dict]:
    """Findings of the current reports as plain rows, sorted by agency, year and measure."""
    from index.store import DB_NAME, Store

    if not (Path(data_dir) / DB_NAME).exists():
        raise click.ClickException(f"{data_dir}: no reports yet (run `raingan ingest DIR` first)")
    rows = []
    with Store(data_dir) as store:
        for stored in store.iter_reports():
            r = stored.report
            be = r.fiscal_year.be if r.fiscal_year else None
            if agency and expand_abbreviations(agency) not in r.organization.name:
                continue
            if years and (be is None or not years[0] <= be <= years[1]):
                continue
            for f in r.findings:
                if kinds and f.kind not in kinds:
                    continue
                rows.append({
                    "report_id": stored.report_id, "organization": r.organization.name,
                    "fiscal_year": be, "measure": f.measure, "column": f.column, "kind": f.kind,
                    "text": f.text, "message": f.message, "source_path": r.source.path,
                })
    rows.sort(key=lambda x: (x["organization"], x["fiscal_year"] or 0, x["measure"] or 0))
    return rows


def render(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    from tui.widgets.labels import SHORT_COLUMN, short_agency

    table = Table(show_lines=False)
    for name in ("agency", "year", "#", "column", "kind", "finding"):
        # Agency names and column titles must not be cut inside a Thai syllable.
        table.add_column(name, no_wrap=name in ("agency", "column", "kind"), overflow="fold")
    for row in rows:
        table.add_row(short_agency(row["organization"]), str(row["fiscal_year"] or "?"),
                      str(row["measure"] or ""), SHORT_COLUMN.get(row["column"] or "", ""),
                      row["kind"].replace("_", " "), row["message"])
    console = Console()
    console.print(table)
    console.print(f"{len(rows)} finding{'s' if len(rows) != 1 else ''}")


@click.command(epilog="\n\b\nExamples:\n  raingan findings\n"
               "  raingan findings --org บางครก --kind earlier_year\n"
               "  raingan findings --year 2568 --json | jq length\n")
@click.option("--org", "agency", help="Only agencies whose name contains this text.")
@click.option("--year", type=str, help="Fiscal year BE or range: 2568, ๒๕๖๘, 2566-2568.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only findings of this kind (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@click.pass_context
def findings(ctx: click.Context, agency: str | None, year: str | None,
             kinds: tuple[str, ...], as_json: bool) -> None:
    """List what looks wrong in the stored reports: years outside the fiscal year, skipped
    numbers, empty cells, unreadable periods, other agencies' web sites."""
    from tui.commands.search import parse_year_range

    rows = collect(ctx.obj["data_dir"], agency, parse_year_range(year) if year else None, kinds)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        render(rows)
