from __future__ import annotations

import pytest

from tui.years import year_range


@pytest.mark.parametrize(
    ("text", "span"),
    [("2568", (2568, 2568)), ("๒๕๖๘", (2568, 2568)), ("68", (2568, 2568)),
     ("2566-2568", (2566, 2568)), ("๒๕๖๘ – ๒๕๖๖", (2566, 2568)), ("66-68", (2566, 2568)),
     ("", None), ("abc", None), ("256", None), ("2566-", None)],
)
def test_year_range(text: str, span: tuple[int, int] | None) -> None:
    assert year_range(text) == span
