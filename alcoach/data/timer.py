"""The meeting clock, computed from stored wall-clock facts (never from counted ticks).

Pure functions over a `MeetingTiming` and a `now`: the same answer after a crash, a restart or a
laptop's sleep, and testable by moving a fake clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from alcoach.data.records import MeetingTiming, PauseRecord

ALERT_PHASE_ENDING_SECONDS = 120


def paused_seconds(
    start: dt.datetime, end: dt.datetime, pauses: Iterable[PauseRecord], now: dt.datetime
) -> float:
    """Seconds of [start, end) that fall inside a pause (an open pause runs until now)."""
    total = 0.0
    for pause in pauses:
        p_end = pause.end or now
        overlap = (min(end, p_end) - max(start, pause.start)).total_seconds()
        if overlap > 0:
            total += overlap
    return total


def active_seconds(
    start: dt.datetime | None,
    end: dt.datetime | None,
    pauses: Iterable[PauseRecord],
    now: dt.datetime,
) -> float:
    """Seconds between start and end (or now) that were not paused."""
    if start is None:
        return 0.0
    stop = end or now
    if stop <= start:
        return 0.0
    pauses = tuple(pauses)
    return max(0.0, (stop - start).total_seconds() - paused_seconds(start, stop, pauses, now))


class PhaseClock(NamedTuple):
    position: int
    name: str
    planned_seconds: float
    actual_seconds: float
    started: bool
    ended: bool

    @property
    def remaining_seconds(self) -> float:
        return self.planned_seconds - self.actual_seconds

    @property
    def overrun(self) -> bool:
        return self.started and self.actual_seconds > self.planned_seconds


class TimerState(NamedTuple):
    state: str  # "not started", "running", "paused", "ended"
    elapsed_seconds: float
    planned_seconds: float
    phases: tuple[PhaseClock, ...]
    current_index: int | None
    closing_late_seconds: float

    @property
    def remaining_seconds(self) -> float:
        return self.planned_seconds - self.elapsed_seconds

    @property
    def current(self) -> PhaseClock | None:
        return None if self.current_index is None else self.phases[self.current_index]

    @property
    def next_phase(self) -> PhaseClock | None:
        if self.current_index is None:
            if self.state == "not started" and self.phases:
                return self.phases[0]
            return None
        nxt = self.current_index + 1
        return self.phases[nxt] if nxt < len(self.phases) else None

    @property
    def phase_ending_soon(self) -> bool:
        cur = self.current
        return (
            cur is not None
            and not cur.overrun
            and 0 <= cur.remaining_seconds <= ALERT_PHASE_ENDING_SECONDS
        )

    @property
    def phase_overrun(self) -> bool:
        cur = self.current
        return cur is not None and cur.overrun


def compute_timer(timing: MeetingTiming, now: dt.datetime) -> TimerState:
    pauses = timing.pauses
    if timing.ended_at is not None:
        state = "ended"
    elif timing.started_at is None:
        state = "not started"
    elif any(p.end is None for p in pauses):
        state = "paused"
    else:
        state = "running"

    clocks = []
    current_index = None
    for phase in timing.phases:
        if phase.started_at is not None and phase.ended_at is None and state != "ended":
            current_index = phase.position if current_index is None else current_index
        clocks.append(
            PhaseClock(
                position=phase.position,
                name=phase.name,
                planned_seconds=phase.planned_minutes * 60.0,
                actual_seconds=active_seconds(phase.started_at, phase.ended_at, pauses, now),
                started=phase.started_at is not None,
                ended=phase.ended_at is not None,
            )
        )
    # positions are 0..n-1 in order; map to the list index defensively
    if current_index is not None:
        current_index = next(i for i, c in enumerate(clocks) if c.position == current_index)

    elapsed = active_seconds(timing.started_at, timing.ended_at, pauses, now)
    planned = (
        timing.planned_minutes * 60.0
        if timing.planned_minutes
        else sum(c.planned_seconds for c in clocks)
    )
    closing_late = 0.0
    if current_index is not None and len(clocks) >= 2 and current_index < len(clocks) - 1:
        cur = clocks[current_index]
        projected = (
            elapsed
            + max(cur.remaining_seconds, 0.0)
            + sum(c.planned_seconds for c in clocks[current_index + 1 : -1])
        )
        planned_start = sum(c.planned_seconds for c in clocks[:-1])
        closing_late = max(0.0, projected - planned_start)
    return TimerState(
        state=state,
        elapsed_seconds=elapsed,
        planned_seconds=planned,
        phases=tuple(clocks),
        current_index=current_index,
        closing_late_seconds=closing_late,
    )
