"""The export, preview and print commands of the main window (File > Export and the toolbar).

`install_export_actions(window)` is the one call the main window makes. The dialog, the preview
window, the worker (with its status-bar busy bar) and everything of reportlab are loaded only
when a command is used, so start-up stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton

from alcoach.data import meetings
from alcoach.errors import NotFoundError
from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.window_host import WindowHost
from alcoach.ui.printing.documents import BLANK, FEEDBACK, KIND_NAMES, MEETING, SET_REPORT

if TYPE_CHECKING:
    from alcoach.ui.printing.export_dialog import ExportDialog
    from alcoach.ui.printing.export_worker import ExportWorker
    from alcoach.ui.printing.pdf_preview import PdfPreviewWindow


class ExportActions(QObject):
    def __init__(self, ctx: AppContext, window: WindowHost) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._worker: ExportWorker | None = None
        self.dialog: ExportDialog | None = None
        self.preview: PdfPreviewWindow | None = None
        a = make_action
        self.meeting_action = a(
            window,
            "Export &meeting summary…",
            "Ctrl+Shift+E",
            "Write the meeting summary as a PDF for the set",
            lambda: self.open_dialog(MEETING),
            name="export_meeting",
        )
        self.feedback_action = a(
            window,
            "Export &feedback sheets…",
            "Ctrl+Shift+Y",
            "Write each member's feedback sheet as a PDF to hand out privately",
            lambda: self.open_dialog(FEEDBACK),
            name="export_feedback",
        )
        self.set_action = a(
            window,
            "Export &set progress report…",
            "F12",
            "Write a PDF report over the meetings of this meeting's set",
            lambda: self.open_dialog(SET_REPORT),
            name="export_set",
        )
        self.blank_action = a(
            window,
            "Export &blank session sheet…",
            "Shift+F12",
            "Write the agenda and roster with tally boxes as a PDF, for notes on paper",
            lambda: self.open_dialog(BLANK),
            name="export_blank",
        )
        self.print_blank_action = a(
            window,
            "Print b&lank session sheet…",
            "Shift+F4",
            "Print the agenda and roster with tally boxes, for notes on paper",
            lambda: self.show_preview(BLANK, then_print=True),
            name="print_blank",
        )
        self.preview_action = a(
            window,
            "Pre&view meeting summary",
            "Ctrl+Shift+P",
            "Show the meeting summary as it will be printed",
            lambda: self.show_preview(MEETING),
            name="preview_meeting",
        )
        self.print_action = a(
            window,
            "&Print meeting summary…",
            "Ctrl+P",
            "Print the meeting summary (without private notes or feedback)",
            lambda: self.show_preview(MEETING, then_print=True),
            name="print_meeting",
            standard="Print",
        )
        bus = ctx.bus
        for signal in (bus.meeting_opened, bus.meeting_changed):
            signal.connect(lambda _mid: self.refresh())
        bus.sets_changed.connect(self.refresh)
        window.navigator.meeting_deleted.connect(lambda _mid: self.refresh())
        self.refresh()

    @property
    def worker(self) -> ExportWorker:
        """Made on first use: its module, busy bar and message box are not needed at start."""
        if self._worker is None:
            from alcoach.ui.printing.export_worker import ExportWorker

            self._worker = ExportWorker(self.ctx, self.window)
        return self._worker

    def actions(self) -> list[QAction]:
        return [
            self.meeting_action,
            self.feedback_action,
            self.set_action,
            self.blank_action,
            self.preview_action,
            self.print_action,
            self.print_blank_action,
        ]

    def refresh(self) -> None:
        """Every command needs an open meeting (the set report uses the meeting's set)."""
        has_meeting = self._meeting_id() is not None
        for action in self.actions():
            action.setEnabled(has_meeting)

    def _meeting_id(self) -> int | None:
        meeting_id = self.window.current_meeting_id
        if meeting_id is None:
            return None
        try:
            meetings.get_meeting(meeting_id)
        except NotFoundError:
            return None
        return meeting_id

    def _target(self, kind: str) -> int | None:
        meeting_id = self._meeting_id()
        if meeting_id is None:
            self.ctx.bus.status_message.emit("Open a meeting first (pick one in the navigator).")
            self.refresh()
            return None
        return meetings.get_meeting(meeting_id).set_id if kind == SET_REPORT else meeting_id

    # --- commands -------------------------------------------------------------------------------

    def open_dialog(self, kind: str) -> ExportDialog | None:
        from alcoach.ui.printing.export_dialog import ExportDialog

        target = self._target(kind)
        if target is None:
            return None
        self.window.workspace.flush()  # what was typed a moment ago belongs in the PDF
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = ExportDialog(self.ctx, kind, target, self.window)
        dialog.accepted.connect(lambda: self.worker.start(dialog.request()))
        self.dialog = dialog
        dialog.show()  # not modal: the meeting window stays usable
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_preview(self, kind: str, *, then_print: bool = False) -> None:
        from alcoach.data.settings import get_setting
        from alcoach.ui.printing.export_dialog import KEY_PAGE_SIZE

        target = self._target(kind)
        if target is None:
            return
        self.window.workspace.flush()
        meeting = meetings.get_meeting(target)
        title = f"{KIND_NAMES[kind].capitalize()} — {meeting.title or meeting.set_name}"
        name = f"{meeting.date.isoformat()} {meeting.set_name} {KIND_NAMES[kind]}.pdf"
        page = get_setting(KEY_PAGE_SIZE, "A4")

        def ready(data: bytes) -> None:
            preview = self.preview_window()
            preview.show_pdf(data, title, name)
            if then_print:
                preview.print_with_dialog()

        self.worker.render_for_preview(
            kind, target, page if page in ("A4", "Letter") else "A4", ready
        )

    def preview_window(self) -> PdfPreviewWindow:
        from alcoach.ui.printing.pdf_preview import PdfPreviewWindow

        if self.preview is None:
            # No parent: the preview's own keys (Ctrl+P, Ctrl+= ...) must not clash with the
            # main window's, and it closes with the app (WA_QuitOnClose is off).
            self.preview = PdfPreviewWindow()
            self.window.destroyed.connect(self.preview.deleteLater)
        return self.preview


def install_export_actions(window: WindowHost) -> ExportActions:
    """Add File > Export, the toolbar's Export button and the window-wide keys."""
    export = ExportActions(window.ctx, window)
    file_menu = window.menus["File"]
    menu = QMenu("E&xport and print", window)
    menu.setToolTipsVisible(True)
    menu.addActions(export.actions()[:4])
    menu.addSeparator()
    menu.addActions(export.actions()[4:])
    file_menu.insertMenu(window.quit_action, menu)
    file_menu.insertSeparator(window.quit_action)
    window.menus["Export"] = menu  # all_actions() and the shortcuts sheet list them
    window.addActions(export.actions())  # the keys work in full screen, menu bar hidden

    button = QToolButton(window)
    button.setObjectName("export_button")
    button.setText("Export")
    button.setToolTip("Export, preview or print a PDF of this meeting")
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    window.toolbar.addSeparator()
    window.toolbar.addWidget(button)
    window.toolbar.addAction(export.print_action)
    return export
