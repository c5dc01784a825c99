"""The hours log as a table model: one row per held meeting or hand-added entry."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from alcoach.data.hours import HoursRow
from alcoach.formatting import format_date, format_duration
from alcoach.ui.kit.rows_model import RowsModel
from alcoach.vocabulary import hours_kind_label, role_label

HEADERS = ("Date", "Hours", "Kind", "Role", "Paid", "Set or what", "Programme", "Group")
COL_DATE, COL_HOURS, COL_KIND, COL_ROLE, COL_PAID, COL_WHAT, COL_PROGRAMME, COL_GROUP = range(8)
NEVER_ENDED = "never ended: counted to its last note"


def hm(minutes: int) -> str:
    return format_duration(minutes * 60)


class HoursModel(RowsModel[HoursRow]):
    headers = HEADERS

    def __init__(self, parent: QWidget | None = None, date_style: str = "") -> None:
        super().__init__(parent)
        self.date_style = date_style

    def _text(self, row: HoursRow, column: int) -> str:
        if column == COL_DATE:
            return format_date(row.date, self.date_style) if self.date_style else str(row.date)
        if column == COL_HOURS:
            return hm(row.minutes) + (" ⚠" if row.open else "")
        if column == COL_KIND:
            return hours_kind_label(row.kind)
        if column == COL_ROLE:
            return role_label(row.role)
        if column == COL_PAID:
            return "Paid" if row.paid else "Pro bono"
        if column == COL_WHAT:
            if row.meeting_id is None:
                return row.description or hours_kind_label(row.kind)
            return row.set_name + (f" — {row.description}" if row.description else "")
        if column == COL_PROGRAMME:
            return row.programme_name or row.organisation
        return "" if row.group_size is None else str(row.group_size)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.open and index.column() == COL_HOURS:
                return f"This meeting {NEVER_ENDED}."
            if index.column() == COL_PROGRAMME and row.organisation:
                return row.organisation
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (COL_HOURS, COL_GROUP):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
