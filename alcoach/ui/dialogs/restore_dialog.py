"""Restore from a backup: the backups newest first (when, size, why), or a file the coach picks,
then a confirmation that says the notes as they are now are kept aside first.

The dialog only chooses: `restore_chosen(Path)` is emitted once the coach confirmed, and
alcoach.ui.shell.data_actions does the restore. It does not block the main window.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alcoach.data.backup import BackupInfo

Index = QModelIndex | QPersistentModelIndex

REASONS = {
    "manual": "Backed up by you",
    "daily": "Daily, at start",
    "close": "When alcoach closed",
    "before-restore": "Kept before a restore",
}


def reason_text(reason: str) -> str:
    if reason.startswith("before-migration"):
        return "Kept before an update"
    return REASONS.get(reason, reason.replace("-", " ").capitalize())


def when_text(made_at: dt.datetime, today: dt.date, *, seconds: bool = False) -> str:
    """'Today 09:41', 'Yesterday 18:02', or 'Mon 2 Nov 2026 09:00' (with seconds: 09:41:07)."""
    clock = made_at.strftime("%H:%M:%S" if seconds else "%H:%M")
    if made_at.date() == today:
        return f"Today {clock}"
    if made_at.date() == today - dt.timedelta(days=1):
        return f"Yesterday {clock}"
    return f"{made_at:%a} {made_at.day} {made_at:%b %Y} {clock}"


def _minute(when: dt.datetime) -> dt.datetime:
    return when.replace(second=0, microsecond=0)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupTableModel(QAbstractTableModel):
    """One row per backup, newest first: when it was made, its size, and why."""

    HEADERS = ("Made", "Size", "Why")

    def __init__(
        self, backups: list[BackupInfo], today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # backups made within the same minute are told apart by their seconds
        minutes = Counter(_minute(b.made_at) for b in backups)
        self._rows = [
            (
                when_text(b.made_at, today, seconds=minutes[_minute(b.made_at)] > 1),
                size_text(b.size),
                reason_text(b.reason),
            )
            for b in backups
        ]
        self._backups = list(backups)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(self._backups[index.row()].path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def backup_at(self, row: int) -> BackupInfo:
        return self._backups[row]


class RestoreDialog(QDialog):
    """Pick a backup (or a file), confirm, and `restore_chosen` says which file to go back to."""

    restore_chosen = Signal(object)  # the Path of the backup the coach confirmed

    def __init__(
        self,
        backups: list[BackupInfo],
        folder: Path,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle("Restore from a backup")
        self.folder = folder
        self.confirm_box: QMessageBox | None = None

        intro = QLabel(
            "Go back to your notes as they were when a backup was made. Your notes as they are "
            "now are kept as a backup first, so you can come back to them the same way."
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(backups, today, self)
        self.table = QTableView()
        self.table.setObjectName("backup_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.doubleClicked.connect(lambda _index: self.confirm_selected())
        self.empty_label = QLabel(
            "There are no backups yet. Back up now (Ctrl+Shift+S), or choose a backup file."
        )
        self.empty_label.setObjectName("no_backups")
        self.empty_label.setWordWrap(True)
        where = QLabel(f"Backups are kept in {folder}")
        where.setObjectName("backup_folder")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setToolTip("Go back to the selected backup (Enter)")
        self.restore_button.setDefault(True)
        self.choose_button = QPushButton("Choose a file…")
        self.choose_button.setObjectName("choose_backup_file")
        self.choose_button.setToolTip("Restore from a backup file kept somewhere else")
        self.choose_button.setAutoDefault(False)
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.restore_button.clicked.connect(self.confirm_selected)
        self.choose_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(where)
        layout.addWidget(buttons)

        has_rows = bool(backups)
        self.table.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
        self.restore_button.setEnabled(has_rows)
        if has_rows:
            self.table.selectRow(0)
        self.table.setFocus()
        self.resize(560, 420)

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def confirm_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.model.backup_at(rows[0].row())
        listed = str(self.model.index(rows[0].row(), 0).data())
        clock = "%H:%M:%S" if listed.count(":") == 2 else "%H:%M"  # as the list shows it
        when = f"{chosen.made_at:%A} {chosen.made_at.day} {chosen.made_at:%B %Y} at "
        when += chosen.made_at.strftime(clock)
        self.confirm(chosen.path, f"Go back to your notes as they were on {when}?")

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Choose a backup file",
            str(self.folder if self.folder.is_dir() else Path.home()),
            "alcoach databases (*.db);;All files (*)",
        )
        if name:
            path = Path(name)
            self.confirm(path, f"Go back to the notes kept in {path.name}?")

    def confirm(self, path: Path, question: str) -> None:
        """Ask once, saying what happens to the notes as they are now."""
        box = QMessageBox(self)
        box.setObjectName("restore_confirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Restore from a backup")
        box.setText(question)
        box.setInformativeText(
            "alcoach first keeps your notes as they are now as a backup (“Kept before a "
            "restore” in this list), then replaces them with this one and reloads the window."
        )
        go = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("confirm_restore")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)

        def answered() -> None:
            if box.clickedButton() is go:
                self.accept()
                self.restore_chosen.emit(path)

        box.finished.connect(lambda _result: answered())
        self.confirm_box = box
        box.open()  # modal to this dialog only: the main window stays usable
