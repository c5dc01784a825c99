"""File > Practice records > Hours log: every held meeting and hand-added hour in a date range and
programme, totals per year and overall, and progress towards each target with what is missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import hours_entries
from alcoach.data.hours import HoursFilter, HoursRow, hours_log, totals, totals_by_year
from alcoach.data.sets import list_programmes
from alcoach.data.settings import document_date_style
from alcoach.data.targets import Progress, all_progress
from alcoach.errors import AlcoachError
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.form_bits import error_label
from alcoach.ui.kit.rows_model import RowsModel
from alcoach.ui.practice.hours_model import COL_PROGRAMME, COL_WHAT, HoursModel, hm

ANY_DATE = QDate(1950, 1, 1)
TARGET_HEADERS = ("Target", "Done", "Still missing")


class TargetsModel(RowsModel[Progress]):
    headers = TARGET_HEADERS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
        ):  # fmt: skip
            return None
        p = self.rows[index.row()]
        spec = p.target
        if index.column() == 0:
            name = spec.name + (f" ({spec.note})" if spec.note else "")
            if spec.expires is not None:
                name += f", {'expired' if p.expired else 'expires'} {spec.expires.isoformat()}"
            return name
        if index.column() == 1:
            share = min(100, round(100 * p.minutes / spec.total_minutes))
            return f"{p.minutes // 60:,} of {spec.total_minutes // 60:,} h ({share}%)"
        return "Every requirement met" if p.met else ", ".join(p.missing)


def _date_edit(name: str, day: QDate) -> QDateEdit:
    edit = QDateEdit(day)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("any")  # shown at the minimum date: no limit
    return edit


def _day(edit: QDateEdit) -> dt.date | None:
    q = edit.date()
    return None if q == ANY_DATE else dt.date(q.year(), q.month(), q.day())


class HoursView(QDialog):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None,
        on_log: Callable[[HoursFilter, QWidget], None] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.on_log = on_log
        self.setObjectName("hours_view")
        self.setWindowTitle("Hours log")
        self.date_from = _date_edit("hours_from", ANY_DATE)
        self.date_to = _date_edit("hours_to", ANY_DATE)
        self.programme = QComboBox(objectName="hours_programme")
        self.programme.addItem("All programmes", None)
        for p in list_programmes():
            self.programme.addItem(p.name, p.id)
        filters = QHBoxLayout()
        for text, widget in (("&From:", self.date_from), ("&To:", self.date_to),
                             ("&Programme:", self.programme)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch(1)
        self.model = HoursModel(self, document_date_style())
        self.table = self._table("hours_table", self.model)
        self.table.doubleClicked.connect(lambda _index: self.change())
        self.summary = QLabel(objectName="hours_summary", wordWrap=True)
        self.years = QLabel(objectName="hours_years", wordWrap=True)
        self.targets = TargetsModel(self)
        self.target_table = self._table("targets_table", self.targets)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for text, slot, name in (
            ("&Add hours…", self.add, "hours_add"),
            ("C&hange…", self.change, "hours_change"),
            ("&Delete", self.delete, "hours_delete"),
            ("Ta&rgets…", self.edit_targets, "hours_targets"),
            ("Coaching &log (PDF)…", self.export_log, "hours_log_pdf"),
        ):
            button = QPushButton(text, objectName=name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.summary)
        upper_layout.addWidget(self.years)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.target_table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for edit in (self.date_from, self.date_to):  # the targets do not depend on the range
            edit.dateChanged.connect(self.show_range)
        self.programme.currentIndexChanged.connect(self.show_range)
        self.resize(1040, 600)
        self.refresh()
        self.table.setFocus()

    def _table(self, name: str, model: QAbstractTableModel) -> QTableView:
        table = QTableView(objectName=name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        stretch = (COL_WHAT, COL_PROGRAMME) if model is self.model else (model.columnCount() - 1,)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return table

    # --- reading --------------------------------------------------------------------------------

    def which(self) -> HoursFilter:
        return HoursFilter(_day(self.date_from), _day(self.date_to), self.programme.currentData())

    def refresh(self) -> None:
        """After a change to the hours: the range shown and every target's progress."""
        self.show_range()
        self.show_targets()

    def show_range(self) -> None:
        self.error.hide()
        which = self.which()
        if which.start and which.end and which.start > which.end:
            self.error.setText("The From date is after the To date.")
            self.error.show()
            rows: list[HoursRow] = []
        else:
            rows = hours_log(which)
        self.model.set_rows(rows)
        every = totals(rows)
        unfinished = (
            f"; {every.open_meetings} never ended, counted to their last note (marked ⚠)"
            if every.open_meetings
            else ""
        )
        self.summary.setText(
            f"<b>Total {hm(every.minutes)}</b>: coaching {hm(every.by_kind['coaching'])}, "
            f"other kinds {hm(every.minutes - every.by_kind['coaching'])}; "
            f"pro bono {hm(every.pro_bono_minutes)}; {every.meetings:,} "
            f"meeting{'s' if every.meetings != 1 else ''}{unfinished}."
        )
        years = totals_by_year(rows)
        self.years.setText(
            "By year: " + " · ".join(f"{y}: {hm(t.minutes)}" for y, t in years.items())
            if years
            else "No hours in this range yet."
        )

    def show_targets(self) -> None:
        """Progress towards each target, over every hour (whatever range is shown)."""
        self.targets.set_rows(all_progress(self.ctx.now().date()))
        shown = min(5, self.targets.rowCount())  # every target in sight, up to five
        row_height = self.target_table.verticalHeader().defaultSectionSize()
        self.target_table.setMinimumHeight(
            self.target_table.horizontalHeader().height() + row_height * shown + 4
        )

    def _selected(self) -> HoursRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    # --- changing -------------------------------------------------------------------------------

    def add(self) -> None:
        from alcoach.ui.practice.entry_dialogs import HoursEntryDialog

        if HoursEntryDialog(self.ctx, parent=self).exec():
            self.refresh()

    def change(self) -> None:
        from alcoach.ui.practice.entry_dialogs import HoursEntryDialog, MeetingPracticeDialog

        row = self._selected()
        if row is None:
            return
        if row.meeting_id is not None:
            label = f"{row.date.isoformat()} {row.set_name} {row.description}".strip()
            dialog: QDialog = MeetingPracticeDialog(self.ctx, row.meeting_id, label, self)
        else:
            assert row.entry_id is not None
            entry = hours_entries.get_hours_entry(row.entry_id)
            dialog = HoursEntryDialog(self.ctx, entry, self)
        if dialog.exec():
            self.refresh()

    def delete(self) -> None:
        row = self._selected()
        if row is None:
            return
        if row.entry_id is None:
            self.error.setText(
                "A meeting's hours come from the meeting: delete the meeting itself, or change "
                "your role in it."
            )
            self.error.show()
            return
        asked = QMessageBox.question(
            self, "Delete hours", f"Delete {hm(row.minutes)} of {row.description or 'hours'} "
            f"on {row.date.isoformat()}?",
        )  # fmt: skip
        if asked != QMessageBox.StandardButton.Yes:
            return
        try:
            hours_entries.delete_hours_entry(row.entry_id)
        except AlcoachError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.ctx.bus.saved.emit()
        self.refresh()

    def export_log(self) -> None:
        """The coaching log of what is shown: this range and programme."""
        if self.on_log is not None:
            self.on_log(self.which(), self)

    def edit_targets(self) -> None:
        from alcoach.ui.practice.targets_dialog import TargetsDialog

        TargetsDialog(self.ctx, self).exec()
        self.refresh()
