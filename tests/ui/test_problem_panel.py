"""Problem-statement rounds: statements saved as typed, poll votes, new rounds, agreed reframing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from ui_typing import type_text

from alcoach.data import problems
from alcoach.ui.meeting.problem_panel import ProblemPanel


@pytest.fixture
def panel(qtbot, ctx, sample_set):
    host = QWidget()
    layout = QVBoxLayout(host)
    widget = ProblemPanel(ctx)
    widget.elsewhere = QLineEdit()
    layout.addWidget(widget)
    layout.addWidget(widget.elsewhere)
    qtbot.addWidget(host)
    widget.host = host
    widget.set_meeting(sample_set["meeting"].id)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: all(b.height() > 0 for b in widget.vote_buttons[1].values()))
    return widget


def by_kind(meeting_id: int) -> list[tuple[str, int | None, int, str]]:
    return [
        (s.kind, s.member_id, s.round, s.text) for s in problems.list_problem_statements(meeting_id)
    ]


def test_statements_saved_as_typed(qtbot, panel, sample_set):
    meeting_id = sample_set["meeting"].id
    dana, kofi = sample_set["members"][:2]
    panel.presenter_box.setFocus()
    with qtbot.waitSignal(panel.ctx.bus.saved, timeout=3000):  # the save after the debounce
        type_text(panel.presenter_box, "Empty homes sit for 9 months — why?")
    dana_box = panel.editors[("member", dana.id)]
    dana_box.setFocus()
    type_text(dana_box, "How do we <get> owners & agents to act? 🏠")
    panel.elsewhere.setFocus()
    assert by_kind(meeting_id) == [
        ("presenter", kofi.id, 1, "Empty homes sit for 9 months — why?"),
        ("member", dana.id, 1, "How do we <get> owners & agents to act? 🏠"),
    ]
    dana_box.setFocus()
    qtbot.keyClicks(dana_box, "!")
    panel.flush()
    assert by_kind(meeting_id)[1][3].endswith("🏠!")
    assert len(by_kind(meeting_id)) == 2  # edited in place, not added again


def test_poll_votes_and_summary(qtbot, panel, sample_set):
    meeting_id = sample_set["meeting"].id
    dana, kofi, ines, _ravi = sample_set["members"]
    qtbot.mouseClick(panel.vote_buttons[dana.id]["yes"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.vote_buttons[kofi.id]["close"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.vote_buttons[ines.id]["no"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.vote_buttons[ines.id]["yes"], Qt.MouseButton.LeftButton)  # changed mind
    votes = {(v.round, v.member_id): v.vote for v in problems.list_poll_votes(meeting_id)}
    assert votes == {(1, dana.id): "yes", (1, kofi.id): "close", (1, ines.id): "yes"}
    assert not panel.vote_buttons[ines.id]["no"].isChecked()
    assert panel.poll_summary.text() == "Agree? yes 2 · close 1 · no 0 · 1 to ask"
    qtbot.mouseClick(panel.vote_buttons[dana.id]["yes"], Qt.MouseButton.LeftButton)  # clears
    assert (1, dana.id) not in {
        (v.round, v.member_id) for v in problems.list_poll_votes(meeting_id)
    }


def test_new_round_and_agreed_reframing(qtbot, panel, sample_set):
    meeting_id = sample_set["meeting"].id
    dana = sample_set["members"][0]
    panel.presenter_box.setFocus()
    qtbot.keyClicks(panel.presenter_box, "First wording")
    panel.new_round_action.trigger()  # flushes round 1 first
    assert panel.round == 2
    assert panel.round_picker.count() == 2
    assert panel.presenter_box.toPlainText() == ""
    assert "First wording" in panel.presenter_box.placeholderText()
    dana_box = panel.editors[("member", dana.id)]
    dana_box.setFocus()
    qtbot.keyClicks(dana_box, "Second try")
    qtbot.mouseClick(panel.vote_buttons[dana.id]["yes"], Qt.MouseButton.LeftButton)
    panel.agreed_box.setFocus()
    type_text(panel.agreed_box, "How might we bring 200 homes back into use by June?")
    panel.elsewhere.setFocus()
    rows = by_kind(meeting_id)
    assert ("member", dana.id, 2, "Second try") in rows
    assert ("agreed", None, 2, "How might we bring 200 homes back into use by June?") in rows
    assert [(v.round, v.vote) for v in problems.list_poll_votes(meeting_id)] == [(2, "yes")]
    panel.round_picker.setCurrentIndex(0)
    assert panel.presenter_box.toPlainText() == "First wording"
    assert dana_box.toPlainText() == ""
    assert panel.agreed_box.toPlainText().startswith("How might we")
    # reopening the meeting shows the latest round
    panel.set_meeting(None)
    panel.set_meeting(meeting_id)
    assert panel.round == 2
    assert panel.editors[("member", dana.id)].toPlainText() == "Second try"


def test_no_meeting_disables(qtbot, ctx):
    widget = ProblemPanel(ctx)
    qtbot.addWidget(widget)
    assert not widget.isEnabled()
    assert "Ctrl+Shift+Q" in widget.commands()[0].toolTip()
