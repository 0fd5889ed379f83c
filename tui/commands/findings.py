"""`raingan findings`, `raingan review`, `raingan reviews`: what looks wrong, across every stored
document, and the auditor's decisions about it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from index.audit import KINDS
from index.reviews import STATE_LABELS, STATES
from tui.options import data_option, parse_year_ranges, require_data, year_option
from tui.output import print_table, to_terminal

# How a review state is typed on the command line ("follow-up" as an auditor writes it).
STATE_WORDS = {s.replace("_", "-"): s for s in STATES}
KEY_SHOWN = 8  # leading hex digits of a finding's key shown in tables; enough to name it


def open_store(data_dir: Path):  # noqa: ANN201
    """The store, with reports not matched for shared text yet matched first."""
    from index.ingestion import refresh_shared_text
    from index.store import Store

    data_dir = require_data(data_dir)
    store = Store(data_dir)
    refresh_shared_text(data_dir, store)
    return store


def collect(data_dir: Path, agency: str | None, years: list[tuple[int, int]] | None,
            kinds: tuple[str, ...], provinces: tuple[str, ...] = (),
            states: tuple[str, ...] = ()) -> list:
    """The findings of the current documents (index/audit.py), filtered."""
    from index.audit import collect as collect_findings

    with open_store(data_dir) as store:
        return collect_findings(store, agency=agency, years=years, provinces=provinces or None,
                                kinds=set(kinds) or None, states=set(states) or None)


def render(found: list) -> None:
    from index.wording import plural
    from tui.widgets.labels import SHORT_COLUMN, short_agency

    table = [
        [f.key[:KEY_SHOWN], short_agency(f.agency), str(f.year or "?"),
         ("plan " if f.document_kind == "plan" else "") + str(f.measure or ""),
         SHORT_COLUMN.get(f.column or "", ""), f.kind.replace("_", " "), f.message,
         STATE_LABELS[f.state]]
        for f in found
    ]
    # Agency names and column titles must not be cut inside a Thai syllable.
    print_table(("key", "agency", "year", "#", "column", "kind", "finding", "review"), table,
                no_wrap=("key", "agency", "column", "kind"))
    click.echo(plural(len(found), "finding"), err=not to_terminal())


@click.command(epilog="\n\b\nExamples:\n  raingan findings\n"
               "  raingan findings --org บางครก --kind earlier_year\n"
               "  raingan findings --kind shared_with_agency --province เพชรบุรี\n"
               "  raingan findings --review follow-up\n"
               "  raingan findings --year 2568 --json | jq length\n")
@click.option("--org", "agency", help="Only agencies whose name contains this text.")
@year_option
@click.option("--province", "provinces", multiple=True,
              help="Only agencies in a province whose name contains this (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only findings of this kind (repeatable).")
@click.option("--review", "states", multiple=True, type=click.Choice(sorted(STATE_WORDS)),
              help="Only findings in this review state (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@data_option
@click.pass_context
def findings(ctx: click.Context, agency: str | None, years: tuple[str, ...],
             provinces: tuple[str, ...], kinds: tuple[str, ...], states: tuple[str, ...],
             as_json: bool) -> None:
    """List what looks wrong in the stored documents, with each finding's review state.

    In each report: years outside the fiscal year, skipped numbers, empty cells, unreadable
    periods, other agencies' web sites. Across reports: text shared with another agency,
    results copied from last year, the plan against the report, ITA topics left uncovered.
    """
    found = collect(ctx.obj["data_dir"], agency, parse_year_ranges(years), kinds, provinces,
                    tuple(STATE_WORDS[s] for s in states))
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in found], ensure_ascii=False, indent=2))
    else:
        render(found)


@click.command(epilog="\n\b\nExamples:\n  raingan review 3fa2c1d0 confirmed --note 'copied'\n"
               "  raingan review 3fa2c1d0 follow-up --note 'ask for the signed original'\n"
               "  raingan review 3fa2c1d0 unreviewed       # undo\n")
@click.argument("key")
@click.argument("state", type=click.Choice(sorted(STATE_WORDS)))
@click.option("--note", default="", help="Why: kept with the decision.")
@data_option
@click.pass_context
def review(ctx: click.Context, key: str, state: str, note: str) -> None:
    """Mark the finding KEY (its first digits, as `raingan findings` shows them) confirmed,
    dismissed or follow-up. Stored with the time and your OS user."""
    from index.audit import collect as collect_findings
    from index.reviews import record

    with open_store(ctx.obj["data_dir"]) as store:
        matches = [f for f in collect_findings(store) if f.key.startswith(key.lower())]
        if not matches:
            raise click.ClickException(f"no finding has a key starting {key!r}: "
                                       "see raingan findings")
        if len({f.key for f in matches}) > 1:
            raise click.ClickException(f"{key!r} names {len(matches)} findings: "
                                       "give more of the key")
        f = matches[0]
        done = record(store, f.key, STATE_WORDS[state], note, kind=f.kind, agency=f.agency,
                      year=f.year, measure=f.measure, text=f.text, message=f.message)
    click.echo(f"{f.key[:KEY_SHOWN]} {STATE_LABELS[done.state] or 'unreviewed'} by {done.user} "
               f"at {done.at}: {f.message}")


@click.command(epilog="\n\b\nExamples:\n  raingan reviews\n  raingan reviews -o reviews.xlsx\n"
               "  raingan reviews --json | jq '.[] | select(.state == \"confirmed\")'\n")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the log to FILE.csv, FILE.xlsx or FILE.jsonl.")
@click.option("--json", "as_json", is_flag=True, help="Print the log as a JSON list.")
@data_option
@click.pass_context
def reviews(ctx: click.Context, output: Path | None, as_json: bool) -> None:
    """Every review decision in the order made: who, when, the state, the note and what the
    finding said then (kept even after the finding has gone)."""
    from index.reviews import COLUMNS, history
    from index.sheets import write_table
    from index.store import Store

    with Store(require_data(ctx.obj["data_dir"])) as store:
        log = [r.as_dict() for r in history(store)]
    if output is not None:
        fmt = output.suffix.lower().lstrip(".")
        try:
            count = write_table(log, output, fmt, COLUMNS, sheet="reviews")
        except (ValueError, OSError) as exc:
            raise click.ClickException(f"{output}: {exc}") from None
        click.echo(f"wrote {count} reviews to {output}", err=True)
    elif as_json:
        click.echo(json.dumps(log, ensure_ascii=False, indent=2))
    else:
        print_table(("at", "user", "state", "agency", "year", "kind", "note"),
                    [[r["at"], r["user"], r["state"], r["agency"], str(r["year"] or "?"),
                      r["kind"], r["note"]] for r in log], no_wrap=("at", "state"))
