"""Searching while another process writes the store and index: every search answers, and
answers right (each current measure once), while segments are added, replaced and merged
away; the TUI shows new reports by itself and on F5.

The writer is a real second process: tests/functional/index_writer.py (store + index sync in
rounds), or `raingan ingest` for the TUI.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index.fulltext import FullTextIndex
from index.store import Store
from tests.conftest import FAKE_PARSER, ROOT, cli_command, write_fake_pdf
from tests.functional.test_tui_app import build_data_dir, pilot_test, settle, type_query
from tui.app import RainganApp

QUERY = "ดำเนินการ"  # in every synthetic measure (tests.conftest.make_report) and in samples
ROUNDS = 9


def start_writer(data: Path, rounds: int = ROUNDS) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "tests.functional.index_writer", str(data), str(rounds)]
    return subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def key(hit) -> tuple:
    """A measure of a document (a plan and its report share agency, year and numbers)."""
    return (hit.organization, hit.fiscal_year, hit.report_id, hit.measure_number)


def current_measures(data: Path, query: str) -> Counter:
    """What a fresh index says now: (agency, year, report, measure) -> copies (each must be 1)."""
    with FullTextIndex(data / "index") as fresh:
        return Counter(key(h) for h in fresh.search(query, limit=None))


def test_searches_stay_right_while_another_process_commits_and_merges(
    tmp_path: Path, sample_reports
) -> None:
    data = build_data_dir(tmp_path / "data", sample_reports)
    before = current_measures(data, QUERY)
    problems: list[str] = []
    searches = 0
    with FullTextIndex(data / "index") as index:
        index.search(QUERY)  # a generation open before the writer starts
        writer = start_writer(data)
        stop = threading.Event()

        def search_until_stopped() -> None:
            nonlocal searches
            while not stop.is_set():
                try:
                    hits = index.search(QUERY, limit=None)
                except Exception as e:  # noqa: BLE001 - any failure is what this test looks for
                    problems.append(f"{type(e).__name__}: {e}")
                    continue
                seen = Counter(key(h) for h in hits)
                twice = [k for k, n in seen.items() if n > 1]
                if twice:
                    problems.append(f"shown twice: {twice[:3]}")
                if not set(before) <= set(seen):
                    problems.append("a sample measure went missing")
                searches += 1

        with ThreadPoolExecutor(3) as pool:
            running = [pool.submit(search_until_stopped) for _ in range(3)]
            out, err = writer.communicate(timeout=300)
            stop.set()
            for r in running:
                r.result()
        assert writer.returncode == 0, err
        assert out.split()[-1] == "done"
        final = Counter(key(h) for h in index.search(QUERY, limit=None))
    assert problems == []
    assert searches > ROUNDS
    expected = current_measures(data, QUERY)
    assert final == expected and set(expected.values()) == {1}
    # Every round's reports are there: ROUNDS * 3 agencies, the replaced ones with 3 measures.
    assert len(expected) - len(before) == 2 * 3 * ROUNDS + (ROUNDS - 1)


def test_regression_refresh_showed_replaced_and_merged_reports_twice(
    tmp_path: Path, sample_reports
) -> None:
    """Whoosh's Searcher.refresh() kept the superseded segments in the refreshed reader (and
    the deletions a reused reader was opened with), so a long-lived searcher listed a
    replaced report twice after another process's commit."""
    data = build_data_dir(tmp_path / "data", sample_reports)
    with FullTextIndex(data / "index") as index:
        index.search(QUERY)
        writer = start_writer(data, rounds=3)
        assert writer.communicate(timeout=300)[0].split()[-1] == "done"
        seen = Counter(key(h) for h in index.search(QUERY, limit=None))
    assert seen == current_measures(data, QUERY)
    assert set(seen.values()) == {1}


def ingest(data: Path, folder: Path) -> subprocess.Popen[str]:
    argv = cli_command(data, "ingest", str(folder), "--workers", "1", "--parser", FAKE_PARSER)
    return subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def fake_corpus(folder: Path, names: list[str], delay: float) -> Path:
    """One fake PDF per agency name; the folder's name makes each file's content (sha256)
    its own, so a name seen in an earlier folder is a new version of that agency's report."""
    for i, name in enumerate(names):
        write_fake_pdf(folder, f"{i}.pdf", name=name, year=2568, delay=delay, batch=folder.name)
    return folder


def hit_keys(app: RainganApp) -> Counter:
    return Counter(key(h) for h in app.screen._hits)


@pilot_test
async def test_tui_searches_right_while_raingan_ingest_runs_and_shows_new_reports(
    tmp_path: Path, sample_reports
) -> None:
    data = build_data_dir(tmp_path / "data", sample_reports)
    first = [f"เทศบาลตำบลใหม่{i}" for i in range(4)]
    app = RainganApp(data)
    async with app.run_test(size=(160, 48)) as pilot:
        await type_query(pilot, app, QUERY)
        before = hit_keys(app)
        # Round 1: new agencies; round 2: new versions of two of them and two more agencies,
        # so the index deletes measures and Whoosh merges segments while the app searches.
        rounds = [
            fake_corpus(tmp_path / "r1", first, 0.05),
            fake_corpus(tmp_path / "r2", [*first[:2], "เทศบาลตำบลใหม่8", "เทศบาลตำบลใหม่9"], 0.05),
        ]
        for folder in rounds:
            proc = ingest(data, folder)
            while proc.poll() is None:
                app.screen.start_search()
                await settle(pilot, app)
                status = str(app.screen.query_one("#status").render())
                assert "error" not in status and "failed" not in status, status
                keys = hit_keys(app)
                assert set(keys.values()) == {1}, "a measure listed twice"
                assert set(before) <= set(keys)
            assert proc.returncode == 0, proc.stderr.read()
        # By itself: the app's watch sees the new generation, searches again and refreshes the
        # agency filter (its own step, which can land a moment after the hits under load).
        deadline = time.monotonic() + 10
        expected = current_measures(data, QUERY)

        def options() -> set[str]:
            return {str(v) for _, v in app.screen._choices_shown[0]}

        while (hit_keys(app) != expected or "เทศบาลตำบลใหม่9" not in options()) and (
            time.monotonic() < deadline
        ):
            await pilot.pause(0.2)
        assert hit_keys(app) == expected
        assert {"เทศบาลตำบลใหม่9", "เทศบาลตำบลใหม่0"} <= {k[0] for k in expected}
        assert "เทศบาลตำบลใหม่9" in options()  # new agencies are in the filter too


@pilot_test
async def test_f5_brings_in_reports_stored_while_the_index_lags(
    tmp_path: Path, sample_reports, report_factory
) -> None:
    """A report stored without an index sync (an ingest killed before its sync) appears on F5:
    the app syncs the index itself when no ingest holds the lock."""
    data = build_data_dir(tmp_path / "data", sample_reports)
    app = RainganApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_query(pilot, app, QUERY)
        count = len(app.screen._hits)
        with Store(data) as store:
            store.add_report(report_factory(name="เทศบาลตำบลเอฟห้า", sha256="e" * 64))
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await settle(pilot, app)
        assert len(app.screen._hits) == count + 2
        assert "เทศบาลตำบลเอฟห้า" in {h.organization for h in app.screen._hits}


@pilot_test
async def test_a_search_run_again_by_the_watch_keeps_the_cursor_on_its_hit(
    tmp_path: Path, sample_reports, report_factory
) -> None:
    data = build_data_dir(tmp_path / "data", sample_reports)
    app = RainganApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_query(pilot, app, QUERY)
        await pilot.press("enter", "down", "down", "down")
        screen = app.screen
        table = screen.query_one("#results")
        before = screen._hits[table.cursor_row]
        with Store(data) as store, FullTextIndex(data / "index") as index:
            store.add_report(report_factory(name="เทศบาลตำบลก่อนหน้า", sha256="d" * 64))
            index.sync(store)
        app.watch_data()  # what the app's timer does once a second
        await settle(pilot, app)
        assert "เทศบาลตำบลก่อนหน้า" in {h.organization for h in screen._hits}
        now = screen._hits[table.cursor_row]
        assert (now.report_id, now.measure_number) == (before.report_id, before.measure_number)
