"""Participation: each member's questions, statements, insightful questions and skill seen."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from alcoach.data import models as m
from alcoach.data.clock import MeetingClock, stamp_time
from alcoach.data.convert import check_meeting_members, get_or_raise, identity_back, tally_record
from alcoach.data.plain_rows import delete_row, has_row, insert_row
from alcoach.data.records import TallyCounts, TallyRecord
from alcoach.errors import ValidationError


def record_tally(
    meeting_id: int,
    member_id: int,
    kind: str,
    *,
    note: str = "",
    now: dt.datetime | None = None,
    clock: MeetingClock | None = None,
) -> TallyRecord:
    """One mark for a member; its time is the meeting clock's unless `now` gives it."""
    if kind not in m.TALLY_KINDS:
        raise ValidationError(f"{kind!r} is not a tally kind ({', '.join(m.TALLY_KINDS)}).")
    check_meeting_members(meeting_id, [member_id])
    with m.database_proxy.atomic():
        at = stamp_time(meeting_id, now, clock)
        # the one-key path of a meeting: a plain statement (see alcoach/data/plain_rows.py)
        values = insert_row(
            m.Tally, meeting=meeting_id, member=member_id, kind=kind, note=note, at=at
        )
    return tally_record(m.Tally(__no_default__=1, **values))


def list_tallies(meeting_id: int, member_id: int | None = None) -> list[TallyRecord]:
    query = m.Tally.select().where(m.Tally.meeting == meeting_id)
    if member_id is not None:
        query = query.where(m.Tally.member == member_id)
    return [tally_record(r) for r in query.order_by(m.Tally.at, m.Tally.id)]


def update_tally_note(tally_id: int, note: str) -> TallyRecord:
    row = get_or_raise(m.Tally, tally_id, "tally")
    row.note = note
    row.save()
    return tally_record(row)


def delete_tally(tally_id: int) -> TallyRecord:
    record = tally_record(get_or_raise(m.Tally, tally_id, "tally"))
    delete_row(m.Tally, tally_id)
    return record


def restore_tally(record: TallyRecord) -> TallyRecord:
    """Put back a deleted tally with its time, note, id and uid where they are free (the undo of
    delete), in one write."""
    check_meeting_members(record.meeting_id, [record.member_id])
    with m.database_proxy.atomic():
        fields = dict(
            meeting=record.meeting_id,
            member=record.member_id,
            kind=record.kind,
            note=record.note,
            at=record.at,
        )
        fields |= identity_back(m.Tally, record.uid)
        if not has_row(m.Tally, record.id):
            fields["id"] = record.id
        values = insert_row(m.Tally, **fields)
    return tally_record(m.Tally(__no_default__=1, **values))


def tally_counts(meeting_id: int) -> dict[int, TallyCounts]:
    """Counts per member who has any tally in the meeting."""
    counts: dict[int, dict[str, int]] = {}
    query = (
        m.Tally.select(m.Tally.member, m.Tally.kind, pw.fn.COUNT(m.Tally.id).alias("n"))
        .where(m.Tally.meeting == meeting_id)
        .group_by(m.Tally.member, m.Tally.kind)
        .tuples()
    )
    for member_id, kind, n in query:
        counts.setdefault(member_id, {})[kind] = n
    return {
        member_id: TallyCounts(member_id=member_id, **kinds) for member_id, kinds in counts.items()
    }


def member_counts(meeting_id: int, member_id: int) -> TallyCounts:
    return tally_counts(meeting_id).get(member_id, TallyCounts(member_id=member_id))
