"""The roster: tally keys, the inline skill note, and picking a member for feedback (the undo of a
tally is in tests/ui/test_meeting_undo.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from ui_typing import type_text

from alcoach.data import tallies
from alcoach.ui.meeting.feedback_editor import FeedbackEditor
from alcoach.ui.meeting.members_panel import MembersPanel

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, ctx, sample_set):
    """The panel in a window that carries its actions, as the main window does."""
    win = QMainWindow()
    panel = MembersPanel(ctx)
    entry = QLineEdit()
    entry.setObjectName("quick_entry")
    host = panel
    win.setCentralWidget(host)
    win.setMenuWidget(entry)
    win.addActions(panel.commands())
    qtbot.addWidget(win)
    panel.set_meeting(sample_set["meeting"].id)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    entry.setFocus()
    return win, panel, entry


def counts_on_screen(panel: MembersPanel, n: int) -> dict[str, str]:
    row = panel.rows[n - 1]
    shown = {kind: button.text().split()[-1] for kind, button in row.buttons.items()}
    shown["ratio"] = row.ratio.text().removeprefix("Q:S ")
    return shown


def test_roster_lists_attendees_with_presenter_and_skill(window, sample_set):
    _win, panel, _entry = window
    names = [row.name.text() for row in panel.rows]
    assert names == [m.name for m in sample_set["members"]]
    assert "presenting" in panel.rows[1].skill.text()
    assert "Listening" in panel.rows[0].skill.text()
    assert "presenting" not in panel.rows[0].skill.text()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key on whatever has the focus now, as the coach's keyboard sends it."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_tally_keys_store_and_show_counts(qtbot, window, sample_set):
    _win, panel, entry = window
    meeting_id = sample_set["meeting"].id
    members = sample_set["members"]
    # Ctrl+n picks member n for one tally, then the cursor is back in the line
    press(qtbot, Qt.Key.Key_1, CTRL)
    assert panel.hasFocus() and panel.mode.active
    press(qtbot, Qt.Key.Key_Q)
    assert entry.hasFocus() and not panel.mode.active
    # F9: the roster's keys stay on for several tallies
    press(qtbot, Qt.Key.Key_F9)
    for key in (Qt.Key.Key_1, Qt.Key.Key_Q, Qt.Key.Key_S, Qt.Key.Key_2, Qt.Key.Key_S):
        press(qtbot, key)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_I)
    press(qtbot, Qt.Key.Key_Escape)
    assert entry.hasFocus() and not panel.mode.active

    stored = tallies.tally_counts(meeting_id)
    assert stored[members[0].id].question == 2
    assert stored[members[0].id].statement == 1
    assert stored[members[1].id].statement == 1
    assert stored[members[2].id].insightful == 1
    assert counts_on_screen(panel, 1) == {
        "question": "2",
        "statement": "1",
        "insightful": "0",
        "skill": "0",
        "ratio": "2.0",
    }
    assert counts_on_screen(panel, 2)["statement"] == "1"
    assert counts_on_screen(panel, 2)["ratio"] == "0.0"
    assert counts_on_screen(panel, 3)["insightful"] == "1"
    assert counts_on_screen(panel, 3)["ratio"] == "all Q"
    assert counts_on_screen(panel, 4)["ratio"] == "–"
    # a key for a member the roster does not have does nothing
    press(qtbot, Qt.Key.Key_F9)
    press(qtbot, Qt.Key.Key_7)
    press(qtbot, Qt.Key.Key_Q)
    assert len(tallies.list_tallies(meeting_id)) == 5


def test_roster_mode_shows_itself_and_marks_the_speaker(qtbot, window, sample_set, ctx):
    _win, panel, entry = window
    said: list[str] = []
    ctx.bus.mode_changed.connect(said.append)
    with qtbot.waitSignal(panel.mode.speaker_marked) as marked:
        press(qtbot, Qt.Key.Key_F9)
        press(qtbot, Qt.Key.Key_2)
    assert marked.args == [sample_set["members"][1].id]
    assert "Kofi Mensah" in said[-1] and "Esc" in said[-1]
    ring = panel.mode.ring
    assert ring.isVisible() and ring.on and ring.row is panel.rows[1]  # the frame, member 2
    assert "Roster keys on" in panel.hint.text()
    # a French keyboard's digit row types é for 2 without Shift: it picks member 2 too
    press(qtbot, Qt.Key.Key_1)
    qtbot.keyClick(panel, Qt.Key.Key_Eacute)
    assert panel.mode.picked == 2
    press(qtbot, Qt.Key.Key_F9)
    assert said[-1] == "" and entry.hasFocus()
    assert not panel.mode.ring.isVisible()


def test_buttons_tally_too(qtbot, window, sample_set):
    _win, panel, _entry = window
    qtbot.mouseClick(panel.rows[3].buttons["question"], Qt.MouseButton.LeftButton)
    [record] = tallies.list_tallies(sample_set["meeting"].id)
    assert (record.member_id, record.kind) == (sample_set["members"][3].id, "question")
    assert counts_on_screen(panel, 4)["question"] == "1"


def test_skill_seen_note_enter_stores_the_note(qtbot, window, sample_set):
    _win, panel, entry = window
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_K)
    note = panel.rows[0].note
    assert note.isVisible() and note.hasFocus()
    type_text(note, "Summarised Kofi's point — «listening» & <b>")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    [record] = tallies.list_tallies(sample_set["meeting"].id)
    assert record.kind == "skill"
    assert record.note == "Summarised Kofi's point — «listening» & <b>"
    assert not note.isVisible()
    assert entry.hasFocus()  # back where the coach was
    assert counts_on_screen(panel, 1)["skill"] == "1"


def test_skill_seen_escape_stores_without_note(qtbot, window, sample_set):
    _win, panel, entry = window
    press(qtbot, Qt.Key.Key_2, CTRL)
    press(qtbot, Qt.Key.Key_K)
    note = panel.rows[1].note
    with qtbot.waitSignal(panel.ctx.bus.saved, timeout=3000):  # the draft note is saved...
        qtbot.keyClicks(note, "half a thought")
    # ...and Esc must take it back
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    [record] = tallies.list_tallies(sample_set["meeting"].id)
    assert (record.kind, record.note) == ("skill", "")
    assert record.member_id == sample_set["members"][1].id
    assert not note.isVisible()
    assert entry.hasFocus()  # the one tally over, the cursor is back in the line


def test_tallies_from_elsewhere_refresh_counts(window, sample_set, ctx):
    _win, panel, _entry = window
    tallies.record_tally(sample_set["meeting"].id, sample_set["members"][2].id, "statement")
    ctx.bus.tallies_changed.emit(sample_set["meeting"].id)
    assert counts_on_screen(panel, 3)["statement"] == "1"


def test_clicking_a_name_picks_the_member_for_feedback(qtbot, ctx, sample_set):
    panel = MembersPanel(ctx)
    editor = FeedbackEditor(ctx)
    qtbot.addWidget(panel)
    qtbot.addWidget(editor)
    panel.set_meeting(sample_set["meeting"].id)
    editor.set_meeting(sample_set["meeting"].id)
    qtbot.mouseClick(panel.rows[2].name, Qt.MouseButton.LeftButton)
    assert editor.picker.currentText() == "Ines Duarte"
    assert editor.skill.text() == "Giving feedback"
    assert panel.rows[2].name.isChecked()


def test_no_meeting_means_empty_roster_and_disabled_keys(qtbot, ctx, sample_set):
    panel = MembersPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.rows == []
    assert not any(a.isEnabled() for a in panel.commands())
    panel.set_meeting(sample_set["meeting"].id)
    panel.set_meeting(None)
    assert panel.rows == []


def test_every_action_names_its_shortcut(qtbot, ctx):
    panel = MembersPanel(ctx)
    qtbot.addWidget(panel)
    for action in panel.commands():
        assert action.shortcut().toString() in action.toolTip().replace("Meta", "Ctrl")
