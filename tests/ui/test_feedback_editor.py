"""Feedback and coach notes: what is typed reaches the database exactly, without a Save button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from ui_typing import type_text

from alcoach.data import feedback, meetings, tallies
from alcoach.ui.meeting.coach_notes import CoachNotesPanel
from alcoach.ui.meeting.feedback_editor import FeedbackEditor

AWKWARD = [
    "Held the silence well 🙂👍🏽 — then asked «why now?»",
    "<b>bold</b> & <script>alert(1)</script> &amp; \\n %s {0}",
    "استمع جيداً ثم سأل سؤالاً مفتوحاً",  # Arabic, right to left
    "傾聴が上手でした。次は質問を短く。",  # Japanese
]


@pytest.fixture
def editor(qtbot, ctx, sample_set):
    host = QWidget()
    layout = QVBoxLayout(host)
    widget = FeedbackEditor(ctx)
    elsewhere = QLineEdit()
    layout.addWidget(widget)
    layout.addWidget(elsewhere)
    qtbot.addWidget(host)
    widget.set_meeting(sample_set["meeting"].id)
    host.show()
    qtbot.waitExposed(host)
    widget.host = host  # keeps the window alive: qtbot holds widgets weakly
    return widget, elsewhere


def test_starts_on_first_attendee_with_their_chosen_skill(editor, sample_set):
    widget, _ = editor
    assert widget.picker.count() == 4
    assert widget.picker.currentText() == "Dana Whitfield"
    assert widget.skill.text() == "Listening"


@pytest.mark.parametrize("text", AWKWARD)
def test_typed_strengths_saved_after_the_debounce(qtbot, editor, sample_set, text):
    widget, _ = editor
    field = widget.fields["strengths"]
    field.setFocus()
    with qtbot.waitSignal(widget.ctx.bus.saved, timeout=3000):  # the save after the debounce
        type_text(field, text)
    stored = feedback.get_feedback(sample_set["meeting"].id, sample_set["members"][0].id)
    assert stored.strengths == text
    assert stored.skill == "Listening"
    assert field.toPlainText() == text


def test_ascii_typing_with_keyclicks_and_focus_out(qtbot, editor, sample_set):
    widget, elsewhere = editor
    field = widget.fields["suggestions"]
    field.setFocus()
    qtbot.keyClicks(field, "Try a shorter question & wait <5s>")
    elsewhere.setFocus()  # leaving the field saves at once
    stored = feedback.get_feedback(sample_set["meeting"].id, sample_set["members"][0].id)
    assert stored.suggestions == "Try a shorter question & wait <5s>"


def test_long_paste_saved_on_focus_out(qtbot, editor, sample_set):
    widget, elsewhere = editor
    long_text = ("Ein langer Absatz mit Umlauten äöü, emoji 🌍 and <tags>.\n" * 400)[:20000]
    assert len(long_text) == 20000
    field = widget.fields["self_assessment"]
    field.setFocus()
    field.setPlainText(long_text)
    elsewhere.setFocus()
    stored = feedback.get_feedback(sample_set["meeting"].id, sample_set["members"][0].id)
    assert stored.self_assessment == long_text


def test_switching_member_flushes_and_loads(qtbot, editor, sample_set):
    widget, _ = editor
    meeting_id = sample_set["meeting"].id
    dana, kofi = sample_set["members"][:2]
    coach = widget.fields["coach_notes"]
    coach.setFocus()
    qtbot.keyClicks(coach, "Private: seemed tired")
    widget.picker.setCurrentIndex(1)  # no wait: the switch itself must save
    assert feedback.get_feedback(meeting_id, dana.id).coach_notes == "Private: seemed tired"
    assert widget.skill.text() == "Asking open questions"
    assert coach.toPlainText() == ""
    qtbot.keyClicks(widget.fields["strengths"], "Open questions")
    widget.set_meeting(None)  # switching meeting flushes too
    assert feedback.get_feedback(meeting_id, kofi.id).strengths == "Open questions"
    assert not widget.isEnabled()
    widget.set_meeting(meeting_id)
    widget.picker.setCurrentIndex(0)
    assert coach.toPlainText() == "Private: seemed tired"


def test_skill_field_edit_is_saved(qtbot, editor, sample_set):
    widget, elsewhere = editor
    widget.skill.setFocus()
    widget.skill.selectAll()
    qtbot.keyClicks(widget.skill, "Challenging assumptions")
    elsewhere.setFocus()
    stored = feedback.get_feedback(sample_set["meeting"].id, sample_set["members"][0].id)
    assert stored.skill == "Challenging assumptions"


def test_counts_and_skill_notes_follow_tallies(qtbot, editor, sample_set, ctx):
    widget, _ = editor
    meeting_id = sample_set["meeting"].id
    dana = sample_set["members"][0]
    tallies.record_tally(meeting_id, dana.id, "question")
    tallies.record_tally(meeting_id, dana.id, "statement")
    tallies.record_tally(meeting_id, dana.id, "skill", note="Paraphrased before asking")
    ctx.bus.tallies_changed.emit(meeting_id)
    qtbot.waitUntil(lambda: "Questions 1" in widget.counts.text())
    assert "Q:S 1.0" in widget.counts.text()
    assert "Statements 1" in widget.counts.text()
    assert "Skill seen 1" in widget.counts.text()
    notes = widget.notes.model().stringList()
    assert len(notes) == 1 and notes[0].endswith("Paraphrased before asking")


def test_coach_notes_saved_as_typed(qtbot, ctx, sample_set):
    panel = CoachNotesPanel(ctx)
    qtbot.addWidget(panel)
    meeting_id = sample_set["meeting"].id
    assert not panel.isEnabled()
    panel.set_meeting(meeting_id)
    assert panel.isEnabled()
    panel.editor.setFocus()
    with qtbot.waitSignal(ctx.bus.saved, timeout=3000):  # the save after the debounce
        type_text(panel.editor, "Group avoids conflict 🤔 <— check & ask")
    assert meetings.get_meeting(meeting_id).coach_notes == "Group avoids conflict 🤔 <— check & ask"
    qtbot.keyClicks(panel.editor, " later")
    panel.flush()
    assert meetings.get_meeting(meeting_id).coach_notes.endswith("ask later")
    panel.set_meeting(None)
    assert panel.editor.toPlainText() == ""
    panel.set_meeting(meeting_id)
    assert panel.editor.toPlainText().endswith("ask later")


def test_focus_actions_name_their_shortcuts(qtbot, ctx):
    for widget in (FeedbackEditor(ctx), CoachNotesPanel(ctx)):
        qtbot.addWidget(widget)
        for action in widget.commands():
            assert action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
            assert "Ctrl+Shift+" in action.toolTip()
