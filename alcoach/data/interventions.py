"""The intervention log: what the coach said, when, in which phase, and how the set rated itself."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from alcoach.data import models as m
from alcoach.data.categories import category_for_phase
from alcoach.data.clock import MeetingClock, stamp_time
from alcoach.data.convert import check_meeting_members, get_or_raise, identity_back
from alcoach.data.meeting_timer import _current_phase, start_meeting
from alcoach.data.plain_rows import delete_row, has_row, insert_row
from alcoach.data.records import InterventionRecord, PauseRecord, RatingRecord
from alcoach.data.timer import active_seconds
from alcoach.errors import ValidationError


def _check_category(category: str) -> str:
    if category not in m.CATEGORIES:
        raise ValidationError(f"{category!r} is not a category.")
    return category


def _record(
    row: m.Intervention,
    phase_name: str,
    member_ids: Iterable[int] = (),
    ratings: Iterable[RatingRecord] = (),
) -> InterventionRecord:
    return InterventionRecord(
        id=row.id,
        meeting_id=row.meeting_id,
        at=row.at,
        offset_seconds=row.offset_seconds,
        phase_id=row.phase_id,
        phase_name=phase_name,
        category=row.category,
        text=row.text,
        question_id=row.question_id,
        response=row.response,
        member_ids=tuple(member_ids),
        ratings=tuple(ratings),
        added_afterwards=bool(row.added_afterwards),
        uid=row.uid,
    )


def _pauses(meeting_id: int) -> tuple[PauseRecord, ...]:
    rows = m.database_proxy.execute_sql(  # read at every logged note: a plain statement
        'SELECT start, "end" FROM pause WHERE meeting_id = ? ORDER BY start', (meeting_id,)
    )
    start_value, end_value = m.Pause.start.python_value, m.Pause.end.python_value
    return tuple(PauseRecord(start_value(start), end_value(end)) for start, end in rows)


def log_intervention(
    meeting_id: int,
    text: str,
    *,
    category: str | None = None,
    question_id: int | None = None,
    member_ids: Iterable[int] = (),
    response: str = "",
    now: dt.datetime | None = None,
    clock: MeetingClock | None = None,
) -> InterventionRecord:
    """Store what was typed, whatever the meeting's state.

    A meeting not yet started is started; in an ended meeting the entry is added at the current
    time and marked as added afterwards. Category: given, else the question's, else the phase's.
    The time is the meeting clock's (see alcoach/data/clock.py), unless `now` gives it.
    """
    members = tuple(dict.fromkeys(member_ids))
    meeting = check_meeting_members(meeting_id, members)
    question = None
    if question_id is not None:
        question = get_or_raise(m.Question, question_id, "question")
    if not text.strip():
        if question is None:
            raise ValidationError("An intervention needs some text or a question from the bank.")
        text = question.text
    with m.database_proxy.atomic():
        now = stamp_time(meeting_id, now, clock)
        if meeting.started_at is None:
            start_meeting(meeting_id, now=now)
            meeting = m.Meeting.get_by_id(meeting_id)
        added_afterwards = meeting.ended_at is not None
        phase = None if added_afterwards else _current_phase(meeting_id)
        # only the pauses: the whole timing (meeting again, phases) is not needed for the offset.
        # After the end the meeting's clock stands still (a reopen makes the gap a pause), so a
        # note added afterwards is at the meeting's length, and no later note comes before it.
        offset = active_seconds(meeting.started_at, meeting.ended_at, _pauses(meeting_id), now)
        if category is None:
            category = (
                question.category
                if question is not None
                else category_for_phase(phase.name if phase else None)
            )
        # the one-key path of a meeting: plain statements (see alcoach/data/plain_rows.py)
        values = insert_row(
            m.Intervention,
            meeting=meeting_id,
            at=now,
            offset_seconds=offset,
            phase=phase.id if phase else None,
            category=_check_category(category),
            text=text,
            question=question.id if question else None,
            response=response,
            added_afterwards=added_afterwards,
        )
        row = m.Intervention(__no_default__=1, **values)
        for member_id in members:
            insert_row(m.InterventionMember, intervention=row.id, member=member_id)
        if question is not None:
            m.Question.update(uses=m.Question.uses + 1).where(
                m.Question.id == question.id
            ).execute()
    return _record(row, phase.name if phase else "", members)


_LIST_SQL = """
SELECT i.id, i.at, i.offset_seconds, i.phase_id, p.name, i.category, i.text, i.question_id,
       i.response, i.added_afterwards, i.uid
FROM intervention AS i LEFT JOIN phase AS p ON p.id = i.phase_id
WHERE i.meeting_id = ? ORDER BY i.at, i.id
"""
_LIST_MEMBERS_SQL = """
SELECT l.intervention_id, l.member_id FROM intervention_member AS l
JOIN intervention AS i ON i.id = l.intervention_id WHERE i.meeting_id = ? ORDER BY l.id
"""
_LIST_RATINGS_SQL = """
SELECT r.intervention_id, r.member_id, r.score FROM rating AS r
JOIN intervention AS i ON i.id = r.intervention_id
WHERE i.meeting_id = ? AND r.score IS NOT NULL ORDER BY r.id
"""


def list_interventions(meeting_id: int) -> list[InterventionRecord]:
    # read at every opening of a meeting, at start-up too: plain statements (peewee's model rows
    # took 10 ms for a meeting of 100 notes on a small laptop; see alcoach/data/plain_rows.py)
    db = m.database_proxy
    rows = db.execute_sql(_LIST_SQL, (meeting_id,)).fetchall()
    members: dict[int, list[int]] = defaultdict(list)
    ratings: dict[int, list[RatingRecord]] = defaultdict(list)
    if rows:
        for intervention_id, member_id in db.execute_sql(_LIST_MEMBERS_SQL, (meeting_id,)):
            members[intervention_id].append(member_id)
        for intervention_id, member_id, score in db.execute_sql(_LIST_RATINGS_SQL, (meeting_id,)):
            ratings[intervention_id].append(RatingRecord(member_id, score))
    time_value = m.Intervention.at.python_value
    return [
        InterventionRecord(
            id=row_id,
            meeting_id=meeting_id,
            at=time_value(at),
            offset_seconds=float(offset),
            phase_id=phase_id,
            phase_name=phase_name or "",
            category=category,
            text=text,
            question_id=question_id,
            response=response,
            member_ids=tuple(members[row_id]),
            ratings=tuple(ratings[row_id]),
            added_afterwards=bool(added_afterwards),
            uid=uid,
        )
        for (
            row_id, at, offset, phase_id, phase_name, category, text, question_id, response,
            added_afterwards, uid,
        ) in rows
    ]  # fmt: skip


def get_intervention(intervention_id: int) -> InterventionRecord:
    # read for every undo and redo of a logged note: plain statements (see data/plain_rows.py)
    row = get_or_raise(m.Intervention, intervention_id, "intervention")
    db = m.database_proxy
    phase = db.execute_sql("SELECT name FROM phase WHERE id = ?", (row.phase_id,)).fetchone()
    members = db.execute_sql(
        "SELECT member_id FROM intervention_member WHERE intervention_id = ? ORDER BY id",
        (intervention_id,),
    )
    ratings = db.execute_sql(
        "SELECT member_id, score FROM rating WHERE intervention_id = ? AND score IS NOT NULL "
        "ORDER BY id",
        (intervention_id,),
    )
    return _record(
        row,
        phase[0] if phase else "",
        [member_id for (member_id,) in members],
        [RatingRecord(member_id, score) for member_id, score in ratings],
    )


def update_intervention(
    intervention_id: int,
    *,
    text: str | None = None,
    category: str | None = None,
    response: str | None = None,
    member_ids: Iterable[int] | None = None,
) -> InterventionRecord:
    row = get_or_raise(m.Intervention, intervention_id, "intervention")
    if member_ids is not None:
        member_ids = tuple(dict.fromkeys(member_ids))
        check_meeting_members(row.meeting_id, member_ids)
    with m.database_proxy.atomic():
        if text is not None:
            row.text = text
        if category is not None:
            row.category = _check_category(category)
        if response is not None:
            row.response = response
        row.save()
        if member_ids is not None:
            m.InterventionMember.delete().where(
                m.InterventionMember.intervention == intervention_id
            ).execute()
            for member_id in member_ids:
                m.InterventionMember.create(intervention=intervention_id, member=member_id)
    return get_intervention(intervention_id)


def delete_intervention(intervention_id: int) -> InterventionRecord:
    """Delete and return the full record, so an undo can put it back."""
    record = get_intervention(intervention_id)
    delete_row(m.Intervention, intervention_id)
    return record


def restore_intervention(record: InterventionRecord) -> InterventionRecord:
    """Put back a deleted intervention (the undo of delete), keeping its id when it is free."""
    # the redo of a logged note: plain statements (see alcoach/data/plain_rows.py)
    with m.database_proxy.atomic():
        fields = dict(
            meeting=record.meeting_id,
            at=record.at,
            offset_seconds=record.offset_seconds,
            phase=record.phase_id if has_row(m.Phase, record.phase_id) else None,
            category=record.category,
            text=record.text,
            question=record.question_id if has_row(m.Question, record.question_id) else None,
            response=record.response,
            added_afterwards=record.added_afterwards,
        )
        fields |= identity_back(m.Intervention, record.uid)
        if not has_row(m.Intervention, record.id):
            fields["id"] = record.id
        row_id = insert_row(m.Intervention, **fields)["id"]
        for member_id in record.member_ids:
            insert_row(m.InterventionMember, intervention=row_id, member=member_id)
        for rating in record.ratings:
            insert_row(m.Rating, intervention=row_id, member=rating.member_id, score=rating.score)
    return get_intervention(row_id)


def set_rating(intervention_id: int, member_id: int, score: int | None) -> InterventionRecord:
    """Record one member's 1-10 answer to "How are we doing?"; None clears it."""
    row = get_or_raise(m.Intervention, intervention_id, "intervention")
    check_meeting_members(row.meeting_id, [member_id])
    if score is not None and not 1 <= int(score) <= 10:
        raise ValidationError("A rating is a whole number from 1 to 10.")
    with m.database_proxy.atomic():
        # Clearing is an edit: the row keeps the member's rating's identity, with no score.
        rating = m.Rating.get_or_none(
            m.Rating.intervention == intervention_id, m.Rating.member == member_id
        )
        if rating is None:
            if score is None:
                return get_intervention(intervention_id)
            rating = m.Rating(intervention=intervention_id, member=member_id)
        value = None if score is None else int(score)
        if rating.score != value or rating._pk is None:
            rating.score = value
            rating.save()
    return get_intervention(intervention_id)


def set_ratings(intervention_id: int, scores: Mapping[int, int]) -> InterventionRecord:
    with m.database_proxy.atomic():
        for member_id, score in scores.items():
            set_rating(intervention_id, member_id, score)
    return get_intervention(intervention_id)


WIDE_SPREAD = 4


def is_wide_spread(record: InterventionRecord) -> bool:
    """A 2 beside an 8 is the thing to explore."""
    spread = record.rating_spread
    return spread is not None and spread[1] - spread[0] >= WIDE_SPREAD


def last_intervention_at(meeting_id: int) -> dt.datetime | None:
    """When the meeting's latest intervention was logged (None before the first)."""
    row = (
        m.Intervention.select(m.Intervention.at)
        .where(m.Intervention.meeting == meeting_id)
        .order_by(m.Intervention.at.desc())
        .first()
    )
    return row.at if row is not None else None
