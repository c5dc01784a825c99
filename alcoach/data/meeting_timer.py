"""The timer's stored facts: start, pauses, phase changes and end of a meeting.

Every time stored here comes from the meeting clock (alcoach/data/clock.py), so a wall-clock step
never ends a phase before it started; `now` is for a caller writing a meeting's history (the demo,
tests), `clock` for the window's own clock (a fake one in tests). The timer's display is computed
from these facts by alcoach/data/timer.py.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from alcoach.data import models as m
from alcoach.data.clock import MeetingClock, stamp_time
from alcoach.data.convert import get_or_raise, phase_record
from alcoach.data.plain_rows import first_row
from alcoach.data.records import MeetingTiming, PauseRecord, PhaseRecord
from alcoach.errors import ValidationError


def meeting_timing(meeting_id: int) -> MeetingTiming:
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    pauses = tuple(
        PauseRecord(p.start, p.end)
        for p in m.Pause.select().where(m.Pause.meeting == meeting_id).order_by(m.Pause.start)
    )
    phases = m.Phase.select().where(m.Phase.meeting == meeting_id).order_by(m.Phase.position)
    return MeetingTiming(
        meeting_id=meeting_id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        pauses=pauses,
        phases=tuple(phase_record(p) for p in phases),
        planned_minutes=row.planned_minutes,
    )


def _current_phase(meeting_id: int) -> m.Phase | None:
    # read at every logged note and tally: a plain statement (see alcoach/data/plain_rows.py)
    return first_row(
        m.Phase,
        "meeting_id = ? AND started_at IS NOT NULL AND ended_at IS NULL ORDER BY position",
        (meeting_id,),
    )


def current_phase(meeting_id: int) -> PhaseRecord | None:
    row = _current_phase(meeting_id)
    return phase_record(row) if row else None


def start_meeting(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    """Start the clock and the first phase; a started meeting is left as it is."""
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if row.started_at is None:
        with m.database_proxy.atomic():
            now = stamp_time(meeting_id, now, clock)
            row.started_at = now
            row.save()
            first = (
                m.Phase.select()
                .where(m.Phase.meeting == meeting_id)
                .order_by(m.Phase.position)
                .first()
            )
            if first is not None and first.started_at is None:
                first.started_at = now
                first.save()
    return meeting_timing(meeting_id)


def pause_meeting(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if row.started_at is None or row.ended_at is not None:
        raise ValidationError("Only a running meeting can be paused.")
    open_pause = m.Pause.get_or_none(m.Pause.meeting == meeting_id, m.Pause.end.is_null(True))
    if open_pause is None:
        with m.database_proxy.atomic():
            m.Pause.create(meeting=meeting_id, start=stamp_time(meeting_id, now, clock))
    return meeting_timing(meeting_id)


def resume_meeting(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    open_pause = m.Pause.get_or_none(m.Pause.meeting == meeting_id, m.Pause.end.is_null(True))
    if open_pause is not None:
        with m.database_proxy.atomic():
            end = stamp_time(meeting_id, now, clock)
            (
                m.Pause.update(end=end)
                .where(m.Pause.meeting == meeting_id, m.Pause.end.is_null(True))
                .execute()
            )
    return meeting_timing(meeting_id)


def toggle_pause(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    if m.Pause.get_or_none(m.Pause.meeting == meeting_id, m.Pause.end.is_null(True)):
        return resume_meeting(meeting_id, now=now, clock=clock)
    return pause_meeting(meeting_id, now=now, clock=clock)


def next_phase(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    """End the current phase and start the next; a meeting not started is started."""
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if row.started_at is None:
        return start_meeting(meeting_id, now=now, clock=clock)
    if row.ended_at is not None:
        return meeting_timing(meeting_id)
    with m.database_proxy.atomic():
        now = stamp_time(meeting_id, now, clock)
        cur = _current_phase(meeting_id)
        if cur is not None:
            cur.ended_at = now
            cur.save()
            after = cur.position
        else:
            last_started = (
                m.Phase.select(pw.fn.MAX(m.Phase.position))
                .where(m.Phase.meeting == meeting_id, m.Phase.started_at.is_null(False))
                .scalar()
            )
            after = -1 if last_started is None else last_started
        nxt = (
            m.Phase.select()
            .where(m.Phase.meeting == meeting_id, m.Phase.position > after)
            .order_by(m.Phase.position)
            .first()
        )
        if nxt is not None:
            nxt.started_at = now
            nxt.ended_at = None
            nxt.save()
    return meeting_timing(meeting_id)


def previous_phase(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    """Go back: the current phase is undone and the one before it runs on.

    Nothing is stamped (`now` and `clock` are taken so every timer command has one signature).
    """
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if row.started_at is None or row.ended_at is not None:
        return meeting_timing(meeting_id)
    with m.database_proxy.atomic():
        cur = _current_phase(meeting_id)
        if cur is None:
            prev = (
                m.Phase.select()
                .where(m.Phase.meeting == meeting_id, m.Phase.started_at.is_null(False))
                .order_by(m.Phase.position.desc())
                .first()
            )
        else:
            if cur.position == 0:
                return meeting_timing(meeting_id)
            cur.started_at = None
            cur.ended_at = None
            cur.save()
            prev = m.Phase.get_or_none(meeting=meeting_id, position=cur.position - 1)
        if prev is not None:
            prev.ended_at = None
            prev.save()
    return meeting_timing(meeting_id)


def end_meeting(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if row.ended_at is not None:
        return meeting_timing(meeting_id)
    with m.database_proxy.atomic():
        now = stamp_time(meeting_id, now, clock)
        if row.started_at is None:
            row.started_at = now
        resume_meeting(meeting_id, now=now)
        cur = _current_phase(meeting_id)
        if cur is not None:
            cur.ended_at = now
            cur.save()
        row.ended_at = now
        row.save()
    return meeting_timing(meeting_id)


def reopen_meeting(
    meeting_id: int, *, now: dt.datetime | None = None, clock: MeetingClock | None = None
) -> MeetingTiming:
    """Undo an end: the clock runs on from where it stopped (the gap counts as a pause)."""
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if row.ended_at is None:
        return meeting_timing(meeting_id)
    with m.database_proxy.atomic():
        now = stamp_time(meeting_id, now, clock)
        m.Pause.create(meeting=meeting_id, start=row.ended_at, end=now)
        last = (
            m.Phase.select()
            .where(m.Phase.meeting == meeting_id, m.Phase.ended_at == row.ended_at)
            .order_by(m.Phase.position.desc())
            .first()
        )
        if last is not None:
            last.ended_at = None
            last.save()
        row.ended_at = None
        row.save()
    return meeting_timing(meeting_id)
