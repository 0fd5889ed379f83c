"""The findings screen (F4): every finding across agencies, filtered, reviewed, and a way into
the report at the measure it is about.

Filters: kind, year (a year or a range), province, agency and review state. Enter opens the
document at the finding's measure; c, d and f mark the finding confirmed, dismissed or
needs-follow-up (a dialog asks for a note), u clears the review. Each review is stored with
its time and the OS user, and the table shows the state at once.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, Select

from index.audit import KINDS, AuditFinding
from index.reviews import CONFIRMED, DISMISSED, FOLLOW_UP, STATE_LABELS, STATES, UNREVIEWED
from index.wording import plural
from ingest.model import COLUMN_TITLES
from tui.widgets.labels import short_agency
from tui.widgets.thaitext import ThaiText
from tui.years import year_range

STATE_STYLE = {CONFIRMED: "bold red", DISMISSED: "dim", FOLLOW_UP: "bold yellow", UNREVIEWED: ""}


def finding_row(f: AuditFinding) -> tuple[Text, ...]:
    """A finding as the table's cells (Text, so that "[" in a cell is never markup)."""
    number = ("plan " if f.document_kind == "plan" else "") + str(f.measure or "")
    cells = (
        Text(short_agency(f.agency)), Text(str(f.year or "?")), Text(number),
        Text(f.kind.replace("_", " ")),
        Text(STATE_LABELS[f.state], style=STATE_STYLE[f.state]), Text(f.message),
    )
    for cell in cells:
        cell.no_wrap, cell.end = True, ""
    return cells


def detail_text(f: AuditFinding) -> Text:
    """Everything about one finding: where, what it says, the text as written, its review."""
    where = f"{f.agency} {f.year or '?'}"
    if f.measure:
        where += f" · {'plan ' if f.document_kind == 'plan' else ''}measure {f.measure}"
    if f.column:
        where += f" · {COLUMN_TITLES.get(f.column, f.column)}"
    if f.pages:
        where += f" · p. {', '.join(map(str, f.pages))}"
    t = Text(where, style="bold")
    t.append(f"\n{f.message}")
    if f.text and f.text not in f.message:
        t.append(f"\n“{' '.join(f.text.split())}”", style="italic")
    if f.review:
        r = f.review
        t.append(f"\n{STATE_LABELS[r.state] or 'unreviewed'} by {r.user}, {r.at}",
                 style=STATE_STYLE[r.state])
        if r.note:
            t.append(f": {r.note}")
    return t


class ReviewDialog(ModalScreen[str | None]):
    """Asks for a note on a review; Enter saves (the note, maybe empty), Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, finding: AuditFinding, state: str) -> None:
        super().__init__()
        self.finding, self.state = finding, state

    def compose(self) -> ComposeResult:
        with Vertical(id="review-dialog"):
            yield Label(Text(f"Mark as {STATE_LABELS[self.state]}", style="bold"))
            yield ThaiText(Text(self.finding.message))
            note = self.finding.review.note if self.finding.review else ""
            yield Input(value=note, placeholder="note (Enter saves, Escape cancels)",
                        id="review-note")

    @on(Input.Submitted, "#review-note")
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FindingsScreen(Screen):
    """Findings across agencies; Enter opens the report at the finding's measure."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
        Binding("c", "review('confirmed')", "Confirm"),
        Binding("d", "review('dismissed')", "Dismiss"),
        Binding("f", "review('follow_up')", "Follow up"),
        Binding("u", "review('unreviewed')", "Clear review", show=False),
        Binding("ctrl+f", "focus_filters", "Filters"),
        Binding("r", "reload", "Reload", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: list[AuditFinding] = []
        self.shown: list[AuditFinding] = []

    def compose(self) -> ComposeResult:
        agencies = self.app.store.agencies()
        provinces = sorted({a.province for a in agencies if a.province})
        with Horizontal(id="finding-filters"):
            yield Select(((k.replace("_", " "), k) for k in KINDS), prompt="kind",
                         id="finding-kind", compact=True)
            yield Input(placeholder="ปี 2568", id="finding-years", compact=True)
            yield Select(((p, p) for p in provinces), prompt="province",
                         id="finding-province", compact=True)
            yield Select(((short_agency(a.name), a.name) for a in agencies), prompt="agency",
                         id="finding-agency", compact=True)
            yield Select(((STATE_LABELS[s] or "unreviewed", s) for s in STATES),
                         prompt="review", id="finding-state", compact=True)
        yield Label("", id="findings-status")
        yield DataTable(id="finding-table", cursor_type="row", zebra_stripes=True)
        yield ThaiText("", id="finding-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#finding-table", DataTable)
        for name in ("agency", "year", "#", "kind", "review", "finding"):
            table.add_column(name, key=name)
        self.action_reload()
        table.focus()

    def action_reload(self) -> None:
        """Read every finding from the store again (after an ingest, say)."""
        from index.audit import collect
        from index.ingestion import refresh_shared_text

        refresh_shared_text(self.app.data_dir, self.app.store)
        self.findings = collect(self.app.store)
        self.refilter()

    def _value(self, selector: str) -> str | None:
        select = self.query_one(selector, Select)
        return None if select.is_blank() else str(select.value)

    def matches(self, f: AuditFinding) -> bool:
        """Whether `f` passes the filters as they are set."""
        years = year_range(self.query_one("#finding-years", Input).value)
        kind, province = self._value("#finding-kind"), self._value("#finding-province")
        agency, state = self._value("#finding-agency"), self._value("#finding-state")
        return (
            (kind is None or f.kind == kind)
            and (years is None or (f.year is not None and years[0] <= f.year <= years[1]))
            and (province is None or f.province == province)
            and (agency is None or f.agency == agency)
            and (state is None or f.state == state)
        )

    @on(Select.Changed)
    @on(Input.Changed, "#finding-years")
    def refilter(self) -> None:
        """Show the findings that pass the filters, keeping the cursor on the same one."""
        table = self.query_one("#finding-table", DataTable)
        keep = self.current().key if self.current() else None
        self.shown = [f for f in self.findings if self.matches(f)]
        table.clear()
        for f in self.shown:
            table.add_row(*finding_row(f), key=f.key)
        at = next((i for i, f in enumerate(self.shown) if f.key == keep), 0)
        if self.shown:
            table.move_cursor(row=at)
        reviewed = sum(1 for f in self.shown if f.state != UNREVIEWED)
        self.query_one("#findings-status", Label).update(
            f"{plural(len(self.shown), 'finding')} of {len(self.findings)} · {reviewed} reviewed"
        )
        self._show_detail()

    def current(self) -> AuditFinding | None:
        table = self.query_one("#finding-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    @on(DataTable.RowHighlighted, "#finding-table")
    def _show_detail(self) -> None:
        f = self.current()
        self.query_one("#finding-detail", ThaiText).update(detail_text(f) if f else "")

    @on(DataTable.RowSelected, "#finding-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        f = self.current()
        if f is not None:
            self.app.open_report(f.report_id, f.measure)

    def action_focus_filters(self) -> None:
        self.query_one("#finding-kind", Select).focus()

    def action_review(self, state: str) -> None:
        """Mark the highlighted finding; confirm, dismiss and follow-up ask for a note."""
        f = self.current()
        if f is None:
            return
        if state == UNREVIEWED:
            self.save(f, state, "")
            return
        self.app.push_screen(ReviewDialog(f, state),
                             lambda note: note is not None and self.save(f, state, note))

    def save(self, f: AuditFinding, state: str, note: str) -> None:
        """Store the review and show it."""
        from dataclasses import replace

        from index.reviews import record

        review = record(self.app.store, f.key, state, note, kind=f.kind, agency=f.agency,
                        year=f.year, measure=f.measure, text=f.text, message=f.message)
        self.findings = [replace(x, review=review) if x.key == f.key else x
                         for x in self.findings]
        self.refilter()
        self.app.notify(f"{STATE_LABELS[state] or 'review cleared'}: {f.message}", timeout=3)
