"""The question bank as a table (text, category) and the model of the rows a filter keeps.

Filtering is not done in a QSortFilterProxyModel: per keystroke its endFilterChange told the view
about every removed range (~3 ms over 2,000 questions, p95 5.7 ms against a goal of 5 ms).
`QuestionFilterModel` works the accepted rows out in one Python pass over pre-lowered text and
resets itself: one signal, whatever the number of rows that came or went.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from alcoach.data.records import QuestionRecord
from alcoach.ui.meeting.intervention_model import plain_tooltip
from alcoach.vocabulary import category_label

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
        # (lowered text + tags, category) per row, worked out once per load, not per keystroke
        self.keys: list[tuple[str, str]] = []

    def set_rows(self, rows: Iterable[QuestionRecord]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=bank_order)
        self.keys = [(self._haystack(r), r.category) for r in self._rows]
        self.endResetModel()

    def replace_record(self, record: QuestionRecord) -> None:
        """Update a row in place (the order is kept, so the list does not jump under the coach)."""
        row = self.row_for_id(record.id)
        if row is None:
            return
        self._rows[row] = record
        self.keys[row] = (self._haystack(record), record.category)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

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
        if role not in _SERVED or not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int) -> Any:
        """What data() gives for (row, col) and an int role, without building an index."""
        if role not in _SERVED or not 0 <= row < len(self._rows):
            return None
        rec = self._rows[row]
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


class QuestionFilterModel(QAbstractTableModel):
    """The source's rows whose text or tags hold every typed word, in the chosen category.

    A plain table over the list of accepted source rows, kept in the source's (bank) order and
    reset after each change of the filter; `mapToSource`/`mapFromSource` as a proxy has them.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: QuestionTableModel | None = None
        self._words: tuple[str, ...] = ()
        self._category: str | None = None
        self._rows: list[int] = []  # source rows, ascending

    def setSourceModel(self, model: QuestionTableModel) -> None:
        self.beginResetModel()
        self._source = model
        self._rows = self._accepted()
        self.endResetModel()
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        model.dataChanged.connect(self._source_data_changed)

    def sourceModel(self) -> QuestionTableModel | None:
        return self._source

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self._refilter(words, self._category)

    def set_category(self, category: str | None) -> None:
        if category != self._category:
            self._refilter(self._words, category)

    @property
    def words(self) -> tuple[str, ...]:
        return self._words

    def _refilter(self, words: tuple[str, ...], category: str | None) -> None:
        self._words, self._category = words, category
        rows = self._accepted()
        if rows == self._rows:
            return  # one more letter that drops nothing: the view need not hear of it
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _accepted(self) -> list[int]:
        if self._source is None:
            return []
        keys, words, category = self._source.keys, self._words, self._category
        if not words and category is None:
            return list(range(len(keys)))
        if len(words) == 1 and category is None:
            word = words[0]
            return [row for row, (hay, _) in enumerate(keys) if word in hay]
        return [
            row
            for row, (hay, cat) in enumerate(keys)
            if (category is None or cat == category) and all(w in hay for w in words)
        ]

    def _source_reset(self) -> None:
        self._rows = self._accepted()
        self.endResetModel()

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, *_: object) -> None:
        rows = self._accepted()
        if rows != self._rows:  # an edited question no longer matches (or now does)
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        first = self.mapFromSource(top).row()
        last = self.mapFromSource(bottom).row()
        if first >= 0 and last >= 0:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))

    def mapToSource(self, index: Index) -> QModelIndex:
        if self._source is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        return self._source.index(self._rows[index.row()], index.column())

    def mapFromSource(self, index: Index) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        at = bisect_left(self._rows, index.row())
        if at == len(self._rows) or self._rows[at] != index.row():
            return QModelIndex()
        return self.index(at, index.column())

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._source is None:
            return None
        return self._source.headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in _SERVED or self._source is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        return self._source.cell(self._rows[row], index.column(), role)
