"""The meeting's one undo from the tabs, by keyboard in the real window: actions (add, edit,
delete), report-back, learnings, and feedback fields (a step when the coach leaves the field)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from windows import build_window

from alcoach.data import actions, feedback, learnings, meetings

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    return QApplication.focusWidget()


def undo(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL)


def redo(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL | SHIFT)


def edit_cell(qtbot, view, row: int, column: int) -> QWidget:
    view.setCurrentIndex(view.model().index(row, column))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert editor is not None and editor is not view
    return editor


def press_enter(qtbot, editor: QWidget) -> None:
    """Enter in a cell editor commits through a queued call: let the event loop run it."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


@pytest.fixture
def window(qtbot, ctx, sample_set):
    return build_window(qtbot, ctx)


def test_action_add_edit_delete_each_undo_and_redo(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    qtbot.keyClick(focused(), Qt.Key.Key_C, CTRL | SHIFT)
    line = focused()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "Call the housing officer")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    [added] = actions.list_actions(meeting_id)
    assert window.undo_action.text() == "Undo Add action “Call the housing officer”"
    undo(qtbot)
    assert actions.list_actions(meeting_id) == []
    redo(qtbot)
    assert actions.list_actions(meeting_id) == [added]

    panel = window.workspace.panels["actions"]
    editor = edit_cell(qtbot, panel.new.view, 0, 1)
    editor.selectAll()
    qtbot.keyClicks(editor, "Call the landlord")
    press_enter(qtbot, editor)
    assert actions.get_action(added.id).text == "Call the landlord"
    assert window.undo_action.text() == "Undo Edit action “Call the housing officer”"
    panel.new.view.setFocus()
    undo(qtbot)
    assert actions.get_action(added.id) == added
    assert panel.new.model.rows[0].text == "Call the housing officer"
    redo(qtbot)

    panel.new.view.selectRow(0)
    panel.new.view.setFocus()
    qtbot.keyClick(panel.new.view, Qt.Key.Key_Delete)
    assert actions.list_actions(meeting_id) == []
    undo(qtbot)
    [back] = actions.list_actions(meeting_id)
    assert (back.id, back.uid, back.text) == (added.id, added.uid, "Call the landlord")
    assert panel.new.model.rowCount() == 1


def test_report_back_status_is_a_step(qtbot, ctx, sample_set):
    earlier = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 10, 5))
    promised = actions.commit_action(earlier.id, "Visit the estate")
    window = build_window(qtbot, ctx)
    window.open_meeting(sample_set["meeting"].id)
    panel = window.workspace.panels["actions"]
    panel.focus_entry()
    combo = edit_cell(qtbot, panel.report_view, 0, 4)  # Status
    combo.setCurrentIndex(combo.findData("done"))
    press_enter(qtbot, combo)
    assert actions.get_action(promised.id).status == "done"
    assert window.undo_action.text() == "Undo Report back on “Visit the estate”"
    panel.report_view.setFocus()
    undo(qtbot)
    assert actions.get_action(promised.id) == promised
    redo(qtbot)
    done = actions.get_action(promised.id)
    assert (done.status, done.reported_in_id) == ("done", sample_set["meeting"].id)


def test_learning_add_and_delete_undo(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    qtbot.keyClick(focused(), Qt.Key.Key_L, CTRL | SHIFT)
    line = focused()
    qtbot.keyClicks(line, "Ask before advising")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # on to "how it will be applied"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    [added] = learnings.list_learnings(meeting_id)
    assert window.undo_action.text() == "Undo Add learning “Ask before advising”"
    panel = window.workspace.panels["learnings"]
    panel.view.selectRow(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert learnings.list_learnings(meeting_id) == []
    assert window.undo_action.text() == "Undo Delete learning “Ask before advising”"
    undo(qtbot)
    assert learnings.list_learnings(meeting_id) == [added]
    undo(qtbot)
    assert learnings.list_learnings(meeting_id) == []
    assert panel.model.rowCount() == 0


def test_feedback_typing_is_the_fields_until_the_coach_leaves_it(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    dana = sample_set["members"][0]
    qtbot.keyClick(focused(), Qt.Key.Key_D, CTRL | SHIFT)
    strengths = focused()
    assert isinstance(strengths, QPlainTextEdit)
    qtbot.keyClicks(strengths, "Clear questions")
    undo(qtbot)  # the field's own undo while typing
    assert strengths.toPlainText() != "Clear questions"
    qtbot.keyClicks(strengths, "Open questions")
    qtbot.keyClick(strengths, Qt.Key.Key_Tab)  # leaving the field commits one step
    assert feedback.get_feedback(meeting_id, dana.id).strengths.endswith("Open questions")
    assert window.undo_action.text() == "Undo Edit strengths for Dana Whitfield"
    suggestions = focused()
    assert suggestions is not strengths
    undo(qtbot)  # the next field has nothing of its own: the meeting's undo
    assert feedback.get_feedback(meeting_id, dana.id).strengths == ""
    assert strengths.toPlainText() == ""
    redo(qtbot)
    assert strengths.toPlainText().endswith("Open questions")
    assert feedback.get_feedback(meeting_id, dana.id).strengths.endswith("Open questions")
