"""Adding or changing hours by hand, and what a meeting says for the hours log (the coach's role
in it, paid or pro bono)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from alcoach.data import hours_entries
from alcoach.data.hours_entries import MAX_ENTRY_MINUTES, HoursEntryRecord
from alcoach.data.sets import list_programmes
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.context import AppContext
from alcoach.vocabulary import COACH_ROLES, HOURS_KINDS, hours_kind_label, role_label


def _combo(items: list[tuple[str, object]], current: object) -> QComboBox:
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    found = next((i for i, (_, v) in enumerate(items) if v == current), 0)
    box.setCurrentIndex(found)
    return box


def buddy_label(text: str, widget: QWidget) -> QLabel:
    """A row's label whose mnemonic reaches `widget` (a row of several has no buddy itself)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _role_combo(current: str) -> QComboBox:
    return _combo([(role_label(r), r) for r in COACH_ROLES], current)


class HoursEntryDialog(FormDialog):
    """Hours outside meetings: a sponsor session, supervision, mentoring, a workshop."""

    def __init__(
        self, ctx: AppContext, entry: HoursEntryRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(ctx, "Change hours" if entry else "Add hours", parent)
        self.setObjectName("hours_entry_dialog")
        self.entry = entry
        today = ctx.now().date()
        day = entry.date if entry else today
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        minutes = entry.minutes if entry else 60
        self.hours = QSpinBox()
        self.hours.setRange(0, MAX_ENTRY_MINUTES // 60)
        self.hours.setSuffix(" h")
        self.hours.setValue(minutes // 60)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 59)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(minutes % 60)
        length = QHBoxLayout()
        length.addWidget(self.hours)
        length.addWidget(self.minutes)
        length.addStretch(1)
        self.kind = _combo([(hours_kind_label(k), k) for k in HOURS_KINDS],
                           entry.kind if entry else "coaching")  # fmt: skip
        self.role = _role_combo(entry.role if entry else "coach")
        programmes = [("(none)", None), *((p.name, p.id) for p in list_programmes())]
        self.programme = _combo(programmes, entry.programme_id if entry else None)
        self.organisation = QLineEdit(entry.organisation if entry else "")
        self.organisation.setPlaceholderText("Empty: the programme's organisation")
        self.group = QSpinBox()
        self.group.setRange(0, hours_entries.MAX_GROUP)
        self.group.setSpecialValueText("not counted")
        self.group.setValue(entry.group_size or 0 if entry else 0)
        self.pro_bono = QCheckBox("Pro &bono (unpaid)")
        self.pro_bono.setChecked(bool(entry) and not entry.paid)
        self.description = QLineEdit(entry.description if entry else "")
        self.description.setPlaceholderText("What it was, e.g. sponsor session with the CEO")
        self.form.addRow("&What:", self.description)
        self.form.addRow("&Date:", self.date)
        self.form.addRow(buddy_label("&Length:", self.hours), length)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Role:", self.role)
        self.form.addRow("&Programme:", self.programme)
        self.form.addRow("&Organisation:", self.organisation)
        self.form.addRow("&Group size:", self.group)
        self.form.addRow("", self.pro_bono)
        self.description.setFocus()

    def store(self) -> bool:
        qdate = self.date.date()
        values = {
            "date": dt.date(qdate.year(), qdate.month(), qdate.day()),
            "minutes": self.hours.value() * 60 + self.minutes.value(),
            "kind": self.kind.currentData(), "role": self.role.currentData(),
            "programme_id": self.programme.currentData(),
            "organisation": self.organisation.text(),
            "group_size": self.group.value() or None, "paid": not self.pro_bono.isChecked(),
            "description": self.description.text().strip(),
        }  # fmt: skip
        if self.entry is None:
            done = self.attempt(hours_entries.add_hours_entry, **values)
        else:
            done = self.attempt(hours_entries.update_hours_entry, self.entry.id, **values)
        return done is not None


class MeetingPracticeDialog(FormDialog):
    """A held meeting in the hours log: the coach's role, and paid or pro bono."""

    def __init__(
        self, ctx: AppContext, meeting_id: int, label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Meeting in the hours log", parent)
        self.setObjectName("meeting_practice_dialog")
        self.meeting_id = meeting_id
        now = hours_entries.meeting_practice(meeting_id)
        self.role = _role_combo(now.role)
        programme = "paid" if now.programme_paid else "pro bono"
        self.paid = _combo(
            [(f"As its programme says ({programme})", None), ("Paid", True),
             ("Pro bono (unpaid)", False)],
            now.paid,
        )  # fmt: skip
        self.form.addRow("Meeting:", QLineEdit(label, readOnly=True))
        self.form.addRow("Your &role:", self.role)
        self.form.addRow("&Paid:", self.paid)
        self.role.setFocus()

    def store(self) -> bool:
        done = self.attempt(hours_entries.set_meeting_practice, self.meeting_id,
                            role=self.role.currentData(), paid=self.paid.currentData())  # fmt: skip
        return done is not None
