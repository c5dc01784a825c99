"""Model rows to frozen records (one place, so every service returns the same shapes)."""

from __future__ import annotations

from collections.abc import Iterable

from alcoach.data import models as m
from alcoach.data.plain_rows import row_by_id
from alcoach.data.records import (
    ActionRecord,
    FeedbackRecord,
    LearningRecord,
    MeetingRecord,
    MemberRecord,
    PhaseRecord,
    ProblemStatementRecord,
    ProgrammeRecord,
    QuestionRecord,
    SetRecord,
    TallyRecord,
)


def programme_record(row: m.Programme) -> ProgrammeRecord:
    return ProgrammeRecord(
        id=row.id, name=row.name, sponsor=row.sponsor, notes=row.notes,
        organisation=row.organisation, paid=bool(row.paid),
    )  # fmt: skip


def set_record(row: m.LearningSet, programme_name: str | None = None) -> SetRecord:
    if programme_name is None:
        programme_name = row.programme.name if row.programme_id else ""
    return SetRecord(
        id=row.id,
        name=row.name,
        programme_id=row.programme_id,
        programme_name=programme_name,
        cadence=row.cadence,
        ground_rules=row.ground_rules,
        archived=bool(row.archived),
    )


def member_record(row: m.Member) -> MemberRecord:
    return MemberRecord(
        id=row.id,
        set_id=row.learning_set_id,
        name=row.name,
        role=row.role,
        organisation=row.organisation,
        leadership_skill=row.leadership_skill,
        active=bool(row.active),
        position=row.position,
    )


def meeting_record(row: m.Meeting, set_name: str | None = None) -> MeetingRecord:
    if set_name is None:
        set_name = row.learning_set.name
    return MeetingRecord(
        id=row.id,
        set_id=row.learning_set_id,
        set_name=set_name,
        date=row.date,
        title=row.title,
        location=row.location,
        planned_minutes=row.planned_minutes,
        started_at=row.started_at,
        ended_at=row.ended_at,
        coach_notes=row.coach_notes,
    )


def phase_record(row: m.Phase) -> PhaseRecord:
    return PhaseRecord(
        id=row.id,
        position=row.position,
        name=row.name,
        planned_minutes=row.planned_minutes,
        started_at=row.started_at,
        ended_at=row.ended_at,
    )


def question_record(row: m.Question) -> QuestionRecord:
    return QuestionRecord(
        id=row.id,
        text=row.text,
        category=row.category,
        tags=tuple(t for t in row.tags.split("\n") if t),
        favourite=bool(row.favourite),
        builtin=bool(row.builtin),
        archived=bool(row.archived),
        uses=row.uses,
    )


def tally_record(row: m.Tally) -> TallyRecord:
    return TallyRecord(
        id=row.id,
        meeting_id=row.meeting_id,
        member_id=row.member_id,
        kind=row.kind,
        at=row.at,
        note=row.note,
        uid=row.uid,
    )


def feedback_record(row: m.Feedback) -> FeedbackRecord:
    return FeedbackRecord(
        meeting_id=row.meeting_id,
        member_id=row.member_id,
        skill=row.skill,
        strengths=row.strengths,
        suggestions=row.suggestions,
        self_assessment=row.self_assessment,
        coach_notes=row.coach_notes,
    )


def action_record(row: m.Action, owner_name: str | None = None) -> ActionRecord:
    if owner_name is None:
        owner_name = row.owner.name if row.owner_id else ""
    return ActionRecord(
        id=row.id,
        meeting_id=row.meeting_id,
        owner_id=row.owner_id,
        owner_name=owner_name,
        text=row.text,
        due=row.due,
        status=row.status,
        report_back=row.report_back,
        reported_in_id=row.reported_in_id,
        uid=row.uid,
    )


def learning_record(row: m.Learning) -> LearningRecord:
    return LearningRecord(
        id=row.id,
        meeting_id=row.meeting_id,
        level=row.level,
        member_id=row.member_id,
        text=row.text,
        application=row.application,
        uid=row.uid,
    )


def problem_record(row: m.ProblemStatement) -> ProblemStatementRecord:
    return ProblemStatementRecord(
        id=row.id,
        meeting_id=row.meeting_id,
        kind=row.kind,
        member_id=row.member_id,
        text=row.text,
        round=row.round,
        created_at=row.created_at,
    )


def get_or_raise(model: type[m.BaseModel], record_id: int, what: str) -> m.BaseModel:
    from alcoach.errors import NotFoundError

    row = row_by_id(model, record_id)
    if row is None:
        raise NotFoundError(f"There is no {what} with id {record_id}.")
    return row


def check_meeting_members(meeting_id: int, member_ids: Iterable[int | None]) -> m.Meeting:
    """Return the meeting, or raise if it or a named member is missing or in another set."""
    from alcoach.errors import NotFoundError, ValidationError

    meeting = get_or_raise(m.Meeting, meeting_id, "meeting")
    wanted = {int(i) for i in member_ids if i is not None}
    if not wanted:
        return meeting
    marks = ", ".join("?" for _ in wanted)
    found = {
        member_id: (name, set_id)
        for member_id, name, set_id in m.database_proxy.execute_sql(
            f"SELECT id, name, learning_set_id FROM member WHERE id IN ({marks})", tuple(wanted)
        )
    }
    for member_id in sorted(wanted):
        if member_id not in found:
            raise NotFoundError(f"There is no member with id {member_id}.")
        name, set_id = found[member_id]
        if set_id != meeting.learning_set_id:
            raise ValidationError(f"{name} is not a member of this meeting's set.")
    return meeting


def identity_back(model: type[m.RecordModel], uid: str) -> dict[str, str]:
    """For putting a deleted record back: its old uid when no record holds it now, so the record
    keeps its identity in every copy and archive (inserting it lifts its tombstone: a trigger
    stamps the put-back, and the later of deletion and put-back wins in every merge)."""
    db = m.database_proxy  # at every undo and redo: plain statements (see data/plain_rows.py)
    table = model._meta.table_name
    if not uid or db.execute_sql(f'SELECT 1 FROM "{table}" WHERE uid = ?', (uid,)).fetchone():
        return {}
    return {"uid": uid}
