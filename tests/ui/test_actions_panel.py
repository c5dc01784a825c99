"""Actions: report back on an earlier meeting's action, commit, edit and delete new ones."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from ui_typing import type_text

from alcoach.data import actions, meetings
from alcoach.ui.kit.record_table import RecordTableModel
from alcoach.ui.meeting.actions_panel import ActionsPanel

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def earlier(sample_set):
    """An earlier meeting of the set where Kofi and Dana committed to actions."""
    members = sample_set["members"]
    first = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 10, 5), title="October")
    kofi_action = actions.commit_action(
        first.id,
        "Call the three largest landlords",
        owner_id=members[1].id,
        due=dt.date(2026, 10, 20),
    )
    dana_action = actions.commit_action(first.id, "Map the empty homes", owner_id=members[0].id)
    return first, kofi_action, dana_action


@pytest.fixture
def panel(qtbot, ctx, sample_set, earlier):
    widget = ActionsPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_meeting(sample_set["meeting"].id)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def edit_cell(qtbot, view, row: int, column: int) -> QWidget:
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert editor is not None and editor is not view
    return editor


def press_enter(qtbot, editor: QWidget) -> None:
    """Enter in a cell editor commits through a queued call: let the event loop run it."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_models_pass_the_model_tester(qtmodeltester, panel):
    qtmodeltester.check(panel.report_model)
    qtmodeltester.check(panel.new.model)
    qtmodeltester.check(RecordTableModel([]))


def test_earlier_actions_listed_for_report_back(panel, earlier):
    model = panel.report_model
    assert model.rowCount() == 2
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert shown[0] == [
        "Kofi Mensah",
        "Call the three largest landlords",
        "2026-10-05",
        "2026-10-20",
        "Open",
        "",
    ]


def test_report_back_status_and_note(qtbot, panel, sample_set, earlier):
    _first, kofi_action, dana_action = earlier
    view = panel.report_view
    combo = edit_cell(qtbot, view, 0, 4)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("partly"))
    press_enter(qtbot, combo)
    note = edit_cell(qtbot, view, 0, 5)
    assert isinstance(note, QLineEdit)
    qtbot.keyClicks(note, "Two of three called; <one> refused & wants a letter")
    press_enter(qtbot, note)
    stored = actions.get_action(kofi_action.id)
    assert stored.status == "partly"
    assert stored.report_back == "Two of three called; <one> refused & wants a letter"
    assert stored.reported_in_id == sample_set["meeting"].id
    assert panel.report_model.index(0, 4).data() == "Partly done"
    # the other one stays open and carries on to the next meeting
    later = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 12, 7))
    assert [a.id for a in actions.actions_for_report_back(later.id)] == [dana_action.id]


def test_commit_edit_and_delete(qtbot, panel, sample_set):
    meeting_id = sample_set["meeting"].id
    kofi = sample_set["members"][1]
    assert panel.new.owner.currentData() == kofi.id  # the presenter by default
    panel.new.has_due.setChecked(True)
    panel.new.due.setDate(QDate(2026, 11, 30))
    panel.new.text.setFocus()
    qtbot.keyClicks(panel.new.text, "Draft the letter to owners & agents")
    qtbot.keyClick(panel.new.text, Qt.Key.Key_Return)
    [stored] = actions.list_actions(meeting_id)
    assert (stored.text, stored.owner_id, stored.due) == (
        "Draft the letter to owners & agents",
        kofi.id,
        dt.date(2026, 11, 30),
    )
    assert panel.new.text.text() == ""
    assert panel.new.model.rowCount() == 1
    text_editor = edit_cell(qtbot, panel.new.view, 0, 1)
    text_editor.selectAll()
    qtbot.keyClicks(text_editor, "Send the letter")
    press_enter(qtbot, text_editor)
    assert actions.get_action(stored.id).text == "Send the letter"
    owner = edit_cell(qtbot, panel.new.view, 0, 0)
    owner.setCurrentIndex(owner.findText("Ines Duarte"))
    press_enter(qtbot, owner)
    assert actions.get_action(stored.id).owner_name == "Ines Duarte"

    panel.new.view.selectRow(0)
    panel.new.view.setFocus()
    qtbot.keyClick(panel.new.view, Qt.Key.Key_Delete)
    assert actions.list_actions(meeting_id) == []
    assert panel.new.model.rowCount() == 0  # the undo is tested in tests/ui/test_meeting_undo.py


def test_empty_text_is_not_committed(qtbot, panel, sample_set):
    panel.new.text.setFocus()
    qtbot.keyClicks(panel.new.text, "   ")
    qtbot.keyClick(panel.new.text, Qt.Key.Key_Return)
    assert actions.list_actions(sample_set["meeting"].id) == []


def test_report_back_by_keys_status_note_enter_next(qtbot, panel, earlier):
    """Ctrl+Shift+O goes to the first open action; D marks it done and puts the cursor in its
    note; Enter keeps the note and moves on to the next action, where P, Esc leaves no note."""
    _first, kofi_action, dana_action = earlier
    outside = QLineEdit(panel)  # where the cursor was (the quick line, in the window)
    outside.setFocus()
    qtbot.keyClick(outside, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | SHIFT)
    view = panel.report_view
    assert view.hasFocus() and view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_D)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and editor is not outside
    type_text(editor, "Two of three called — 王小明 helped")
    press_enter(qtbot, editor)
    qtbot.waitUntil(lambda: view.hasFocus() and view.currentIndex().row() == 1)
    stored = {a.id: a for a in actions.actions_for_report_back(panel.meeting_id)}
    assert stored[kofi_action.id].status == "done"
    assert stored[kofi_action.id].report_back == "Two of three called — 王小明 helped"
    qtbot.keyClick(view, Qt.Key.Key_P)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(view.hasFocus)
    assert view.currentIndex().row() == 1
    stored = {a.id: a for a in actions.actions_for_report_back(panel.meeting_id)}
    assert stored[dana_action.id].status == "partly"
    assert stored[dana_action.id].report_back == ""
    assert panel.report_model.index(1, 4).data() == "Partly done"


def test_every_status_has_a_report_key():
    from alcoach.ui.kit.commands import REPORT_KEYS
    from alcoach.vocabulary import REPORT_BACK_ORDER

    assert list(REPORT_KEYS) == list(REPORT_BACK_ORDER)
    assert len(set(REPORT_KEYS.values())) == len(REPORT_KEYS)
