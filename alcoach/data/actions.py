"""Actions the presenter (or any member) commits to, and the report-back at a later meeting."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from alcoach.data import models as m
from alcoach.data.convert import action_record, get_or_raise, identity_back
from alcoach.data.records import ActionRecord
from alcoach.errors import ValidationError


def _check_owner(meeting_id: int, owner_id: int | None) -> None:
    if owner_id is None:
        return
    meeting = get_or_raise(m.Meeting, meeting_id, "meeting")
    owner = get_or_raise(m.Member, owner_id, "member")
    if owner.learning_set_id != meeting.learning_set_id:
        raise ValidationError(f"{owner.name} is not a member of this meeting's set.")


def commit_action(
    meeting_id: int, text: str, *, owner_id: int | None = None, due: dt.date | None = None
) -> ActionRecord:
    if not text.strip():
        raise ValidationError("An action needs some text.")
    _check_owner(meeting_id, owner_id)
    row = m.Action.create(meeting=meeting_id, owner=owner_id, text=text, due=due)
    return get_action(row.id)


def get_action(action_id: int) -> ActionRecord:
    return action_record(get_or_raise(m.Action, action_id, "action"))


def update_action(action_id: int, **changes: object) -> ActionRecord:
    row = get_or_raise(m.Action, action_id, "action")
    if "owner_id" in changes:
        _check_owner(row.meeting_id, changes["owner_id"])  # type: ignore[arg-type]
        row.owner = changes["owner_id"]
    if "text" in changes:
        row.text = changes["text"]
    if "due" in changes:
        row.due = changes["due"]
    row.save()
    return get_action(action_id)


def report_back(
    action_id: int, status: str, *, note: str = "", meeting_id: int | None = None
) -> ActionRecord:
    """Record how an action ended; `meeting_id` is the meeting where the owner reported."""
    if status not in m.ACTION_STATUSES:
        raise ValidationError(
            f"{status!r} is not an action status ({', '.join(m.ACTION_STATUSES)})."
        )
    row = get_or_raise(m.Action, action_id, "action")
    if meeting_id is not None:
        get_or_raise(m.Meeting, meeting_id, "meeting")
    row.status = status
    row.report_back = note
    row.reported_in = None if status == "committed" else meeting_id
    row.save()
    return get_action(action_id)


def delete_action(action_id: int) -> ActionRecord:
    """Delete and return the whole record, so an undo can put it back (`restore_action`)."""
    record = get_action(action_id)
    m.Action.delete().where(m.Action.id == action_id).execute()
    return record


def restore_action(record: ActionRecord) -> ActionRecord:
    """Put back a deleted action with its id and report-back, in one write (the undo of delete).

    An owner or report-back meeting deleted meanwhile is left out rather than refused.
    """
    with m.database_proxy.atomic():
        get_or_raise(m.Meeting, record.meeting_id, "meeting")
        owner = record.owner_id if _exists(m.Member, record.owner_id) else None
        reported_in = record.reported_in_id if _exists(m.Meeting, record.reported_in_id) else None
        fields = dict(
            meeting=record.meeting_id,
            owner=owner,
            text=record.text,
            due=record.due,
            status=record.status,
            report_back=record.report_back,
            reported_in=reported_in,
        )
        fields |= identity_back(m.Action, record.uid)
        if _exists(m.Action, record.id):
            row = m.Action.create(**fields)
        else:
            row = m.Action.create(id=record.id, **fields)
    return get_action(row.id)


def _exists(model: type[m.BaseModel], row_id: int | None) -> bool:
    return row_id is not None and model.select().where(model.id == row_id).exists()


def _listed(query: pw.ModelSelect) -> list[ActionRecord]:
    owner = m.Member.alias()
    rows = (
        query.select(m.Action, owner.name.alias("owner_name"))
        .join(owner, pw.JOIN.LEFT_OUTER, on=(m.Action.owner == owner.id))
        .order_by(m.Action.id)
        .objects()
    )
    return [action_record(r, r.owner_name or "") for r in rows]


def list_actions(meeting_id: int) -> list[ActionRecord]:
    """Actions committed at this meeting."""
    return _listed(m.Action.select().where(m.Action.meeting == meeting_id))


def actions_for_report_back(meeting_id: int) -> list[ActionRecord]:
    """Actions from the set's earlier meetings still open, or reported at this meeting."""
    meeting = get_or_raise(m.Meeting, meeting_id, "meeting")
    earlier = m.Meeting.select(m.Meeting.id).where(
        m.Meeting.learning_set == meeting.learning_set_id,
        m.Meeting.id != meeting.id,
        (m.Meeting.date < meeting.date)
        | ((m.Meeting.date == meeting.date) & (m.Meeting.id < meeting.id)),
    )
    query = m.Action.select().where(
        m.Action.meeting.in_(earlier),
        (m.Action.status == "committed") | (m.Action.reported_in == meeting_id),
    )
    return _listed(query)


def list_set_actions(set_id: int) -> list[ActionRecord]:
    query = m.Action.select().join(m.Meeting).where(m.Meeting.learning_set == set_id)
    return _listed(query.switch(m.Action))
