"""The coach's own hours targets (an ICF credential's, a renewal's) beside WIAL's built-in levels:
add, change and delete them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import targets
from alcoach.data.targets import TargetSpec
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.form_bits import error_label
from alcoach.ui.practice.entry_dialogs import buddy_label
from alcoach.vocabulary import HOURS_KINDS, hours_kind_label


def _describe(spec: TargetSpec) -> str:
    parts = [f"{spec.total_minutes // 60:,} h"]
    if spec.part_kind:
        parts.append(f"{spec.part_minutes // 60:,} h of {hours_kind_label(spec.part_kind).lower()}")
    if spec.min_span_days:
        parts.append(f"over at least {spec.min_span_days:,} days")
    if spec.project_meetings:
        parts.append(f"a project of {spec.project_meetings} meetings over "
                     f"{spec.project_days} days")  # fmt: skip
    if spec.counts_from:
        parts.append(f"counted from {spec.counts_from.isoformat()}")
    if spec.expires:
        parts.append(f"expires {spec.expires.isoformat()}")
    built_in = "" if spec.id is not None else " (built in)"
    return f"{spec.name}{built_in}: " + ", ".join(parts)


class _OptionalDate(QWidget):
    def __init__(self, label: str, value: dt.date | None, today: dt.date) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        day = value or today
        self.edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)

    def value(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        q = self.edit.date()
        return dt.date(q.year(), q.month(), q.day())


def _spin(value: int, top: int, suffix: str, name: str) -> QSpinBox:
    spin = QSpinBox(objectName=name)
    spin.setRange(0, top)
    spin.setSuffix(suffix)
    spin.setValue(value)
    return spin


class TargetDialog(FormDialog):
    def __init__(self, ctx: AppContext, spec: TargetSpec | None, parent: QWidget | None) -> None:
        super().__init__(ctx, "Change target" if spec else "New target", parent)
        self.setObjectName("target_dialog")
        self.spec = spec
        s = spec or TargetSpec("", 100 * 60)
        today = ctx.now().date()
        self.name = QLineEdit(s.name, objectName="target_name")
        self.name.setPlaceholderText("e.g. ICF ACC renewal")
        self.total = _spin(s.total_minutes // 60, 100_000, " h", "target_total")
        self.part_kind = QComboBox(objectName="target_part_kind")
        self.part_kind.addItem("(no part)", None)
        for kind in HOURS_KINDS:
            self.part_kind.addItem(hours_kind_label(kind), kind)
        self.part_kind.setCurrentIndex(max(0, self.part_kind.findData(s.part_kind)))
        self.part = _spin(s.part_minutes // 60, 100_000, " h", "target_part")
        part = QHBoxLayout()
        part.addWidget(self.part)
        part.addWidget(self.part_kind)
        part.addStretch(1)
        self.span = _spin(s.min_span_days, 36_600, " days", "target_span")
        self.span.setToolTip("From the first hour counted to today (365: a year)")
        self.project_meetings = _spin(s.project_meetings, 1000, " meetings", "target_project")
        self.project_days = _spin(s.project_days, 36_600, " days", "target_project_days")
        project = QHBoxLayout()
        project.addWidget(self.project_meetings)
        project.addWidget(self.project_days)
        project.addStretch(1)
        self.counts_from = _OptionalDate("Count hours from", s.counts_from, today)
        self.expires = _OptionalDate("Credential expires", s.expires, today)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Total:", self.total)
        self.form.addRow(buddy_label("Of &which:", self.part), part)
        self.form.addRow("Over at &least:", self.span)
        self.form.addRow(buddy_label("Long-term &project:", self.project_meetings), project)
        self.form.addRow("", self.counts_from)
        self.form.addRow("", self.expires)
        self.name.setFocus()

    def store(self) -> bool:
        spec = TargetSpec(
            self.name.text(), self.total.value() * 60, self.part_kind.currentData(),
            self.part.value() * 60, self.span.value(), self.project_meetings.value(),
            self.project_days.value(), self.counts_from.value(), self.expires.value(),
        )  # fmt: skip
        if self.spec is None or self.spec.id is None:
            done = self.attempt(targets.add_target, spec)
        else:
            done = self.attempt(targets.update_target, self.spec.id, spec)
        return done is not None


class TargetsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("targets_dialog")
        self.setWindowTitle("Hours targets")
        self.model = QStringListModel(self)
        self.list = QListView(objectName="targets_list")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.doubleClicked.connect(lambda _index: self.change())
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for text, slot in (("&New target…", self.add), ("C&hange…", self.change),
                           ("&Delete", self.delete)):  # fmt: skip
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(720, 360)
        self.refresh()

    def refresh(self) -> None:
        self.specs = targets.list_targets()
        self.model.setStringList([_describe(s) for s in self.specs])

    def _selected(self) -> TargetSpec | None:
        index = self.list.currentIndex()
        return self.specs[index.row()] if index.isValid() else None

    def _own(self) -> TargetSpec | None:
        spec = self._selected()
        if spec is not None and spec.id is None:
            self.error.setText(f"{spec.name} is built in: it cannot be changed or deleted.")
            self.error.show()
            return None
        self.error.hide()
        return spec

    def add(self) -> None:
        if TargetDialog(self.ctx, None, self).exec():
            self.refresh()

    def change(self) -> None:
        spec = self._own()
        if spec is not None and TargetDialog(self.ctx, spec, self).exec():
            self.refresh()

    def delete(self) -> None:
        spec = self._own()
        if spec is not None and spec.id is not None:
            targets.delete_target(spec.id)
            self.ctx.bus.saved.emit()
            self.refresh()
