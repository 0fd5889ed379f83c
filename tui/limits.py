"""The options that bound what one file may cost, shared by `raingan parse` and `raingan ingest`.

--timeout, --max-pages and --memory-limit; a file past any of them fails alone, with its cause.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ingest.limits import DEFAULT_MAX_PAGES, MEMORY_SHARE, parse_size

F = TypeVar("F", bound=Callable[..., Any])
# Seconds one file may take. A scanned page takes about 4 s to OCR on one core (README), so
# this fits a scanned report of 40 pages with two workers sharing two cores.
DEFAULT_TIMEOUT = 600.0


class Size(click.ParamType):
    """A byte size as people type it: 512M, 2G, 1.5GB (decimal units)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            size = parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        if size <= 0:
            self.fail("must be more than 0", param, ctx)
        return size


def limit_options(per_worker: bool) -> Callable[[F], F]:
    """Add --timeout, --max-pages and --memory-limit to a command."""
    share = f"{MEMORY_SHARE:.0%} of the machine's memory"
    memory_default = f"{share}, shared among the workers" if per_worker else share

    def decorate(f: F) -> F:
        f = click.option(
            "--memory-limit",
            "memory",
            type=Size(),
            default=None,
            help="Memory one parsing process may take, e.g. 2G; a file that needs more fails "
            f'as "too large to read" (default: {memory_default}, at least 512M).',
        )(f)
        f = click.option(
            "--max-pages",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_PAGES,
            show_default=True,
            help='A file with more pages fails at once as "too large to read".',
        )(f)
        return click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Seconds one file may take before it is failed (OCR takes about 4 s a page).",
        )(f)

    return decorate
