"""The meeting's one undo in the real window, by keyboard: logged notes, deletions, tallies with
their notes, ratings; Edit > Undo's text; a text field's own Ctrl+Z; a fresh stack per meeting;
an undo the data no longer allows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from windows import build_window

from alcoach.data import interventions as iv
from alcoach.data import meetings, tallies
from alcoach.ui.meeting.meeting_undo import meeting_undo, quoted

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ASKED = "What did you notice when the tenants stopped calling?"


@pytest.fixture
def window(qtbot, ctx, sample_set):
    return build_window(qtbot, ctx)


def focused():
    return QApplication.focusWidget()


def log_typed(qtbot, text: str) -> QLineEdit:
    """Ctrl+L, type, Enter: the quick-entry line, as a coach logs a note."""
    qtbot.keyClick(focused(), Qt.Key.Key_L, CTRL)
    line = focused()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    return line


def undo(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL)


def redo(qtbot, *, with_y: bool = False) -> None:
    if with_y:
        qtbot.keyClick(focused(), Qt.Key.Key_Y, CTRL)
    else:
        qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL | SHIFT)


def texts(meeting_id: int) -> list[str]:
    return [r.text for r in iv.list_interventions(meeting_id)]


def log_rows(window) -> int:
    return window.workspace.panels["interventions"].model.rowCount()


def test_log_undo_and_redo_by_keys_with_the_step_named(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    log_typed(qtbot, ASKED)
    [logged] = iv.list_interventions(meeting_id)
    assert window.undo_action.text() == f"Undo Log {quoted(ASKED)}"
    assert window.undo_action.text() == "Undo Log “What did you notice when the…”"
    undo(qtbot)
    assert texts(meeting_id) == [] and log_rows(window) == 0
    assert window.redo_action.text() == "Redo Log “What did you notice when the…”"
    redo(qtbot)
    assert iv.list_interventions(meeting_id) == [logged]  # the same id, time and phase
    assert log_rows(window) == 1
    undo(qtbot)
    redo(qtbot, with_y=True)
    assert iv.list_interventions(meeting_id) == [logged]
    assert not window.redo_action.isEnabled()


def test_a_field_with_typing_of_its_own_keeps_ctrl_z(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    line = log_typed(qtbot, "First note")
    qtbot.keyClicks(line, "half typed")
    undo(qtbot)
    assert line.text() != "half typed"  # the line's typing went, the note stays
    assert texts(meeting_id) == ["First note"]
    for _ in range(20):
        if not line.isUndoAvailable():
            break
        undo(qtbot)
    assert line.text() == "" and texts(meeting_id) == ["First note"]
    undo(qtbot)  # nothing left in the line: the key is the meeting's
    assert texts(meeting_id) == []


def test_edit_undo_in_the_menu_is_always_the_meetings(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    line = log_typed(qtbot, "Logged")
    qtbot.keyClicks(line, "typing")
    assert window.undo_action in window.menus["Edit"].actions()
    window.undo_action.trigger()  # what choosing Edit > Undo does
    assert texts(meeting_id) == []
    assert line.text() == "typing"


def test_deleted_note_comes_back_with_its_id_members_and_ratings(qtbot, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    dana, kofi, *_ = sample_set["members"]
    asked = iv.log_intervention(meeting_id, "How are we doing?", member_ids=[dana.id, kofi.id])
    asked = iv.set_ratings(asked.id, {dana.id: 3, kofi.id: 9})
    window = build_window(qtbot, ctx)
    view = window.workspace.panels["interventions"].view
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert iv.list_interventions(meeting_id) == []
    assert window.undo_action.text() == "Undo Delete “How are we doing?”"
    undo(qtbot)
    assert iv.get_intervention(asked.id) == asked
    assert log_rows(window) == 1
    redo(qtbot)
    assert iv.list_interventions(meeting_id) == []


def test_ratings_are_steps_one_by_one(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    log_typed(qtbot, "How are we doing as a group, 1 to 10?")
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)
    strip = window.workspace.panels["interventions"].strip
    qtbot.waitUntil(strip.hasFocus)
    for digit in (Qt.Key.Key_7, Qt.Key.Key_5):
        qtbot.keyClick(strip, digit)
    [rated] = iv.list_interventions(meeting_id)
    assert [r.score for r in rated.ratings] == [7, 5]
    assert window.undo_action.text() == "Undo Rating 5 for Kofi Mensah"
    undo(qtbot)
    [rated] = iv.list_interventions(meeting_id)
    assert [r.score for r in rated.ratings] == [7]
    redo(qtbot)
    [rated] = iv.list_interventions(meeting_id)
    assert [r.score for r in rated.ratings] == [7, 5]


def test_a_skill_tally_and_its_note_are_one_step(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    members = window.workspace.panels["members"]
    qtbot.keyClick(focused(), Qt.Key.Key_L, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_1, CTRL)  # member 1, Dana, for one tally:
    qtbot.keyClick(focused(), Qt.Key.Key_K)  # her leadership skill seen
    note = focused()
    assert note is members.rows[0].note
    qtbot.keyClicks(note, "Summarised the options")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    [seen] = tallies.list_tallies(meeting_id)
    assert seen.note == "Summarised the options"
    assert window.undo_action.text() == "Undo Tally skill seen for Dana Whitfield"
    undo(qtbot)
    assert tallies.list_tallies(meeting_id) == []
    assert members.rows[0].counts.skill == 0
    redo(qtbot)
    assert tallies.list_tallies(meeting_id) == [seen]  # its id, time and note
    assert members.rows[0].counts.skill == 1


def test_undo_while_the_empty_skill_note_is_open_closes_it(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    members = window.workspace.panels["members"]
    qtbot.keyClick(focused(), Qt.Key.Key_L, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_2, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_K)  # skill seen
    assert focused() is members.rows[1].note
    undo(qtbot)  # the note line has nothing of its own to undo
    assert tallies.list_tallies(meeting_id) == []
    assert not members.rows[1].note.isVisible()


def test_plain_tallies_undo_newest_first(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    qtbot.keyClick(focused(), Qt.Key.Key_L, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_1, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_Q)  # a question for member 1
    qtbot.keyClick(focused(), Qt.Key.Key_4, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_S)  # a statement for member 4
    assert window.undo_action.text() == "Undo Tally statement for Ravi Patel"
    undo(qtbot)
    assert [t.kind for t in tallies.list_tallies(meeting_id)] == ["question"]
    undo(qtbot)
    assert tallies.list_tallies(meeting_id) == []
    assert not window.undo_action.isEnabled()
    undo(qtbot)  # nothing to undo: nothing happens
    assert window.undo_action.text() == "Undo"


def test_opening_another_meeting_starts_a_fresh_undo(qtbot, window, sample_set):
    meeting_id = sample_set["meeting"].id
    log_typed(qtbot, "In the first meeting")
    other = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 12, 7))
    window.open_meeting(other.id)
    question = window.running.question  # logging started the clock: leaving it asks once
    if question is not None and question.isVisible():
        qtbot.keyClick(question, Qt.Key.Key_Return)  # leave it running
    assert window.current_meeting_id == other.id
    assert meeting_undo(window.ctx).stack.count() == 0
    assert not window.undo_action.isEnabled()
    undo(qtbot)
    assert texts(meeting_id) == ["In the first meeting"]


def test_an_undo_the_data_no_longer_allows_says_so_once(qtbot, window, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    log_typed(qtbot, "Soon gone")
    log_typed(qtbot, "Stays")
    [gone, _stays] = iv.list_interventions(meeting_id)
    undo(qtbot)  # "Stays" is undone, as it should be
    iv.delete_intervention(gone.id)  # deleted underneath (another window, a merge)
    ctx.bus.interventions_changed.emit(meeting_id)
    failures: list[str] = []
    ctx.bus.status_message.connect(failures.append)
    undo(qtbot)
    assert failures == ["Log “Soon gone” could not be undone: it was deleted meanwhile."]
    assert window.statusBar().currentMessage() == failures[0]
    assert meeting_undo(ctx).stack.command(0).text() == "Log “Stays”"  # the redo is kept
    redo(qtbot)
    assert texts(meeting_id) == ["Stays"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Short", "“Short”"),
        ("  spaced\n\tout  ", "“spaced out”"),
        ("x" * 50, "“" + "x" * 29 + "…”"),
        ("مرحبا " * 10, "“مرحبا مرحبا مرحبا مرحبا…”"),
        ("", "“”"),
    ],
)
def test_step_texts_are_cut_at_a_word(text, shown):
    assert quoted(text) == shown
