"""`raingan compare AGENCY --years Y1 Y2 ...`: one agency's years side by side, outside the TUI."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import click

from ingest.digits import fold_digits
from tui.options import data_option, require_data
from tui.years import be_year

_RANGE = re.compile(r"^(\d{2,4})\s*[-–]\s*(\d{2,4})$")


def parse_year(text: str) -> int:
    """A Buddhist Era year in Thai or Arabic digits; two digits mean 25xx (๖๘ is 2568)."""
    folded = fold_digits(text.strip())
    if not folded.isdigit() or len(folded) not in (2, 4):
        raise click.BadParameter(f"not a fiscal year: {text!r}")
    return be_year(folded)


def parse_years(values: Sequence[str]) -> list[int]:
    """Years from words like "2567", "๒๕๖๘", "2566-2568" or "2566,2567"; sorted, distinct."""
    years: set[int] = set()
    for value in values:
        for part in fold_digits(value).replace(",", " ").split():
            m = _RANGE.match(part)
            if m:
                lo, hi = parse_year(m.group(1)), parse_year(m.group(2))
                years.update(range(min(lo, hi), max(lo, hi) + 1))
            else:
                years.add(parse_year(part))
    return sorted(years)


def is_year_word(text: str) -> bool:
    folded = fold_digits(text.strip()).replace(",", " ")
    return bool(folded.split()) and all(p.isdigit() or _RANGE.match(p) for p in folded.split())


def load_comparison(data_dir: Path, agency: str, years: Sequence[int] | None):
    """The Comparison of the agency's current reports for `years` (all its years if None).

    Raises click.ClickException with one line when the agency or enough years are missing.
    """
    from index.compare import compare_reports
    from index.store import Store

    if not agency.strip():
        raise click.ClickException("name an agency (or a unique part of its name)")
    with Store(require_data(data_dir)) as store:
        try:
            every = store.reports_for(agency)
        except (KeyError, LookupError, ValueError) as e:
            raise click.ClickException(str(e.args[0] if e.args else e)) from e
    if not every:
        raise click.ClickException(f"{agency}: no agency of that name in {data_dir}")
    # A report whose fiscal year could not be read has no place in a year-by-year comparison.
    dated = [s for s in every if s.report.fiscal_year]
    found = [s.report.fiscal_year.be for s in dated]
    have = ", ".join(map(str, found)) or "none"
    missing = sorted(set(years or ()) - set(found))
    if missing:
        raise click.ClickException(
            f"{agency}: no report for {', '.join(map(str, missing))} (have: {have})"
        )
    stored = [s for s in dated if not years or s.report.fiscal_year.be in years]
    if len(stored) < 2:
        raise click.ClickException(f"{agency}: need two fiscal years to compare, have {have}")
    return compare_reports([s.report for s in stored])


def markdown(comparison) -> str:
    """The comparison as Markdown: a summary line and a table per pair of years."""
    from index.compare import UNCHANGED
    from tui.widgets.difftext import MINUS, STATUS_LABEL, STATUS_SIGN, cell_label, first_line

    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    def ops_md(ops) -> str:
        parts = []
        for o in ops:
            if o.op == "insert":
                parts.append(f"**[+{o.text}]**")
            elif o.op == "delete":
                parts.append(f"~~[{MINUS}{o.text}]~~")
            else:
                parts.append(o.text)
        return esc("".join(parts))

    lines = [f"# {comparison.agency}", ""]
    for step in comparison.steps:
        s = step.summary
        a, b = step.years
        lines += [
            f"## {a} → {b}",
            "",
            f"unchanged {s.unchanged} · edited {s.edited} · added {s.added} · dropped {s.dropped}"
            f" · {s.carried_over:.0%} carried over verbatim",
            "",
            f"| | {a} | {b} | status | measure | changes |",
            "|---|---|---|---|---|---|",
        ]
        for p in step.pairs:
            m = p.after or p.before
            changes = (
                ""
                if p.status == UNCHANGED
                else "<br>".join(
                    f"*{cell_label(cd.column)}*: {ops_md(cd.ops)}" for cd in p.cells if cd.changed
                )
            )
            lines.append(
                f"| {STATUS_SIGN[p.status]} | {p.before.number if p.before else MINUS}"
                f" | {p.after.number if p.after else MINUS} | {STATUS_LABEL[p.status]}"
                f" | {esc(first_line(m.cells.measure))} | {changes} |"
            )
        lines.append("")
    return "\n".join(lines)


def print_rich(comparison, console, *, full: bool = False) -> None:
    """The comparison for a terminal: signs and colours, unchanged measures on one line."""
    from rich.text import Text

    from tui.widgets.difftext import summary_text
    from tui.widgets.pair import pair_lines

    console.print(Text(comparison.agency, style="bold"))
    for step in comparison.steps:
        console.print()
        console.print(summary_text(step.summary, step.years))
        for p in step.pairs:
            for line in pair_lines(p, console.width, full=full):
                console.print(line, no_wrap=True, overflow="ignore")


@click.command()
@click.argument("words", nargs=-1, required=True, metavar="AGENCY [--years Y1 Y2 ...]")
@click.option(
    "--years",
    "first_year",
    default=None,
    metavar="Y1 Y2 ...",
    help="Fiscal years (BE, Thai or Arabic digits; ranges like 2566-2568). "
    "Default: every year stored for the agency.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full comparison as JSON.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print Markdown tables.")
@click.option("--full", is_flag=True, help="Show whole cells, not only the text around changes.")
@data_option
@click.pass_context
def compare(
    ctx: click.Context,
    words: tuple[str, ...],
    first_year: str | None,
    as_json: bool,
    as_markdown: bool,
    full: bool,
) -> None:
    """Compare one agency's fiscal years: measures unchanged, edited, added, dropped.

    \b
    AGENCY is the agency's name or a unique part of it.
    Examples:
      raingan compare บางครก --years 2567 2568
      raingan compare บางครก --years ๒๕๖๖-๒๕๖๘ --markdown
    """
    agency_words = [w for w in words if not is_year_word(w)]
    year_words = [w for w in words if is_year_word(w)]
    if len(agency_words) != 1:
        raise click.UsageError("give exactly one AGENCY (quote a name with spaces)")
    if first_year is not None:
        year_words.insert(0, first_year)
    years = parse_years(year_words) if year_words else None
    comparison = load_comparison(ctx.obj["data_dir"], agency_words[0], years)
    if as_json:
        from index.compare import comparison_to_dict

        click.echo(json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2))
    elif as_markdown:
        click.echo(markdown(comparison))
    else:
        from rich.console import Console

        print_rich(comparison, Console(highlight=False), full=full)
