"""Search every note as the coach types (SQLite FTS5 through alcoach.data.search)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from alcoach.data.records import SearchHit
from alcoach.data.search import search_notes

SEARCH_DELAY_MS = 150

SOURCE_LABELS = {
    "intervention": "Intervention",
    "problem": "Problem",
    "feedback": "Feedback",
    "action": "Action",
    "learning": "Learning",
    "meeting": "Meeting notes",
}

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchResultsModel(QAbstractListModel):
    """One row per hit: "set · meeting · where" over the snippet."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        where = SOURCE_LABELS.get(hit.source, hit.source)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.set_name} · {hit.meeting_label} · {where}\n{hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{where} in {hit.set_name}, {hit.meeting_label}:\n{hit.snippet}"
        if role == HIT_ROLE:
            return hit
        return None


class NoteSearch(QWidget):
    """A search line over a results list; Enter or a click opens the hit."""

    hit_activated = Signal(int, str, int)  # meeting id, source, source id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setObjectName("search_line")
        self.line.setAccessibleName("Search notes")
        self.line.setPlaceholderText("Search all notes (Ctrl+F)")
        self.line.setClearButtonEnabled(True)
        self.line.setToolTip("Find text in any intervention, problem, feedback, action or learning")
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("search_results")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setUniformItemSizes(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.line.textChanged.connect(lambda _text: self._timer.start())
        self.line.returnPressed.connect(self._open_current)
        self.line.installEventFilter(self)
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._open_index)

    def focus_search(self) -> None:
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.line.text()
        hits = search_notes(text) if text.strip() else []
        self.model.set_hits(hits)
        self.results.setVisible(bool(text.strip()))
        if hits:
            self.results.setCurrentIndex(self.model.index(0))

    def _open_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit = self.model.hit(index.row())
        self.hit_activated.emit(hit.meeting_id, hit.source, hit.source_id)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Up/Down in the line move through the results; Esc clears the search.
        if obj is self.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.results.currentIndex().row()
                row = row + (1 if key == Qt.Key.Key_Down else -1)
                row = max(0, min(self.model.rowCount() - 1, row))
                self.results.setCurrentIndex(self.model.index(row))
                return True
            if key == Qt.Key.Key_Escape and self.line.text():
                self.line.clear()
                return True
        return super().eventFilter(obj, event)
