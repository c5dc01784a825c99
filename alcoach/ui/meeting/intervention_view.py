"""The intervention table view: compact rows, in-place editors, and columns that fit the width."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
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
# when the view is narrow these give way, first to last, so the text stays readable
HIDE_ORDER = (COL_RESPONSE, COL_PHASE, COL_CATEGORY, COL_MEMBERS)
MIN_TEXT_WIDTH = 260


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
        self.setWordWrap(False)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns(event.size().width() - 2 * self.frameWidth())

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
