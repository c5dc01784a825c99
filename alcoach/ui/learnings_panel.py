"""Learnings by level — individual (with the member), team, organisation — and how each will be
applied. Add from the entry row, edit in place in the table, delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import learnings
from alcoach.data.records import LearningRecord
from alcoach.ui.context import AppContext
from alcoach.ui.panel_kit import (
    attending,
    bring_forward,
    command,
    member_selection,
    section_label,
)
from alcoach.ui.record_table import ChoiceDelegate, Column, RecordTableModel
from alcoach.ui.saving import guarded_write

LEVELS = (("Individual", "individual"), ("Team", "team"), ("Organisation", "organisation"))
LEVEL_LABELS = {key: label for label, key in LEVELS}


class LearningsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("learnings_panel")
        self.meeting_id: int | None = None
        self._members: list[tuple[str, int | None]] = [("—", None)]
        self._names: dict[int, str] = {}
        self._deleted: list[LearningRecord] = []
        self._announcing = False

        self.model = RecordTableModel(
            [
                Column(
                    "Level",
                    lambda r: LEVEL_LABELS.get(r.level, r.level),
                    edit_value=lambda r: r.level,
                    commit=lambda r, v: self._update(r, level=v),
                    choices=lambda: LEVELS,
                ),
                Column(
                    "Member",
                    lambda r: self._names.get(r.member_id, "") if r.member_id else "",
                    edit_value=lambda r: r.member_id,
                    commit=lambda r, v: self._update(r, member_id=v),
                    choices=lambda: self._members,
                ),
                Column("Learning", lambda r: r.text, commit=lambda r, v: self._update(r, text=v)),
                Column(
                    "How it will be applied",
                    lambda r: r.application,
                    commit=lambda r, v: self._update(r, application=v),
                ),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setObjectName("learnings_table")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.level = QComboBox()
        self.level.setObjectName("learning_level")
        for label, key in LEVELS:
            self.level.addItem(label, key)
        self.level.setToolTip("Individual learnings belong to a member")
        self.member = QComboBox()
        self.member.setObjectName("learning_member")
        self.member.setToolTip("Whose learning (for individual learnings)")
        self.level.currentIndexChanged.connect(self._level_picked)
        self.text = QLineEdit()
        self.text.setObjectName("learning_text")
        self.text.setPlaceholderText("What was learned")
        self.application = QLineEdit()
        self.application.setObjectName("learning_application")
        self.application.setPlaceholderText("How it will be applied — Enter adds the learning")
        self.text.returnPressed.connect(self.application.setFocus)
        self.application.returnPressed.connect(self.add_typed)
        add = QPushButton("Add")
        add.clicked.connect(self.add_typed)

        self.focus_action = command(
            self, "New learning", "Ctrl+Alt+W", "Write down a learning", self.focus_entry
        )
        self.delete_action = command(
            self,
            "Delete learning",
            "Delete",
            "Delete the selected learning",
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.undo_action = command(
            self,
            "Undo delete learning",
            "Alt+Backspace",
            "Put back the last deleted learning",
            self.undo_delete,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        add.setToolTip(f"Add the learning (Enter); {self.focus_action.toolTip()}")
        self.view.addAction(self.delete_action)
        self.addAction(self.focus_action)
        self.addAction(self.undo_action)

        entry = QGridLayout()
        entry.addWidget(self.level, 0, 0)
        entry.addWidget(self.member, 0, 1)
        entry.addWidget(self.text, 0, 2)
        entry.addWidget(self.application, 1, 0, 1, 3)
        entry.addWidget(add, 1, 3)
        entry.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(section_label("Learnings: individual, team, organisation"))
        layout.addLayout(entry)
        layout.addWidget(self.view, 1)

        member_selection(ctx).member_selected.connect(self._member_picked)
        ctx.bus.learnings_changed.connect(self._on_changed)
        ctx.bus.meeting_changed.connect(self._on_meeting_changed)
        self.set_meeting(None)

    # --- contract ---------------------------------------------------------------------------

    def actions(self) -> list[QAction]:  # type: ignore[override]
        return [self.focus_action, self.delete_action, self.undo_action]

    def flush(self) -> None:
        """Each learning is stored when added or edited; nothing waits."""

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self._deleted.clear()
        self._load_members()
        self._reload()
        self.setEnabled(meeting_id is not None)

    def select_record(self, learning_id: int) -> None:
        for row, record in enumerate(self.model.rows):
            if record.id == learning_id:
                self.view.selectRow(row)
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # --- loading ----------------------------------------------------------------------------

    def _load_members(self) -> None:
        attendees = attending(self.meeting_id) if self.meeting_id is not None else []
        self._names = {a.member.id: a.member.name for a in attendees}
        self._members = [("—", None), *((a.member.name, a.member.id) for a in attendees)]
        keep = self.member.currentData()
        self.member.clear()
        for label, value in self._members:
            self.member.addItem(label, value)
        self.member.setCurrentIndex(max(self.member.findData(keep), 0))
        self._level_picked()

    def _member_picked(self, member_id: int) -> None:
        index = self.member.findData(member_id)
        if index >= 0:
            self.member.setCurrentIndex(index)

    def _level_picked(self, *_: object) -> None:
        self.member.setEnabled(self.level.currentData() == "individual")

    def _reload(self) -> None:
        rows = learnings.list_learnings(self.meeting_id) if self.meeting_id is not None else []
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        for column, widest in ((2, 320), (1, 160)):
            self.view.setColumnWidth(column, min(max(self.view.columnWidth(column), 120), widest))

    def _on_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id and not self._announcing:
            self._reload()

    def _on_meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self.meeting_id:
            self._load_members()

    def _announce(self) -> None:
        self._announcing = True
        try:
            self.ctx.bus.learnings_changed.emit(self.meeting_id)
        finally:
            self._announcing = False

    # --- writing ----------------------------------------------------------------------------

    def focus_entry(self) -> None:
        bring_forward(self)
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_typed(self) -> None:
        text = self.text.text()
        if self.meeting_id is None or not (text.strip() or self.application.text().strip()):
            return
        level = self.level.currentData()
        record = guarded_write(
            self.ctx.bus,
            learnings.add_learning,
            self.meeting_id,
            level,
            text,
            member_id=self.member.currentData() if level == "individual" else None,
            application=self.application.text(),
        )
        if record is None:
            return
        self.text.clear()
        self.application.clear()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.model.set_rows([*self.model.rows, record])
        self._announce()

    def _update(self, record: LearningRecord, **changes: object) -> LearningRecord | None:
        result = guarded_write(self.ctx.bus, learnings.update_learning, record.id, **changes)
        if result is not None:
            self._announce()
        return result

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        for row in reversed(rows):
            record = self.model.record(row)
            done = guarded_write(
                self.ctx.bus, lambda lid=record.id: learnings.delete_learning(lid) or True
            )
            if done is None:
                break
            self._deleted.append(record)
            self.ctx.bus.status_message.emit(
                f"Deleted the learning “{record.text[:40]}”. Alt+Backspace puts it back."
            )
        self._reload()
        self._announce()

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        record = self._deleted.pop()
        guarded_write(
            self.ctx.bus,
            learnings.add_learning,
            record.meeting_id,
            record.level,
            record.text,
            member_id=record.member_id,
            application=record.application,
        )
        self._reload()
        self._announce()
