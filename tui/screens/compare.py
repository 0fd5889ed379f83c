"""The compare screen: one agency's fiscal years side by side.

On top, a summary per pair of consecutive years (unchanged / edited / added / dropped, and the
share of text carried over verbatim); below, the aligned measures of the chosen pair, each
changed cell as a word diff. n / p jump between differences; [ / ] switch the pair of years.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select
from textual.worker import get_current_worker

from index.compare import Comparison, compare_reports
from tui.widgets.difftext import summary_text
from tui.widgets.labels import short_agency
from tui.widgets.pair import PairView
from tui.years import year_range


def summary_block(comparison: Comparison, selected: int) -> Text:
    """One summary line per pair of years, the selected pair marked with ▶."""
    t = Text()
    for i, step in enumerate(comparison.steps):
        if i:
            t.append("\n")
        t.append("▶ " if i == selected else "  ", style="bold")
        t.append_text(summary_text(step.summary, step.years))
    return t


class CompareScreen(Screen):
    """Choose an agency and years; read what changed between consecutive years."""

    BINDINGS = [
        Binding("n", "jump(1)", "Next diff"),
        Binding("p", "jump(-1)", "Prev diff"),
        Binding("right_square_bracket", "step(1)", "Next years", key_display="]"),
        Binding("left_square_bracket", "step(-1)", "Prev years", key_display="["),
        Binding("f", "toggle_full", "Full text"),
        Binding("u", "toggle_unchanged", "Hide same"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.comparison: Comparison | None = None
        self.step_index = 0
        self.current = -1  # index among the changed pairs that n / p last moved to
        self.full = False
        self.hide_unchanged = False
        self._ready = False
        self._pending: tuple[str, str | None] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-controls"):
            yield Select(self.agency_options(), prompt="agency", id="compare-agency", compact=True)
            yield Input(placeholder="ปี 2566-2568", id="compare-years", compact=True)
        yield Label("choose an agency", id="compare-summary")
        yield VerticalScroll(id="pairs")
        yield Footer()

    def agency_options(self) -> list[tuple[str, str]]:
        """The agencies that have at least two fiscal years, as Select options."""
        agencies = self.app.store.agencies()
        return [(short_agency(a.name), a.name) for a in agencies if len(a.years) >= 2]

    def on_mount(self) -> None:
        self._ready = True
        if self._pending is not None:
            self.load(*self._pending)

    def load(self, agency: str, years: str | None = None) -> None:
        """Compare `agency` over `years` ("2566-2568"; blank for all its years).

        Called before the screen is mounted (a fresh mode), it waits for the mount."""
        if not self._ready:
            self._pending = (agency, years)
            return
        self._pending = None
        if years is not None:
            self.query_one("#compare-years", Input).value = years
        select = self.query_one("#compare-agency", Select)
        if select.value != agency:
            select.value = agency  # triggers Select.Changed -> reload
        else:
            self.reload()

    @on(Select.Changed, "#compare-agency")
    @on(Input.Submitted, "#compare-years")
    def reload(self) -> None:
        select = self.query_one("#compare-agency", Select)
        if select.is_blank():
            return
        agency = select.value
        span = year_range(self.query_one("#compare-years", Input).value)
        years = list(range(span[0], span[1] + 1)) if span else None
        # A report whose fiscal year could not be read cannot take a place in the sequence.
        stored = [s for s in self.app.store.reports_for(str(agency), years) if s.report.fiscal_year]
        if len(stored) < 2:
            have = ", ".join(str(s.report.fiscal_year.be) for s in stored if s.report.fiscal_year)
            have = have or "none"
            self.show_message(f"{agency}: need two fiscal years to compare (have: {have})")
            return
        self.show_message(f"comparing {len(stored)} years…")
        self.run_compare([s.report for s in stored])

    @work(thread=True, exclusive=True, group="compare")
    def run_compare(self, reports) -> None:
        comparison = compare_reports(reports)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_comparison, comparison)

    def show_message(self, message: str) -> None:
        self.query_one("#compare-summary", Label).update(message)
        self.query_one("#pairs", VerticalScroll).remove_children()

    def show_comparison(self, comparison: Comparison) -> None:
        """Show `comparison`, its latest pair of years selected."""
        self.comparison = comparison
        self.step_index = len(comparison.steps) - 1
        self.render_step()

    def render_step(self) -> None:
        if self.comparison is None:
            return
        self.current = -1
        self.query_one("#compare-summary", Label).update(
            summary_block(self.comparison, self.step_index)
        )
        pane = self.query_one("#pairs", VerticalScroll)
        pane.remove_children()
        step = self.comparison.steps[self.step_index]
        views = [PairView(p, full=self.full) for p in step.pairs]
        for v in views:
            v.display = not (self.hide_unchanged and not v.has_class("-changed"))
        pane.mount_all(views)
        pane.scroll_home(animate=False)

    def changed_views(self) -> list[PairView]:
        return [v for v in self.query(PairView) if v.has_class("-changed")]

    def action_jump(self, direction: int) -> None:
        """Move to the next (1) or previous (-1) measure that changed."""
        views = self.changed_views()
        if not views:
            self.notify("no differences", timeout=2)
            return
        self.current = (self.current + direction) % len(views)
        for i, v in enumerate(views):
            v.set_class(i == self.current, "-current")
        target = views[self.current]
        target.focus(scroll_visible=False)
        self.query_one("#pairs", VerticalScroll).scroll_to_widget(target, animate=False, top=True)

    def action_step(self, direction: int) -> None:
        if self.comparison is None:
            return
        self.step_index = (self.step_index + direction) % len(self.comparison.steps)
        self.render_step()

    def action_toggle_full(self) -> None:
        self.full = not self.full
        self.render_step()

    def action_toggle_unchanged(self) -> None:
        self.hide_unchanged = not self.hide_unchanged
        for v in self.query(PairView):
            v.display = not (self.hide_unchanged and not v.has_class("-changed"))
