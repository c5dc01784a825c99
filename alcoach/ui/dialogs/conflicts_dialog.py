"""File > Data > Conflicts: texts changed on two copies at once, both versions side by side, and a
key to keep either (alcoach.data.conflicts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alcoach.data.conflicts import ConflictRecord, list_conflicts, resolve_conflict
from alcoach.data.op_changes import OpChanges
from alcoach.errors import AlcoachError
from alcoach.ui.kit.rows_model import RowsModel

_WORDS = {
    "text": "Text", "response": "Response", "coach_notes": "Coach notes", "title": "Title",
    "location": "Place", "skill": "Skill", "strengths": "Strengths",
    "suggestions": "Suggestions", "self_assessment": "Self-assessment", "note": "Note",
    "report_back": "Report-back", "application": "Application", "name": "Name",
}  # fmt: skip
COL_WHAT, COL_WHERE, COL_FIELDS = range(3)
_HEADERS = ("What", "Where", "Changed on both sides")


def _texts(texts: dict[str, str], fields: list[str]) -> str:
    if len(fields) == 1:
        return texts.get(fields[0], "")
    return "\n\n".join(f"{_WORDS.get(name, name)}:\n{texts.get(name, '')}" for name in fields)


class ConflictTableModel(RowsModel[ConflictRecord]):
    headers = _HEADERS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        if index.column() == COL_WHAT:
            return row.what
        if index.column() == COL_WHERE:
            return row.where or "(deleted since)"
        return ", ".join(_WORDS.get(name, name) for name in row.fields)


class ConflictsDialog(QDialog):
    def __init__(self, parent: QWidget | None, on_changed: Callable[[OpChanges], None]) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle("Conflicts")
        self.on_changed = on_changed
        layout = QVBoxLayout(self)
        intro = QLabel(
            "These texts were changed on two copies of your notes at once. The one changed last "
            "is in your notes now; the other is kept here. Keep either."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ConflictTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHERE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        sides = QGridLayout()
        self.current = QPlainTextEdit(readOnly=True, objectName="conflict_current")
        self.other = QPlainTextEdit(readOnly=True, objectName="conflict_other")
        sides.addWidget(QLabel("In your notes now (changed last)"), 0, 0)
        sides.addWidget(QLabel("The other version (kept here)"), 0, 1)
        for side in (self.current, self.other):
            side.setTabChangesFocus(True)
        sides.addWidget(self.current, 1, 0)
        sides.addWidget(self.other, 1, 1)
        layout.addLayout(sides, 2)
        self.error = QLabel(objectName="dialog_error", wordWrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.keep_button = QPushButton("&Keep the one in my notes")
        self.restore_button = QPushButton("&Use the other version")
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.keep_button.clicked.connect(lambda: self._resolve("kept"))
        self.restore_button.clicked.connect(lambda: self._resolve("restored"))
        for keys, slot in (("Ctrl+Return", self.reject), ("Ctrl+Enter", self.reject)):
            QShortcut(QKeySequence(keys), self, slot)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.resize(900, 560)
        self.reload()
        self.table.setFocus()

    def reload(self, row: int = 0) -> None:
        self.model.set_rows(list_conflicts())
        if self.model.rows:
            self.table.selectRow(min(row, len(self.model.rows) - 1))
        self._show()

    def selected(self) -> ConflictRecord | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _show(self) -> None:
        record = self.selected()
        has = record is not None
        self.keep_button.setEnabled(has)
        self.restore_button.setEnabled(has and record.record_exists)
        if record is None:
            self.current.setPlainText("")
            self.other.setPlainText("No conflicts: every copy's words are in your notes.")
            return
        fields = record.fields or list(record.kept)
        self.current.setPlainText(_texts(record.kept, fields))
        self.other.setPlainText(_texts(record.lost, fields))

    def _resolve(self, keep: str) -> None:
        record = self.selected()
        if record is None:
            return
        row = self.table.currentIndex().row()
        try:
            resolve_conflict(record.id, keep)
        except AlcoachError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.on_changed(OpChanges(changed={(record.record_kind, record.record_uid)}))
        self.reload(row)
        self.table.setFocus()
