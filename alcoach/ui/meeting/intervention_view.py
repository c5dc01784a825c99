"""The intervention table view: compact rows, in-place editors, and columns that fit the width.

Rows are one line high (no row is measured: speed), and a text too long for its cell ends in
"…"; the current row grows to show its whole text, wrapped, so moving through the log with the
arrow keys reads every entry in full.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from alcoach.ui.kit.context import ChangeBus
from alcoach.ui.meeting.intervention_delegates import CategoryDelegate, MembersDelegate
from alcoach.ui.meeting.intervention_model import (
    COL_CATEGORY,
    COL_MEMBERS,
    COL_PHASE,
    COL_RATINGS,
    COL_RESPONSE,
    COL_TEXT,
    COL_TIME,
    InterventionTableModel,
)

WIDTHS = {
    COL_TIME: 62,
    COL_PHASE: 96,
    COL_CATEGORY: 84,
    COL_MEMBERS: 96,
    COL_RESPONSE: 130,
    COL_RATINGS: 64,
}
# when the view is narrow these give way, first to last, so the text stays readable; Time,
# Members (names shortened, whole in the tooltip) and Ratings always stay
HIDE_ORDER = (COL_RESPONSE, COL_PHASE, COL_CATEGORY)
MIN_TEXT_WIDTH = 320  # about 50 characters: most entries read whole
ROOMY_TEXT_WIDTH = 700  # past this the Members column widens to show whole names
ROOMY_MEMBERS_WIDTH = 180


class InterventionTableView(QTableView):
    """Rows selected whole; F2, typing or double-click edits the cell; Text takes the free width."""

    def __init__(
        self, model: InterventionTableModel, bus: ChangeBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)  # one line in a short row; the current row grows to show all
        self._grown_row = -1
        self.setAlternatingRowColors(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no row is measured: speed
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(False)
        self.setItemDelegateForColumn(COL_CATEGORY, CategoryDelegate(self))
        self.setItemDelegateForColumn(COL_MEMBERS, MembersDelegate(model, bus, self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def setModel(self, model: QAbstractItemModel) -> None:
        super().setModel(model)
        header = self.horizontalHeader()  # sections exist only once there is a model
        for col, width in WIDTHS.items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # chronological until asked
        self.setSortingEnabled(True)
        self.fit_columns(self.width() - 2 * self.frameWidth())
        self._grown_row = -1
        self.selectionModel().currentRowChanged.connect(lambda *_: self.show_current_whole())
        model.dataChanged.connect(lambda *_: self.show_current_whole())
        model.layoutChanged.connect(lambda *_: self.show_current_whole())
        model.modelReset.connect(lambda: setattr(self, "_grown_row", -1))

    def show_current_whole(self) -> None:
        """Only the current row is as tall as its wrapped text; the one before goes back."""
        rows = self.verticalHeader()
        one_line = rows.defaultSectionSize()
        current = self.currentIndex().row()
        model = self.model()
        if 0 <= self._grown_row < model.rowCount() and self._grown_row != current:
            rows.resizeSection(self._grown_row, one_line)
        self._grown_row = current
        if current < 0:
            return
        rows.resizeSection(current, max(one_line, self._wrapped_height(model.index(current, 0))))

    def _wrapped_height(self, index: QModelIndex) -> int:
        text = str(index.siblingAtColumn(COL_TEXT).data() or "")
        width = self.columnWidth(COL_TEXT) - 8
        if not text or width <= 0:
            return 0
        metrics = self.fontMetrics()
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        bounds = metrics.boundingRect(0, 0, width, 100_000, int(flags), text)
        return bounds.height() + 10

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns(event.size().width() - 2 * self.frameWidth())
        if self.model() is not None:
            self.show_current_whole()

    def fit_columns(self, available: int) -> None:
        """Hide the least needed columns while the text column would be squeezed."""
        header = self.horizontalHeader()
        hidden: set[int] = set()
        for col in (None, *HIDE_ORDER):
            if col is not None:
                hidden.add(col)
            fixed = sum(w for c, w in WIDTHS.items() if c not in hidden)
            if available - fixed >= MIN_TEXT_WIDTH:
                break
        for col in WIDTHS:
            header.setSectionHidden(col, col in hidden)
        roomy = available - fixed - ROOMY_MEMBERS_WIDTH + WIDTHS[COL_MEMBERS] >= ROOMY_TEXT_WIDTH
        header.resizeSection(COL_MEMBERS, ROOMY_MEMBERS_WIDTH if roomy else WIDTHS[COL_MEMBERS])
