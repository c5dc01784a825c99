"""The meeting's private coach notes: one plain text, saved as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from alcoach.data import meetings
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import bring_forward, private_label
from alcoach.ui.kit.saving import DebouncedSaver, OwnChange, guarded_write


class CoachNotesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("coach_notes_panel")
        self.meeting_id: int | None = None
        self._loading = False
        self._own = OwnChange()
        self._saver = DebouncedSaver(self._save, parent=self)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("coach_notes")
        self.editor.setAccessibleName("Coach notes (private)")
        self.editor.setPlaceholderText(
            "Your own notes on this meeting: patterns you noticed, what to try next time."
        )
        self.editor.textChanged.connect(self._edited)
        self._saver.watch(self.editor)
        hint = QLabel("Saved as you type. Left out of shared summaries unless you ask for them.")
        hint.setEnabled(False)
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(private_label("Private coach notes"))
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)

        self.focus_action = make_command(self, "coach_notes_focus", self.focus_editor)
        ctx.bus.meeting_changed.connect(self._on_meeting_changed)
        self.set_meeting(None)

    def commands(self) -> list[QAction]:
        return [self.focus_action]

    def flush(self) -> None:
        self._saver.flush()

    def set_meeting(self, meeting_id: int | None) -> None:
        self.flush()
        self.meeting_id = meeting_id
        self._load()

    def select_record(self, _record_id: int) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_editor(self) -> None:
        bring_forward(self)
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _load(self) -> None:
        self._loading = True
        try:
            if self.meeting_id is None:
                self.editor.clear()
            else:
                self.editor.setPlainText(meetings.get_meeting(self.meeting_id).coach_notes)
        finally:
            self._loading = False
        self._saver.cancel()
        self.setEnabled(self.meeting_id is not None)

    def _edited(self) -> None:
        if not self._loading and self.meeting_id is not None:
            self._saver.touch()

    def _save(self) -> None:
        if self.meeting_id is None:
            return
        text = self.editor.toPlainText()
        stored = guarded_write(
            self.ctx.bus, lambda: meetings.set_coach_notes(self.meeting_id, text) or True
        )
        if stored is None:
            return
        self._own.announce(self.ctx.bus.meeting_changed, self.meeting_id)

    def _on_meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and not self._own.active:
            if self._saver.pending:
                return  # the coach is typing here; what is on screen is newer
            self._load()
