"""File > Practice records > Hours log: the meetings' hours and hand-added ones, filters, totals,
targets, changing a meeting's role and paid, adding and deleting hours, and a table out as CSV."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from windows import build_window

from alcoach.data import hours_entries, meeting_timer
from alcoach.data import models as m
from alcoach.ui.practice.entry_dialogs import HoursEntryDialog, MeetingPracticeDialog
from alcoach.ui.practice.hours_view import HoursView
from alcoach.ui.practice.targets_dialog import TargetDialog, TargetsDialog


@pytest.fixture
def held(ctx, sample_set):
    meeting = sample_set["meeting"]
    start = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
    meeting_timer.start_meeting(meeting.id, now=start)
    meeting_timer.pause_meeting(meeting.id, now=start + dt.timedelta(minutes=40))
    meeting_timer.resume_meeting(meeting.id, now=start + dt.timedelta(minutes=50))
    meeting_timer.end_meeting(meeting.id, now=start + dt.timedelta(minutes=100))
    return meeting


def test_the_view_shows_meetings_totals_and_targets(qtbot, ctx, held):
    view = HoursView(ctx)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 1
    assert view.model.index(0, 1).data() == "1:30"  # 100 minutes less a 10-minute pause
    assert "Total 1:30" in view.summary.text() and "2026: 1:30" in view.years.text()
    names = [view.targets.index(r, 0).data() for r in range(view.targets.rowCount())]
    assert [n.split(" ")[0] for n in names] == ["PALC", "SALC", "MALC"]
    missing = view.targets.index(0, 2).data()
    assert missing.startswith("99 h, 49 h of coaching") and "1 long-term project" in missing
    view.date_from.setDate(QDate(2026, 12, 1))
    assert view.model.rowCount() == 0 and "No hours in this range" in view.years.text()
    view.date_to.setDate(QDate(2026, 11, 1))
    assert "after the To date" in view.error.text()


def test_adding_changing_and_deleting_hours(qtbot, ctx, held, monkeypatch):
    view = HoursView(ctx)
    qtbot.addWidget(view)
    dialog = HoursEntryDialog(ctx, parent=view)
    qtbot.addWidget(dialog)
    dialog.description.setText("Sponsor session")
    dialog.date.setDate(QDate(2026, 10, 20))
    dialog.hours.setValue(2)
    dialog.minutes.setValue(15)
    dialog.kind.setCurrentIndex(dialog.kind.findData("leading"))
    dialog.pro_bono.setChecked(True)
    dialog.accept()
    (entry,) = m.HoursEntry.select()
    assert (entry.minutes, entry.kind, entry.paid, entry.description) == (
        135, "leading", False, "Sponsor session",
    )  # fmt: skip
    view.refresh()
    assert view.model.rowCount() == 2 and view.model.index(0, 5).data() == "Sponsor session"
    assert "pro bono 2:15" in view.summary.text()
    # a refused entry keeps the dialog open, with the reason
    bad = HoursEntryDialog(ctx, parent=view)
    qtbot.addWidget(bad)
    bad.hours.setValue(0)
    bad.minutes.setValue(0)
    bad.accept()
    assert "at least one minute" in bad.error.text() and m.HoursEntry.select().count() == 1
    # the meeting's row: role and paid
    practice = MeetingPracticeDialog(ctx, held.id, "the meeting", view)
    qtbot.addWidget(practice)
    practice.role.setCurrentIndex(practice.role.findData("observer"))
    practice.paid.setCurrentIndex(practice.paid.findData(False))
    practice.accept()
    view.refresh()
    assert [view.model.index(1, c).data() for c in (2, 3, 4)] == ["Other", "Observer", "Pro bono"]
    # a meeting's hours are not deleted from here; an entry's are, once confirmed
    view.table.setCurrentIndex(view.model.index(1, 0))
    view.delete()
    assert "delete the meeting itself" in view.error.text()
    view.table.setCurrentIndex(view.model.index(0, 0))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.delete()
    assert m.HoursEntry.select().count() == 0 and view.model.rowCount() == 1


def test_own_targets_beside_the_built_in_ones(qtbot, ctx, held):
    targets = TargetsDialog(ctx)
    qtbot.addWidget(targets)
    assert targets.model.rowCount() == 3
    targets.list.setCurrentIndex(targets.model.index(0))
    targets.delete()
    assert "built in" in targets.error.text() and targets.model.rowCount() == 3
    dialog = TargetDialog(ctx, None, targets)
    qtbot.addWidget(dialog)
    dialog.name.setText("ICF ACC renewal")
    dialog.total.setValue(40)
    dialog.expires.check.setChecked(True)
    dialog.expires.edit.setDate(QDate(2028, 1, 31))
    dialog.accept()
    targets.refresh()
    assert targets.model.rowCount() == 4
    assert "ICF ACC renewal: 40 h, expires 2028-01-31" in targets.model.stringList()[3]


def test_the_menu_opens_the_view_and_exports_a_table(qtbot, ctx, held, tmp_path, monkeypatch):
    from alcoach.ui.practice.csv_export import write_table

    window = build_window(qtbot, ctx)
    action = window.practice_actions.hours_action
    assert action.shortcut().toString() == "Shift+F3"
    assert ("Practice", action) in window.all_actions()
    shown = []
    monkeypatch.setattr(HoursView, "exec", lambda self: shown.append(self) or 0)
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert shown and shown[0].model.rowCount() == 1
    assert window.practice_actions.log_action.shortcut().toString() == "Ctrl+Shift+F3"
    from alcoach.data.hours import HoursFilter
    from alcoach.ui.practice.log_export import write_log

    pdf = write_log(HoursFilter(), tmp_path / "log.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_mode & 0o777 == 0o600
    asked = []
    shown[0].on_log = lambda which, parent: asked.append(which)
    shown[0].date_from.setDate(QDate(2026, 1, 1))
    shown[0].export_log()
    assert asked == [HoursFilter(start=dt.date(2026, 1, 1))]
    path = tmp_path / "hours.csv"
    hours_entries.add_hours_entry(dt.date(2026, 10, 1), 30, "mentoring")
    assert write_table("hours", None, "semicolon", False, path) == 2
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1][6] == "30" and rows[2][6] == "90"
