"""The actions committed at this meeting: an entry row (owner, text, due), the table, delete and
undo (a RecordListPanel). The report-back on earlier actions is in the actions panel above it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton

from alcoach.data import actions
from alcoach.data.records import ActionRecord
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.record_table import Column, from_qdate, to_qdate
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.meeting.record_list import RecordListPanel, RecordServices
from alcoach.vocabulary import status_label

SERVICES = RecordServices(actions.list_actions, actions.delete_action, actions.restore_action)


def due_text(record: ActionRecord) -> str:
    return record.due.isoformat() if record.due else ""


class NewActionsPanel(RecordListPanel):
    noun = "action"
    key = "actions"
    wide_columns = ((1, 220, 360),)

    def __init__(self, ctx: AppContext, members: list[tuple[str, int | None]]) -> None:
        self.members = members  # the owners to choose from: kept up to date by the actions panel
        columns = [
            Column(
                "Owner",
                lambda r: r.owner_name or "—",
                edit_value=lambda r: r.owner_id,
                commit=lambda r, v: self._update(r, owner_id=v),
                choices=lambda: self.members,
            ),
            Column("Action", lambda r: r.text, commit=lambda r, v: self._update(r, text=v)),
            Column(
                "Due",
                due_text,
                edit_value=lambda r: to_qdate(r.due),
                commit=lambda r, v: self._update(r, due=from_qdate(v)),
            ),
            Column("Status", lambda r: status_label(r.status)),
        ]
        super().__init__(
            ctx,
            title="New actions from this meeting",
            columns=columns,
            services=SERVICES,
            changed=ctx.bus.actions_changed,
            view_name="new_actions_table",
        )
        self.owner = QComboBox()
        self.owner.setObjectName("new_action_owner")
        self.owner.setToolTip("Who commits to the action")
        self.text = QLineEdit()
        self.text.setObjectName("new_action_text")
        self.text.setAccessibleName("New action")
        self.text.setPlaceholderText("What will be done — Enter commits the action")
        self.text.returnPressed.connect(self.commit_typed)
        self.has_due = QCheckBox("due")
        self.has_due.setToolTip("Give the action a due date")
        self.due = QDateEdit()
        self.due.setObjectName("new_action_due")
        self.due.setAccessibleName("Due date")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        add = QPushButton("Commit")
        add.clicked.connect(self.commit_typed)
        add.setToolTip(f"Commit the action (Enter); {self.focus_action.toolTip()}")
        entry = QHBoxLayout()
        entry.addWidget(self.owner)
        entry.addWidget(self.text, 1)
        entry.addWidget(self.has_due)
        entry.addWidget(self.due)
        entry.addWidget(add)
        self.lay_out(entry)

    def set_meeting(self, meeting_id: int | None) -> None:
        two_weeks = self.ctx.now().astimezone().date() + dt.timedelta(days=14)
        self.due.setDate(to_qdate(two_weeks))
        super().set_meeting(meeting_id)

    def entry_widget(self) -> QLineEdit:
        return self.text

    def show_owners(self, keep: int | None) -> None:
        self.owner.clear()
        for label, value in self.members:
            self.owner.addItem(label, value)
        self.owner.setCurrentIndex(max(self.owner.findData(keep), 0))

    def commit_typed(self) -> None:
        text = self.text.text()
        if self.meeting_id is None or not text.strip():
            return
        due = from_qdate(self.due.date()) if self.has_due.isChecked() else None
        record = guarded_write(
            self.ctx.bus,
            actions.commit_action,
            self.meeting_id,
            text,
            owner_id=self.owner.currentData(),
            due=due,
        )
        if record is None:
            return
        self.text.setText("")  # forgets the line's own undo: Ctrl+Z is the meeting's
        self.added(record)

    def _update(self, record: ActionRecord, **changes: object) -> ActionRecord | None:
        if "text" in changes and not str(changes["text"]).strip():
            self.ctx.bus.save_failed.emit("An action needs some text; the old text was kept.")
            return None
        return self.store_edit(record, actions.update_action, **changes)
