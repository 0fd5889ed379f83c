"""`raingan tui` (and bare `raingan`): open the terminal UI on the data directory."""

from __future__ import annotations

import click


@click.command()
@click.pass_context
def tui(ctx: click.Context) -> None:
    """Open the terminal UI: search, read reports, compare years, see what is ingested."""
    from tui.app import RainganApp

    RainganApp(ctx.obj["data_dir"]).run()
