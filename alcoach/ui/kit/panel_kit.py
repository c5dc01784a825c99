"""Small pieces the members, feedback, problem, actions and learnings panels share.

- `command()`: a QAction with its shortcut(s) and a tooltip that names them.
- `member_selection(ctx)`: the member chosen in the roster, shared by the roster and the feedback
  editor without either knowing the other (one QObject per context, parented to its bus).
- `attending(meeting_id)`: the meeting's attendees in roster order.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from alcoach.data import meetings
from alcoach.data.records import AttendeeRecord
from alcoach.ui.kit.context import AppContext


class MemberSelection(QObject):
    """Which member the coach last picked (roster name click, or the feedback editor's picker)."""

    member_selected = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_selection")
        self.member_id: int | None = None

    def select(self, member_id: int) -> None:
        self.member_id = member_id
        self.member_selected.emit(member_id)


def member_selection(ctx: AppContext) -> MemberSelection:
    found = ctx.bus.findChild(MemberSelection, "member_selection")
    return found if found is not None else MemberSelection(ctx.bus)


def attending(meeting_id: int) -> list[AttendeeRecord]:
    return [a for a in meetings.list_attendees(meeting_id) if a.attended or a.presenter]


def private_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A heading that says plainly: only the coach sees this."""
    label = QLabel(f"{text} (private)", parent)
    label.setObjectName("private_label")
    label.setStyleSheet("QLabel#private_label { font-weight: 600; color: #a0522d; }")
    label.setToolTip("Private to the coach: left out of anything shared unless you ask for it.")
    return label


def section_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def roster_key(attendees: list[AttendeeRecord]) -> tuple:
    """What a roster shows; rebuild only when this changes (meeting_changed also means notes)."""
    return tuple(
        (a.member.id, a.member.name, a.member.leadership_skill, a.presenter) for a in attendees
    )


def bring_forward(panel: QWidget) -> None:
    """Show the tab that holds `panel`, if it sits in a QTabWidget."""
    widget: QWidget | None = panel
    while widget is not None:
        stack = widget.parentWidget()
        tabs = stack.parentWidget() if stack is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(widget) >= 0:
            tabs.setCurrentWidget(widget)
            return
        widget = stack
