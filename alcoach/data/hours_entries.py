"""Hours outside meetings added by hand, and what a meeting says for the hours log: the coach's
role in it and whether it was paid."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise
from alcoach.errors import ValidationError
from alcoach.vocabulary import COACH_ROLES, HOURS_KINDS

MAX_ENTRY_MINUTES = 1000 * 60  # a week-long programme, with room to spare
MAX_GROUP = 10_000
EARLIEST = dt.date(1950, 1, 1)


class HoursEntryRecord(NamedTuple):
    id: int
    date: dt.date
    minutes: int
    kind: str
    role: str
    programme_id: int | None
    organisation: str
    group_size: int | None
    paid: bool
    description: str


def _record(row: m.HoursEntry) -> HoursEntryRecord:
    return HoursEntryRecord(
        row.id, row.date, row.minutes, row.kind, row.role, row.programme_id, row.organisation,
        row.group_size, bool(row.paid), row.description,
    )  # fmt: skip


def _checked(values: dict[str, object]) -> dict[str, object]:
    date = values.get("date")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ValidationError("Hours need the date they were given.")
    latest = dt.date.today() + dt.timedelta(days=366)
    if not EARLIEST <= date <= latest:
        raise ValidationError(
            f"{date.isoformat()} is outside the dates hours can have "
            f"({EARLIEST.year} to {latest.year})."
        )
    minutes = values.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
        raise ValidationError("Hours need a length of at least one minute.")
    if minutes > MAX_ENTRY_MINUTES:
        raise ValidationError(
            f"{minutes // 60:,} hours is longer than one entry can be (up to "
            f"{MAX_ENTRY_MINUTES // 60:,}); add it as several entries."
        )
    if values.get("kind") not in HOURS_KINDS:
        raise ValidationError(f"Hours are of one kind: {', '.join(HOURS_KINDS)}.")
    if values.get("role", "coach") not in COACH_ROLES:
        raise ValidationError(f"The coach's role is one of {', '.join(COACH_ROLES)}.")
    size = values.get("group_size")
    if size is not None and (not isinstance(size, int) or not 1 <= size <= MAX_GROUP):
        raise ValidationError(f"A group has 1 to {MAX_GROUP:,} people.")
    programme = values.get("programme_id")
    if programme is not None:
        get_or_raise(m.Programme, programme, "programme")
    return values


def add_hours_entry(
    date: dt.date, minutes: int, kind: str, *, role: str = "coach",
    programme_id: int | None = None, organisation: str = "", group_size: int | None = None,
    paid: bool = True, description: str = "",
) -> HoursEntryRecord:  # fmt: skip
    values = _checked({
        "date": date, "minutes": minutes, "kind": kind, "role": role,
        "programme_id": programme_id, "group_size": group_size,
    })  # fmt: skip
    row = m.HoursEntry.create(
        date=values["date"], minutes=minutes, kind=kind, role=role, programme=programme_id,
        organisation=organisation.strip(), group_size=group_size, paid=bool(paid),
        description=description,
    )  # fmt: skip
    return _record(row)


def update_hours_entry(entry_id: int, **changes: object) -> HoursEntryRecord:
    row = get_or_raise(m.HoursEntry, entry_id, "hours entry")
    current = {
        "date": row.date, "minutes": row.minutes, "kind": row.kind, "role": row.role,
        "programme_id": row.programme_id, "group_size": row.group_size,
    }  # fmt: skip
    _checked({**current, **{k: v for k, v in changes.items() if k in current}})
    for key, value in changes.items():
        if key == "programme_id":
            row.programme = value
        elif key == "organisation":
            row.organisation = str(value).strip()
        elif key == "paid":
            row.paid = bool(value)
        elif key in current or key == "description":
            setattr(row, key, value)
        else:
            raise ValidationError(f"An hours entry has no {key!r}.")
    row.save()
    return _record(row)


def delete_hours_entry(entry_id: int) -> None:
    get_or_raise(m.HoursEntry, entry_id, "hours entry").delete_instance()


def get_hours_entry(entry_id: int) -> HoursEntryRecord:
    return _record(get_or_raise(m.HoursEntry, entry_id, "hours entry"))


class MeetingPractice(NamedTuple):
    role: str
    paid: bool | None  # None: as its programme says
    programme_paid: bool


def meeting_practice(meeting_id: int) -> MeetingPractice:
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    programme = row.learning_set.programme
    return MeetingPractice(
        row.coach_role, None if row.paid is None else bool(row.paid),
        True if programme is None else bool(programme.paid),
    )  # fmt: skip


KEEP = object()  # set_meeting_practice's "leave paid as it is"


def set_meeting_practice(
    meeting_id: int, *, role: str | None = None, paid: bool | object | None = KEEP
) -> MeetingPractice:
    """The coach's role in a meeting, and paid or pro bono (None: as its programme says)."""
    row = get_or_raise(m.Meeting, meeting_id, "meeting")
    if role is not None and role not in COACH_ROLES:
        raise ValidationError(f"The coach's role is one of {', '.join(COACH_ROLES)}.")
    new_role = row.coach_role if role is None else role
    new_paid = row.paid if paid is KEEP else (None if paid is None else bool(paid))
    if (new_role, new_paid) != (row.coach_role, row.paid):
        row.coach_role, row.paid = new_role, new_paid
        row.save(only=[m.Meeting.coach_role, m.Meeting.paid])
    return meeting_practice(meeting_id)
