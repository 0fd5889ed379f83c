"""The raingan TUI: search, read, compare and survey ingested reports from the keyboard."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding

from index.model import StoredReport
from ingest.model import COLUMN_KEYS, Measure
from tui.screens.compare import CompareScreen
from tui.screens.findings import FindingsScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.palette import JumpProvider
from tui.screens.report import ReportScreen
from tui.screens.search import SearchScreen

# Seconds between looks for another process's commits (an ingest): a directory listing and
# one SQLite pragma, so cheap enough to run all the time.
WATCH_EVERY = 1.0


class RainganApp(App):
    """Five screens: search (default), report (pushed), compare, library and findings.

    Another process may ingest while the app runs. The app looks every WATCH_EVERY seconds
    whether the index or the store has changed and, if so, tells the screen on show (and
    each other one when it is next shown) to read again: new reports appear by themselves.
    F5 does the same at once, after bringing the index up to date with the store when no
    ingest is running (one that is running brings it up to date when it ends).
    """

    TITLE = "raingan"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {JumpProvider}
    MODES = {
        "search": SearchScreen,
        "compare": CompareScreen,
        "library": LibraryScreen,
        "findings": FindingsScreen,
    }
    DEFAULT_MODE = "search"
    BINDINGS = [
        Binding("f1", "app.switch_mode('search')", "Search"),
        Binding("f2", "compare_mode", "Compare"),
        Binding("f3", "library", "Library"),
        Binding("f4", "app.switch_mode('findings')", "Findings"),
        Binding("f5", "refresh", "Refresh"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self._store = None
        self._fulltext = None
        self._fulltext_lock = threading.Lock()
        self._reports: dict[int, StoredReport] = {}
        # (index generation, store data version) last seen; changes as others commit.
        self.data_stamp: tuple | None = None

    # -- data --------------------------------------------------------------------------------

    @property
    def store(self):
        """The Store (opened on first use; SQLite, so used from the UI thread only)."""
        if self._store is None:
            from index.store import Store

            self._store = Store(self.data_dir)
        return self._store

    @property
    def fulltext(self):
        """The FullTextIndex at DATA/index (searched and synced from worker threads)."""
        with self._fulltext_lock:  # two workers at start-up must not open two
            if self._fulltext is None:
                from index.fulltext import FullTextIndex

                self._fulltext = FullTextIndex(self.data_dir / "index")
            return self._fulltext

    @property
    def marks(self) -> tuple[str, str]:
        """The markers around hits in Hit.snippet."""
        from index.search import MARK_END, MARK_START

        return MARK_START, MARK_END

    def stored_report(self, report_id: int) -> StoredReport:
        """A stored report by id, cached for the session."""
        if report_id not in self._reports:
            self._reports[report_id] = self.store.get_report(report_id)
        return self._reports[report_id]

    def stored_changed(self) -> None:
        """Something was ingested from this app: forget cached reports, redraw the library."""
        self._reports.clear()
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.action_reload()

    def measure_of(self, report_id: int, number: int) -> Measure | None:
        for m in self.stored_report(report_id).report.measures:
            if m.number == number:
                return m
        return None

    def page_preview(self, hit, query: str):  # noqa: ANN001, ANN201 - a Hit; a rich Text
        """The page a hit in a document with no measure table came from, hits highlighted."""
        from index.search import measure_matches
        from tui.widgets.difftext import spans_text

        report = self.stored_report(hit.report_id).report
        page = next((p for p in report.pages if p.number in hit.pages), None)
        text = page.text if page else ""
        head = Text(f"{report.title or report.source.path} · page {hit.pages[0]}\n\n",
                    style="bold")
        return head + spans_text(text, measure_matches(text, query) if query.strip() else [])

    def highlights(self, measure: Measure, query: str) -> dict[str, list[tuple[int, int]]]:
        """Spans of each cell of `measure` that match `query`, for highlighting."""
        if not query.strip():
            return {}
        from index.search import measure_matches

        try:
            return {k: measure_matches(measure.cells.get(k), query) for k in COLUMN_KEYS}
        except ValueError:  # a query the parser rejects highlights nothing
            return {}

    def collect_garbage(self) -> None:
        """Run the cyclic garbage collector's full pass now if one is half due.

        Called when a screen has painted what the user asked for and they are reading it.
        Textual's caches are rings of lists, so each cleared widget cache (a refilled
        DataTable drops thousands of rendered strips) is cyclic garbage that only a full
        pass frees; left to itself that pass (50-130 ms at 10k measures) lands in the middle
        of a later search's paint. The third count is the number of young-generation passes
        since the last full one; the automatic full pass waits for it to exceed the third
        threshold, so collecting at half that keeps the automatic one out of typing.
        """
        if gc.get_count()[2] >= max(1, gc.get_threshold()[2] // 2):
            gc.collect()

    # -- other processes ----------------------------------------------------------------------

    def on_mount(self) -> None:
        # A moment after start-up, on a worker: opening the index imports the Thai tokenizer
        # (a quarter of a second of CPU), which must not hold up the first paint.
        self.set_timer(WATCH_EVERY, lambda: self.sync_index(watch=True))

    def _start_watching(self) -> None:
        self.data_stamp = self._stamp()
        self.set_interval(WATCH_EVERY, self.watch_data)

    def _stamp(self) -> tuple:
        try:
            generation = self.fulltext.generation()
        except OSError:  # the index being made anew by `raingan reindex`: look again later
            return self.data_stamp or ()
        return generation, self.store.data_version()

    def watch_data(self) -> None:
        """If another process has committed since last time, have the screens read again."""
        stamp = self._stamp()
        if stamp != self.data_stamp:
            self.data_stamp = stamp
            self._tell_screen()

    def _tell_screen(self) -> None:
        data_changed = getattr(self.screen, "data_changed", None)
        if data_changed is not None:
            data_changed()

    @work(thread=True, group="sync")
    def sync_index(self, then_refresh: bool = False, watch: bool = False) -> None:
        """Bring the index up to date with the store unless an ingest is running (an index
        left behind by an interrupted ingest, or rebuilt after an upgrade); the watch then
        sees the new generation. Afterwards, with then_refresh the screen reads again, and
        with watch (at start-up) the watch begins."""
        from index.ingestion import sync_unless_ingesting

        try:
            sync_unless_ingesting(self.data_dir, self.fulltext)
        except Exception as e:  # noqa: BLE001 - the app works on what the index holds
            self.call_from_thread(self.notify, f"index not updated: {e}", severity="warning")
        if watch:
            self.call_from_thread(self._start_watching)
        if then_refresh:
            self.call_from_thread(self._refreshed)

    def _refreshed(self) -> None:
        self.data_stamp = self._stamp()
        self._tell_screen()

    def action_refresh(self) -> None:
        """F5: the index brought up to date (unless an ingest runs), then read again."""
        self.sync_index(then_refresh=True)

    # -- navigation --------------------------------------------------------------------------

    def open_report(self, report_id: int, measure: int | None = None, query: str = "") -> None:
        """Push the report screen at `measure`, highlighting `query`, with every finding about
        the report (across reports too) and its template measures marked."""
        from index import audit

        stored = self.stored_report(report_id)
        findings = audit.findings_for(self.store, stored)
        templates = audit.template_measures(self.store, report_id)
        self.push_screen(ReportScreen(stored, measure, query, findings, templates))

    def open_compare(self, agency: str, years: str | None = None) -> None:
        """Show the compare screen for `agency` (all its years unless `years`)."""
        self.switch_mode("compare")
        screen = self.screen
        if isinstance(screen, CompareScreen):
            screen.load(agency, years)

    def open_search(self, *, agency: str | None = None, years: str | None = None) -> None:
        """Show the search screen with an agency or year filter set."""
        self.switch_mode("search")
        screen = self.screen
        if isinstance(screen, SearchScreen):
            screen.set_filter(agency=agency, years=years)

    def action_compare_mode(self) -> None:
        """The compare screen; from a search hit, for that hit's agency."""
        agency = self.screen.highlighted_agency() if isinstance(self.screen, SearchScreen) else None
        if agency:
            self.open_compare(agency)
        else:
            self.switch_mode("compare")

    def action_library(self) -> None:
        self.switch_mode("library")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
