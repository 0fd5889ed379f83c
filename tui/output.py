"""Tables for people and for pipes: a rich table on a terminal, TSV when stdout is not one.

rich folds long cells at the terminal width, which splits Thai inside a syllable when the
output goes to a file or a pipe (80 columns). There a script or a spreadsheet wants one
row per line with whole cells, so the same rows are written as tab-separated values.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click


def to_terminal() -> bool:
    return sys.stdout.isatty()


def tsv_cell(value: Any) -> str:
    """One TSV field: plain text, tabs and line breaks turned to spaces."""
    text = value.plain if hasattr(value, "plain") else str(value)
    return " ".join(text.replace("\t", " ").split())


def tsv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The rows as TSV with a header line."""
    lines = ["\t".join(columns)]
    lines += ["\t".join(tsv_cell(v) for v in row) for row in rows]
    return "\n".join(lines)


def print_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    no_wrap: Sequence[str] = (),
    show_lines: bool = False,
) -> None:
    """Rows as a rich table on a terminal (cells may be rich Text), TSV otherwise.

    `no_wrap` names columns that must never be folded (short Thai names and labels).
    """
    if not to_terminal():
        click.echo(tsv(columns, rows))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=show_lines)
    for name in columns:
        table.add_column(name, no_wrap=name in no_wrap, overflow="fold")
    for row in rows:
        table.add_row(*(v if hasattr(v, "plain") else str(v) for v in row))
    Console(highlight=False).print(table)
