"""The TUI driven by keys (Textual's Pilot) over a data dir built from the sample corpus."""

from __future__ import annotations

import asyncio
import functools
import gc
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len

from index.compare import DROPPED, EDITED
from ingest.model import COLUMN_KEYS, PageQuality, Report
from tests.conftest import current_reports
from tests.unit.test_compare import truth_links
from tui.app import RainganApp
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.report import ReportScreen
from tui.widgets.measure import MeasureCard
from tui.widgets.pair import PairView

SEED = "องค์การบริหารส่วนตำบลบางครก"
WORD = "จริยธรรม"
SIZE = (80, 24)


def portable(report: Report) -> Report:
    """The report with a relative source path, so screens look the same on any checkout."""
    return replace(
        report, source=replace(report.source, path=f"sample_docs/{Path(report.source.path).name}")
    )


def build_data_dir(path: Path, reports: list[Report]) -> Path:
    """A data dir holding the sample reports, a second version of one (with a poor page), a
    failed file, and the full-text index."""
    from index.fulltext import FullTextIndex
    from index.store import Store

    reports = [portable(r) for r in reports]
    with Store(path) as store:
        for r in reports:
            store.add_report(r)
        other = next(r for r in reports if r.organization.name != SEED)
        second = replace(
            other,
            source=replace(
                other.source, sha256="f" * 64, path=other.source.path.replace(".pdf", "_v2.pdf")
            ),
            pages=(PageQuality(number=2, chars=900, quality=0.42, defects=17),),
        )
        store.add_report(second)
        store.add_failure("sample_docs/bad/broken.pdf", None, 10, "not a PDF (no %PDF header)")
        with FullTextIndex(path / "index") as index:
            index.sync(store)
    return path


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory, sample_reports: list[Report]) -> Path:
    return build_data_dir(tmp_path_factory.mktemp("tui") / "data", sample_reports)


def pilot_test(fn):
    """Run an async test with asyncio.run (the suite has no async pytest plugin)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


async def settle(pilot, app: RainganApp) -> None:
    """Let timers, workers and the refresh they cause finish."""
    await pilot.pause(0.25)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_query(pilot, app: RainganApp, text: str) -> None:
    """Put `text` in the query box as typing does (Pilot.press cannot send Thai vowel marks
    such as U+0E34, so the text is inserted at the cursor instead)."""
    app.screen.query_one("#query").insert_text_at_cursor(text)
    await settle(pilot, app)


def expected_measures(reports: list[Report], word: str) -> set[tuple[str, int, int]]:
    """(agency, year, measure) of every current sample measure whose text contains `word`."""
    return {
        (r.organization.name, r.fiscal_year.be, m.number)
        for r in reports
        for m in r.measures
        if any(word in m.cells.get(k) for k in COLUMN_KEYS)
    }


@pilot_test
async def test_typing_a_query_shows_every_measure_that_mentions_it(
    data_dir, sample_reports
) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, WORD)
        hits = app.screen._hits
        got = {(h.organization, h.fiscal_year, h.measure_number) for h in hits}
        assert got == expected_measures(current_reports(sample_reports), WORD)
        assert app.screen.query_one("#results").row_count == len(hits)
        assert str(len(hits)) in str(app.screen.query_one("#status").render())


@pilot_test
async def test_year_filter_limits_hits(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#years").value = "๒๕๖๗"
        await type_query(pilot, app, WORD)
        years = {h.fiscal_year for h in app.screen._hits}
        assert years == {2567}


@pilot_test
async def test_enter_opens_the_report_at_the_hit_measure(data_dir) -> None:
    """Regression: auto-focus used to scroll the report back to its first measure."""
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, WORD)
        await pilot.press("enter", "down", "down", "enter")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        target = screen.query_one(f"#m{screen.start_measure}", MeasureCard)
        container = screen.query_one("#measures")
        assert target.region.y == container.region.y
        assert screen.start_measure != screen.stored.report.measures[0].number
        await pilot.press("escape")
        assert not isinstance(app.screen, ReportScreen)


@pilot_test
async def test_compare_screen_shows_added_dropped_and_edited(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_compare(SEED)
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison.years == (2566, 2567, 2568)
        views = list(screen.query(PairView))
        links = {n: prev for (a, y, n), prev in truth_links().items() if (a, y) == (SEED, 2568)}
        added = {v.pair.after.number for v in views if v.pair.before is None}
        assert added == {n for n, prev in links.items() if prev is None}
        dropped = {v.pair.before.number for v in views if v.pair.status == DROPPED}
        continued = {prev for prev in links.values() if prev is not None}
        assert dropped and all(n not in continued for n in dropped)
        edited = next(v for v in views if v.pair.status == EDITED)
        shown = "\n".join(line.text for line in edited.render_lines(edited.region.reset_offset))
        assert "[+" in shown or "[−" in shown
        summary = str(screen.query_one("#compare-summary").render())
        assert "2567→2568" in summary and "2566→2567" in summary


@pilot_test
async def test_n_and_p_jump_between_differences(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_compare(SEED)
        await settle(pilot, app)
        screen = app.screen
        changed = screen.changed_views()
        await pilot.press("n", "n")
        assert [v.has_class("-current") for v in changed][:2] == [False, True]
        assert app.focused is changed[1]
        await pilot.press("p")
        assert app.focused is changed[0]
        await pilot.press("left_square_bracket")
        assert "▶ 2566→2567" in str(screen.query_one("#compare-summary").render())


@pytest.fixture(scope="module")
def library_data_dir(tmp_path_factory: pytest.TempPathFactory, sample_reports: list[Report]) -> Path:
    """The TUI data dir (the sample corpus holds the seed agency's 2568 plan) plus an undated
    document with no agency, one page of it read by OCR with low confidence."""
    from index.fulltext import FullTextIndex
    from index.store import Store
    from ingest.model import Organization

    path = build_data_dir(tmp_path_factory.mktemp("library") / "data", sample_reports)
    seed = portable(next(r for r in sample_reports if r.organization.name == SEED
                         and r.fiscal_year.be == 2568 and r.document_kind == "report"))
    form = replace(
        seed, document_kind="other", title="", organization=Organization("", "other"),
        fiscal_year=None, measures=(), findings=(),
        source=replace(seed.source, sha256="d" * 64, path="sample_docs/scan0001.pdf"),
        pages=(PageQuality(1, 40, 0.5, 0, source="ocr", confidence=0.55, text="แบบฟอร์ม"),),
    )
    with Store(path) as store:
        store.add_report(form)
        with FullTextIndex(path / "index") as index:
            index.sync(store)
    return path


@pilot_test
async def test_library_lists_agencies_versions_and_failures(library_data_dir, sample_reports) -> None:
    app = RainganApp(library_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one("#matrix")
        assert table.row_count == len({r.organization.name for r in sample_reports})
        cells = {str(c) for row in range(table.row_count) for c in table.get_row_at(row)}
        assert {"✓2", "✓", "✓ P"} <= cells  # versions, and the seed's 2568 report beside its plan
        assert "broken.pdf" in screen.query_one("#failures").text.plain
        assert "42%" in screen.query_one("#low-quality").text.plain
        assert "⚠ sample_docs/scan0001.pdf p.1: OCR confidence 55%" in (
            screen.query_one("#ocr-pages").text.plain)
        title = str(screen.query_one("#library-title").render())
        assert "1 plan · 1 other document" in title and "1 OCR page" in title


async def enter_on(pilot, app: RainganApp, table_id: str, row: int | str = 0, column: int = 0):
    """F3, then Enter on a cell of one of the library's tables (a row key names the row)."""
    await pilot.press("f3")
    await settle(pilot, app)
    table = app.screen.query_one(f"#{table_id}")
    table.focus()
    table.move_cursor(row=table.get_row_index(row) if isinstance(row, str) else row,
                      column=column)
    await pilot.press("enter")
    await settle(pilot, app)
    return app.screen


@pilot_test
async def test_library_year_cell_opens_that_report(library_data_dir) -> None:
    app = RainganApp(library_data_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await enter_on(pilot, app, "matrix", SEED, column=4)  # agency, province, 2566-8
        assert isinstance(screen, ReportScreen)
        opened = app.screen.stored.report
        assert (opened.organization.name, opened.fiscal_year.be, opened.document_kind) == (
            SEED, 2568, "report")


@pilot_test
async def test_library_agency_cell_compares_its_years(library_data_dir) -> None:
    app = RainganApp(library_data_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        assert isinstance(await enter_on(pilot, app, "matrix", SEED), CompareScreen)
        assert app.screen.query_one("#compare-agency").value == SEED


@pilot_test
async def test_library_other_document_opens(library_data_dir) -> None:
    app = RainganApp(library_data_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await enter_on(pilot, app, "documents")
        assert isinstance(screen, ReportScreen)
        assert screen.stored.report.source.path == "sample_docs/scan0001.pdf"
        await pilot.press("escape")
        table = app.screen.query_one("#documents")
        assert [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)] == [
            ["other", "?", "?", "scan0001.pdf"]]


@pilot_test
async def test_help_opens_and_q_quits(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await settle(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pilot_test
async def test_palette_jumps_to_an_agency(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one("Input").insert_text_at_cursor("Compare บางครก")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.comparison is not None and app.screen.comparison.agency == SEED


def test_thai_marks_take_no_cell() -> None:
    # U+0E35 SARA II and U+0E48 MAI EK sit on ท: one cell; U+0E33 SARA AM takes its own cell.
    assert cell_len("ที่") == 1
    assert cell_len("น้ำ") == 2


@pilot_test
async def test_result_rows_with_marks_keep_columns_aligned(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        await type_query(pilot, app, "ปีงบประมาณ")
        table = app.screen.query_one("#results")
        names = {h.organization for h in app.screen._hits}
        assert any(len(n) != cell_len(n) for n in names)  # some names carry marks
        starts = set()
        for y in range(1, min(table.row_count, 20) + 1):
            text = table.render_line(y).text
            i = text.find(" 25")
            starts.add(cell_len(text[:i]))
        assert len(starts) == 1


def previewed(app: RainganApp) -> tuple[int, dict] | None:
    """(measure number, highlighted columns) of the card in the search preview, if any."""
    cards = app.screen.query_one("#preview").query(MeasureCard)
    if not cards:
        return None
    card = cards.first()
    return card.measure.number, {k for k, spans in card.highlights.items() if spans}


@pilot_test
async def test_preview_follows_the_cursor_and_empties_without_hits(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, WORD)
        hits = app.screen._hits
        number, columns = previewed(app)
        assert number == hits[0].measure_number and hits[0].column in columns
        row = next(i for i, h in enumerate(hits) if h.measure_number != number)
        await pilot.press("enter", *["down"] * row)
        await settle(pilot, app)
        assert previewed(app)[0] == hits[row].measure_number
        assert len(app.screen.query_one("#preview").query(MeasureCard)) == 1
        await pilot.press("slash", "ctrl+r")
        await settle(pilot, app)
        assert app.screen.query_one("#results").row_count == 0
        assert previewed(app) is None


@pilot_test
async def test_result_cells_are_not_read_as_markup(data_dir) -> None:
    """Regression: str cells went through DataTable's markup parser, so an agency name with
    square brackets lost them."""
    app = RainganApp(data_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        await type_query(pilot, app, WORD)
        hit = replace(app.screen._hits[0], organization="เทศบาล[bold]ท่าช้าง[/bold]")
        app.screen.show_results(WORD, [hit], None)
        await settle(pilot, app)
        table = app.screen.query_one("#results")
        assert "เทศบาล[bold]ท่าช้าง[/bold]" in table.render_line(1).text


@pilot_test
async def test_rows_of_a_replaced_search_never_join_the_new_results(data_dir) -> None:
    """Rows past the first screenful go in after the first paint; by then a newer search may
    have replaced the hits they belong to."""
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        table = screen.query_one("#results")
        many = app.fulltext.search("การ", limit=100)
        few = app.fulltext.search(WORD, limit=100)
        assert len(many) > table.size.height > 0 and len(few) < len(many)
        screen.show_results("การ", many, None)
        screen.show_results(WORD, few, None)
        await settle(pilot, app)
        assert table.row_count == len(few)
        screen.show_results("การ", many, None)
        await settle(pilot, app)
        assert table.row_count == len(many)
        last = table.get_row_at(len(many) - 1)
        assert last[2].plain == str(many[-1].measure_number)


def test_idle_garbage_collection_runs_only_when_half_due(tmp_path: Path) -> None:
    passes: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "stop":
            passes.append(info["generation"])

    app = RainganApp(tmp_path)
    gc.collect()  # the young-pass count since the last full pass is now 0
    gc.callbacks.append(record)
    try:
        app.collect_garbage()
        assert 2 not in passes
        for _ in range(gc.get_threshold()[2] // 2):
            gc.collect(1)  # each young pass counts towards the next full one
        app.collect_garbage()
        assert passes[-1] == 2
    finally:
        gc.callbacks.remove(record)


@pytest.fixture(scope="module")
def checked_data_dir(tmp_path_factory: pytest.TempPathFactory, sample_reports: list[Report]) -> Path:
    """The sample reports with their audit findings, as parse_pdf would have given them."""
    from ingest.checks import check_measures

    checked = [replace(r, findings=check_measures(r.measures, r.fiscal_year)) for r in sample_reports]
    return build_data_dir(tmp_path_factory.mktemp("tui-findings") / "data", checked)


@pilot_test
async def test_report_screen_shows_findings_below_their_measure(checked_data_dir) -> None:
    app = RainganApp(checked_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        seed = next(s for s in app.store.iter_reports()
                    if s.report.organization.name == SEED and s.report.fiscal_year.be == 2568)
        app.open_report(seed.report_id, 4)
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        children = list(screen.query_one("#measures").children)
        card = screen.query_one("#m4", MeasureCard)
        after = children[children.index(card) + 1]
        assert "findings" in after.classes
        assert "ประจำปีฯ ๖๗" in after.text.plain and "earlier year" in after.text.plain


@pilot_test
async def test_library_lists_reports_with_findings_and_opens_the_first(checked_data_dir) -> None:
    app = RainganApp(checked_data_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f3")
        await settle(pilot, app)
        table = app.screen.query_one("#flagged")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        seed = next(i for i, r in enumerate(rows) if r[:2] == [SEED, "2568"])
        assert "earlier year" in rows[seed][2]
        screen = await enter_on(pilot, app, "flagged", seed)
        assert isinstance(screen, ReportScreen)
        assert (screen.stored.report.organization.name, screen.stored.report.fiscal_year.be) == (
            SEED, 2568)
        first = min(f.measure for f in screen.stored.report.findings if f.measure is not None)
        assert screen.focused is screen.query_one(f"#m{first}", MeasureCard)


@pilot_test
async def test_first_change_after_a_pause_searches_at_once_a_burst_waits(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.2)  # longer than the debounce: the user paused
        screen = app.screen
        started: list[str] = []
        search = screen.start_search
        screen.start_search = lambda: (started.append("now"), search())
        box = screen.query_one("#query")
        box.value = WORD
        box.value = WORD + "ก"  # a second key right after: held back until typing pauses
        await pilot.pause()
        assert started == ["now"] and screen._timer is not None
        await settle(pilot, app)
        await pilot.pause(0.2)
        assert started == ["now", "now"]
        assert "hit" in str(screen.query_one("#status").render())


@pilot_test
async def test_f2_from_a_hit_compares_that_agency(data_dir) -> None:
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, WORD)
        hit = app.screen._hits[0]
        await pilot.press("f2")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.query_one("#compare-agency").value == hit.organization


@pilot_test
async def test_document_without_measures_shows_its_page_text(library_data_dir) -> None:
    app = RainganApp(library_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        form = next(d for d in app.store.current_documents() if d.kind == "other")
        app.open_report(form.report_id)
        await settle(pilot, app)
        screen = app.screen
        assert "แบบฟอร์ม" in screen.query_one("#page-text").text.plain
        assert "page 1: read by OCR with low confidence (55%)" in (
            screen.query_one("#warnings").text.plain)
        assert "[other document]" in str(screen.query_one("#report-header").render())


@pilot_test
async def test_measure_card_shows_extra_cells_and_doubtful_ocr_cells(data_dir) -> None:
    from ingest.model import Cells, Measure

    measure = Measure(
        3, (4,), Cells(measure="๓. มาตรการ", results="ดำเนินการแล้ว"),
        extra=(("งบประมาณ", "๑๐,๐๐๐ บาท"),),
        confidence=(("measure", 0.95), ("results", 0.52), ("งบประมาณ", 0.40)),
    )
    app = RainganApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        card = MeasureCard(measure)
        await app.screen.mount(card)
        await pilot.pause()
        lines = [line.plain for line in card.render().renderables]  # stacked at 80 columns
        assert "มาตรการที่ 3  · p. 4  · read by OCR, 2 cells doubtful" in lines[0]
        assert "ผลการดำเนินการ ⚠ OCR 52%" in lines
        assert "งบประมาณ ⚠ OCR 40%" in lines and "  ๑๐,๐๐๐ บาท" in lines
        assert "มาตรการ/โครงการ/กิจกรรม" in lines  # confident: no mark
