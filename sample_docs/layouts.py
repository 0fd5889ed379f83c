"""Page and table geometry a report can be rendered with, beyond the standard landscape grid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spec import ReportDoc

# Text width in cm of an A4 page with 1.5 cm margins.
LANDSCAPE_TEXT_CM = 29.7 - 2 * 1.5
PORTRAIT_TEXT_CM = 21.0 - 2 * 1.5


@dataclass(frozen=True)
class Layout:
    """How the table section is laid out.

    widths: column widths in percent of the table (None: the report's columns' own widths);
    table_pt: the table's font size (None: the font's usual size); rules: "grid" (every cell
    ruled) or "horizontal" (rules between rows only, no vertical rules at all);
    repeat_header: False where the header row is printed once, not again on each page.
    """

    portrait: bool = False
    widths: tuple[float, ...] | None = None
    table_pt: float | None = None
    rules: str = "grid"
    repeat_header: bool = True


LAYOUTS = {
    "standard": Layout(),
    # Responsible and period squeezed and a small font: Thai words and URLs overflow.
    "narrow": Layout(widths=(17.0, 25.0, 5.0, 6.5, 29.5, 17.0), table_pt=10),
    "horizontal": Layout(rules="horizontal"),
    # The same, the header on the table's first page only: the next pages start with rows.
    "horizontal_once": Layout(rules="horizontal", repeat_header=False),
    "portrait": Layout(portrait=True, widths=(17.0, 20.0, 12.0, 11.0, 24.0, 16.0)),
}


def shares(doc: ReportDoc) -> tuple[float, ...]:
    """Each column's width in percent of the table: the layout's, else the columns' own."""
    layout = LAYOUTS[doc.layout]
    if layout.widths is None:
        total = sum(c.width_cm for c in doc.columns)
        return tuple(round(c.width_cm / total * 100, 1) for c in doc.columns)
    if len(layout.widths) != len(doc.columns):
        raise ValueError(f"{doc.stem}: layout {doc.layout!r} is for {len(layout.widths)} columns")
    return layout.widths


def widths_cm(doc: ReportDoc) -> tuple[float, ...]:
    """Each column's width in cm on the table's page: the columns' own on a landscape page,
    else the layout's shares of the page's text width."""
    layout = LAYOUTS[doc.layout]
    if layout.widths is None and not layout.portrait:
        return tuple(c.width_cm for c in doc.columns)
    text = PORTRAIT_TEXT_CM if layout.portrait else LANDSCAPE_TEXT_CM
    return tuple(round(text * w / 100, 2) for w in shares(doc))
