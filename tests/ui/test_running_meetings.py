"""Meetings still running: the status bar names them; leaving one asks once, quitting asks."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from windows import build_window

from alcoach.data import meeting_timer, meetings


@pytest.fixture
def two_meetings(sample_set):
    older = meetings.create_meeting(
        sample_set["set"].id, dt.date(2026, 10, 5), title="Hiring freeze"
    )
    return {**sample_set, "older": older}


def _question(window) -> QMessageBox:
    box = window.running.question
    assert box is not None and box.isVisible()
    return box


def _answer(qtbot, window, key: Qt.Key) -> None:
    box = _question(window)
    qtbot.keyClick(box, key)
    qtbot.waitUntil(lambda: not box.isVisible())


def _start_by_keyboard(qtbot, window) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)
    mid = window.current_meeting_id
    qtbot.waitUntil(lambda: meeting_timer.meeting_timing(mid).started_at is not None)


def test_the_status_bar_names_a_running_meeting_until_it_ends(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    label = window.running.label
    window.running.refresh()
    assert label.isHidden()
    _start_by_keyboard(qtbot, window)
    qtbot.waitUntil(label.isVisible)
    assert "Set Blue" in label.text() and label.text().startswith("Running:")
    meeting_timer.pause_meeting(window.current_meeting_id, clock=ctx.meeting_clock)
    ctx.bus.timer_changed.emit(window.current_meeting_id)
    assert "(paused)" in label.toolTip()
    meeting_timer.end_meeting(window.current_meeting_id, clock=ctx.meeting_clock)
    ctx.bus.timer_changed.emit(window.current_meeting_id)
    assert label.isHidden()


def test_leaving_a_running_meeting_asks_once(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    running = two_meetings["meeting"].id
    other = two_meetings["older"].id
    assert window.current_meeting_id == running
    _start_by_keyboard(qtbot, window)

    window.open_meeting(other)
    _answer(qtbot, window, Qt.Key.Key_Escape)  # Stay
    assert window.current_meeting_id == running
    assert window.navigator.open_meeting_id == running

    window.open_meeting(other)
    box = _question(window)
    assert box.icon() == QMessageBox.Icon.NoIcon  # a quiet question, not a warning
    assert "still running" in box.text() and "Hiring freeze" not in box.text()
    _answer(qtbot, window, Qt.Key.Key_Return)  # Leave it running (the default)
    assert window.current_meeting_id == other
    assert meeting_timer.meeting_timing(running).ended_at is None
    assert window.running.label.isVisible()

    window.open_meeting(running)
    window.open_meeting(other)  # asked once this session: no question now
    assert window.current_meeting_id == other
    assert window.running.question is None or not window.running.question.isVisible()


def test_leaving_can_pause_the_meeting(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    running = window.current_meeting_id
    _start_by_keyboard(qtbot, window)
    window.open_meeting(two_meetings["older"].id)
    _answer(qtbot, window, Qt.Key.Key_P)  # &Pause it and leave
    assert window.current_meeting_id == two_meetings["older"].id
    assert meeting_timer.meeting_timing(running).pauses[-1].end is None
    assert "(paused)" in window.running.label.toolTip()


def test_an_ended_or_unstarted_meeting_is_left_without_a_question(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    window.open_meeting(two_meetings["older"].id)
    assert window.current_meeting_id == two_meetings["older"].id
    assert window.running.question is None


def test_quitting_while_a_meeting_runs_asks_and_can_be_cancelled(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    running = window.current_meeting_id
    _start_by_keyboard(qtbot, window)
    window.quit_action.trigger()
    _answer(qtbot, window, Qt.Key.Key_Escape)  # Cancel
    assert window.isVisible()

    window.quit_action.trigger()
    box = _question(window)
    assert "Set Blue" in box.text()
    _answer(qtbot, window, Qt.Key.Key_Return)  # Pause and quit (the default)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert meeting_timer.meeting_timing(running).pauses[-1].end is None


def test_quitting_can_leave_the_clock_running(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    running = window.current_meeting_id
    _start_by_keyboard(qtbot, window)
    window.quit_action.trigger()
    _answer(qtbot, window, Qt.Key.Key_Q)  # &Quit, keep it running
    qtbot.waitUntil(lambda: not window.isVisible())
    timing = meeting_timer.meeting_timing(running)
    assert timing.ended_at is None and not timing.pauses


def test_quitting_with_nothing_running_asks_nothing(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.running.question is None
