"""The search screen: type Thai words, see every measure that mentions them.

Searching runs on a thread worker after a short pause in typing, so the input never waits for
the index. Results list agency, year, measure and column; the preview shows the whole measure
with the hits highlighted; Enter opens the report at that measure. The preview is built only
after the results have been painted (it costs as much as the table: a report load, highlight
matching and Thai wrapping), and only for the row the cursor ends on.
"""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Label, Select
from textual.worker import get_current_worker

from index.model import Hit
from ingest.model import COLUMNS
from tui.widgets.difftext import first_line, marked_text
from tui.widgets.labels import SHORT_COLUMN, around_first_mark, short_agency
from tui.widgets.measure import MeasureCard
from tui.years import year_range

DEBOUNCE = 0.15  # seconds of quiet typing before a search runs (after the first key)
LIMIT = 100  # hits listed; more are rarely read and cost time to lay out
def result_row(hit: Hit, start: str, end: str) -> tuple[Text, ...]:
    """A hit as the results table's cells. Text, not str: DataTable would read a str as
    markup (slower, and an agency name with "[" in it would be mangled)."""
    snippet = first_line(around_first_mark(hit.snippet.replace("\n", " "), start), 120)
    cells = (
        Text(short_agency(hit.organization)),
        Text(str(hit.fiscal_year or "?")),
        Text(str(hit.measure_number)),
        Text(SHORT_COLUMN.get(hit.column, hit.column)),
        marked_text(snippet, start, end),
    )
    for cell in cells:  # as DataTable formats a one-line row's str cell
        cell.no_wrap, cell.end = True, ""
    return cells


class SearchScreen(Screen):
    """Full-text search over every current report's measures."""

    BINDINGS = [
        Binding("slash", "focus_query", "Search", key_display="/"),
        Binding("ctrl+f", "focus_filters", "Filters"),
        Binding("ctrl+r", "clear", "Clear"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._timer: Timer | None = None
        self._last_change = float("-inf")
        self._hits: list[Hit] = []
        self._query = ""
        self._ready = False
        self._pending: dict | None = None
        self._preview_row: int | None = None  # the row to preview once the screen has painted
        self._preview_queued = False
        self._previewed: tuple | None = None  # (report, measure, query) in the preview pane
        self._stamp = self.app.data_stamp  # the app's data stamp these results were read at
        self._keep: tuple[int, int] | None = None  # (report, measure) to keep the cursor on

    def compose(self) -> ComposeResult:
        yield Input(placeholder="ค้นหา… type Thai words", id="query", compact=True)
        with Horizontal(id="filters"):
            yield Input(placeholder="ปี 2566-2568", id="years", compact=True)
            self._choices_shown = self._choices()
            agencies, provinces = self._choices_shown
            yield Select(agencies, prompt="agency", id="agency", compact=True)
            yield Select(provinces, prompt="province", id="province", compact=True)
            yield Select(
                [(title, key) for key, title in COLUMNS], prompt="column", id="column", compact=True
            )
        yield Label("type to search", id="status")
        with Horizontal(id="panes"):
            yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
            yield VerticalScroll(id="preview")
        yield Footer()

    def _choices(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(agency, province) filter options from the store."""
        agencies = self.app.store.agencies()
        provinces = sorted({a.province for a in agencies if a.province})
        # Short labels ("อบต.บางครก"): a full name is cut mid-syllable in a narrow box.
        return [(short_agency(a.name), a.name) for a in agencies], [(p, p) for p in provinces]

    def on_mount(self) -> None:
        table = self.query_one("#results", DataTable)
        table.add_column("agency", key="agency")
        table.add_column("year", key="year")
        table.add_column("#", key="number")
        table.add_column("column", key="column")
        table.add_column("snippet", key="snippet")
        self.query_one("#query", Input).focus()
        self._ready = True
        if self._pending is not None:
            self.set_filter(**self._pending)

    def on_screen_resume(self) -> None:
        if self._ready and self._stamp != self.app.data_stamp:
            self.data_changed()

    def data_changed(self) -> None:
        """Another process has changed the index or store: new agencies in the filters, and
        the current search run again, the cursor staying on the hit it was on."""
        self._stamp = self.app.data_stamp
        choices = self._choices()
        if choices != self._choices_shown:
            self._choices_shown = choices
            for selector, options in zip(("#agency", "#province"), choices, strict=True):
                select = self.query_one(selector, Select)
                value = select.value
                with self.prevent(Select.Changed):
                    select.set_options(options)
                    if any(v == value for _, v in options):
                        select.value = value
        table = self.query_one("#results", DataTable)
        row = table.cursor_row
        if self._hits and 0 <= row < len(self._hits):
            self._keep = (self._hits[row].report_id, self._hits[row].measure_number)
        if self.query_one("#query", Input).value.strip():
            self.start_search()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 140, "-wide")

    # -- searching ---------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def schedule_search(self) -> None:
        """Search at once on the first change after a pause (a key, a paste, a filter);
        while changes keep coming, search once they pause for DEBOUNCE.

        Leading and trailing edge: an auditor who types one word and stops sees results
        as soon as the index answers, and a burst of keys costs one search, not one each.
        """
        now = monotonic()
        idle = self._timer is None and now - self._last_change >= DEBOUNCE
        self._last_change = now
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if idle:
            self.start_search()
        else:
            self._timer = self.set_timer(DEBOUNCE, self.start_search)

    def filters(self) -> dict:
        """The current filter values as FullTextIndex.search keyword arguments."""

        def value(selector: str) -> str | None:
            select = self.query_one(selector, Select)
            return None if select.is_blank() else str(select.value)

        return {
            "years": year_range(self.query_one("#years", Input).value),
            "org": value("#agency"),
            "province": value("#province"),
            "column": value("#column"),
        }

    def start_search(self) -> None:
        """Search now for the current query and filters (on a worker)."""
        self._timer = None
        query = self.query_one("#query", Input).value.strip()
        if not query:
            self.show_results("", [], None)
            return
        self.run_search(query, self.filters())

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, filters: dict) -> None:
        try:
            hits = self.app.fulltext.search(query, limit=LIMIT, **filters)
            error = None
        except ValueError as e:  # index.search.QueryError: a query the parser cannot read
            hits, error = [], str(e)
        except Exception as e:  # noqa: BLE001 - a broken index must not take the UI down
            hits, error = [], f"search failed ({type(e).__name__}: {e}); try `raingan reindex`"
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, query, hits, error)

    def show_results(self, query: str, hits: list[Hit], error: str | None) -> None:
        """Fill the results table, then (after it is painted) preview the first hit, or the
        hit the cursor was kept on when data_changed searched again."""
        self._query, self._hits = query, hits
        keys = [(h.report_id, h.measure_number) for h in hits]
        keep = keys.index(self._keep) if self._keep in keys else None
        self._keep = None
        table = self.query_one("#results", DataTable)
        table.clear()
        # Only the rows that fit go in before the first paint: DataTable measures every new
        # cell before it paints, and the other rows cannot be seen until the cursor moves.
        first = max(1, table.size.height, (keep or 0) + 1)
        table.add_rows(result_row(h, *self.app.marks) for h in hits[:first])
        if keep:
            table.move_cursor(row=keep, animate=False)
        status = self.query_one("#status", Label)
        if error:
            status.update(Text(f"query error: {error}", style="red"))
        elif not query:
            status.update("type to search")
        else:
            status.update(f"{len(hits)} hit{'s' if len(hits) != 1 else ''} for {query}")
        self.preview((keep or 0) if hits else None)
        if len(hits) > first:
            self.call_after_refresh(self._add_rows, hits, first)

    def _add_rows(self, hits: list[Hit], start: int) -> None:
        """The rest of the results, unless a newer search has replaced them meanwhile."""
        if hits is self._hits:
            table = self.query_one("#results", DataTable)
            table.add_rows(result_row(h, *self.app.marks) for h in hits[start:])

    @on(DataTable.RowHighlighted, "#results")
    def on_highlight(self, event: DataTable.RowHighlighted) -> None:
        self.preview(event.cursor_row)

    def preview(self, index: int | None) -> None:
        """Show the whole measure of hit `index` with every match highlighted, once the
        screen has painted; of several requests before then only the last is built."""
        self._preview_row = index
        if not self._preview_queued:
            self._preview_queued = True
            self.call_after_refresh(self._show_preview)

    def _show_preview(self) -> None:
        self._preview_queued = False
        index = self._preview_row
        hit = self._hits[index] if index is not None and index < len(self._hits) else None
        key = (hit.report_id, hit.measure_number, self._query) if hit else None
        if key == self._previewed:
            return
        self._previewed = key
        self.call_after_refresh(self.app.collect_garbage)
        pane = self.query_one("#preview", VerticalScroll)
        measure = self.app.measure_of(hit.report_id, hit.measure_number) if hit else None
        if measure is None:
            pane.remove_children()
            return
        highlights = self.app.highlights(measure, self._query)
        cards = pane.query(MeasureCard)
        if cards:
            cards.first().show(measure, highlights)
        else:
            pane.mount(MeasureCard(measure, highlights))
        pane.scroll_home(animate=False)

    @on(DataTable.RowSelected, "#results")
    def open_report(self, event: DataTable.RowSelected) -> None:
        hit = self._hits[event.cursor_row]
        self.app.open_report(hit.report_id, hit.measure_number, self._query)

    @on(Input.Submitted, "#query")
    def go_to_results(self) -> None:
        """Enter in the query moves to the results (searching first if typing just stopped)."""
        if self._timer is not None:
            self._timer.stop()
            self.start_search()
        self.query_one("#results", DataTable).focus()

    # -- actions -------------------------------------------------------------------------------

    def highlighted_agency(self) -> str | None:
        """The agency of the hit under the results cursor, if any."""
        row = self.query_one("#results", DataTable).cursor_row
        return self._hits[row].organization if self._hits and 0 <= row < len(self._hits) else None

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#years", Input).focus()

    def action_clear(self) -> None:
        self.query_one("#query", Input).value = ""

    def set_filter(self, *, agency: str | None = None, years: str | None = None) -> None:
        """Set the agency or year filter (from the command palette) and search again."""
        if not self._ready:
            self._pending = {"agency": agency, "years": years}
            return
        self._pending = None
        if agency is not None:
            self.query_one("#agency", Select).value = agency
        if years is not None:
            self.query_one("#years", Input).value = years
        self.query_one("#query", Input).focus()
