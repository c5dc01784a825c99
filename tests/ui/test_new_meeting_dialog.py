"""Preparing a meeting: agenda from a template or the last meeting, edited; attendance; OK."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog
from ui_typing import type_text

from alcoach.data import meetings, sets, templates
from alcoach.data.records import TemplatePhase
from alcoach.ui.dialogs.agenda_model import MINUTES, NAME, AgendaTableModel
from alcoach.ui.dialogs.new_meeting_dialog import NewMeetingDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def dialog(qtbot, ctx, sample_set):
    dlg = NewMeetingDialog(ctx, sample_set["set"].id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def type_keys(qtbot, text):
    """Keys go where the keyboard focus is, as they do for a coach (the cell's editor opens)."""
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)


def click_cell(qtbot, dlg, row, column):
    view = dlg.table
    rect = view.visualRect(dlg.model.index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose_source(qtbot, dlg, wanted):
    """Step through the "Start from" list with the arrow keys until `wanted` is chosen."""
    combo = dlg.source_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while wanted not in combo.currentText():
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{wanted!r} is not offered"


def test_template_edited_attendance_and_presenter_are_stored(qtbot, ctx, dialog, sample_set):
    dlg = dialog
    dana, kofi, ines, ravi = sample_set["members"]
    type_text(dlg.title_edit, "Hiring freeze <b> & 🙂")
    assert dlg.location_edit.text() == "Civic Centre"  # where the set met last
    dlg.location_edit.selectAll()
    qtbot.keyClicks(dlg.location_edit, "Room 4")
    choose_source(qtbot, dlg, "Single problem, 90 minutes")
    assert dlg.model.rowCount() == 8
    assert dlg.total_label.text() == "Total: 1:30"

    click_cell(qtbot, dlg, 4, MINUTES)  # questioning, 35 minutes
    type_keys(qtbot, "40")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.model.index(4, MINUTES).data() == "40")  # Qt commits queued
    assert dlg.total_label.text() == "Total: 1:35"

    qtbot.mouseClick(dlg.attendance.attends[ines.id], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.attendance.presents[ravi.id], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(ctx.bus.sets_changed):
        qtbot.mouseClick(
            dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    assert dlg.created_meeting_id is not None
    meeting = meetings.get_meeting(dlg.created_meeting_id)
    assert meeting.title == "Hiring freeze <b> & 🙂"
    assert meeting.location == "Room 4"
    assert meeting.date == dt.date(2026, 12, 2)  # a month after the last one: the set's cadence
    phases = meetings.list_phases(meeting.id)
    ninety = next(t for t in templates.list_templates() if "90" in t.name)
    expected = [(p.name, p.minutes) for p in ninety.phases]
    expected[4] = (expected[4][0], 40.0)
    assert [(p.name, p.planned_minutes) for p in phases] == expected
    flags = {a.member.id: (a.attended, a.presenter) for a in meetings.list_attendees(meeting.id)}
    assert flags == {
        dana.id: (True, False),
        kofi.id: (True, False),
        ines.id: (False, False),
        ravi.id: (True, True),
    }


def test_same_as_last_meeting_copies_the_previous_agenda(qtbot, ctx, sample_set):
    previous = sample_set["meeting"].id
    phases = meetings.list_phases(previous)
    meetings.update_phase(phases[4].id, planned_minutes=33)
    meetings.update_phase(phases[1].id, name="Skills — 한국어 too")

    dlg = NewMeetingDialog(ctx, sample_set["set"].id)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.source_combo.currentText().startswith("Same as last meeting")
    qtbot.mouseClick(
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )

    copied = meetings.list_phases(dlg.created_meeting_id)
    assert [(p.name, p.planned_minutes) for p in copied] == [
        (p.name, p.planned_minutes) for p in meetings.list_phases(previous)
    ]
    assert copied[4].planned_minutes == 33
    assert copied[1].name == "Skills — 한국어 too"


def test_phases_are_added_moved_and_removed_with_keys(qtbot, dialog):
    dlg = dialog
    choose_source(qtbot, dlg, "Single problem, 60 minutes")
    first, second = dlg.model.index(0, NAME).data(), dlg.model.index(1, NAME).data()
    click_cell(qtbot, dlg, 0, NAME)
    qtbot.keyClick(dlg.table, Qt.Key.Key_Down, CTRL)
    assert [dlg.model.index(r, NAME).data() for r in (0, 1)] == [second, first]
    assert dlg.table.currentIndex().row() == 1

    qtbot.keyClick(dlg.table, Qt.Key.Key_Delete)
    assert dlg.model.rowCount() == 7
    assert first not in [p.name for p in dlg.model.phases()]
    assert dlg.total_label.text() == "Total: 0:57"

    qtbot.keyClick(dlg.table, Qt.Key.Key_Insert, CTRL)
    editor = QApplication.focusWidget()
    assert editor.text() == "New phase"
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    type_keys(qtbot, "Check-in round")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Check-in round" in [p.name for p in dlg.model.phases()])
    assert dlg.model.rowCount() == 8


def test_bad_minutes_are_refused(qtbot, dialog):
    dlg = dialog
    before = dlg.model.phases()
    assert not dlg.model.setData(dlg.model.index(0, MINUTES), "abc")
    assert not dlg.model.setData(dlg.model.index(0, MINUTES), "0")
    assert not dlg.model.setData(dlg.model.index(0, NAME), "   ")
    assert dlg.model.setData(dlg.model.index(0, MINUTES), "2,5")
    assert dlg.model.phases()[0].minutes == 2.5
    assert dlg.model.phases()[1:] == before[1:]


def test_save_as_template_keeps_the_edited_agenda(qtbot, ctx, dialog, monkeypatch):
    dlg = dialog
    dlg.model.setData(dlg.model.index(0, MINUTES), "6")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Our Tuesday format", True))
    qtbot.mouseClick(dlg.row_buttons["Save as template…"], Qt.MouseButton.LeftButton)
    saved = next(t for t in templates.list_templates() if t.name == "Our Tuesday format")
    assert list(saved.phases) == dlg.model.phases()
    assert saved.phases[0].minutes == 6
    assert dlg.source_combo.currentData() == saved.id


def test_agenda_model_passes_the_model_tester(qtmodeltester):
    model = AgendaTableModel([TemplatePhase("Opening", 3), TemplatePhase("Questions", 25.5)])
    qtmodeltester.check(model)
    model.add_phase(1, "Reflection", 10)
    model.move_phase(0, 1)
    model.move_phase(2, -1)
    model.remove_phase(0)
    qtmodeltester.check(model)
    assert [(p.name, p.minutes) for p in model.phases()] == [
        ("Questions", 25.5),
        ("Opening", 3.0),
    ]
    assert model.index(0, MINUTES).data() == "25.5"
    assert model.headerData(MINUTES, Qt.Orientation.Horizontal) == "Minutes"


def test_a_cell_still_being_typed_in_is_kept_on_create(qtbot, dialog):
    dlg = dialog
    choose_source(qtbot, dlg, "Single problem, 60 minutes")
    click_cell(qtbot, dlg, 0, MINUTES)
    type_keys(qtbot, "4")
    dlg.accept()  # e.g. Enter reached the dialog before Qt committed the cell
    assert meetings.list_phases(dlg.created_meeting_id)[0].planned_minutes == 4


def test_a_new_meeting_is_proposed_on_the_sets_next_date_at_its_last_place(qtbot, ctx, sample_set):
    from alcoach.ui.dialogs.set_dialog import SetDialog

    set_id = sample_set["set"].id  # the last meeting: 2 Nov 2026 at the Civic Centre
    editor = SetDialog(ctx, sets.get_set(set_id))
    qtbot.addWidget(editor)
    assert editor.cadence.currentText() == "Monthly"  # the set was made "monthly"
    editor.cadence.setCurrentIndex(editor.cadence.findData("every 4 weeks"))
    editor.accept()
    assert sets.get_set(set_id).cadence == "every 4 weeks"
    dialog = NewMeetingDialog(ctx, set_id)
    qtbot.addWidget(dialog)
    proposed = dialog.date_edit.date()
    assert (proposed.year(), proposed.month(), proposed.day()) == (2026, 11, 30)
    assert dialog.location_edit.text() == "Civic Centre"


def test_a_cadence_typed_before_is_kept_as_typed(qtbot, ctx, sample_set):
    from alcoach.ui.dialogs.set_dialog import SetDialog

    set_id = sample_set["set"].id
    sets.update_set(set_id, cadence="half a day, when the wards allow")
    editor = SetDialog(ctx, sets.get_set(set_id))
    qtbot.addWidget(editor)
    assert editor.cadence.currentText() == "As typed: half a day, when the wards allow"
    editor.accept()
    assert sets.get_set(set_id).cadence == "half a day, when the wards allow"
