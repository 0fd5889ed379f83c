"""`raingan search` and `raingan export`: find measures, or write them out as a table.

Both bring the full-text index up to date with the store first (cheap when nothing changed).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from ingest.model import COLUMN_KEYS, COLUMN_TITLES
from tui.options import data_option, parse_year_ranges, require_data, year_option
from tui.output import print_table, to_terminal
from tui.years import year_range

INDEX_DIR = "index"


def parse_year_range(text: str) -> tuple[int, int]:
    """ "2568", "๒๕๖๘" or "2566-2568" (BE, Thai or Arabic digits) -> inclusive (first, last)."""
    span = year_range(text)
    if span is None:
        raise click.BadParameter(f"not a year or year range: {text!r}")
    return span


def _open(data_dir: Path):
    """Store and synced index of a data dir; a missing store is one clear error."""
    from index.fulltext import FullTextIndex
    from index.store import Store

    store = Store(require_data(data_dir))
    ix = FullTextIndex(Path(data_dir) / INDEX_DIR)
    ix.sync(store)
    return store, ix


def _query_error(e: Exception) -> None:
    click.echo(f"Error: {e}", err=True)
    sys.exit(2)


def split_marks(snippet: str) -> tuple[str, list[list[int]]]:
    """A snippet without its highlight markers, and the [start, end) spans they enclosed."""
    from index.search import MARK_END, MARK_START

    plain, spans, start = [], [], None
    length = 0
    for ch in snippet:
        if ch == MARK_START:
            start = length
        elif ch == MARK_END:
            if start is not None:
                spans.append([start, length])
            start = None
        else:
            plain.append(ch)
            length += 1
    return "".join(plain), spans


def hit_json(hit) -> dict:
    """A hit for scripts: the snippet as plain text, its highlights as character spans."""
    row = dataclasses.asdict(hit)
    row["snippet"], row["highlights"] = split_marks(hit.snippet)
    return row


def _render(hits, total: int) -> None:
    from rich.text import Text

    from index.search import MARK_END, MARK_START
    from index.wording import plural

    rows = []
    for h in hits:
        snippet = Text()
        for i, part in enumerate(h.snippet.replace(MARK_END, MARK_START).split(MARK_START)):
            snippet.append(part, style="bold reverse" if i % 2 else "")
        rows.append([
            h.organization,
            str(h.fiscal_year or ""),
            str(h.measure_number),
            COLUMN_TITLES.get(h.column, h.column),
            snippet,
        ])
    print_table(("agency", "year", "measure", "column", "snippet"), rows, show_lines=True)
    # On a pipe the count goes to stderr, so that stdout stays plain TSV.
    if total > len(hits):
        note = f"{len(hits)} of {plural(total, 'hit')} shown (raise --limit for more)"
    else:
        note = plural(len(hits), "hit")
    click.echo(note, err=not to_terminal())


@click.command()
@click.argument("query")
@year_option
@click.option("--org", help="Only agencies whose name contains this text.")
@click.option("--province", help="Only agencies in a province whose name contains this text.")
@click.option("--column", type=click.Choice(COLUMN_KEYS), help="Search one column only.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print hits as a JSON list.")
@data_option
@click.pass_context
def search(ctx, query, years, org, province, column, limit, as_json) -> None:
    """Find measures whose text contains QUERY.

    Every word matches inside longer ones: Thai inside compounds (รัฐ finds ภาครัฐ), digits
    inside numbers in either script (256 and ๒๕๖ find 2567), Latin text in any case (e-serv
    finds E-Service); whole words and numbers rank first. Whoosh syntax works: "phrases",
    AND, OR, NOT, field:value with fields agency, kind, province, year, number, measure,
    steps, responsible, period, results, outcome, text. A query Whoosh would misread (a
    dangling AND/OR/NOT, a fuzzy ~) exits with status 2 and one line on how to write it.

    \b
    Examples:
      raingan search "จัดซื้อจัดจ้าง" --year 2566-2568
      raingan search 'ช่องทาง AND year:๒๕๖๘' --province เพชรบุรี --json
      raingan search ร้องเรียน --year 2566 --year 2568 > hits.tsv   # TSV when piped
    """
    from index.search import QueryError

    years = parse_year_ranges(years)
    store, ix = _open(ctx.obj["data_dir"])
    filters = {"years": years, "org": org, "province": province, "column": column}
    try:
        hits = ix.search(query, limit=limit, **filters)
        # Only when the list was cut: counting every match costs a second pass.
        total = len(ix.matching_measures(query, **filters)) if len(hits) == limit else len(hits)
    except QueryError as e:
        _query_error(e)
    finally:
        ix.close()
        store.close()
    if as_json:
        click.echo(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
    else:
        _render(hits, total)


@click.command()
@click.option("--query", "query", help="Only measures matching this search query.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "jsonl"]), required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True, help="File to write, or - for standard output.",
)
@data_option
@click.pass_context
def export(ctx, query, fmt, output) -> None:
    """Write one row per measure of the current reports (metadata, six cells, periods).

    CSV carries a UTF-8 byte order mark so Excel shows the Thai text.

    \b
    Examples:
      raingan export --format xlsx -o measures.xlsx
      raingan export --query "ร้องเรียน" --format csv -o complaints.csv
      raingan export --format jsonl -o - | jq .agency
    """
    import tempfile

    from index.export import WRITERS, export_rows
    from index.search import QueryError
    from index.wording import plural

    to_stdout = str(output) == "-"
    if not to_stdout and not output.parent.is_dir():
        raise click.ClickException(f"{output}: folder {output.parent} does not exist")
    store, ix = _open(ctx.obj["data_dir"])
    try:
        keep = ix.matching_measures(query) if query else None
        rows = export_rows(store.iter_reports(current_only=True), keep)
        if to_stdout:
            # The writers take a path (XLSX must seek): write aside, then copy the bytes out.
            with tempfile.TemporaryDirectory() as tmp:
                aside = Path(tmp) / f"export.{fmt}"
                count = WRITERS[fmt](rows, aside)
                sys.stdout.buffer.write(aside.read_bytes())
                sys.stdout.buffer.flush()
        else:
            count = WRITERS[fmt](rows, output)
    except QueryError as e:
        _query_error(e)
    except OSError as e:
        raise click.ClickException(f"{output}: cannot write ({e.strerror or e})") from e
    finally:
        ix.close()
        store.close()
    where = "standard output" if to_stdout else output
    click.echo(f"{plural(count, 'measure')} written to {where}", err=True)
