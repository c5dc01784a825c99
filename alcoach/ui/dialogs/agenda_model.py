"""The agenda being prepared for a new meeting: phases with planned minutes, edited in a table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from alcoach.data.records import TemplatePhase

NAME, MINUTES = range(2)
HEADERS = ("Phase", "Minutes")
MAX_MINUTES = 600.0

Index = QModelIndex | QPersistentModelIndex


def format_minutes(minutes: float) -> str:
    return f"{minutes:g}"


def parse_minutes(text: object) -> float | None:
    """Minutes typed by a coach ("25", "2.5", "2,5"); None when it is not a usable number."""
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    return value if 0 < value <= MAX_MINUTES else None


class AgendaTableModel(QAbstractTableModel):
    def __init__(self, phases: Sequence[TemplatePhase] = (), parent: object = None) -> None:
        super().__init__(parent)
        self._rows: list[list] = [[p.name, float(p.minutes)] for p in phases]

    # --- reading ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        name, minutes = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name if column == NAME else format_minutes(minutes)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return name
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # --- editing ----------------------------------------------------------------------------

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        if index.column() == NAME:
            text = str(value)
            if not text.strip():
                return False
            row[NAME] = text
        else:
            minutes = parse_minutes(value)
            if minutes is None:
                return False
            row[MINUTES] = minutes
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def set_phases(self, phases: Sequence[TemplatePhase]) -> None:
        self.beginResetModel()
        self._rows = [[p.name, float(p.minutes)] for p in phases]
        self.endResetModel()

    def phases(self) -> list[TemplatePhase]:
        return [TemplatePhase(name, minutes) for name, minutes in self._rows]

    def total_minutes(self) -> float:
        return sum(minutes for _, minutes in self._rows)

    def add_phase(self, row: int, name: str = "New phase", minutes: float = 5.0) -> int:
        row = max(0, min(row, len(self._rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, [name, minutes])  # ok-ui
        self.endInsertRows()
        return row

    def remove_phase(self, row: int) -> bool:
        if not 0 <= row < len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        return True

    def move_phase(self, row: int, step: int) -> int:
        """Move a phase up (-1) or down (+1); returns its new row."""
        target = row + step
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)) or step == 0:
            return row
        # Qt counts the destination before the move: moving down lands "after" the next row
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))  # ok-ui
        self.endMoveRows()
        return target


class MinutesDelegate(QStyledItemDelegate):
    """A plain line for minutes that accepts only numbers from 0.5 to 600."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        validator = QDoubleValidator(0.5, MAX_MINUTES, 1, editor)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        editor.setValidator(validator)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor
