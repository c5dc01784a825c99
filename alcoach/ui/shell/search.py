"""Search every note as the coach types (alcoach.data.search), the hits in a list below.

Keys: Ctrl+F (the window's Search notes) comes here; Down goes from the line into the list, Up
from its first hit back; Return opens the current hit (from the line, the first); Esc in the
list goes back to the line, Esc in the line clears it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListView

    from alcoach.ui.shell.search_results import SearchResultsModel

SEARCH_DELAY_MS = 150
SHOWN_HITS = 50


class NoteSearch(QWidget):
    """A search line over a results list; Enter or a click opens the hit."""

    hit_activated = Signal(int, str, int)  # meeting id, source, source id
    results_shown = Signal(bool)  # the list appeared (a search is typed) or went

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setObjectName("search_line")
        self.line.setAccessibleName("Search notes")
        self.line.setPlaceholderText("Search all notes (Ctrl+F)")
        self.line.setClearButtonEnabled(True)
        self.line.setToolTip(
            "Find any part of a word, in any script, in every note; accents and case do not "
            "matter. Down goes to the hits, Return opens one."
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("search_count")
        self.count_label.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.line)
        self._layout.addWidget(self.count_label)
        # the list, its model and its delegate (QStyle, QTextDocument) wait for the first search:
        # they are not in the window's first paint
        self._model: SearchResultsModel | None = None
        self._results: QListView | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.line.textChanged.connect(lambda _text: self._timer.start())
        self.line.returnPressed.connect(self._open_current)
        self.line.installEventFilter(self)

    @property
    def model(self) -> SearchResultsModel:
        if self._model is None:
            self._build_results()
        return self._model

    @property
    def results(self) -> QListView:
        if self._results is None:
            self._build_results()
        return self._results

    def _build_results(self) -> None:
        from PySide6.QtWidgets import QAbstractItemView, QListView

        from alcoach.ui.shell.search_results import HitDelegate, SearchResultsModel

        self._model = model = SearchResultsModel(self)
        self._results = results = QListView()
        results.setObjectName("search_results")
        results.setAccessibleName("Search results")
        results.setAccessibleDescription("Return opens the note; Esc goes back to the search")
        results.setModel(model)
        results.setItemDelegate(HitDelegate(results))
        results.setWordWrap(True)
        results.setAlternatingRowColors(True)
        results.setUniformItemSizes(False)
        results.setResizeMode(QListView.ResizeMode.Adjust)
        results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        results.hide()
        self._layout.addWidget(results, 1)
        results.installEventFilter(self)
        results.activated.connect(self._open_index)
        results.clicked.connect(self._open_index)

    def focus_search(self) -> None:
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.line.text()
        if not text.strip() and self._results is None:
            return  # nothing searched yet, nothing shown
        from alcoach.data.search import search_notes

        hits = search_notes(text, limit=SHOWN_HITS) if text.strip() else []
        self.model.set_hits(hits)
        shown = bool(text.strip())
        if shown:
            many = "the first 50 of many notes" if len(hits) == SHOWN_HITS else None
            counted = many or (f"{len(hits)} note" + ("" if len(hits) == 1 else "s"))
            self.count_label.setText("No note holds every word" if not hits else counted)
        if shown != self.results.isVisible():
            self.results.setVisible(shown)
            self.count_label.setVisible(shown)
            self.results_shown.emit(shown)
        if hits:
            self.results.setCurrentIndex(self.model.index(0))

    def _open_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self._results is None:
            return  # nothing searched yet
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
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(obj, event)
        key = event.key()
        if obj is self.line:
            if key == Qt.Key.Key_Down:
                if self._timer.isActive():
                    self.run_search()
                if self._model is not None and self._model.rowCount():
                    if not self.results.currentIndex().isValid():
                        self.results.setCurrentIndex(self.model.index(0))
                    self.results.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key == Qt.Key.Key_Escape and self.line.text():
                self.line.clear()
                return True
        elif obj is self.results:
            at_top = self.results.currentIndex().row() <= 0
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and at_top):
                self.line.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.results.currentIndex())
                return True
        return super().eventFilter(obj, event)
