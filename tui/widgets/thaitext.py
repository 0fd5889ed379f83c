"""A static block of Thai text wrapped at word boundaries to the widget's width."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.widgets.thaiwrap import wrap_text


class ThaiText(Widget):
    """Like Static, but wraps between Thai words (see thaiwrap) instead of mid-word."""

    DEFAULT_CSS = """
    ThaiText { height: auto; }
    """

    def __init__(self, text: Text | str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text(text) if isinstance(text, str) else text

    def update(self, text: Text | str) -> None:
        """Replace the text and re-layout."""
        self._text = Text(text) if isinstance(text, str) else text
        self.refresh(layout=True)

    @property
    def text(self) -> Text:
        return self._text

    def _wrapped(self, width: int) -> Text:
        return wrap_text(self._text, max(1, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width).plain.split("\n")) if self._text.plain else 1

    def render(self) -> Text:
        return self._wrapped(self.content_size.width)
