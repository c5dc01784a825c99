"""Random lives of a meeting: wall-clock steps, time passing (sleep too), kills, reboots, events.

Whatever the order, stored notes never get an earlier time or offset than the one before, no
phase or pause ends before it starts, a wall step never changes the time shown, and a restart in
the same boot shows what the killed process showed. More examples: ALCOACH_HYPOTHESIS_EXAMPLES=500.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import tempfile
from pathlib import Path

from fake_clock import FakeClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alcoach.data import interventions, meetings, sets, tallies
from alcoach.data.clock import MeetingClock, last_stamp
from alcoach.data.store import open_store
from alcoach.data.timer import compute_timer
from alcoach.errors import ValidationError

T0 = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
HOURS = 3600

_seconds = st.integers(min_value=0, max_value=2 * HOURS) | st.floats(0, 90, allow_nan=False)
_step = st.integers(min_value=-3 * HOURS, max_value=3 * HOURS)
ACTIONS = st.one_of(
    st.tuples(st.just("wall"), _step),
    st.tuples(st.just("pass"), _seconds),
    st.tuples(st.just("restart")),
    st.tuples(st.just("reboot"), _seconds, _step),
    st.sampled_from(
        [("note",), ("tally",), ("next",), ("previous",), ("pause",), ("end",), ("reopen",)]
    ),
)

EXAMPLES = int(os.environ.get("ALCOACH_HYPOTHESIS_EXAMPLES", "40"))


def _event(kind: str, meeting_id: int, member_id: int, clock: MeetingClock) -> None:
    if kind == "note":
        interventions.log_intervention(meeting_id, "What do you notice?", clock=clock)
    elif kind == "tally":
        tallies.record_tally(meeting_id, member_id, "question", clock=clock)
    elif kind == "next":
        meetings.next_phase(meeting_id, clock=clock)
    elif kind == "previous":
        meetings.previous_phase(meeting_id, clock=clock)
    elif kind == "pause":
        with contextlib.suppress(ValidationError):  # not running: refused, nothing stored
            meetings.toggle_pause(meeting_id, clock=clock)
    elif kind == "end":
        meetings.end_meeting(meeting_id, clock=clock)
    elif kind == "reopen":
        meetings.reopen_meeting(meeting_id, clock=clock)


def _shown(clock: MeetingClock, meeting_id: int) -> tuple[dt.datetime, float, tuple[float, ...]]:
    now = clock.now(meeting_id)
    state = compute_timer(meetings.meeting_timing(meeting_id), now)
    return now, state.elapsed_seconds, tuple(p.actual_seconds for p in state.phases)


def _check_stored(meeting_id: int) -> None:
    notes = sorted(interventions.list_interventions(meeting_id), key=lambda i: i.id)
    for before, after in itertools.pairwise(notes):
        assert after.at >= before.at
        assert after.offset_seconds >= before.offset_seconds
    marks = sorted(tallies.list_tallies(meeting_id), key=lambda t: t.id)
    assert all(b.at >= a.at for a, b in itertools.pairwise(marks))
    timing = meetings.meeting_timing(meeting_id)
    for phase in timing.phases:
        if phase.started_at is not None and phase.ended_at is not None:
            assert phase.ended_at >= phase.started_at, phase
            assert phase.started_at >= timing.started_at
    for pause in timing.pauses:
        assert pause.end is None or pause.end >= pause.start
    if timing.ended_at is not None:
        assert timing.ended_at >= timing.started_at


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=30))
def test_no_stamp_runs_backwards_whatever_the_clocks_do(actions):
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "data")
        try:
            learning_set = sets.create_set("Set")
            member = sets.add_member(learning_set.id, "Ann")
            meeting = meetings.create_meeting(
                learning_set.id, T0.date(), phases=[("Opening", 5), ("Questions", 30), ("End", 5)]
            )
            source = FakeClock(T0)
            clock = MeetingClock(source)
            meetings.start_meeting(meeting.id, clock=clock)
            _run(actions, meeting.id, member.id, source, clock)
        finally:
            store.close()


def _window_clock(source: FakeClock, meeting_id: int) -> MeetingClock:
    """A new process's clock, kept as the window keeps it when it shows a running meeting."""
    clock = MeetingClock(source)
    timing = meetings.meeting_timing(meeting_id)
    if timing.started_at is not None and timing.ended_at is None:
        clock.keep(meeting_id)
    return clock


def _run(actions, meeting_id: int, member_id: int, source: FakeClock, clock: MeetingClock):
    read = clock.now(meeting_id)
    for action in actions:
        kind = action[0]
        floor = last_stamp(meeting_id)
        shown_before = _shown(clock, meeting_id)
        if kind == "wall":
            source.step_wall(seconds=action[1])
            assert _shown(clock, meeting_id) == shown_before  # the held time did not move
        elif kind == "pass":
            source.advance(seconds=action[1])
        elif kind == "restart":
            clock = _window_clock(source, meeting_id)  # killed, started again in the same boot
            assert _shown(clock, meeting_id)[1:] == shown_before[1:]
        elif kind == "reboot":
            source.reboot(seconds=action[1])
            source.step_wall(seconds=action[2])
            clock = _window_clock(source, meeting_id)
            assert clock.now(meeting_id) >= floor  # the wall clock, never before the last stamp
        else:
            _event(kind, meeting_id, member_id, clock)
            if kind != "previous":  # going back clears the stamps of the phase undone
                assert last_stamp(meeting_id) >= floor
        _check_stored(meeting_id)
        if kind not in ("restart", "reboot"):
            assert clock.now(meeting_id) >= read  # one process's clock never goes back
        read = clock.now(meeting_id)
