"""`raingan coverage`: which of the ITA framework's topics each agency's report covers."""

from __future__ import annotations

import json

import click

from tui.options import data_option, in_years, parse_year_ranges, require_data, year_option
from tui.output import print_table, to_terminal


@click.command(epilog="\n\b\nExamples:\n  raingan coverage --year 2568\n"
               "  raingan coverage --year 2568 --province เพชรบุรี\n"
               "  raingan coverage --year 2566-2568 --json\n"
               "\b\nEach measure counts for one topic, chosen by the word table in\n"
               "index/topics.toml; a topic no measure covers is a topic_missing finding\n"
               "(raingan findings --kind topic_missing).\n")
@year_option
@click.option("--province", "provinces", multiple=True,
              help="Only agencies in a province whose name contains this (repeatable).")
@click.option("--org", "agency", help="Only agencies whose name contains this text.")
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as a JSON list.")
@data_option
@click.pass_context
def coverage(ctx: click.Context, years: tuple[str, ...], provinces: tuple[str, ...],
             agency: str | None, as_json: bool) -> None:
    """Agencies × ITA topics: how many of each report's measures are on each topic."""
    from index.store import Store
    from index.topics import OTHER, load_table
    from index.topics import coverage as topic_coverage
    from index.wording import plural
    from ingest.metadata import expand_abbreviations
    from tui.widgets.labels import short_agency

    spans = parse_year_ranges(years)
    wanted = expand_abbreviations(agency) if agency else None
    with Store(require_data(ctx.obj["data_dir"])) as store:
        reports = [
            (s.report_id, s.report) for s in store.iter_reports()
            if s.report.document_kind == "report" and s.report.fiscal_year is not None
            and in_years(s.report.fiscal_year.be, spans)
            and (not provinces or any(p in (s.report.organization.province or "")
                                      for p in provinces))
            and (wanted is None or wanted in s.report.organization.name)
        ]
    table = load_table()
    rows = topic_coverage(reports, table)
    ita = [t.key for t in table.ita]
    if as_json:
        click.echo(json.dumps([
            {"agency": r.agency, "province": r.province, "fiscal_year": r.year,
             "report_id": r.report_id, "topics": dict(r.counts),
             "missing": [k for k in ita if not r.counts[k]]} for r in rows
        ], ensure_ascii=False, indent=2))
        return
    headings = [table.get(k).short for k in ita] + [table.get(OTHER).short, "missing"]
    print_table(
        ("agency", "year", *headings),
        [[short_agency(r.agency), str(r.year),
          *(str(r.counts[k]) if r.counts[k] else "·" for k in [*ita, OTHER]),
          str(sum(1 for k in ita if not r.counts[k]))] for r in rows],
        no_wrap=("agency",),
    )
    missing = sum(1 for r in rows for k in ita if not r.counts[k])
    out = not to_terminal()
    click.echo(f"{plural(len(rows), 'report')}; {plural(missing, 'topic')} missing: "
               "raingan findings --kind topic_missing", err=out)
    if to_terminal():
        click.echo("  ".join(f"{t.short} = {t.label}" for t in table.ita))
