"""One measure of a report, readable in a terminal.

Narrow terminals get the six cells stacked, each under its column title; wide ones (at least
WIDE columns) get the document's six-column row, each cell wrapped between Thai words.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ingest.model import COLUMN_KEYS, COLUMN_TITLES, Measure
from tui.widgets.difftext import spans_text
from tui.widgets.thaiwrap import wrap_text

WIDE = 140
LABEL_STYLE = "bold italic"


def pages_label(pages: Iterable[int]) -> str:
    """"p. 3" or "pp. 3–4" for a measure's pages; "" when unknown."""
    pages = sorted(pages)
    if not pages:
        return ""
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"


def cell_texts(measure: Measure, highlights: dict[str, list[tuple[int, int]]]) -> dict[str, Text]:
    """Each cell's text with highlighted spans, keyed by column."""
    return {k: spans_text(measure.cells.get(k), highlights.get(k, ())) for k in COLUMN_KEYS}


def item_note(measure: Measure, key: str) -> str:
    items = getattr(measure.items, key, ()) if key in ("steps", "results") else ()
    return f"  ({len(items)} items)" if items else ""


def cell_label(measure: Measure, key: str, title: str | None = None) -> Text:
    """A cell's title, its item count, and "⚠ OCR 62%" when OCR read it with low confidence."""
    name = title or COLUMN_TITLES.get(key, key)
    label = Text(name + item_note(measure, key), style=LABEL_STYLE)
    confidence = dict(measure.confidence).get(key)
    if confidence is not None and key in measure.low_confidence():
        label.append(f" ⚠ OCR {confidence:.0%}", style="bold yellow")
    return label


def extra_lines(measure: Measure, width: int) -> list[Text]:
    """The measure's extra cells (columns with no canonical field), labelled, wrapped."""
    lines: list[Text] = []
    for name, text in measure.extra:
        if not text.strip():
            continue
        lines.append(cell_label(measure, name, name))
        body = wrap_text(Text(text), max(1, width - 2))
        lines.extend(Text("  ") + line for line in body.split("\n"))
    return lines


def stacked(measure: Measure, cells: dict[str, Text], width: int) -> list[Text]:
    """Lines of the measure as labelled cells one under another, wrapped to `width`."""
    lines: list[Text] = []
    for key in COLUMN_KEYS:
        if not cells[key].plain.strip():
            continue
        lines.append(cell_label(measure, key))
        body = wrap_text(cells[key], max(1, width - 2))
        lines.extend(Text("  ") + line for line in body.split("\n"))
    return lines + extra_lines(measure, width)


def six_columns(measure: Measure, cells: dict[str, Text], width: int) -> Table:
    """The measure as one row of the document's table, each cell pre-wrapped to its column."""
    # Measure and steps carry the most text; period and responsible the least.
    shares = {"measure": 3, "steps": 4, "responsible": 2, "period": 2, "results": 4, "outcome": 3}
    inner = width - 3 * len(COLUMN_KEYS) - 1
    total = sum(shares.values())
    widths = {k: max(6, inner * shares[k] // total) for k in COLUMN_KEYS}
    table = Table(box=box.SQUARE, expand=False, show_lines=False, padding=(0, 1))
    for key in COLUMN_KEYS:
        table.add_column(
            cell_label(measure, key),
            width=widths[key],
            no_wrap=True,
            overflow="ignore",
        )
    table.add_row(*(wrap_text(cells[k], widths[k]) for k in COLUMN_KEYS))
    return table


def rendered_height(widget: Widget, renderable: RenderableType, width: int) -> int:
    """Lines `renderable` takes at `width` cells, measured with the app's console."""
    console = widget.app.console
    options = console.options.update_width(max(1, width))
    return len(console.render_lines(renderable, options, pad=False))


class MeasureCard(Widget, can_focus=True):
    """A measure with its number and pages; hits of the current search highlighted."""

    DEFAULT_CSS = """
    MeasureCard { height: auto; padding: 0 1; margin-bottom: 1; }
    """

    def __init__(
        self,
        measure: Measure,
        highlights: dict[str, list[tuple[int, int]]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.measure = measure
        self.highlights = highlights or {}
        # Layout asks for the height and then paints at the same width: build (Thai
        # wrapping included) and measure once per width, not once per ask.
        self._built: tuple[int, RenderableType, int] | None = None

    def show(self, measure: Measure, highlights: dict[str, list[tuple[int, int]]]) -> None:
        """Show another measure (or other highlights) in this card, re-laid out."""
        self.measure, self.highlights = measure, highlights
        self._built = None
        self.refresh(layout=True)

    def _build(self, width: int) -> tuple[RenderableType, int]:
        if self._built is None or self._built[0] != width:
            renderable = self._renderable(width)
            self._built = (width, renderable, rendered_height(self, renderable, width))
        return self._built[1], self._built[2]

    def _renderable(self, width: int) -> RenderableType:
        cells = cell_texts(self.measure, self.highlights)
        head = Text(f"มาตรการที่ {self.measure.number}", style="bold")
        if self.measure.pages:
            head.append(f"  · {pages_label(self.measure.pages)}", style="dim")
        if self.measure.from_ocr:
            low = len(self.measure.low_confidence())
            head.append("  · read by OCR", style="yellow")
            if low:
                head.append(f", {low} cell{'s' if low > 1 else ''} doubtful", style="bold yellow")
        if width >= WIDE:
            return Group(head, six_columns(self.measure, cells, width),
                         *extra_lines(self.measure, width))
        return Group(head, *stacked(self.measure, cells, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._build(width)[1]

    def render(self) -> RenderableType:
        return self._build(self.content_size.width)[0]
