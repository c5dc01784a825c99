"""The meeting timer: keys drive the stored clock; the display is computed from a fake clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMainWindow

from alcoach.data import interventions, meetings, settings
from alcoach.ui.meeting.phase_strip import alert_colour, warn_colour
from alcoach.ui.meeting.timer_panel import TimerPanel

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# the 60-minute template: 3, 2, 5, 3, 25, 7, 5, 10 minutes
FIRST, SECOND = "Opening and ground rules", "Leadership skills each member will practise"


def build_window(qtbot, ctx, meeting_id):
    """The panel in a window that carries its actions, as the main window does."""
    win = QMainWindow()
    panel = TimerPanel(ctx)
    win.setCentralWidget(panel)
    win.addActions(panel.commands())
    win.resize(1100, 220)
    qtbot.addWidget(win)
    panel.set_meeting(meeting_id)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win, panel


@pytest.fixture
def window(qtbot, ctx, sample_set):
    return build_window(qtbot, ctx, sample_set["meeting"].id)


def press(qtbot, win, key, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(win, key, modifiers)


def shows(qtbot, label, text):
    """The 250 ms repaint shows `text` (the clock was moved, the display catches up)."""
    qtbot.waitUntil(lambda: label.text() == text, timeout=3000)


def test_f5_starts_the_meeting_and_shows_the_first_phase(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    assert panel.badge_label.text() == "NOT STARTED"
    assert panel.digits_label.text() == "3:00"

    press(qtbot, win, Qt.Key.Key_F5)

    timing = meetings.meeting_timing(meeting_id)
    assert timing.started_at == ctx.now()
    assert timing.phases[0].started_at == ctx.now()
    assert panel.phase_label.text() == FIRST
    assert panel.badge_label.text() == "RUNNING"
    assert not panel.start_action.isEnabled()

    ctx.clock.advance(minutes=1, seconds=15)
    shows(qtbot, panel.digits_label, "1:45")
    assert panel.elapsed_label.text() == "Elapsed 1:15"
    assert panel.left_label.text() == "Left 58:45"


def test_three_minutes_in_and_next_phase_stored(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=2)
    shows(qtbot, panel.digits_label, "1:00")

    from alcoach.ui.kit.announce import spoken

    spoken.clear()
    press(qtbot, win, Qt.Key.Key_F6)
    assert spoken == [panel._phase_text]  # a screen reader hears the new phase, once
    panel._reload()  # what each tick of the clock does
    assert spoken == [panel._phase_text]  # and nothing more as the clock runs on

    timing = meetings.meeting_timing(meeting_id)
    assert timing.phases[0].ended_at == ctx.now()
    assert timing.phases[1].started_at == ctx.now()
    assert panel.state.current.name == SECOND
    assert panel.digits_label.text() == "2:00"
    assert panel.next_label.text().startswith("2/8 · Next: Report-back")

    press(qtbot, win, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    timing = meetings.meeting_timing(meeting_id)
    assert timing.phases[0].ended_at is None
    assert timing.phases[1].started_at is None
    assert panel.phase_label.text() == FIRST
    assert panel.digits_label.text() == "1:00"


def test_pause_stops_the_clock_and_resume_runs_it_on(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=1)

    press(qtbot, win, Qt.Key.Key_F7)

    timing = meetings.meeting_timing(meeting_id)
    assert len(timing.pauses) == 1 and timing.pauses[0].end is None
    assert panel.badge_label.text() == "PAUSED"
    assert panel.pause_action.text() == "Resume meeting"
    assert panel.pause_button.text().startswith("Resume")
    assert warn_colour(panel.palette()).name() in panel.badge_label.styleSheet()

    ctx.clock.advance(minutes=20)
    panel.refresh()
    assert panel.elapsed_label.text() == "Elapsed 1:00"
    assert panel.digits_label.text() == "2:00"

    press(qtbot, win, Qt.Key.Key_F7)
    assert meetings.meeting_timing(meeting_id).pauses[0].end == ctx.now()
    assert panel.pause_action.text() == "Pause meeting"
    assert panel.badge_label.text() == "RUNNING"
    ctx.clock.advance(minutes=1)
    shows(qtbot, panel.elapsed_label, "Elapsed 2:00")


def test_phase_ending_soon_then_overrun_in_the_alert_colour(qtbot, ctx, window):
    win, panel = window
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=1, seconds=30)
    shows(qtbot, panel.digits_label, "1:30")
    assert panel.alert_label.text() == "Phase ends in 1:30"
    assert warn_colour(panel.palette()).name() in panel.digits_label.styleSheet()

    ctx.clock.advance(minutes=2, seconds=40)
    shows(qtbot, panel.digits_label, "−1:10")
    assert "Phase over by 1:10" in panel.alert_label.text()
    assert alert_colour(panel.palette()).name() in panel.digits_label.styleSheet()
    assert alert_colour(panel.palette()).name() in panel.alert_label.styleSheet()


def test_closing_reflection_would_start_late(qtbot, ctx, window):
    win, panel = window
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=8)  # the 3-minute opening ran 5 minutes over
    qtbot.waitUntil(lambda: "late" in panel.alert_label.text(), timeout=3000)
    assert "Closing reflection would start 5 min late" in panel.alert_label.text()


def test_a_quiet_stretch_without_intervention_is_noticed(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    press(qtbot, win, Qt.Key.Key_F6)
    press(qtbot, win, Qt.Key.Key_F6)
    press(qtbot, win, Qt.Key.Key_F6)
    press(qtbot, win, Qt.Key.Key_F6)  # questioning: 25 minutes, no other alert for a while
    ctx.clock.advance(minutes=9)
    panel.refresh()
    assert "No intervention" not in panel.alert_label.text()
    ctx.clock.advance(minutes=1)
    qtbot.waitUntil(lambda: "No intervention for 10 min" in panel.alert_label.text())

    interventions.log_intervention(meeting_id, "What have you heard so far?", now=ctx.now())
    ctx.bus.interventions_changed.emit(meeting_id)  # as the log panel announces it
    # read once the announcing key press is done, not inside it
    qtbot.waitUntil(lambda: "No intervention" not in panel.alert_label.text())


def test_deleting_the_latest_intervention_brings_the_quiet_stretch_back(
    qtbot, ctx, window, sample_set, monkeypatch
):
    win, panel = window
    reads = []
    real = interventions.last_intervention_at
    monkeypatch.setattr(
        interventions, "last_intervention_at", lambda mid: reads.append(mid) or real(mid)
    )
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    for _ in range(4):
        press(qtbot, win, Qt.Key.Key_F6)  # questioning: 25 minutes, no other alert for a while
    ctx.clock.advance(minutes=2)
    early = interventions.log_intervention(meeting_id, "What do you notice?", now=ctx.now())
    ctx.clock.advance(minutes=9)
    late = interventions.log_intervention(meeting_id, "And now?", now=ctx.now())
    ctx.bus.interventions_changed.emit(meeting_id)
    ctx.bus.interventions_changed.emit(meeting_id)  # two announcements, one query
    qtbot.waitUntil(lambda: panel._last_intervention == late.at)
    assert reads == [meeting_id]
    ctx.clock.advance(minutes=2)
    panel.refresh()
    assert "No intervention" not in panel.alert_label.text()

    interventions.delete_intervention(late.id)
    ctx.bus.interventions_changed.emit(meeting_id)  # the last one is 11 minutes old again
    qtbot.waitUntil(lambda: "No intervention for 11 min" in panel.alert_label.text())
    assert panel._last_intervention == early.at


def test_logging_into_a_meeting_not_started_starts_the_display(qtbot, ctx, window, sample_set):
    _win, panel = window
    meeting_id = sample_set["meeting"].id
    assert panel.badge_label.text() == "NOT STARTED"
    interventions.log_intervention(meeting_id, "Shall we begin?", now=ctx.now())
    ctx.bus.interventions_changed.emit(meeting_id)  # no timer_changed: the panel still knows
    assert panel.badge_label.text() == "RUNNING"
    assert panel.phase_label.text() == FIRST


def test_a_changed_quiet_setting_is_read_again_without_a_timer_change(qtbot, ctx, window):
    win, panel = window
    press(qtbot, win, Qt.Key.Key_F5)
    for _ in range(4):
        press(qtbot, win, Qt.Key.Key_F6)
    ctx.clock.advance(minutes=3)
    settings.set_setting("alerts.quiet_minutes", 3)  # as the Preferences dialog stores it,
    ctx.bus.settings_changed.emit("alerts.quiet_minutes")  # and announces it
    qtbot.waitUntil(lambda: "No intervention for 3 min" in panel.alert_label.text())


def test_the_quiet_stretch_is_a_setting(qtbot, ctx, sample_set):
    settings.set_setting("alerts.quiet_minutes", 4)
    win, panel = build_window(qtbot, ctx, sample_set["meeting"].id)
    press(qtbot, win, Qt.Key.Key_F5)
    press(qtbot, win, Qt.Key.Key_F6)
    press(qtbot, win, Qt.Key.Key_F6)
    ctx.clock.advance(minutes=4)
    qtbot.waitUntil(lambda: "No intervention for 4 min" in panel.alert_label.text())


def test_a_new_panel_after_a_restart_shows_the_same_time(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=3)
    press(qtbot, win, Qt.Key.Key_F6)
    ctx.clock.advance(minutes=1, seconds=20)
    press(qtbot, win, Qt.Key.Key_F7)
    ctx.clock.advance(minutes=7)  # the laptop slept while paused
    panel.refresh()
    before = (panel.phase_label.text(), panel.digits_label.text(), panel.elapsed_label.text())

    _win2, reborn = build_window(qtbot, ctx, meeting_id)

    after = (reborn.phase_label.text(), reborn.digits_label.text(), reborn.elapsed_label.text())
    assert after == before == (SECOND, "0:40", "Elapsed 4:20")
    assert reborn.badge_label.text() == "PAUSED"


def test_two_hours_of_running_are_counted_right(qtbot, ctx, window):
    win, panel = window
    press(qtbot, win, Qt.Key.Key_F5)
    for _ in range(8):
        ctx.clock.advance(minutes=15)
        press(qtbot, win, Qt.Key.Key_F6)
    panel.refresh()
    assert panel.elapsed_label.text() == "Elapsed 2:00:00"
    assert panel.left_label.text() == "Left −1:00:00"
    assert alert_colour(panel.palette()).name() in panel.left_label.styleSheet()
    assert panel.phase_label.text() == "All phases done"


def test_end_shows_the_duration_and_reopen_undoes_it(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=62, seconds=5)
    with qtbot.waitSignal(ctx.bus.status_message):
        press(qtbot, win, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert meetings.meeting_timing(meeting_id).ended_at == ctx.now()
    ctx.clock.advance(minutes=30)
    panel.refresh()
    assert panel.phase_label.text() == "Meeting ended"
    assert panel.digits_label.text() == "1:02:05"
    assert panel.next_label.text() == "Lasted 1:02:05 (planned 1:00)"
    assert not panel.pause_action.isEnabled()

    press(qtbot, win, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert meetings.meeting_timing(meeting_id).ended_at is None
    assert panel.badge_label.text() == "RUNNING"
    assert panel.elapsed_label.text() == "Elapsed 1:02:05"


def test_room_clock_shows_phase_and_time_left_and_closes_with_esc(qtbot, ctx, window):
    win, panel = window
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=4)
    press(qtbot, win, Qt.Key.Key_F8)

    room = panel.room_clock
    assert room is not None and room.isVisible()
    qtbot.waitUntil(lambda: room.digits_label.text() == "−1:00")
    assert room.phase_label.text() == FIRST
    assert room.status_label.text() == "Over time"
    assert alert_colour(room.palette()).name() in room.digits_label.styleSheet()
    assert room.digits_label.font().pixelSize() > 3 * panel.digits_label.fontInfo().pixelSize()

    room.activateWindow()
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    assert not room.isVisible()


def test_phase_strip_marks_plan_against_actual(qtbot, ctx, window):
    win, panel = window
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=5)
    press(qtbot, win, Qt.Key.Key_F6)
    panel.refresh()
    segments = panel.strip.segments()
    assert len(segments) == 8
    _, plan, actual = segments[0]
    assert actual.width() > plan.width()  # 5 minutes done of 3 planned
    centre = actual.center()
    assert panel.strip.tooltip_at(centre.x(), centre.y()) == (
        f"{FIRST}: planned 0:03, actual 0:05 (over by 0:02)"
    )
    _, plan, _ = segments[7]
    tip = panel.strip.tooltip_at(plan.center().x(), plan.center().y())
    assert tip == "Closing reflection: planned 0:10, not started"
    assert panel.strip.tooltip_at(QPoint(2, 2).x(), 2) == ""


def test_attendance_changes_during_the_meeting(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    dana, kofi = sample_set["members"][0], sample_set["members"][1]
    press(qtbot, win, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = panel._attendance
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()

    with qtbot.waitSignal(ctx.bus.meeting_changed):
        qtbot.mouseClick(dialog.grid.attends[dana.id], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(ctx.bus.meeting_changed):
        qtbot.mouseClick(dialog.grid.presents[dana.id], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.grid.attends[kofi.id], Qt.MouseButton.LeftButton)

    flags = {a.member.id: (a.attended, a.presenter) for a in meetings.list_attendees(meeting_id)}
    assert flags[dana.id] == (True, True)
    assert flags[kofi.id] == (False, False)
    assert not dialog.grid.presents[kofi.id].isChecked()


def test_no_meeting_disables_the_commands(qtbot, ctx):
    panel = TimerPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.phase_label.text() == "No meeting open"
    assert not any(a.isEnabled() for a in panel.commands())
    assert all(a.shortcut().toString() and "(" in a.toolTip() for a in panel.commands())


def test_the_display_grows_when_the_coach_makes_text_larger(qtbot, window):
    _win, panel = window
    before = panel.digits_label.font().pointSizeF()
    font = panel.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    panel.setFont(font)
    assert panel.digits_label.font().pointSizeF() == pytest.approx(before * 1.5)
    assert panel.digits_label.font().bold()


def test_a_wall_clock_step_changes_nothing_shown(qtbot, ctx, window, sample_set):
    win, panel = window
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=2)
    shows(qtbot, panel.elapsed_label, "Elapsed 2:00")
    ctx.clock.step_wall(hours=-1)  # NTP sets the clock back an hour mid-meeting
    ctx.clock.advance(seconds=30)
    shows(qtbot, panel.elapsed_label, "Elapsed 2:30")
    assert panel.digits_label.text() == "0:30"
    logged = interventions.log_intervention(meeting_id, "What now?", clock=ctx.meeting_clock)
    assert logged.offset_seconds == 150
    ctx.clock.step_wall(hours=3)
    ctx.clock.advance(seconds=30)  # the opening's three minutes are up, not three hours over
    shows(qtbot, panel.digits_label, "0:00")
    assert panel.elapsed_label.text() == "Elapsed 3:00"
    press(qtbot, win, Qt.Key.Key_F6)
    opening = meetings.meeting_timing(meeting_id).phases[0]
    assert (opening.ended_at - opening.started_at).total_seconds() == 180


def test_after_a_kill_and_a_wall_step_the_restarted_window_shows_the_time(
    qtbot, ctx, window, sample_set
):
    from alcoach.ui.kit.context import AppContext

    win, _panel = window
    meeting_id = sample_set["meeting"].id
    press(qtbot, win, Qt.Key.Key_F5)
    ctx.clock.advance(minutes=2, seconds=10)
    ctx.clock.step_wall(hours=-2)  # the clock went back while the app was down
    restarted = AppContext(data_dir=ctx.data_dir, db_path=ctx.db_path, clock=ctx.clock)
    _win2, reborn = build_window(qtbot, restarted, meeting_id)
    assert reborn.elapsed_label.text() == "Elapsed 2:10"
    assert reborn.digits_label.text() == "0:50"


def test_a_repaint_reads_no_database(qtbot, ctx, window, store, tmp_path):
    """The meeting clock's anchor is read when the meeting is loaded, never per tick: not even
    when the models are bound to another database meanwhile (a restore, or the next test)."""
    from alcoach.data import models as m
    from alcoach.data.store import open_store

    win, panel = window
    press(qtbot, win, Qt.Key.Key_F5)
    other = open_store(tmp_path / "other")
    statements: list[str] = []
    for db in (store.db, other.db):
        db.connection().set_trace_callback(statements.append)
    try:
        for _ in range(5):
            ctx.clock.advance(seconds=20)
            panel.refresh()
    finally:
        for db in (store.db, other.db):
            db.connection().set_trace_callback(None)
        other.close()
        m.database_proxy.initialize(store.db)
    assert statements == []
    assert panel.elapsed_label.text() == "Elapsed 1:40"
