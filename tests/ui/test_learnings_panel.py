"""Learnings: add at each level, edit in place, delete and put back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from ui_typing import type_text

from alcoach.data import learnings
from alcoach.ui.meeting.learnings_panel import LearningsPanel


@pytest.fixture
def panel(qtbot, ctx, sample_set):
    widget = LearningsPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_meeting(sample_set["meeting"].id)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(meeting_id: int) -> list[tuple[str, int | None, str, str]]:
    return [
        (r.level, r.member_id, r.text, r.application) for r in learnings.list_learnings(meeting_id)
    ]


def edit_cell(qtbot, view, row: int, column: int) -> QWidget:
    view.setCurrentIndex(view.model().index(row, column))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    return view.focusWidget()


def press_enter(qtbot, editor: QWidget) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits through a queued call


def test_model_passes_the_model_tester(qtmodeltester, panel, sample_set):
    learnings.add_learning(sample_set["meeting"].id, "team", "We interrupt less")
    panel.set_meeting(sample_set["meeting"].id)
    qtmodeltester.check(panel.model)


def test_add_individual_and_team_learnings(qtbot, panel, sample_set):
    meeting_id = sample_set["meeting"].id
    ines = sample_set["members"][2]
    panel.level.setCurrentIndex(panel.level.findData("individual"))
    panel.member.setCurrentIndex(panel.member.findData(ines.id))
    panel.text.setFocus()
    type_text(panel.text, "Silence is not agreement — «ask»")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)  # moves on to "how it will be applied"
    assert panel.application.hasFocus()
    qtbot.keyClicks(panel.application, "Check with quiet members before deciding")
    qtbot.keyClick(panel.application, Qt.Key.Key_Return)
    panel.level.setCurrentIndex(panel.level.findData("team"))
    assert not panel.member.isEnabled()
    qtbot.keyClicks(panel.text, "We jump to solutions <fast> & early")
    qtbot.keyClicks(panel.application, "One more question round before ideas")
    qtbot.keyClick(panel.application, Qt.Key.Key_Return)
    assert stored(meeting_id) == [
        (
            "individual",
            ines.id,
            "Silence is not agreement — «ask»",
            "Check with quiet members before deciding",
        ),
        (
            "team",
            None,
            "We jump to solutions <fast> & early",
            "One more question round before ideas",
        ),
    ]
    assert panel.model.rowCount() == 2
    assert panel.model.index(0, 1).data() == "Ines Duarte"
    assert panel.model.index(1, 0).data() == "Team"


def test_edit_in_place_delete_and_undo(qtbot, panel, sample_set):
    meeting_id = sample_set["meeting"].id
    learnings.add_learning(meeting_id, "team", "First draft", application="Later")
    panel.set_meeting(meeting_id)
    editor = edit_cell(qtbot, panel.view, 0, 2)
    editor.selectAll()
    qtbot.keyClicks(editor, "Sponsors need a short update")
    press_enter(qtbot, editor)
    level = edit_cell(qtbot, panel.view, 0, 0)
    level.setCurrentIndex(level.findData("organisation"))
    press_enter(qtbot, level)
    assert stored(meeting_id) == [("organisation", None, "Sponsors need a short update", "Later")]
    assert panel.model.index(0, 0).data() == "Organisation"
    panel.view.selectRow(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert stored(meeting_id) == []
    assert panel.model.rowCount() == 0
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(meeting_id) == [("organisation", None, "Sponsors need a short update", "Later")]
    assert panel.model.rowCount() == 1


def test_no_meeting_disables(qtbot, ctx):
    widget = LearningsPanel(ctx)
    qtbot.addWidget(widget)
    assert not widget.isEnabled()
    assert all("(" in a.toolTip() for a in widget.commands())
