"""Actions: report-back on earlier meetings' actions, and the actions committed at this one.

An action left open comes back at every later meeting of the set until it is reported (the data
service decides which actions are due; this panel shows and records what happened). The new
actions are a record list (alcoach.ui.meeting.new_actions) below the report-back table.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemDelegate, QLabel, QSplitter, QVBoxLayout, QWidget

from alcoach.data import actions, meetings, sets
from alcoach.data.record_refs import ref_of
from alcoach.data.records import ActionRecord
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_kit import bring_forward, section_label
from alcoach.ui.kit.record_table import Column, RecordTableModel
from alcoach.ui.kit.saving import OwnChange, guarded_write
from alcoach.ui.meeting.meeting_undo import push_change, quoted
from alcoach.ui.meeting.new_actions import NewActionsPanel, due_text
from alcoach.ui.meeting.record_list import fit_to_width, record_table_view
from alcoach.vocabulary import REPORT_BACK_ORDER, status_label

REPORT_CHOICES = [(status_label(key), key) for key in REPORT_BACK_ORDER]
STATUS_COLUMN, NOTE_COLUMN = 4, 5


class ActionsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("actions_panel")
        self.meeting_id: int | None = None
        self._meeting_dates: dict[int, dt.date] = {}
        self._own = OwnChange()

        self.report_model = RecordTableModel(
            [
                Column("Owner", lambda r: r.owner_name or "—"),
                Column("Action", lambda r: r.text),
                Column("From", self._from_text),
                Column("Due", due_text),
                Column(
                    "Status",
                    lambda r: status_label(r.status),
                    edit_value=lambda r: r.status,
                    commit=lambda r, v: self._report(r, status=str(v)),
                    choices=lambda: REPORT_CHOICES,
                    tooltip=lambda r: "Done, partly done, not done, dropped, or open",
                ),
                Column(
                    "Report-back note",
                    lambda r: r.report_back,
                    commit=lambda r, v: self._report(r, note=str(v)),
                ),
            ],
            self,
        )
        self.report_view = record_table_view(
            self.report_model, "report_back_table", "Report back on earlier actions"
        )
        fit_to_width(self.report_view, stretch=(1, 5))  # the action and the report-back note
        self._noting_row: int | None = None  # the row whose note is typed after a status key
        self.report_action = make_command(self, "actions_report_back", self.focus_report)
        self.status_actions = [
            make_command(self, f"report_{s}", lambda s=s: self.report_key(s), on=[self.report_view])
            for s in REPORT_BACK_ORDER
        ]
        self.report_view.itemDelegate().closeEditor.connect(self._note_closed)
        self.new = NewActionsPanel(ctx, [("(nobody yet)", None)])
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(section_label("Report back on earlier actions"))
        hint = QLabel("Actions left open come back at each meeting until reported.")
        hint.setEnabled(False)
        hint.setWordWrap(True)
        top_layout.addWidget(hint)
        top_layout.addWidget(self.report_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.new)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)

        ctx.bus.actions_changed.connect(self._on_actions_changed)
        ctx.bus.sets_changed.connect(self._on_sets_changed)
        self.set_meeting(None)

    # --- contract ---------------------------------------------------------------------------

    def commands(self) -> list[QAction]:
        return [self.report_action, *self.status_actions, *self.new.commands()]

    def flush(self) -> None:
        """Each edit is stored when it is made; nothing waits."""

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self._load_members()
        self.new.set_meeting(meeting_id)
        self._reload_reports()
        self.setEnabled(meeting_id is not None)

    def select_record(self, action_id: int) -> None:
        if self.new.select_record(action_id):
            return
        for row, record in enumerate(self.report_model.rows):
            if record.id == action_id:
                self.report_view.selectRow(row)
                self.report_view.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def focus_entry(self) -> None:
        self.new.focus_entry()

    def commit_typed(self) -> None:
        self.new.commit_typed()

    def delete_selected(self) -> None:
        self.new.delete_selected()

    # --- loading ----------------------------------------------------------------------------

    def _on_sets_changed(self) -> None:
        self._load_members(keep_current=True)

    def _load_members(self, *, keep_current: bool = False) -> None:
        members: list[tuple[str, int | None]] = [("(nobody yet)", None)]
        self._meeting_dates = {}
        presenter = None
        if self.meeting_id is not None:
            meeting = meetings.get_meeting(self.meeting_id)
            members += [
                (m.name, m.id) for m in sets.list_members(meeting.set_id, include_inactive=False)
            ]
            self._meeting_dates = {m.id: m.date for m in meetings.list_meetings(meeting.set_id)}
            presenter = next(
                (a.member.id for a in meetings.list_attendees(self.meeting_id) if a.presenter),
                None,
            )
        self.new.members = members
        self.new.show_owners(self.new.owner.currentData() if keep_current else presenter)

    def _reload_reports(self) -> None:
        rows = actions.actions_for_report_back(self.meeting_id) if self.meeting_id else []
        self.report_model.set_rows(rows)

    def _from_text(self, record: ActionRecord) -> str:
        date = self._meeting_dates.get(record.meeting_id)
        return date.isoformat() if date else ""

    def _on_actions_changed(self, meeting_id: int) -> None:
        if not self._own.active and self.meeting_id is not None:
            self._reload_reports()

    # --- report-back by keys: a status key, the note, Enter ----------------------------------

    def focus_report(self) -> None:
        """The report-back table with the cursor on the first action still open."""
        bring_forward(self)
        rows = self.report_model.rows
        if not rows:
            self.ctx.bus.status_message.emit("No earlier action is waiting for a report-back.")
            return
        current = self.report_view.currentIndex()
        row = current.row() if current.isValid() else None
        if row is None:
            row = next((i for i, r in enumerate(rows) if r.status == "committed"), 0)
        self._go_to(row)

    def _go_to(self, row: int) -> None:
        self.report_view.setCurrentIndex(self.report_model.index(row, STATUS_COLUMN))
        self.report_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def report_key(self, status: str) -> None:
        index = self.report_view.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        result = self._report(self.report_model.record(row), status=status)
        if result is None:
            return
        self.report_model.replace(row, result)
        note = self.report_model.index(row, NOTE_COLUMN)
        self.report_view.setCurrentIndex(note)
        self._noting_row = row
        self.report_view.edit(note)

    def _note_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        row, self._noting_row = self._noting_row, None
        if row is None:
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            row = min(row + 1, self.report_model.rowCount() - 1)  # Enter: on to the next one
        self._go_to(row)

    # --- writing ----------------------------------------------------------------------------

    def _report(self, record: ActionRecord, *, status: str | None = None, note: str | None = None):
        result = guarded_write(
            self.ctx.bus,
            actions.report_back,
            record.id,
            status if status is not None else record.status,
            note=note if note is not None else record.report_back,
            meeting_id=self.meeting_id,
        )
        if result is not None:
            self._own.announce(self.ctx.bus.actions_changed, self.meeting_id)
            was = (record.status, record.report_back, record.reported_in_id)
            now = (result.status, result.report_back, self.meeting_id)
            push_change(
                self.ctx,
                f"Report back on {quoted(record.text)}",
                self.ctx.bus.actions_changed,
                self.meeting_id,
                lambda: actions.report_back(record.id, was[0], note=was[1], meeting_id=was[2]),
                lambda: actions.report_back(record.id, now[0], note=now[1], meeting_id=now[2]),
                refs=lambda: (ref_of(record),),
            )
        return result
