"""Who attends and who presents: a grid of checkboxes, and a window to change it mid-meeting.

`AttendanceGrid` is shared by the new-meeting dialog (collects choices) and `AttendanceDialog`
(stores each tick at once, so it never asks "save?" and can stay open beside the meeting).
A presenter always attends: ticking "presents" ticks "attends", unticking "attends" clears
"presents".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import meetings
from alcoach.data.records import AttendeeRecord, MemberRecord
from alcoach.errors import AlcoachError
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import guarded_write


class AttendanceGrid(QWidget):
    """One row per member: name, "attends", "presents"."""

    changed = Signal(int, bool, bool)  # member id, attends, presents

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance_grid")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self.attends: dict[int, QCheckBox] = {}
        self.presents: dict[int, QCheckBox] = {}
        self._syncing = False

    def set_rows(self, rows: Sequence[tuple[MemberRecord, bool, bool]]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.attends.clear()
        self.presents.clear()
        for col, heading in enumerate(("Member", "Attends", "Presents")):
            label = QLabel(f"<b>{heading}</b>")
            label.setTextFormat(Qt.TextFormat.RichText)
            self._grid.addWidget(label, 0, col)
        for row, (member, attends, presents) in enumerate(rows, start=1):
            name = QLabel(member.name)
            name.setTextFormat(Qt.TextFormat.PlainText)
            if member.leadership_skill:
                name.setToolTip(f"Leadership skill: {member.leadership_skill}")
            attend_box = QCheckBox()
            attend_box.setChecked(attends or presents)
            attend_box.setAccessibleName(f"{member.name} attends")
            present_box = QCheckBox()
            present_box.setChecked(presents)
            present_box.setAccessibleName(f"{member.name} presents")
            attend_box.toggled.connect(lambda on, mid=member.id: self._attend_toggled(mid, on))
            present_box.toggled.connect(lambda on, mid=member.id: self._present_toggled(mid, on))
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(attend_box, row, 1, Qt.AlignmentFlag.AlignHCenter)
            self._grid.addWidget(present_box, row, 2, Qt.AlignmentFlag.AlignHCenter)
            self.attends[member.id] = attend_box
            self.presents[member.id] = present_box
        self._grid.setColumnStretch(0, 1)
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        self._grid.setRowStretch(len(rows) + 1, 1)  # rows stay packed at the top

    def _attend_toggled(self, member_id: int, on: bool) -> None:
        if self._syncing:
            return
        self._syncing = True
        if not on:
            self.presents[member_id].setChecked(False)
        self._syncing = False
        self.changed.emit(member_id, on, self.presents[member_id].isChecked())

    def _present_toggled(self, member_id: int, on: bool) -> None:
        if self._syncing:
            return
        self._syncing = True
        if on:
            self.attends[member_id].setChecked(True)
        self._syncing = False
        self.changed.emit(member_id, self.attends[member_id].isChecked(), on)

    def attendee_ids(self) -> list[int]:
        return [mid for mid, box in self.attends.items() if box.isChecked()]

    def presenter_ids(self) -> list[int]:
        return [mid for mid, box in self.presents.items() if box.isChecked()]


def attendance_rows(attendees: Sequence[AttendeeRecord]) -> list[tuple[MemberRecord, bool, bool]]:
    """Active members, plus anyone inactive who is still marked for this meeting."""
    return [
        (a.member, a.attended, a.presenter)
        for a in attendees
        if a.member.active or a.attended or a.presenter
    ]


class AttendanceDialog(QDialog):
    """Change attendance and presenters of a meeting; every tick is stored at once."""

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.setObjectName("attendance_dialog")
        self.setWindowTitle("Attendance and presenters")
        self.setModal(False)
        layout = QVBoxLayout(self)
        intro = QLabel("Changes are kept as you tick; the roster follows.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.grid = AttendanceGrid(self)
        layout.addWidget(self.grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.grid.changed.connect(self._store)
        self.reload()

    def reload(self) -> None:
        try:
            rows = attendance_rows(meetings.list_attendees(self.meeting_id))
        except AlcoachError as exc:
            self.ctx.bus.save_failed.emit(str(exc))
            rows = []
        self.grid.set_rows(rows)

    def _store(self, member_id: int, attends: bool, presents: bool) -> None:
        done = guarded_write(
            self.ctx.bus,
            _set_flags,
            self.meeting_id,
            member_id,
            attends,
            presents,
        )
        if done is not None:
            self.ctx.bus.meeting_changed.emit(self.meeting_id)


def _set_flags(meeting_id: int, member_id: int, attends: bool, presents: bool) -> bool:
    meetings.set_attendance(meeting_id, member_id, attended=attends, presenter=presents)
    return True
