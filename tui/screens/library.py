"""The library screen: what is ingested, as a matrix of agencies × fiscal years, and what failed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from index.model import StoredReport
from tui.screens.report import finding_summary
from tui.widgets.thaitext import ThaiText


def version_counts(reports: Iterable[StoredReport]) -> Counter[tuple[str, int | None]]:
    """How many stored versions each (agency, fiscal year) has, current or not."""
    return Counter(
        (s.report.organization.name, s.report.fiscal_year.be if s.report.fiscal_year else None)
        for s in reports
    )


def cell_mark(versions: int) -> Text:
    """✓ for one version, ✓n for several, · for none."""
    if versions == 0:
        return Text("·", style="dim")
    return Text("✓" if versions == 1 else f"✓{versions}", style="bold green")


class LibraryScreen(Screen):
    """Agencies × fiscal years, with failed files and low-quality pages below."""

    # F5 (the app's Refresh) reads the store again too, so "r" stays out of the footer.
    BINDINGS = [
        Binding("r", "reload", "Reload", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Label("", id="library-title")
        with VerticalScroll(id="library-body"):
            yield DataTable(id="matrix", cursor_type="row", zebra_stripes=True)
            yield Label("", id="failures-title", classes="section")
            yield ThaiText("", id="failures")
            yield Label("", id="quality-title", classes="section")
            yield ThaiText("", id="low-quality")
            yield Label("", id="findings-title", classes="section")
            yield ThaiText("", id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self._stamp != self.app.data_stamp:
            self.action_reload()

    def data_changed(self) -> None:
        """Another process has changed the store: read it again."""
        self.action_reload()

    def action_reload(self) -> None:
        """Read the store again and redraw."""
        self._stamp = self.app.data_stamp
        store = self.app.store
        agencies = store.agencies()
        counts = version_counts(store.iter_reports(current_only=False))
        years = sorted({y for a in agencies for y in a.years})
        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        table.add_column("agency", key="agency")
        table.add_column("province", key="province")
        for y in years:
            table.add_column(str(y), key=str(y))
        for a in agencies:
            table.add_row(
                a.name,
                a.province or "",
                *(cell_mark(counts[(a.name, y)]) for y in years),
                key=a.name,
            )
        failures = store.failures()
        low = store.low_quality_pages()
        self.query_one("#library-title", Label).update(
            Text(
                f"{len(agencies)} agencies · {sum(len(a.years) for a in agencies)} reports"
                f" · {len(failures)} failed · {len(low)} low-quality pages",
                style="bold",
            )
        )
        self.query_one("#failures-title", Label).update(f"Failed files ({len(failures)})")
        self.query_one("#failures", ThaiText).update(
            Text("\n".join(f"✗ {f.path}: {f.error}" for f in failures) or "none", style="red")
        )
        flagged = [
            (s, finding_summary(s))
            for s in sorted(
                store.iter_reports(),
                key=lambda s: (s.report.organization.name, s.report.fiscal_year.be
                               if s.report.fiscal_year else 0),
            )
        ]
        flagged = [(s, line) for s, line in flagged if line]
        self.query_one("#findings-title", Label).update(
            f"Reports with findings ({len(flagged)}) · open one from a search to see them"
        )
        self.query_one("#findings", ThaiText).update(
            Text(
                "\n".join(
                    f"⚑ {s.report.organization.name} "
                    f"{s.report.fiscal_year.be if s.report.fiscal_year else '?'}: {line}"
                    for s, line in flagged
                )
                or "none",
                style="magenta",
            )
        )
        self.query_one("#quality-title", Label).update(f"Low-quality pages ({len(low)})")
        self.query_one("#low-quality", ThaiText).update(
            "\n".join(f"{path} p.{page}: {q:.0%}" for _, path, page, q in low) or "none"
        )

    @on(DataTable.RowSelected, "#matrix")
    def open_agency(self, event: DataTable.RowSelected) -> None:
        """Enter on an agency compares its years."""
        self.app.open_compare(str(event.row_key.value))
