"""Per-member feedback for a meeting (saved as the coach types)."""

from __future__ import annotations

from alcoach.data import models as m
from alcoach.data.convert import check_meeting_members, feedback_record
from alcoach.data.records import FeedbackRecord
from alcoach.errors import ValidationError

FEEDBACK_FIELDS = ("skill", "strengths", "suggestions", "self_assessment", "coach_notes")


def get_feedback(meeting_id: int, member_id: int) -> FeedbackRecord:
    row = m.Feedback.get_or_none(meeting=meeting_id, member=member_id)
    if row is None:
        return FeedbackRecord(meeting_id=meeting_id, member_id=member_id)
    return feedback_record(row)


def save_feedback(meeting_id: int, member_id: int, **fields: str) -> FeedbackRecord:
    """Create or update the member's feedback; fields not named keep their value."""
    unknown = set(fields) - set(FEEDBACK_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown feedback fields: {', '.join(sorted(unknown))}.")
    check_meeting_members(meeting_id, [member_id])
    with m.database_proxy.atomic():
        row = m.Feedback.get_or_none(meeting=meeting_id, member=member_id)
        if row is None:
            row = m.Feedback(meeting=meeting_id, member=member_id)
        for key, value in fields.items():
            setattr(row, key, value)
        row.save()
    return feedback_record(row)


def list_feedback(meeting_id: int) -> list[FeedbackRecord]:
    return [
        feedback_record(r)
        for r in m.Feedback.select().where(m.Feedback.meeting == meeting_id).order_by(m.Feedback.id)
    ]
