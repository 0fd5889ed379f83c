"""One aligned measure of a year comparison: status line, then the word diff of changed cells."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from index.compare import ADDED, DROPPED, UNCHANGED, MeasurePair
from tui.widgets.difftext import cell_label, changed_cells, condense, diff_text, pair_title
from tui.widgets.measure import LABEL_STYLE, rendered_height
from tui.widgets.thaiwrap import wrap_text


def pair_lines(pair: MeasurePair, width: int, *, full: bool = False) -> list[Text]:
    """The pair as display lines: a one-line title, then each changed cell's diff, wrapped.

    Unless `full`, long unchanged runs are cut to the words around each change."""
    lines = [pair_title(pair, width=max(10, width - 18))]
    if pair.status == UNCHANGED:
        return lines
    cells = list(changed_cells(pair))
    if not full and pair.status in (ADDED, DROPPED):
        # All of an added or dropped measure is new or gone; its title says which one it is.
        cells = cells[:1]
    for cd in cells:
        lines.append(Text("  " + cell_label(cd.column), style=LABEL_STYLE))
        ops = cd.ops if full else condense(cd.ops)
        body = wrap_text(diff_text(ops), max(1, width - 4))
        lines.extend(Text("    ") + line for line in body.split("\n"))
    return lines


class PairView(Widget, can_focus=True):
    """An aligned measure; `-current` marks the difference n / p last moved to."""

    DEFAULT_CSS = """
    PairView { height: auto; padding: 0 1; }
    """

    def __init__(self, pair: MeasurePair, *, full: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pair = pair
        self.full = full
        self.set_class(pair.status != UNCHANGED, "-changed")

    def _renderable(self, width: int) -> RenderableType:
        return Group(*pair_lines(self.pair, width, full=self.full))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return rendered_height(self, self._renderable(width), width)

    def render(self) -> RenderableType:
        return self._renderable(self.content_size.width)
