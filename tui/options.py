"""Options every command shares: where the data is, and which fiscal years.

`--data` is taken before or after the subcommand (`raingan --data D search X` and
`raingan search X --data D` mean the same). Read-only commands never create a data directory:
a missing one is one line naming it and what to run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tui.years import year_range

F = TypeVar("F", bound=Callable[..., Any])

DATA_HELP = "Data directory (default: $RAINGAN_DATA or the user data dir)."


def _set_data(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)
        ctx.obj["data_dir"] = value


def data_option(command: F) -> F:
    """`--data DIR` on a subcommand; it overrides the one given before the subcommand."""
    return click.option(
        "--data",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        callback=_set_data,
        help=DATA_HELP,
    )(command)


def require_data(data_dir: Path) -> Path:
    """The data directory if it holds a raingan store; else one clear error, creating nothing."""
    from index.store import DB_NAME

    if not (Path(data_dir) / DB_NAME).is_file():
        raise click.ClickException(f"no raingan data in {data_dir}: run raingan ingest first")
    return Path(data_dir)


def parse_year_ranges(values: tuple[str, ...] | list[str]) -> list[tuple[int, int]] | None:
    """Every --year value as an inclusive BE range ("2568", "๒๕๖๘", "66-68"); repeated
    values add up. None when none was given."""
    spans = []
    for text in values:
        span = year_range(text)
        if span is None:
            raise click.BadParameter(f"not a year or year range: {text!r}", param_hint="--year")
        spans.append(span)
    return spans or None


def year_option(command: F) -> F:
    """`--year Y` (repeatable; each a year or a range)."""
    return click.option(
        "--year",
        "years",
        multiple=True,
        help="Fiscal year BE or range: 2568, ๒๕๖๘, 2566-2568 (repeat to add years).",
    )(command)


def in_years(be: int | None, spans: list[tuple[int, int]] | None) -> bool:
    """True when no years were asked for, or `be` lies in one of the asked ranges."""
    return spans is None or (be is not None and any(a <= be <= b for a, b in spans))
