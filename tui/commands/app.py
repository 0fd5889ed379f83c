"""`raingan tui` (and bare `raingan`): open the terminal UI on the data directory."""

from __future__ import annotations

import click

from tui.options import data_option, require_data


@click.command(epilog="\n\b\nExamples:\n  raingan tui\n  raingan tui --data ./audit\n")
@data_option
@click.pass_context
def tui(ctx: click.Context) -> None:
    """Open the terminal UI: search, read reports, compare years, see what is ingested."""
    from tui.app import RainganApp

    RainganApp(require_data(ctx.obj["data_dir"])).run()
