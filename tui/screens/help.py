"""The help screen (`?`): what each key does here and everywhere."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

ABOUT = (
    "raingan: search and compare Thai ITA reports.\n"
    "Diffs mark additions [+…] and removals [−…] with signs as well as colour."
)


def bindings_table(screen: Screen) -> Table:
    """The visible bindings of `screen` and of the app, one row per key."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    seen: set[str] = set()
    for bindings in (screen.BINDINGS, screen.app.BINDINGS):
        for b in bindings:
            if not isinstance(b, Binding) or not b.show or not b.description or b.key in seen:
                continue
            seen.add(b.key)
            table.add_row(b.key_display or b.key, b.description)
    return table


class HelpScreen(ModalScreen[None]):
    """Key bindings of the screen underneath; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(ABOUT))
            yield Static(bindings_table(self.under))
