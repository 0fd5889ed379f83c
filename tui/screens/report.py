"""The report screen: one report's measure table as the document has it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label

from index.model import StoredReport
from index.reviews import STATE_LABELS
from index.wording import plural
from ingest.model import COLUMN_TITLES
from tui.widgets.measure import MeasureCard
from tui.widgets.thaitext import ThaiText

LOW_QUALITY = 0.8  # pages whose dictionary-word share is below this are flagged


def report_header(stored: StoredReport) -> Text:
    """Agency, fiscal year, source file and page count, on one or two lines."""
    r = stored.report
    org = r.organization
    where = ", ".join(x for x in (org.district, org.province) if x)
    t = Text(org.name, style="bold")
    if where:
        t.append(f" ({where})")
    year = r.fiscal_year.be if r.fiscal_year else "?"
    t.append(f"  ปีงบประมาณ {year}", style="bold")
    if r.document_kind != "report":
        t.append(f"  [{KIND_LABEL.get(r.document_kind, r.document_kind)}]", style="bold cyan")
    counts = plural(len(r.measures), "measure")
    if r.source.pages:
        counts = f"{plural(r.source.pages, 'page')} · {counts}"
    if r.ocr_pages:
        counts += f" · {plural(len(r.ocr_pages), 'page')} read by OCR"
    t.append(f"\n{r.title or r.source.path}" if not org.name else "", style="bold")
    t.append(f"\n{r.source.path} · {counts}", style="dim")
    if not stored.current:
        t.append("  (older version)", style="yellow")
    return t


def quality_warnings(stored: StoredReport, threshold: float = LOW_QUALITY) -> list[str]:
    """The report's warnings, then one line per page whose text quality is below `threshold`
    or whose OCR confidence is low."""
    lines = list(stored.report.warnings)
    for p in stored.report.pages:
        if p.low_confidence:
            lines.append(f"page {p.number}: read by OCR with low confidence ({p.confidence:.0%})")
        elif p.quality < threshold and (p.text.strip() or p.chars):
            lines.append(f"page {p.number}: text quality {p.quality:.0%} ({p.defects} defects)")
    return lines


def page_text(stored: StoredReport) -> Text:
    """A document's text page by page, for documents with no measure table."""
    out = Text()
    for p in stored.report.pages:
        source = f" · OCR {p.confidence:.0%}" if p.source == "ocr" and p.confidence else ""
        out.append(f"— page {p.number}{source} —\n", style="dim")
        out.append((p.text.strip() or "(no text)") + "\n\n")
    return out


KIND_LABEL = {"plan": "measure plan", "other": "other document"}

FINDING_LABELS = {
    "earlier_year": "earlier year",
    "later_year": "later year",
    "items_skipped": "items skipped",
    "measures_skipped": "measures skipped",
    "empty_cell": "empty cell",
    "period_unreadable": "period unreadable",
    "other_website": "other web site",
}


def finding_lines(findings: Iterable[Any], measure: int | None) -> list[str]:
    """One line per finding about `measure` (None: about the report as a whole), its review
    state after it when it has one. `findings` are ingest's Finding or index.audit's
    AuditFinding records."""
    lines = []
    for f in findings:
        if f.measure != measure:
            continue
        column = f"{COLUMN_TITLES.get(f.column or '', f.column or '')}: " if f.column else ""
        label = FINDING_LABELS.get(f.kind, f.kind.replace("_", " "))
        state = getattr(f, "review", None)
        review = f"  [{STATE_LABELS[state.state]}]" if state and STATE_LABELS[state.state] else ""
        lines.append(f"{column}{f.message}  ({label}){review}")
    return lines


def findings_text(lines: list[str]) -> Text:
    return Text("⚑ " + "\n⚑ ".join(lines), style="magenta")


def finding_summary(stored: StoredReport) -> str:
    """"3 findings: earlier year 2, items skipped 1", or "" when there are none."""
    counts = Counter(f.kind for f in stored.report.findings)
    if not counts:
        return ""
    parts = ", ".join(f"{FINDING_LABELS.get(k, k)} {n}" for k, n in sorted(counts.items()))
    return f"{plural(sum(counts.values()), 'finding')}: {parts}"


class ReportScreen(Screen):
    """Every measure of a report, scrolled to the one asked for; n / p move between measures."""

    # Auto-focus would focus (and scroll back to) the first measure after ours is shown.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "move(1)", "Next measure"),
        Binding("p", "move(-1)", "Prev measure"),
        Binding("c", "compare", "Compare years"),
    ]

    def __init__(
        self,
        stored: StoredReport,
        measure: int | None = None,
        query: str = "",
        findings: Iterable[Any] | None = None,
        templates: dict[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.stored = stored
        # Every finding about the report (index/audit.py); ingest's own when not given.
        self.findings = list(stored.report.findings if findings is None else findings)
        self.templates = templates or {}  # measure number -> agencies sharing its text
        self.start_measure = measure
        self.search_query = query
        self.current = 0

    def compose(self) -> ComposeResult:
        yield Label(report_header(self.stored), id="report-header")
        warnings = quality_warnings(self.stored)
        if warnings:
            yield ThaiText(Text("⚠ " + "\n⚠ ".join(warnings), style="yellow"), id="warnings")
        with VerticalScroll(id="measures"):
            general = finding_lines(self.findings, None)
            if general:
                yield ThaiText(findings_text(general), classes="findings")
            if not self.stored.report.measures:
                yield ThaiText(page_text(self.stored), id="page-text")
            for m in self.stored.report.measures:
                yield MeasureCard(m, self.app.highlights(m, self.search_query), id=f"m{m.number}")
                # Below the card, so that scrolling to a measure shows its title first.
                if m.number in self.templates:
                    yield ThaiText(Text(f"≡ template text: {self.templates[m.number]} agencies "
                                        "share it", style="dim"), classes="findings")
                about = finding_lines(self.findings, m.number)
                if about:
                    yield ThaiText(findings_text(about), classes="findings")
        yield Footer()

    def on_mount(self) -> None:
        cards = list(self.query(MeasureCard))
        for i, card in enumerate(cards):
            if card.measure.number == self.start_measure:
                self.current = i
        if cards:
            self.call_after_refresh(self._show, self.current)

    def _show(self, index: int) -> None:
        cards = list(self.query(MeasureCard))
        if not cards:
            return
        self.current = max(0, min(index, len(cards) - 1))
        card = cards[self.current]
        card.focus(scroll_visible=False)
        self.query_one("#measures", VerticalScroll).scroll_to_widget(card, animate=False, top=True)

    def action_move(self, step: int) -> None:
        self._show(self.current + step)

    def action_compare(self) -> None:
        self.app.open_compare(self.stored.report.organization.name)
