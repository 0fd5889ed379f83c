"""The library screen: what is ingested, and a way into each of it.

Agencies × fiscal years (reports and plans), the other documents, the reports with findings,
pages read by OCR, low-quality pages and failed files. Enter on a year opens that report, on
an agency compares its years, on a document or a flagged report opens it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from index.model import StoredReport
from index.storequeries import DocumentRow
from index.wording import plural
from ingest.model import LOW_OCR_CONFIDENCE
from tui.screens.report import finding_summary
from tui.widgets.labels import short_agency
from tui.widgets.thaitext import ThaiText

KIND_MARK = {"report": "✓", "plan": "P"}


def version_counts(reports: Iterable[StoredReport]) -> Counter[tuple[str, int | None, str]]:
    """How many stored versions each (agency, fiscal year, kind) has, current or not."""
    return Counter(
        (
            s.report.organization.name,
            s.report.fiscal_year.be if s.report.fiscal_year else None,
            s.report.document_kind,
        )
        for s in reports
    )


def cell_mark(versions: int, plans: int = 0) -> Text:
    """✓ for a report (✓n for n versions), P for a plan (Pn), both side by side; · for none."""
    parts = [
        mark if n == 1 else f"{mark}{n}"
        for mark, n in ((KIND_MARK["report"], versions), (KIND_MARK["plan"], plans))
        if n
    ]
    if not parts:
        return Text("·", style="dim")
    return Text(" ".join(parts), style="bold green")


def first_flagged_measure(stored: StoredReport) -> int | None:
    """The first measure a finding is about, to open the report there."""
    numbers = [f.measure for f in stored.report.findings if f.measure is not None]
    return min(numbers) if numbers else None


class LibraryScreen(Screen):
    """What is stored; every row opens what it names."""

    # F5 (the app's Refresh) reads the store again too, so "r" stays out of the footer.
    BINDINGS = [
        Binding("r", "reload", "Reload", show=False),
        Binding("enter", "open", "Open", show=True),
        Binding("i", "ingest", "Ingest folder"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("", id="library-title")
        with VerticalScroll(id="library-body"):
            yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True)
            yield Label("", id="documents-title", classes="section")
            yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
            yield Label("", id="findings-title", classes="section")
            yield DataTable(id="flagged", cursor_type="row", zebra_stripes=True)
            yield Label("", id="ocr-title", classes="section")
            yield ThaiText("", id="ocr-pages")
            yield Label("", id="quality-title", classes="section")
            yield ThaiText("", id="low-quality")
            yield Label("", id="failures-title", classes="section")
            yield ThaiText("", id="failures")
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
        documents = store.current_documents()
        self._fill_matrix(store, documents)
        others = [d for d in documents if d.kind == "other" or not d.agency or d.year is None]
        self._fill_documents(others)
        flagged = self._fill_flagged(store)
        failures = store.failures()
        low = store.low_quality_pages()
        ocr = store.ocr_pages()
        doubtful = [p for p in ocr if p[3] is not None and p[3] < LOW_OCR_CONFIDENCE]
        kinds = Counter(d.kind for d in documents)
        agencies = {d.agency for d in documents if d.agency}
        self.query_one("#library-title", Label).update(
            Text(
                f"{plural(len(agencies), 'agency')} · {plural(kinds['report'], 'report')} · "
                f"{plural(kinds['plan'], 'plan')} · {plural(len(others), 'other document')} · "
                f"{len(failures)} failed · {plural(len(ocr), 'OCR page')} · "
                f"{plural(len(low), 'low-quality page')}",
                style="bold",
            )
        )
        self.query_one("#findings-title", Label).update(
            f"Reports with findings ({flagged}) · Enter opens the report at its first finding"
        )
        self.query_one("#ocr-title", Label).update(
            f"Pages read by OCR ({len(ocr)}, {len(doubtful)} with low confidence)"
        )
        self.query_one("#ocr-pages", ThaiText).update(
            "\n".join(
                f"{'⚠ ' if (c is not None and c < LOW_OCR_CONFIDENCE) else ''}{path} p.{page}: "
                f"OCR confidence {c:.0%}" if c is not None else f"{path} p.{page}: OCR"
                for _, path, page, c in ocr
            )
            or "none"
        )
        self.query_one("#quality-title", Label).update(f"Low-quality pages ({len(low)})")
        self.query_one("#low-quality", ThaiText).update(
            "\n".join(f"{path} p.{page}: {q:.0%}" for _, path, page, q in low) or "none"
        )
        self.query_one("#failures-title", Label).update(f"Failed files ({len(failures)})")
        self.query_one("#failures", ThaiText).update(
            Text("\n".join(f"✗ {f.path}: {f.error}" for f in failures) or "none", style="red")
        )

    def _fill_matrix(self, store, documents: list[DocumentRow]) -> None:  # noqa: ANN001
        counts = version_counts(store.iter_reports(current_only=False))
        listed = [d for d in documents if d.agency and d.year is not None and d.kind != "other"]
        # (agency, year) -> the current report's id, else the current plan's.
        self._opens: dict[tuple[str, int], int] = {}
        for d in sorted(listed, key=lambda d: d.kind != "report", reverse=True):
            self._opens[(d.agency, d.year)] = d.report_id  # type: ignore[index]
        agencies = sorted({d.agency for d in listed})
        provinces = {a.name: a.province for a in store.agencies()}
        self._years = sorted({d.year for d in listed if d.year is not None})
        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        table.add_column("agency", key="agency")
        table.add_column("province", key="province")
        for y in self._years:
            table.add_column(str(y), key=str(y))
        for name in agencies:
            table.add_row(
                name,
                provinces.get(name) or "",
                *(
                    cell_mark(counts[(name, y, "report")], counts[(name, y, "plan")])
                    for y in self._years
                ),
                key=name,
            )

    def _fill_documents(self, others: list[DocumentRow]) -> None:
        self.query_one("#documents-title", Label).update(
            f"Other documents ({len(others)}) · no agency or year read, or not an ITA report"
        )
        table = self.query_one("#documents", DataTable)
        table.clear(columns=True)
        for name in ("kind", "agency", "year", "document"):
            table.add_column(name, key=name)
        for d in others:
            table.add_row(
                d.kind, short_agency(d.agency) if d.agency else "?", str(d.year or "?"), d.label,
                key=str(d.report_id),
            )
        table.display = bool(others)  # an empty table would show only its header

    def _fill_flagged(self, store) -> int:  # noqa: ANN001
        table = self.query_one("#flagged", DataTable)
        table.clear(columns=True)
        for name in ("agency", "year", "findings"):
            table.add_column(name, key=name)
        self._flagged_at: dict[str, int | None] = {}
        count = 0
        for s in store.iter_reports():
            line = finding_summary(s)
            if not line:
                continue
            r = s.report
            table.add_row(
                r.organization.name, str(r.fiscal_year.be if r.fiscal_year else "?"), line,
                key=str(s.report_id),
            )
            self._flagged_at[str(s.report_id)] = first_flagged_measure(s)
            count += 1
        table.display = bool(count)
        return count

    def action_ingest(self) -> None:
        """Ingest a folder from here (tui/screens/ingest.py)."""
        from tui.screens.ingest import IngestScreen

        self.app.push_screen(IngestScreen(str(Path.cwd())))

    def action_open(self) -> None:
        """Enter on whichever table has the focus."""
        focused = self.focused
        if not isinstance(focused, DataTable) or not focused.row_count:
            return
        if focused.id == "matrix":
            self._open_matrix_cell(focused)
            return
        key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
        if key is None:
            return
        if focused.id == "flagged":
            self.app.open_report(int(key), self._flagged_at.get(key))
        elif focused.id == "documents":
            self.app.open_report(int(key))

    def _open_matrix_cell(self, table: DataTable) -> None:
        cell = table.coordinate_to_cell_key(table.cursor_coordinate)
        agency, column = str(cell.row_key.value), str(cell.column_key.value)
        if column in ("agency", "province"):
            self.app.open_compare(agency)
            return
        report_id = self._opens.get((agency, int(column)))
        if report_id is None:
            self.app.notify(f"{short_agency(agency)} has no report for {column}")
            return
        self.app.open_report(report_id)

    @on(DataTable.CellSelected, "#matrix")
    @on(DataTable.RowSelected, "#documents, #flagged")
    def _selected(self, event: DataTable.CellSelected | DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
