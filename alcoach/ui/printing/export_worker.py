"""Exports off the UI thread: build the report data, render the PDF, write it atomically.

`run_export(request)` is the work itself (no widgets; it runs on the background thread);
`ExportWorker` starts it, shows a busy bar in the status bar and reports the outcome.
reportlab is imported only inside the work function. This module itself is imported only when
the first export or preview runs (`ExportActions.worker`); the kinds of document (MEETING, ...,
KIND_NAMES) are in alcoach.ui.printing.documents.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal

from alcoach.errors import AlcoachError
from alcoach.ui.kit.busy_indicator import BusyIndicator
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.tasks import run_in_background
from alcoach.ui.printing.documents import BLANK, FEEDBACK, KIND_NAMES, MEETING, SET_REPORT

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from alcoach.export.options import ExportOptions

log = logging.getLogger(__name__)


class ExportRequest(NamedTuple):
    """What the coach chose in the export dialog. `target_id` is a meeting id, or a set id."""

    kind: str
    target_id: int
    path: Path
    page_size: str = "A4"
    include_private_notes: bool = False
    include_feedback: bool = False
    anonymise: bool | str = False  # see alcoach.export.options.ANONYMISE_MODES
    password: str | None = None
    per_member: bool = False  # feedback sheets: one file per member
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    open_when_done: bool = False
    replace_existing: bool = False  # the coach said Replace for the files already there

    @property
    def label(self) -> str:
        return KIND_NAMES[self.kind]

    def options(self) -> ExportOptions:  # imported late: alcoach.export is not needed at start
        from alcoach.export.options import ExportOptions

        return ExportOptions(
            page_size=self.page_size,
            include_private_notes=self.include_private_notes,
            include_feedback=self.include_feedback and self.kind == MEETING,
            anonymise=self.anonymise,
            password=self.password or None,
        )


class Written(list):
    """What an export made (files, or paths), with a line to say beside it ("" for none)."""

    note = ""


def render_request(request: ExportRequest) -> list[tuple[Path, bytes]]:
    """Build the report data (on this thread's own connection) and render the PDF bytes."""
    from alcoach.data import report_builder
    from alcoach.data.db import reading_snapshot
    from alcoach.export import api

    options = request.options()
    with reading_snapshot():
        if request.kind == MEETING:
            data = report_builder.build_meeting_report(request.target_id)
        elif request.kind == FEEDBACK:
            data = report_builder.build_feedback_sheets(request.target_id)
        elif request.kind == SET_REPORT:
            data = report_builder.build_set_report(
                request.target_id, request.date_from, request.date_to
            )
        else:
            data = report_builder.build_blank_sheet(request.target_id)
    if request.kind == MEETING:
        return [(request.path, api.render_meeting_summary(data, options))]
    if request.kind == SET_REPORT:
        return [(request.path, api.render_set_report(data, options))]
    if request.kind == BLANK:
        return [(request.path, api.render_blank_sheet(data, options))]
    if not data:
        raise AlcoachError("No member attended this meeting, so there are no feedback sheets.")
    data, left_out = api.hand_out(data)
    if not data:
        raise AlcoachError(
            "No member of this meeting has agreed to receive a feedback sheet (the member's "
            "dialog keeps consent, under Consent), so none was written."
        )
    files = Written(
        [(request.path, api.render_feedback_sheets(data, options))]
        if not request.per_member
        else api.feedback_sheet_files(data, request.path, options)  # see member_file_paths
    )
    files.note = api.left_out_sentence(left_out)
    return files


def run_export(request: ExportRequest) -> list[Path]:
    """The whole export: every file is written, or none (nothing already there is replaced
    unless the coach said so)."""
    from alcoach.export.api import write_pdfs

    if request.path.is_dir():
        raise AlcoachError(f"{request.path} is a folder; choose a name for the PDF file.")
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise AlcoachError("The 'from' date is after the 'to' date.")
    files = render_request(request)
    written = Written(
        write_pdfs(
            files,
            replace=request.replace_existing,
            how_to_replace="export again and choose Replace, or choose another name",
        )
    )
    written.note = getattr(files, "note", "")
    return written


def failure_sentence(label: str, exc: BaseException, data_dir: Path) -> str:
    """One sentence for the coach; what was not foreseen is logged beside the database first."""
    if isinstance(exc, AlcoachError):
        return str(exc)
    from alcoach.logfile import explain_unexpected, use_log_file

    use_log_file(data_dir)
    return explain_unexpected(
        f"the {label} could not be made",
        "try again with the other paper size, or without anonymising, private notes or feedback",
        exc,
    )


def open_in_viewer(path: Path) -> bool:
    """Open a PDF (or a folder) with the system's program; False when there is none."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ExportWorker(QObject):
    """Runs exports one after another in the background; a busy bar shows while one runs."""

    export_started = Signal(str)  # the kind's name, e.g. "meeting summary"
    export_finished = Signal(str)  # the (first) file written
    export_failed = Signal(str)  # a sentence for the coach

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.opener: Callable[[Path], bool] = open_in_viewer  # tests put a recorder here
        self.indicator = BusyIndicator(window, "export")
        self.message_box: QMessageBox | None = None

    @property
    def busy(self) -> bool:
        return self.indicator.running > 0

    def start(self, request: ExportRequest) -> None:
        self.indicator.start(f"Exporting {request.label}…")
        self.export_started.emit(request.label)
        run_in_background(
            lambda: run_export(request),
            on_success=lambda paths: self._finished(request, paths),
            on_failure=lambda exc: self._failed(request, exc),
        )

    def render_for_preview(
        self, kind: str, target_id: int, page_size: str, on_ready: Callable[[bytes], None]
    ) -> None:
        """Render a document (nothing private, no password) in memory for the preview window."""
        request = ExportRequest(kind, target_id, Path("preview.pdf"), page_size=page_size)

        def ready(data: bytes) -> None:
            self.indicator.done()
            on_ready(data)

        def failed(exc: BaseException) -> None:
            self.indicator.done()
            sentence = failure_sentence(request.label, exc, self.ctx.data_dir)
            self.ctx.bus.status_message.emit(sentence)
            self._tell(f"The {request.label} cannot be shown.", sentence)

        self.indicator.start(f"Preparing the {request.label}…")
        run_in_background(
            lambda: render_request(request)[0][1], on_success=ready, on_failure=failed
        )

    def _finished(self, request: ExportRequest, paths: list[Path]) -> None:
        self.indicator.done()
        first = paths[0]
        if len(paths) == 1:
            text = f"The {request.label} is saved as {first}."
        else:
            text = f"The {request.label} are saved as {len(paths)} files in {first.parent}."
        note = getattr(paths, "note", "")
        if note:
            text += " " + note
            self._tell(f"The {request.label} are saved.", note)
        self.ctx.bus.status_message.emit(text)
        if request.open_when_done:
            target = first if len(paths) == 1 else first.parent
            try:
                opened = self.opener(target)
            except Exception:  # a missing viewer must not turn a finished export into an error
                log.exception("could not open %s", target)
                opened = False
            if not opened:
                from alcoach.export.file_names import no_viewer_sentence

                sentence = no_viewer_sentence(target)
                self.ctx.bus.status_message.emit(sentence)
                self._tell("Saved, but not opened.", sentence)
        self.export_finished.emit(str(first))

    def _failed(self, request: ExportRequest, exc: BaseException) -> None:
        self.indicator.done()
        sentence = failure_sentence(request.label, exc, self.ctx.data_dir)
        self.ctx.bus.status_message.emit(sentence)
        self._tell(f"The {request.label} was not exported.", sentence)
        self.export_failed.emit(sentence)

    def _tell(self, title: str, sentence: str) -> None:
        from alcoach.ui.kit.notice import show_notice  # QMessageBox: only when there is news

        self.message_box = show_notice(
            self.message_box,
            self.window,
            title,
            sentence,
            object_name="export_message",
            window_title="Export",
        )
