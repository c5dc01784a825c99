"""A non-modal sheet listing every command of the window with its keys, built from the QActions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

COLUMNS = ("Menu", "Command", "Keys", "What it does")


def shortcut_text(action: QAction) -> str:
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if s
    )


def plain_text(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


class ShortcutsSheet(QDialog):
    """Rows come from (menu name, action) pairs; `refresh()` rebuilds them. Never modal; Esc
    closes it, as it closes any dialog."""

    def __init__(self, groups: Sequence[tuple[str, QAction]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setModal(False)
        self.setWindowTitle("Keyboard shortcuts — alcoach")
        self.setObjectName("shortcuts_sheet")
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter commands")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        self.resize(900, 600)
        self.refresh(groups)

    def refresh(self, groups: Sequence[tuple[str, QAction]]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for menu, action in groups:
            if not action.isVisible():
                continue  # a command that does not apply now (a roster key with no member)
            cells = [
                menu,
                plain_text(action),
                shortcut_text(action),
                action.statusTip() or action.toolTip(),
            ]
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
                item.setToolTip(item.text())
            self.model.appendRow(items)

    def commands(self) -> list[tuple[str, str, str]]:
        """(command, keys, description) of every row, for tests and for copying."""
        return [
            (
                self.model.item(row, 1).text(),
                self.model.item(row, 2).text(),
                self.model.item(row, 3).text(),
            )
            for row in range(self.model.rowCount())
        ]
