"""The question bank as a table (text, category) and the proxy that filters it as you type."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from alcoach.data.categories import category_label
from alcoach.data.records import QuestionRecord
from alcoach.ui.intervention_model import plain_tooltip

COL_QUESTION, COL_CATEGORY = range(2)
HEADERS = ("Question", "Category")
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 2
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_FONT, _FOREGROUND = int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.ForegroundRole)
_SERVED = frozenset({_DISPLAY, _TOOLTIP, _FONT, _FOREGROUND, RECORD_ROLE})
STAR = "★ "

Index = QModelIndex | QPersistentModelIndex


def bank_order(record: QuestionRecord) -> tuple[bool, int, str]:
    """Favourites first, then the most used, then alphabetical."""
    return (not record.favourite, -record.uses, record.text.casefold())


class QuestionTableModel(QAbstractTableModel):
    """QuestionRecords kept in bank order, with their text lowered once for fast filtering."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QuestionRecord] = []
        # (lowered text + tags, category) per row; one list object for the model's life, so the
        # proxy can hold it and read it without calling back into the model
        self.keys: list[tuple[str, str]] = []
        self.keys_listeners: list[Callable[[], None]] = []  # told before views hear of a change

    def set_rows(self, rows: Iterable[QuestionRecord]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=bank_order)
        self.keys[:] = [(self._haystack(r), r.category) for r in self._rows]
        self._keys_changed()
        self.endResetModel()

    def replace_record(self, record: QuestionRecord) -> None:
        """Update a row in place (the order is kept, so the list does not jump under the coach)."""
        row = self.row_for_id(record.id)
        if row is None:
            return
        self._rows[row] = record
        self.keys[row] = (self._haystack(record), record.category)
        self._keys_changed()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def _keys_changed(self) -> None:
        for listener in self.keys_listeners:
            listener()

    @staticmethod
    def _haystack(record: QuestionRecord) -> str:
        return " ".join((record.text, *record.tags)).casefold()

    def record_at(self, row: int) -> QuestionRecord:
        return self._rows[row]

    def row_for_id(self, question_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == question_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)  # plain ints: views ask for ~8 roles per painted cell
        if role not in _SERVED or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        col = index.column()
        if role == _DISPLAY:
            if col == COL_QUESTION:
                return STAR + rec.text if rec.favourite else rec.text
            return category_label(rec.category)
        if role == _TOOLTIP:
            lines = [rec.text, "", f"Category: {category_label(rec.category)}"]
            if rec.tags:
                lines.append("Tags: " + ", ".join(rec.tags))
            lines.append(f"Used {rec.uses} time{'s' if rec.uses != 1 else ''}")
            if rec.favourite:
                lines.append("Favourite (Ctrl+D to change)")
            if rec.archived:
                lines.append("Archived (Delete puts it back)")
            return plain_tooltip("\n".join(lines))
        if role == RECORD_ROLE:
            return rec
        if role == _FONT and rec.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == _FOREGROUND and (rec.archived or col == COL_CATEGORY):
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled if rec.archived else QPalette.ColorGroup.Active,
                QPalette.ColorRole.PlaceholderText,
            )
        return None


class QuestionFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose text or tags hold every typed word, in the chosen category.

    Per keystroke the verdicts for all rows are worked out in one Python pass over the model's
    pre-lowered keys; filterAcceptsRow only looks its row up (Qt calls it once per row, so it
    must stay tiny). The order is the source's (bank order): sorting here would call Python for
    every comparison on every keystroke.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._category: str | None = None
        self._keys: list[tuple[str, str]] = []
        self._accepted: list[bool] = []

    def setSourceModel(self, model: QuestionTableModel) -> None:  # type: ignore[override]
        self._keys = model.keys
        model.keys_listeners.append(self._recompute)
        self._recompute()
        super().setSourceModel(model)

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self._change_filter(words, self._category)

    def set_category(self, category: str | None) -> None:
        if category != self._category:
            self._change_filter(self._words, category)

    @property
    def words(self) -> tuple[str, ...]:
        return self._words

    def _change_filter(self, words: tuple[str, ...], category: str | None) -> None:
        self.beginFilterChange()
        self._words, self._category = words, category
        self._recompute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _recompute(self) -> None:
        words, category = self._words, self._category
        if not words and category is None:
            self._accepted = [True] * len(self._keys)
        elif len(words) == 1 and category is None:
            word = words[0]
            self._accepted = [word in hay for hay, _ in self._keys]
        else:
            self._accepted = [
                (category is None or cat == category) and all(w in hay for w in words)
                for hay, cat in self._keys
            ]

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        try:
            return self._accepted[source_row]
        except IndexError:
            return True
