"""Meetings: creating them from an agenda, and attendance.

The timer's stored facts (start, pauses, phase changes, end) are in alcoach/data/meeting_timer.py
and can be reached from here as well, so callers find every meeting service in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import peewee as pw

from alcoach.data import models as m
from alcoach.data.clock import forget_anchor
from alcoach.data.convert import (
    check_meeting_members,
    get_or_raise,
    meeting_record,
    member_record,
    phase_record,
)
from alcoach.data.meeting_timer import (  # noqa: F401 (re-exported: the timer's services)
    current_phase,
    end_meeting,
    meeting_timing,
    next_phase,
    pause_meeting,
    previous_phase,
    reopen_meeting,
    resume_meeting,
    start_meeting,
    toggle_pause,
)
from alcoach.data.records import AttendeeRecord, MeetingRecord, PhaseRecord, TemplatePhase
from alcoach.data.templates import get_template
from alcoach.errors import ValidationError

PhaseSpec = tuple[str, float] | TemplatePhase


def _phase_tuple(spec: PhaseSpec) -> tuple[str, float]:
    if isinstance(spec, TemplatePhase):
        return spec.name, spec.minutes
    name, minutes = spec
    return name, float(minutes)


def create_meeting(
    set_id: int,
    date: dt.date,
    *,
    title: str = "",
    location: str = "",
    phases: Sequence[PhaseSpec] | None = None,
    template_id: int | None = None,
    attendee_ids: Iterable[int] | None = None,
    presenter_ids: Iterable[int] = (),
) -> MeetingRecord:
    """Create a meeting; its agenda comes from `phases`, else a template, else none.

    Attendees default to every active member of the set.
    """
    get_or_raise(m.LearningSet, set_id, "set")
    if phases is None and template_id is not None:
        phases = get_template(template_id).phases
    agenda = [_phase_tuple(p) for p in (phases or ())]
    for name, minutes in agenda:
        if minutes < 0:
            raise ValidationError(f"The phase {name!r} cannot have negative minutes.")
    members = list(m.Member.select().where(m.Member.learning_set == set_id))
    if attendee_ids is None:
        attending = {mem.id for mem in members if mem.active}
    else:
        attending = set(attendee_ids)
    presenting = set(presenter_ids)
    known = {mem.id for mem in members}
    unknown = (attending | presenting) - known
    if unknown:
        raise ValidationError(f"Members {sorted(unknown)} are not in this set.")
    with m.database_proxy.atomic():
        row = m.Meeting.create(
            learning_set=set_id,
            date=date,
            title=title,
            location=location,
            planned_minutes=sum(minutes for _, minutes in agenda) or None,
        )
        forget_anchor(row.id)  # SQLite may give a deleted meeting's id again
        for position, (name, minutes) in enumerate(agenda):
            m.Phase.create(meeting=row, position=position, name=name, planned_minutes=minutes)
        for mem in members:
            if mem.id in attending or mem.id in presenting:
                m.Attendance.create(
                    meeting=row,
                    member=mem.id,
                    attended=mem.id in attending or mem.id in presenting,
                    presenter=mem.id in presenting,
                )
    return get_meeting(row.id)


def last_agenda(set_id: int) -> list[TemplatePhase]:
    """The phases of the set's most recent meeting, to start the next one the same way."""
    last = (
        m.Meeting.select()
        .where(m.Meeting.learning_set == set_id)
        .order_by(m.Meeting.date.desc(), m.Meeting.id.desc())
        .first()
    )
    if last is None:
        return []
    return [
        TemplatePhase(p.name, p.planned_minutes)
        for p in m.Phase.select().where(m.Phase.meeting == last).order_by(m.Phase.position)
    ]


def get_meeting(meeting_id: int) -> MeetingRecord:
    row = (
        m.Meeting.select(m.Meeting, m.LearningSet)
        .join(m.LearningSet)
        .where(m.Meeting.id == meeting_id)
        .first()
    )
    if row is None:
        get_or_raise(m.Meeting, meeting_id, "meeting")
    return meeting_record(row, row.learning_set.name)


_MEETING_FIELDS = (
    "id", "set_id", "set_name", "date", "title", "location", "planned_minutes", "started_at",
    "ended_at", "coach_notes",
)  # fmt: skip


def _meeting_rows(query: pw.ModelSelect) -> list[MeetingRecord]:
    """Records straight from tuples: the navigator lists every meeting of ten years at start-up,
    and building a peewee model per row costs twice as much."""
    return [MeetingRecord(**dict(zip(_MEETING_FIELDS, row, strict=True))) for row in query.tuples()]


def _select_meetings() -> pw.ModelSelect:
    mt = m.Meeting
    return mt.select(
        mt.id, mt.learning_set, m.LearningSet.name, mt.date, mt.title, mt.location,
        mt.planned_minutes, mt.started_at, mt.ended_at, mt.coach_notes,
    ).join(m.LearningSet)  # fmt: skip


def list_meetings(set_id: int | None = None) -> list[MeetingRecord]:
    """Meetings, newest first."""
    query = _select_meetings()
    if set_id is not None:
        query = query.where(m.Meeting.learning_set == set_id)
    return _meeting_rows(query.order_by(m.Meeting.date.desc(), m.Meeting.id.desc()))


def latest_meeting() -> MeetingRecord | None:
    rows = list_meetings_limited(1)
    return rows[0] if rows else None


def list_meetings_limited(limit: int) -> list[MeetingRecord]:
    query = _select_meetings().order_by(m.Meeting.date.desc(), m.Meeting.id.desc())
    return _meeting_rows(query.limit(limit))


def running_meetings() -> list[MeetingRecord]:
    """Meetings whose clock was started and not ended (paused ones too), oldest start first."""
    mt = m.Meeting
    query = _select_meetings().where(mt.started_at.is_null(False), mt.ended_at.is_null(True))
    return _meeting_rows(query.order_by(mt.started_at, mt.id))


def update_meeting(meeting_id: int, **changes: object) -> MeetingRecord:
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if "date" in changes and not isinstance(changes["date"], dt.date):
        raise ValidationError("A meeting needs a date.")
    for key in ("title", "location", "coach_notes", "date", "planned_minutes"):
        if key in changes:
            setattr(row, key, changes[key])
    row.save()
    return get_meeting(meeting_id)


def set_coach_notes(meeting_id: int, text: str) -> None:
    m.Meeting.update(coach_notes=text).where(m.Meeting.id == meeting_id).execute()


def delete_meeting(meeting_id: int) -> None:
    with m.database_proxy.atomic():
        get_or_raise(m.Meeting, meeting_id, "meeting").delete_instance()
        forget_anchor(meeting_id)


# --- attendance -------------------------------------------------------------------------------


def list_attendees(meeting_id: int) -> list[AttendeeRecord]:
    """Every member of the meeting's set, with whether they attend and present."""
    meeting = get_or_raise(m.Meeting, meeting_id, "meeting")
    flags = {
        a.member_id: a for a in m.Attendance.select().where(m.Attendance.meeting == meeting_id)
    }
    members = (
        m.Member.select()
        .where(m.Member.learning_set == meeting.learning_set_id)
        .order_by(m.Member.position, m.Member.id)
    )
    out = []
    for mem in members:
        row = flags.get(mem.id)
        out.append(
            AttendeeRecord(
                member=member_record(mem),
                attended=bool(row and row.attended),
                presenter=bool(row and row.presenter),
            )
        )
    return out


def set_attendance(
    meeting_id: int, member_id: int, *, attended: bool | None = None, presenter: bool | None = None
) -> None:
    check_meeting_members(meeting_id, [member_id])
    row = m.Attendance.get_or_none(meeting=meeting_id, member=member_id)
    if row is None:
        row = m.Attendance(meeting=meeting_id, member=member_id, attended=False, presenter=False)
    if attended is not None:
        row.attended = attended
    if presenter is not None:
        row.presenter = presenter
        if presenter:
            row.attended = True
    row.save()


# --- agenda -----------------------------------------------------------------------------------


def list_phases(meeting_id: int) -> list[PhaseRecord]:
    return [
        phase_record(p)
        for p in m.Phase.select().where(m.Phase.meeting == meeting_id).order_by(m.Phase.position)
    ]


def _refresh_planned(meeting_id: int) -> None:
    total = (
        m.Phase.select(pw.fn.SUM(m.Phase.planned_minutes))
        .where(m.Phase.meeting == meeting_id)
        .scalar()
    )
    m.Meeting.update(planned_minutes=total or None).where(m.Meeting.id == meeting_id).execute()


def update_phase(
    phase_id: int, *, name: str | None = None, planned_minutes: float | None = None
) -> PhaseRecord:
    row = get_or_raise(m.Phase, phase_id, "phase")
    if name is not None:
        if not name.strip():
            raise ValidationError("A phase needs a name.")
        row.name = name
    if planned_minutes is not None:
        if planned_minutes < 0:
            raise ValidationError("A phase cannot have negative minutes.")
        row.planned_minutes = planned_minutes
    with m.database_proxy.atomic():
        row.save()
        _refresh_planned(row.meeting_id)
    return phase_record(row)


def add_phase(meeting_id: int, name: str, planned_minutes: float) -> PhaseRecord:
    get_or_raise(m.Meeting, meeting_id, "meeting")
    position = (
        m.Phase.select(pw.fn.COALESCE(pw.fn.MAX(m.Phase.position) + 1, 0))
        .where(m.Phase.meeting == meeting_id)
        .scalar()
    )
    with m.database_proxy.atomic():
        row = m.Phase.create(
            meeting=meeting_id, position=position, name=name, planned_minutes=planned_minutes
        )
        _refresh_planned(meeting_id)
    return phase_record(row)


def remove_phase(phase_id: int) -> None:
    row = get_or_raise(m.Phase, phase_id, "phase")
    if row.started_at is not None:
        raise ValidationError("A phase that has started cannot be removed.")
    meeting_id = row.meeting_id
    with m.database_proxy.atomic():
        row.delete_instance()
        later = list(
            m.Phase.select()
            .where(m.Phase.meeting == meeting_id, m.Phase.position > row.position)
            .order_by(m.Phase.position)
        )
        for phase in later:
            m.Phase.update(position=phase.position - 1).where(m.Phase.id == phase.id).execute()
        _refresh_planned(meeting_id)
