"""Learnings by level: individual (with the member), team, organisation."""

from __future__ import annotations

from alcoach.data import models as m
from alcoach.data.convert import check_meeting_members, get_or_raise, identity_back, learning_record
from alcoach.data.records import LearningRecord
from alcoach.errors import ValidationError


def _check_level(level: str) -> str:
    if level not in m.LEARNING_LEVELS:
        raise ValidationError(f"{level!r} is not a level ({', '.join(m.LEARNING_LEVELS)}).")
    return level


def add_learning(
    meeting_id: int,
    level: str,
    text: str,
    *,
    member_id: int | None = None,
    application: str = "",
) -> LearningRecord:
    check_meeting_members(meeting_id, [member_id])
    row = m.Learning.create(
        meeting=meeting_id,
        level=_check_level(level),
        text=text,
        member=member_id,
        application=application,
    )
    return learning_record(row)


def update_learning(learning_id: int, **changes: object) -> LearningRecord:
    row = get_or_raise(m.Learning, learning_id, "learning")
    if "level" in changes:
        row.level = _check_level(str(changes["level"]))
    if "member_id" in changes:
        check_meeting_members(row.meeting_id, [changes["member_id"]])  # type: ignore[list-item]
        row.member = changes["member_id"]
    for key in ("text", "application"):
        if key in changes:
            setattr(row, key, changes[key])
    row.save()
    return learning_record(row)


def delete_learning(learning_id: int) -> LearningRecord:
    """Delete and return the whole record, so an undo can put it back (`restore_learning`)."""
    record = learning_record(get_or_raise(m.Learning, learning_id, "learning"))
    m.Learning.delete().where(m.Learning.id == learning_id).execute()
    return record


def restore_learning(record: LearningRecord) -> LearningRecord:
    """Put back a deleted learning with its id, in one write (the undo of delete)."""
    with m.database_proxy.atomic():
        get_or_raise(m.Meeting, record.meeting_id, "meeting")
        member = record.member_id
        if member is not None and not m.Member.select().where(m.Member.id == member).exists():
            member = None
        fields = dict(
            meeting=record.meeting_id,
            level=record.level,
            member=member,
            text=record.text,
            application=record.application,
        )
        fields |= identity_back(m.Learning, record.uid)
        if m.Learning.select().where(m.Learning.id == record.id).exists():
            row = m.Learning.create(**fields)
        else:
            row = m.Learning.create(id=record.id, **fields)
    return learning_record(row)


def list_learnings(meeting_id: int) -> list[LearningRecord]:
    return [
        learning_record(r)
        for r in m.Learning.select().where(m.Learning.meeting == meeting_id).order_by(m.Learning.id)
    ]
