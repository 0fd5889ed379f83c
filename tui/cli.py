"""The `raingan` command: a thin click group; each command lives in tui/commands/.

Commands are imported lazily so that `raingan parse` does not pay for Textual or Whoosh.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import click

from ingest.limits import one_thread_each

# Before numpy loads anywhere: every worker forked from this process inherits its threads'
# address space (ingest/limits.py).
one_thread_each()

# name -> "module:attribute"; each attribute is a click.Command.
COMMANDS: dict[str, str] = {
    "parse": "tui.commands.parse:parse",
    "ingest": "tui.commands.ingest:ingest",
    "reindex": "tui.commands.ingest:reindex",
    "stats": "tui.commands.ingest:stats",
    "search": "tui.commands.search:search",
    "export": "tui.commands.search:export",
    "compare": "tui.commands.compare:compare",
    "findings": "tui.commands.findings:findings",
    "review": "tui.commands.findings:review",
    "reviews": "tui.commands.findings:reviews",
    "coverage": "tui.commands.coverage:coverage",
    "workpaper": "tui.commands.workpaper:workpaper",
    "tui": "tui.commands.app:tui",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


def default_data_dir() -> Path:
    """RAINGAN_DATA, else the platform's user data dir."""
    env = os.environ.get("RAINGAN_DATA")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("raingan"))


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data directory (default: $RAINGAN_DATA or the user data dir).",
)
@click.version_option(package_name="raingan")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """raingan: search and compare Thai ITA report PDFs from the terminal.

    \b
    Examples:
      raingan ingest reports/            # batch-ingest a folder of PDFs
      raingan search "จัดซื้อจัดจ้าง" --year 2568
      raingan compare บางครก --years 2567 2568
      raingan findings --year 2568       # what looks wrong
      raingan coverage --year 2568       # ITA topics each agency covers
      raingan workpaper บางครก --year 2568 -o wp.xlsx
      raingan                            # open the TUI
    """
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = data_dir or default_data_dir()
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "tui"))


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
