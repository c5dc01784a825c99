"""The coaching log PDF from the window: File > Practice records > Export coaching log, or the
hours log's button (with its range and programme). Members are named only where they agreed to be
named in the coaching log; the PDF is made off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from alcoach.data.hours import HoursFilter
from alcoach.errors import AlcoachError
from alcoach.ui.kit.busy_indicator import BusyIndicator
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.tasks import run_in_background


def write_log(which: HoursFilter, path: Path) -> Path:
    """The work itself (no widgets): build the log, render it, write it atomically."""
    from alcoach.data.coaching_log import build_coaching_log
    from alcoach.data.db import reading_snapshot
    from alcoach.export.api import render_coaching_log, write_pdf

    with reading_snapshot():
        log = build_coaching_log(which)
    return write_pdf(render_coaching_log(log), path)


class LogExport:
    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        self.ctx = ctx
        self.window = window
        self.busy: BusyIndicator | None = None

    def run(self, which: HoursFilter = HoursFilter(), parent: QWidget | None = None) -> None:
        proposed = Path.home() / f"Coaching log {self.ctx.now().date().isoformat()}.pdf"
        name, _ = QFileDialog.getSaveFileName(parent or self.window, "Export the coaching log",
                                              str(proposed), "PDF files (*.pdf)")  # fmt: skip
        if not name:
            return
        path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        if self.busy is None:
            self.busy = BusyIndicator(self.window, "coaching_log")
        self.busy.start("Making the coaching log…")
        status = self.window.statusBar()

        def done(written: object) -> None:
            assert self.busy is not None
            self.busy.done()
            status.showMessage(f"The coaching log is saved as {written}.", 15_000)

        def failed(exc: BaseException) -> None:
            assert self.busy is not None
            self.busy.done()
            why = str(exc) if isinstance(exc, AlcoachError | OSError) else "see alcoach.log"
            status.showMessage(f"The coaching log was not written: {why}", 15_000)

        run_in_background(lambda: write_log(which, path), on_success=done, on_failure=failed)
