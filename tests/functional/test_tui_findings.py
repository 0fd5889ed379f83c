"""The findings screen (F4) and reviews, driven by keys (Textual's Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from index import reviews
from index.store import Store
from tests.functional.test_audit_cli import A, B, build_audit_store
from tests.functional.test_tui_app import pilot_test, settle
from tui.app import RainganApp
from tui.screens.findings import FindingsScreen, ReviewDialog
from tui.screens.report import ReportScreen
from tui.widgets.measure import MeasureCard

SIZE = (100, 30)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return build_audit_store(tmp_path / "data")


async def open_findings(pilot, app: RainganApp) -> FindingsScreen:
    await pilot.press("f4")
    await settle(pilot, app)
    assert isinstance(app.screen, FindingsScreen)
    return app.screen


def select_row(screen: FindingsScreen, pred) -> str:
    """Put the cursor on the first finding `pred` accepts, focus the table; its key."""
    table = screen.query_one("#finding-table", DataTable)
    at = next(i for i, f in enumerate(screen.shown) if pred(f))
    table.move_cursor(row=at)
    table.focus()
    return screen.shown[at].key


@pilot_test
async def test_f4_lists_findings_across_agencies_and_filters_them(data: Path) -> None:
    app = RainganApp(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(pilot, app)
        assert {f.agency for f in screen.shown} >= {A, B}
        kinds = {f.kind for f in screen.shown}
        assert {"shared_with_agency", "results_unchanged", "period_outside_plan",
                "planned_not_reported", "reported_not_planned", "topic_missing"} <= kinds
        screen.query_one("#finding-kind", Select).value = "shared_with_agency"
        await settle(pilot, app)
        assert {f.kind for f in screen.shown} == {"shared_with_agency"}
        assert screen.query_one("#finding-table", DataTable).row_count == len(screen.shown) == 2
        screen.query_one("#finding-province", Select).value = "ราชบุรี"
        await settle(pilot, app)
        assert [(f.agency, f.kind) for f in screen.shown] == [(B, "shared_with_agency")]
        screen.query_one("#finding-province", Select).clear()
        screen.query_one("#finding-kind", Select).clear()
        screen.query_one("#finding-agency", Select).value = A
        screen.query_one("#finding-years", Input).value = "2567"
        await settle(pilot, app)
        assert screen.shown and {(f.agency, f.year) for f in screen.shown} == {(A, 2567)}
        status = str(screen.query_one("#findings-status").render())
        assert f"{len(screen.shown)} finding" in status


@pilot_test
async def test_enter_opens_the_report_at_the_findings_measure(data: Path) -> None:
    app = RainganApp(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(pilot, app)
        select_row(screen, lambda f: f.kind == "period_outside_plan")
        finding = screen.current()
        await pilot.press("enter")
        await settle(pilot, app)
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert report.stored.report_id == finding.report_id
        cards = list(report.query(MeasureCard))
        assert cards[report.current].measure.number == finding.measure == 4
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is screen


@pilot_test
async def test_a_review_is_stored_with_its_note_and_user_and_shown(data: Path) -> None:
    app = RainganApp(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(pilot, app)
        key = select_row(screen, lambda f: f.kind == "shared_with_agency" and f.agency == B)
        await pilot.press("c")
        await settle(pilot, app)
        assert isinstance(app.screen, ReviewDialog)
        await pilot.press(*"copied")
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen is screen
        assert screen.current().key == key and screen.current().state == "confirmed"
        assert "confirmed by" in screen.query_one("#finding-detail").text.plain
        # Escape in the dialog stores nothing.
        await pilot.press("d")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert screen.current().state == "confirmed"
        screen.query_one("#finding-state", Select).value = "confirmed"
        await settle(pilot, app)
        assert [f.key for f in screen.shown] == [key]
    with Store(data) as store:
        (saved,) = reviews.history(store)
    assert (saved.finding, saved.state, saved.note) == (key, "confirmed", "copied")
    assert saved.user == reviews.current_user() and saved.at


@pilot_test
async def test_follow_up_then_clear_and_the_state_outlives_the_session(data: Path) -> None:
    app = RainganApp(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(pilot, app)
        key = select_row(screen, lambda f: f.kind == "results_unchanged")
        await pilot.press("f")
        await settle(pilot, app)
        await pilot.press("enter")  # an empty note is fine
        await settle(pilot, app)
        assert screen.current().state == "follow_up"
    app = RainganApp(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(pilot, app)
        select_row(screen, lambda f: f.key == key)
        assert screen.current().state == "follow_up"
        await pilot.press("u")
        await settle(pilot, app)
        assert screen.current().state == "unreviewed"
    with Store(data) as store:
        assert [r.state for r in reviews.history(store, key)] == ["follow_up", "unreviewed"]


@pilot_test
async def test_the_report_shows_cross_report_findings_their_review_and_templates(data: Path) -> None:
    app = RainganApp(data)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_findings(pilot, app)
        select_row(screen, lambda f: f.kind == "shared_with_agency" and f.agency == A)
        await pilot.press("f")
        await settle(pilot, app)
        await pilot.press(*"ask", "enter")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        report = app.screen
        assert isinstance(report, ReportScreen)
        text = "\n".join(w.text.plain for w in report.query(".findings"))
        assert "shares its text with เทศบาลตำบลบ้านลาด 2568 measure 2" in text
        assert "[needs follow-up]" in text
        assert "results of measure 3: 2567's text with only the years and dates changed" in text
        assert "≡ template text: 3 agencies share it" in text  # the gift measure
