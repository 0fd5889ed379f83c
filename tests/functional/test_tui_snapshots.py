"""Snapshots of every screen at 80×24 and 160×48 over fixed sample data (no clock, no random).

Regenerate after an intended change with `pytest tests/functional/test_tui_snapshots.py
--snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest

from tests.functional.test_tui_app import SEED, WORD, data_dir, settle  # noqa: F401
from tui.app import RainganApp

SIZES = [(80, 24), (160, 48)]


async def search(pilot) -> None:
    pilot.app.screen.query_one("#query").insert_text_at_cursor(WORD)
    await settle(pilot, pilot.app)
    await pilot.press("enter", "down")
    await settle(pilot, pilot.app)


async def report(pilot) -> None:
    app = pilot.app
    (stored,) = app.store.reports_for(SEED, [2568])
    app.open_report(stored.report_id, 3, WORD)
    await settle(pilot, app)


async def compare(pilot) -> None:
    pilot.app.open_compare(SEED)
    await settle(pilot, pilot.app)
    await pilot.press("n", "n")
    await settle(pilot, pilot.app)


async def library(pilot) -> None:
    await pilot.press("f3")
    await settle(pilot, pilot.app)


async def help_(pilot) -> None:
    await pilot.press("f2")
    await settle(pilot, pilot.app)
    await pilot.press("question_mark")
    await settle(pilot, pilot.app)


SCREENS = {"search": search, "report": report, "compare": compare, "library": library, "help": help_}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_screen_snapshot(snap_compare, data_dir, screen: str, size: tuple[int, int]) -> None:  # noqa: F811
    assert snap_compare(RainganApp(data_dir), terminal_size=size, run_before=SCREENS[screen])
