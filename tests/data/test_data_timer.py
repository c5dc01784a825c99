"""The meeting clock: stored wall-clock facts and compute_timer, driven by a fake `now`."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import meetings, sets
from alcoach.data.records import MeetingTiming, PhaseRecord
from alcoach.data.store import open_store
from alcoach.data.timer import ALERT_PHASE_ENDING_SECONDS, compute_timer
from alcoach.formatting import format_offset

T0 = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def state_at(meeting_id: int, minutes: float):
    return compute_timer(meetings.meeting_timing(meeting_id), at(minutes))


@pytest.fixture
def meeting(store):
    learning_set = sets.create_set("Set")
    sets.add_member(learning_set.id, "Ann")
    return meetings.create_meeting(
        learning_set.id,
        T0.date(),
        phases=[("Opening", 5), ("Questioning", 30), ("Actions", 10), ("Closing reflection", 15)],
    )


def test_not_started(meeting):
    state = state_at(meeting.id, 0)
    assert state.state == "not started"
    assert state.elapsed_seconds == 0
    assert state.planned_seconds == 60 * 60
    assert state.current is None
    assert state.next_phase.name == "Opening"


def test_start_runs_the_first_phase(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    state = state_at(meeting.id, 3)
    assert state.state == "running"
    assert state.elapsed_seconds == 180
    assert state.current.name == "Opening"
    assert state.current.remaining_seconds == 120
    assert state.next_phase.name == "Questioning"
    # starting again changes nothing
    meetings.start_meeting(meeting.id, now=at(10))
    assert meetings.meeting_timing(meeting.id).started_at == T0


def test_pauses_reduce_elapsed_time(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    meetings.pause_meeting(meeting.id, now=at(2))
    paused = state_at(meeting.id, 7)
    assert paused.state == "paused"
    assert paused.elapsed_seconds == 120  # the clock stands still during the pause
    assert paused.current.actual_seconds == 120
    meetings.pause_meeting(meeting.id, now=at(5))  # a second pause while paused is ignored
    meetings.resume_meeting(meeting.id, now=at(12))
    meetings.toggle_pause(meeting.id, now=at(14))
    meetings.toggle_pause(meeting.id, now=at(15))
    state = state_at(meeting.id, 20)
    assert state.state == "running"
    assert state.elapsed_seconds == (20 - 10 - 1) * 60
    assert len(meetings.meeting_timing(meeting.id).pauses) == 2


def test_next_and_previous_phase(meeting):
    meetings.next_phase(meeting.id, now=T0)  # a meeting not started is started
    assert state_at(meeting.id, 0).current.name == "Opening"
    meetings.next_phase(meeting.id, now=at(4))
    state = state_at(meeting.id, 10)
    assert state.current.name == "Questioning"
    assert state.phases[0].actual_seconds == 240 and state.phases[0].ended
    assert state.current.actual_seconds == 360

    meetings.previous_phase(meeting.id, now=at(10))
    state = state_at(meeting.id, 11)
    assert state.current.name == "Opening"
    assert not state.phases[1].started
    assert state.current.actual_seconds == 11 * 60  # it ran on from its own start

    meetings.previous_phase(meeting.id, now=at(11))  # nothing before the first phase
    assert state_at(meeting.id, 11).current.name == "Opening"


def test_next_phase_after_the_last_leaves_no_current_phase(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    for minute in (5, 35, 45, 60):
        meetings.next_phase(meeting.id, now=at(minute))
    state = state_at(meeting.id, 61)
    assert state.state == "running" and state.current is None
    meetings.previous_phase(meeting.id, now=at(62))
    assert state_at(meeting.id, 62).current.name == "Closing reflection"


def test_end_stops_the_clock_and_closes_pause_and_phase(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    meetings.next_phase(meeting.id, now=at(5))
    meetings.pause_meeting(meeting.id, now=at(20))
    meetings.end_meeting(meeting.id, now=at(25))
    for later in (25, 90, 600):
        state = state_at(meeting.id, later)
        assert state.state == "ended"
        assert state.elapsed_seconds == 20 * 60
        assert state.current is None
    timing = meetings.meeting_timing(meeting.id)
    assert all(p.end is not None for p in timing.pauses)
    assert timing.phases[1].ended_at == at(25)
    assert meetings.next_phase(meeting.id, now=at(30)).ended_at == at(25)  # ended stays ended


def test_reopen_counts_the_gap_as_a_pause(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    meetings.end_meeting(meeting.id, now=at(10))
    meetings.reopen_meeting(meeting.id, now=at(40))
    state = state_at(meeting.id, 45)
    assert state.state == "running"
    assert state.elapsed_seconds == 15 * 60
    assert state.current.name == "Opening"


def test_overrun_and_phase_ending_soon(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    early = state_at(meeting.id, 1)
    assert not early.phase_ending_soon and not early.phase_overrun
    soon = compute_timer(
        meetings.meeting_timing(meeting.id),
        at(5) - dt.timedelta(seconds=ALERT_PHASE_ENDING_SECONDS),
    )
    assert soon.phase_ending_soon and not soon.phase_overrun
    over = state_at(meeting.id, 7)
    assert over.phase_overrun and not over.phase_ending_soon
    assert over.current.remaining_seconds == -120
    assert format_offset(over.current.remaining_seconds) == "\u22122:00"  # a real minus


def test_closing_late_seconds_when_questioning_overruns(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    meetings.next_phase(meeting.id, now=at(5))
    assert state_at(meeting.id, 20).closing_late_seconds == 0
    # questioning planned until minute 35; at minute 40 it runs 5 minutes over, so the
    # closing reflection (planned from minute 45) will start at the earliest at minute 50
    assert state_at(meeting.id, 40).closing_late_seconds == 5 * 60
    meetings.next_phase(meeting.id, now=at(40))
    assert state_at(meeting.id, 41).closing_late_seconds == 5 * 60
    meetings.next_phase(meeting.id, now=at(50))
    assert state_at(meeting.id, 51).closing_late_seconds == 0  # the closing phase is running


def test_a_meeting_running_for_two_hours(meeting):
    meetings.start_meeting(meeting.id, now=T0)
    meetings.next_phase(meeting.id, now=at(5))
    state = state_at(meeting.id, 120)
    assert state.elapsed_seconds == 2 * 60 * 60
    assert format_offset(state.elapsed_seconds) == "2:00:00"
    assert state.remaining_seconds == -60 * 60
    assert state.current.name == "Questioning" and state.phase_overrun
    assert state.closing_late_seconds == (120 - 35) * 60


def test_timer_state_survives_closing_and_reopening_the_database(store, meeting):
    meetings.start_meeting(meeting.id, now=T0)
    meetings.next_phase(meeting.id, now=at(5))
    meetings.pause_meeting(meeting.id, now=at(15))
    before = state_at(meeting.id, 30)
    data_dir = store.data_dir
    store.close()

    reopened = open_store(data_dir)
    try:
        after = state_at(meeting.id, 30)
        assert after == before
        assert after.state == "paused" and after.elapsed_seconds == 15 * 60
        meetings.resume_meeting(meeting.id, now=at(45))  # the laptop lid was closed for a while
        state = state_at(meeting.id, 50)
        assert state.elapsed_seconds == 20 * 60
        assert state.current.name == "Questioning"
        assert state.current.actual_seconds == 15 * 60
    finally:
        reopened.close()


def test_compute_timer_on_plain_facts_without_a_database():
    phases = (
        PhaseRecord(1, 0, "Only", 10, started_at=T0),
        PhaseRecord(2, 1, "Closing", 5),
    )
    timing = MeetingTiming(meeting_id=1, started_at=T0, ended_at=None, phases=phases)
    state = compute_timer(timing, at(12))
    assert state.planned_seconds == 15 * 60  # from the phases when the meeting has no total
    assert state.closing_late_seconds == 2 * 60
    assert state.current.overrun
