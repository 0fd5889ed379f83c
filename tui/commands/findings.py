"""`raingan findings`: what looks wrong, across every stored report."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ingest.checks import KINDS
from ingest.metadata import expand_abbreviations
from tui.options import data_option, in_years, parse_year_ranges, require_data, year_option
from tui.output import print_table, to_terminal


def collect(
    data_dir: Path,
    agency: str | None,
    years: list[tuple[int, int]] | None,
    kinds: tuple[str, ...],
) -> list[dict]:
    """Findings of the current reports as plain rows, sorted by agency, year and measure."""
    from index.store import Store

    rows = []
    with Store(require_data(data_dir)) as store:
        for stored in store.iter_reports():
            r = stored.report
            be = r.fiscal_year.be if r.fiscal_year else None
            if agency and expand_abbreviations(agency) not in r.organization.name:
                continue
            if not in_years(be, years):
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
    from index.wording import plural
    from tui.widgets.labels import SHORT_COLUMN, short_agency

    table = [
        [short_agency(row["organization"]), str(row["fiscal_year"] or "?"),
         str(row["measure"] or ""), SHORT_COLUMN.get(row["column"] or "", ""),
         row["kind"].replace("_", " "), row["message"]]
        for row in rows
    ]
    # Agency names and column titles must not be cut inside a Thai syllable.
    print_table(("agency", "year", "#", "column", "kind", "finding"), table,
                no_wrap=("agency", "column", "kind"))
    click.echo(plural(len(rows), "finding"), err=not to_terminal())


@click.command(epilog="\n\b\nExamples:\n  raingan findings\n"
               "  raingan findings --org บางครก --kind earlier_year\n"
               "  raingan findings --year 2568 --json | jq length\n")
@click.option("--org", "agency", help="Only agencies whose name contains this text.")
@year_option
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only findings of this kind (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@data_option
@click.pass_context
def findings(ctx: click.Context, agency: str | None, years: tuple[str, ...],
             kinds: tuple[str, ...], as_json: bool) -> None:
    """List what looks wrong in the stored reports: years outside the fiscal year, skipped
    numbers, empty cells, unreadable periods, other agencies' web sites."""
    rows = collect(ctx.obj["data_dir"], agency, parse_year_ranges(years), kinds)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        render(rows)
