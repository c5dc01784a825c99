"""Meetings whose clock still runs: the status bar names them, and leaving or quitting asks once.

A meeting's clock counts on while the coach looks at another meeting or closes alcoach (its
facts are stored, not kept in the window), which is right for a break but easy to forget. So the
window says which meetings are running, and asks one plain question (no warning icon, no sound)
the first time the coach leaves a running meeting in a session, and when quitting with any
running. The questions are window-modal and answered asynchronously, so nothing waits in a nested
event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from alcoach.data import meeting_timer, meetings
from alcoach.data.records import MeetingRecord
from alcoach.errors import AlcoachError
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.elided_label import ElidedLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)


def meeting_name(meeting: MeetingRecord) -> str:
    """How a question names a meeting: its set, and its title or its date."""
    from alcoach.formatting import format_date

    return f"{meeting.set_name}, {meeting.title or format_date(meeting.date)}"


def _is_paused(meeting_id: int) -> bool:
    pauses = meeting_timer.meeting_timing(meeting_id).pauses
    return bool(pauses) and pauses[-1].end is None


class RunningMeetings(QObject):
    """The running meetings' label in the status bar, and the questions before leaving one."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._left_running: set[int] = set()  # asked once this session: leaving is fine now
        self._quit_agreed = False
        self.question: QMessageBox | None = None
        self.label = ElidedLabel()  # a long set name never widens the window
        self.label.setObjectName("running_meetings")
        self.label.setAccessibleName("Meetings still running")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        for signal in (ctx.bus.timer_changed, ctx.bus.meeting_changed, ctx.bus.meeting_opened):
            signal.connect(self.refresh)
        ctx.bus.sets_changed.connect(self.refresh)

    # --- the label ------------------------------------------------------------------------------

    def running(self) -> list[MeetingRecord]:
        try:
            return meetings.running_meetings()
        except AlcoachError:
            log.exception("running meetings not read")
            return []

    def refresh(self, *_: object) -> None:
        rows = self.running()
        if not rows:
            self.label.hide()
            return
        names = [meeting_name(row) + (" (paused)" if _is_paused(row.id) else "") for row in rows]
        if len(rows) == 1:
            self.label.setText(f"Running: {names[0]}")
        else:
            self.label.setText(f"{len(rows)} meetings running")
        self.label.setToolTip("Still running (End meeting stops a clock):\n" + "\n".join(names))
        self.label.show()

    # --- leaving a running meeting --------------------------------------------------------------

    def may_leave(self, current: int | None, going_to: int | None, go: Callable[[], None]) -> bool:
        """True when the coach may leave `current` for `going_to` now; otherwise the question is
        open, and `go` runs if the coach leaves. Going to no meeting is the window letting go of
        its panels (a restore, a deletion), not the coach leaving: it is never asked about."""
        if current is None or going_to is None or current == going_to:
            return True
        if current in self._left_running:
            return True
        record = next((row for row in self.running() if row.id == current), None)
        if record is None:
            return True

        def leave(paused: bool) -> None:
            self._left_running.add(current)
            if paused:
                self._pause(current)
            go()

        self._ask(
            f"“{meeting_name(record)}” is still running.",
            "Its clock keeps counting while you look at another meeting; the status bar shows it "
            "until you end it.",
            ("&Leave it running", "&Pause it and leave", "&Stay"),
            leave,
            pause_is_default=False,
        )
        return False

    # --- quitting -------------------------------------------------------------------------------

    def quit_without_asking(self) -> None:
        """Let the window close with meetings running and no question (`--startup-check`, which
        quits the moment it has painted: Qt's quit stops when a window refuses to close)."""
        self._quit_agreed = True

    def may_quit(self, quit_now: Callable[[], None]) -> bool:
        """True when the window may close now; otherwise the question is open, and `quit_now`
        runs if the coach quits."""
        rows = [] if self._quit_agreed else self.running()
        if not rows:
            return True
        if self.question is not None and self.question.isVisible():
            self.question.raise_()
            return False
        if len(rows) == 1:
            head = f"“{meeting_name(rows[0])}” is still running."
        else:
            head = f"{len(rows)} meetings are still running: " + "; ".join(map(meeting_name, rows))

        def leave(paused: bool) -> None:
            if paused:
                for row in rows:
                    self._pause(row.id)
            self._quit_agreed = True
            quit_now()

        self._ask(
            head,
            "Pause keeps the clock from counting until you come back; otherwise it counts on "
            "while alcoach is closed.",
            ("&Quit, keep it running", "&Pause and quit", "&Cancel"),
            leave,
            pause_is_default=True,
        )
        return False

    # --- helpers --------------------------------------------------------------------------------

    def _ask(
        self,
        text: str,
        detail: str,
        labels: tuple[str, str, str],
        on_leave: Callable[[bool], None],
        *,
        pause_is_default: bool,
    ) -> None:
        """The one question: `labels` = (leave as it is, pause and leave, stay: Esc); the pause
        button comes first when it is the default. `on_leave(paused)` runs for either way out."""
        from PySide6.QtWidgets import QMessageBox  # asked rarely: not loaded at start-up

        box = self._box(text, detail)
        keep_label, pause_label, stay_label = labels
        accept = QMessageBox.ButtonRole.AcceptRole
        if pause_is_default:
            pause = box.addButton(pause_label, accept)
            keep = box.addButton(keep_label, accept)
        else:
            keep = box.addButton(keep_label, accept)
            pause = box.addButton(pause_label, accept)
        stay = box.addButton(stay_label, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(pause if pause_is_default else keep)
        box.setEscapeButton(stay)

        def answered() -> None:
            clicked = box.clickedButton()
            if clicked in (keep, pause):
                on_leave(clicked is pause)

        box.finished.connect(answered)
        box.open()

    def _box(self, text: str, detail: str) -> QMessageBox:
        if self.question is not None:
            self.question.deleteLater()
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._window)
        box.setObjectName("running_meeting_question")
        box.setIcon(QMessageBox.Icon.NoIcon)  # a question, not an alarm (no sound either)
        box.setWindowTitle("Meeting still running")
        box.setText(text)
        box.setInformativeText(detail)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.question = box
        return box

    def _pause(self, meeting_id: int) -> None:
        try:
            meeting_timer.pause_meeting(meeting_id, clock=self._ctx.meeting_clock)
        except AlcoachError as exc:
            self._ctx.bus.status_message.emit(str(exc))
            return
        self._ctx.bus.timer_changed.emit(meeting_id)
