"""Page and table geometry a report can be rendered with, beyond the standard landscape grid."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """How the table section is laid out.

    widths: column widths in percent of the table; table_pt: the table's font size (None:
    the font's usual size); rules: "grid" (every cell ruled) or "horizontal" (rules between
    rows only, no vertical rules at all).
    """

    portrait: bool = False
    widths: tuple[float, ...] = (15.7, 19.9, 10.5, 11.2, 26.2, 16.5)
    table_pt: float | None = None
    rules: str = "grid"


LAYOUTS = {
    "standard": Layout(),
    # Responsible and period squeezed and a small font: Thai words and URLs overflow.
    "narrow": Layout(widths=(17.0, 25.0, 5.0, 6.5, 29.5, 17.0), table_pt=10),
    "horizontal": Layout(rules="horizontal"),
    "portrait": Layout(portrait=True, widths=(17.0, 20.0, 12.0, 11.0, 24.0, 16.0)),
}
