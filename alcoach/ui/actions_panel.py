"""Actions: report-back on earlier meetings' actions, and the actions committed at this one.

An action left "still open" comes back at every later meeting of the set until it is reported
(the data service decides which actions are due; this panel shows and records what happened).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import actions, meetings, sets
from alcoach.data.records import ActionRecord
from alcoach.ui.context import AppContext
from alcoach.ui.panel_kit import bring_forward, command, section_label
from alcoach.ui.record_table import (
    ChoiceDelegate,
    Column,
    RecordTableModel,
    from_qdate,
    to_qdate,
)
from alcoach.ui.saving import guarded_write

STATUS_LABELS = {
    "committed": "still open",
    "done": "done",
    "partly": "partly",
    "not_done": "not done",
    "dropped": "dropped",
}
REPORT_CHOICES = [(STATUS_LABELS[k], k) for k in ("done", "partly", "not_done", "dropped")] + [
    ("still open", "committed")
]


def _due(record: ActionRecord) -> str:
    return record.due.isoformat() if record.due else ""


def _table(model: RecordTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(ChoiceDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class ActionsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("actions_panel")
        self.meeting_id: int | None = None
        self._members: list[tuple[str, int | None]] = []
        self._meeting_dates: dict[int, dt.date] = {}
        self._deleted: list[ActionRecord] = []
        self._announcing = False

        self.report_model = RecordTableModel(
            [
                Column("Owner", lambda r: r.owner_name or "—"),
                Column("Action", lambda r: r.text),
                Column("From", self._from_text),
                Column("Due", _due),
                Column(
                    "Status",
                    lambda r: STATUS_LABELS.get(r.status, r.status),
                    edit_value=lambda r: r.status,
                    commit=lambda r, v: self._report(r, status=str(v)),
                    choices=lambda: REPORT_CHOICES,
                    tooltip=lambda r: "Done, partly, not done, dropped, or still open",
                ),
                Column(
                    "Report-back note",
                    lambda r: r.report_back,
                    commit=lambda r, v: self._report(r, note=str(v)),
                ),
            ],
            self,
        )
        self.report_view = _table(self.report_model)
        self.report_view.setObjectName("report_back_table")

        self.new_model = RecordTableModel(
            [
                Column(
                    "Owner",
                    lambda r: r.owner_name or "—",
                    edit_value=lambda r: r.owner_id,
                    commit=lambda r, v: self._update(r, owner_id=v),
                    choices=lambda: self._members,
                ),
                Column("Action", lambda r: r.text, commit=lambda r, v: self._update(r, text=v)),
                Column(
                    "Due",
                    _due,
                    edit_value=lambda r: to_qdate(r.due),
                    commit=lambda r, v: self._update(r, due=from_qdate(v)),
                ),
                Column("Status", lambda r: STATUS_LABELS.get(r.status, r.status)),
            ],
            self,
        )
        self.new_view = _table(self.new_model)
        self.new_view.setObjectName("new_actions_table")

        self.owner = QComboBox()
        self.owner.setObjectName("new_action_owner")
        self.owner.setToolTip("Who commits to the action")
        self.text = QLineEdit()
        self.text.setObjectName("new_action_text")
        self.text.setPlaceholderText("What will be done — Enter commits the action")
        self.text.returnPressed.connect(self.commit_typed)
        self.has_due = QCheckBox("due")
        self.has_due.setToolTip("Give the action a due date")
        self.due = QDateEdit()
        self.due.setObjectName("new_action_due")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        add = QPushButton("Commit")
        add.clicked.connect(self.commit_typed)

        self.focus_action = command(
            self, "New action", "Ctrl+Alt+A", "Type a new action", self.focus_entry
        )
        self.delete_action = command(
            self,
            "Delete action",
            "Delete",
            "Delete the selected new action",
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.undo_action = command(
            self,
            "Undo delete action",
            "Alt+Backspace",
            "Put back the last deleted action",
            self.undo_delete,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        add.setToolTip(f"Commit the action (Enter); {self.focus_action.toolTip()}")
        self.new_view.addAction(self.delete_action)
        self.addAction(self.focus_action)
        self.addAction(self.undo_action)

        entry = QHBoxLayout()
        entry.addWidget(self.owner)
        entry.addWidget(self.text, 1)
        entry.addWidget(self.has_due)
        entry.addWidget(self.due)
        entry.addWidget(add)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(section_label("Report back on earlier actions"))
        hint = QLabel("Actions left “still open” come back at each meeting until reported.")
        hint.setEnabled(False)
        hint.setWordWrap(True)
        top_layout.addWidget(hint)
        top_layout.addWidget(self.report_view, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(section_label("New actions from this meeting"))
        bottom_layout.addLayout(entry)
        bottom_layout.addWidget(self.new_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)

        ctx.bus.actions_changed.connect(self._on_actions_changed)
        ctx.bus.sets_changed.connect(self._on_sets_changed)
        self.set_meeting(None)

    # --- contract ---------------------------------------------------------------------------

    def actions(self) -> list[QAction]:  # type: ignore[override]
        return [self.focus_action, self.delete_action, self.undo_action]

    def flush(self) -> None:
        """Each edit is stored when it is made; nothing waits."""

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self._deleted.clear()
        two_weeks = self.ctx.now().astimezone().date() + dt.timedelta(days=14)
        self.due.setDate(to_qdate(two_weeks))
        self._load_members()
        self._reload()
        self.setEnabled(meeting_id is not None)

    def select_record(self, action_id: int) -> None:
        for model, view in ((self.new_model, self.new_view), (self.report_model, self.report_view)):
            for row, record in enumerate(model.rows):
                if record.id == action_id:
                    view.selectRow(row)
                    view.setFocus(Qt.FocusReason.OtherFocusReason)
                    return

    # --- loading ----------------------------------------------------------------------------

    def _on_sets_changed(self) -> None:
        self._load_members(keep_current=True)

    def _load_members(self, *, keep_current: bool = False) -> None:
        self._members = [("(nobody yet)", None)]
        self._meeting_dates = {}
        if self.meeting_id is not None:
            meeting = meetings.get_meeting(self.meeting_id)
            self._members += [
                (m.name, m.id) for m in sets.list_members(meeting.set_id, include_inactive=False)
            ]
            self._meeting_dates = {m.id: m.date for m in meetings.list_meetings(meeting.set_id)}
            presenter = next(
                (a.member.id for a in meetings.list_attendees(self.meeting_id) if a.presenter),
                None,
            )
        else:
            presenter = None
        keep = self.owner.currentData() if keep_current else presenter
        self.owner.clear()
        for label, value in self._members:
            self.owner.addItem(label, value)
        self.owner.setCurrentIndex(max(self.owner.findData(keep), 0))

    def _reload(self) -> None:
        if self.meeting_id is None:
            self.report_model.set_rows([])
            self.new_model.set_rows([])
            return
        self.report_model.set_rows(actions.actions_for_report_back(self.meeting_id))
        self.new_model.set_rows(actions.list_actions(self.meeting_id))
        for view in (self.report_view, self.new_view):
            view.resizeColumnsToContents()
            view.setColumnWidth(1, max(view.columnWidth(1), 220))
            view.setColumnWidth(1, min(view.columnWidth(1), 360))

    def _from_text(self, record: ActionRecord) -> str:
        date = self._meeting_dates.get(record.meeting_id)
        return date.isoformat() if date else ""

    def _on_actions_changed(self, meeting_id: int) -> None:
        if not self._announcing and self.meeting_id is not None:
            self._reload()

    def _announce(self) -> None:
        self._announcing = True
        try:
            self.ctx.bus.actions_changed.emit(self.meeting_id)
        finally:
            self._announcing = False

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
            self._announce()
        return result

    def _update(self, record: ActionRecord, **changes: object):
        if "text" in changes and not str(changes["text"]).strip():
            self.ctx.bus.save_failed.emit("An action needs some text; the old text was kept.")
            return None
        result = guarded_write(self.ctx.bus, actions.update_action, record.id, **changes)
        if result is not None:
            self._announce()
        return result

    def focus_entry(self) -> None:
        bring_forward(self)
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

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
        self.text.clear()
        self.new_model.set_rows([*self.new_model.rows, record])
        self._announce()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.new_view.selectionModel().selectedRows()})
        if not rows:
            index = self.new_view.currentIndex()
            rows = [index.row()] if index.isValid() else []
        for row in reversed(rows):
            record = self.new_model.record(row)
            deleted = guarded_write(
                self.ctx.bus, lambda action_id=record.id: actions.delete_action(action_id) or True
            )
            if deleted is None:
                return
            self._deleted.append(record)
            self.ctx.bus.status_message.emit(
                f"Deleted the action “{record.text[:40]}”. Alt+Backspace puts it back."
            )
        self._reload()
        self._announce()

    def undo_delete(self) -> None:
        if not self._deleted or self.meeting_id is None:
            return
        record = self._deleted.pop()
        restored = guarded_write(
            self.ctx.bus,
            actions.commit_action,
            record.meeting_id,
            record.text,
            owner_id=record.owner_id,
            due=record.due,
        )
        if restored is not None and record.status != "committed":
            guarded_write(
                self.ctx.bus,
                actions.report_back,
                restored.id,
                record.status,
                note=record.report_back,
                meeting_id=record.reported_in_id,
            )
        self._reload()
        self._announce()
