"""The ingest screen (`i` on the library): bring a folder of PDFs in without leaving the TUI.

The work is index.ingestion's, as for `raingan ingest`: each file parsed in a worker process
(started from a fork server: forking this threaded app itself would not be safe), stored in one
transaction as it lands, the index synced at the end, one ingest at a time per data directory.
"""

from __future__ import annotations

import os
import sys
import threading
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, RichLog

from index.ingestion import IngestBusy, Landed, Summary, ingest_files, render_summary
from ingest.intake import BatchResult, find_pdfs


class Cancelled(Exception):
    """The user stopped the ingest; what landed so far stays stored."""


def start_fork_server(parse: Any) -> None:
    """Start multiprocessing's fork server (and its resource tracker) with the real stderr.

    Both are started with the process's stderr descriptor, and a running Textual app has put a
    descriptor-less object in sys.stderr; left to start on first use they fail with "bad
    value(s) in fds_to_keep".
    """
    from multiprocessing import forkserver, resource_tracker

    from ingest.batch import worker_context

    worker_context("forkserver", parse)  # the preload, before the server starts
    with _stderr_lock:
        saved, sys.stderr = sys.stderr, sys.__stderr__
        try:
            resource_tracker.ensure_running()
            forkserver.ensure_running()
        finally:
            sys.stderr = saved


_stderr_lock = threading.Lock()


def pool_executor(data_dir: Path) -> Any:
    """The process pool as `raingan ingest` runs it by default, started from a fork server."""
    from ingest.batch import run_batch
    from ingest.parse import parse_pdf
    from tui.commands.ocroption import ocr_settings
    from tui.limits import DEFAULT_TIMEOUT

    parse = partial(parse_pdf, ocr=ocr_settings("auto", data_dir))
    start_fork_server(parse)
    return lambda paths, skip: run_batch(
        paths, workers=os.cpu_count() or 1, timeout=DEFAULT_TIMEOUT, parse=parse,
        skip_sha256=skip, start_method="forkserver",
    )


class IngestScreen(ModalScreen[Summary | None]):
    """A folder to ingest, its progress file by file, and the summary; dismissed with it."""

    BINDINGS = [Binding("escape", "stop_or_close", "Stop / close")]

    def __init__(self, folder: str = "") -> None:
        super().__init__()
        self.folder = folder
        self.summary: Summary | None = None
        self._stop = threading.Event()
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="ingest-box"):
            yield Label("Ingest a folder of PDFs (or one file); Enter starts, Esc stops or closes",
                        id="ingest-title")
            yield Input(self.folder, placeholder="/path/to/reports", id="ingest-path")
            yield ProgressBar(id="ingest-progress", show_eta=True)
            yield RichLog(id="ingest-log", wrap=False, markup=False, highlight=False)
            yield Label("", id="ingest-status")

    @on(Input.Submitted, "#ingest-path")
    def start(self, event: Input.Submitted) -> None:
        if self._busy:
            return
        path = Path(event.value.strip()).expanduser()
        if not event.value.strip() or not path.exists():
            self.query_one("#ingest-status", Label).update(f"no such file or folder: {path}")
            return
        pdfs = find_pdfs([path])
        if not pdfs:
            self.query_one("#ingest-status", Label).update(f"no PDF files in {path}")
            return
        self._busy = True
        self.query_one("#ingest-progress", ProgressBar).update(total=len(pdfs), progress=0)
        self.query_one("#ingest-status", Label).update(f"ingesting {len(pdfs)} files…")
        self.run_ingest(pdfs)

    @work(thread=True, exclusive=True)
    def run_ingest(self, pdfs: list[Path]) -> None:
        data_dir = self.app.data_dir
        summary = Summary()

        def landed(line: Landed, _result: BatchResult) -> None:
            self.app.call_from_thread(self._landed, line)
            if self._stop.is_set():
                raise Cancelled

        try:
            ingest_files(data_dir, pdfs, pool_executor(data_dir), wait=False,
                         on_landed=landed, summary=summary)
            outcome = "\n".join(render_summary(summary))
        except IngestBusy as exc:
            outcome = f"{exc}: try again when it has finished"
        except Cancelled:
            outcome = "stopped: the files stored so far are kept; ingest again to finish"
        self.app.call_from_thread(self._finished, summary, outcome)

    def _landed(self, line: Landed) -> None:
        style = {"failed": "red", "new_version": "yellow"}.get(line.status, "")
        self.query_one("#ingest-log", RichLog).write(Text(line.line, style=style))
        self.query_one("#ingest-progress", ProgressBar).advance(1)

    def _finished(self, summary: Summary, outcome: str) -> None:
        self._busy = False
        self.summary = summary
        self.query_one("#ingest-status", Label).update(outcome)
        self.app.stored_changed()

    def action_stop_or_close(self) -> None:
        if self._busy:
            self._stop.set()
            self.query_one("#ingest-status", Label).update("stopping after the file in hand…")
        else:
            self.dismiss(self.summary)
