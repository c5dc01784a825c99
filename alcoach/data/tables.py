"""The raw tables a coach's organisation asks for, one statement each: interventions, tallies,
ratings, actions, learnings and hours, per set or all (README, "Your practice records").

Each table is a header and rows of plain values (text, numbers, dates, aware UTC datetimes, flags
and None); alcoach.export.csv_tables writes them. Member names are in their own columns; `roster`
lists every member a table can name, in the order the anonymise option labels them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

from alcoach.data import models as m
from alcoach.data.hours import HoursFilter, hours_log
from alcoach.formatting import format_duration

TABLE_KINDS = ("interventions", "tallies", "ratings", "actions", "learnings", "hours")


class Table(NamedTuple):
    kind: str
    header: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    member_columns: tuple[int, ...]  # the columns that hold a member's name (or names)
    text_columns: tuple[int, ...]  # what the coach typed, where a name may stand


class _Spec(NamedTuple):
    """One table: its header after set, meeting date and meeting; the columns and joins that
    give them; its order within a meeting; which columns hold names, typed text, times, dates
    and flags (indexes into the whole row)."""

    header: tuple[str, ...]
    columns: str
    joins: str
    order: str
    members: tuple[int, ...]
    texts: tuple[int, ...]
    times: tuple[int, ...] = ()
    dates: tuple[int, ...] = ()
    flags: tuple[int, ...] = ()
    only: str = ""  # a further condition


_HEAD = ("set", "meeting_date", "meeting")
_SPECS: dict[str, _Spec] = {
    "interventions": _Spec(
        ("at", "elapsed_seconds", "phase", "category", "text", "response", "addressed",
         "added_afterwards"),
        "iv.at, iv.offset_seconds, ph.name, iv.category, iv.text, iv.response, "
        "(SELECT group_concat(name, '; ') FROM (SELECT x.name FROM intervention_member im "
        "JOIN member x ON x.id = im.member_id WHERE im.intervention_id = iv.id "
        "ORDER BY x.position, x.id)), iv.added_afterwards",
        "JOIN intervention iv ON iv.meeting_id = mt.id LEFT JOIN phase ph ON ph.id = iv.phase_id",
        "iv.at, iv.id", (9,), (7, 8), times=(3,), flags=(10,),
    ),
    "tallies": _Spec(
        ("at", "member", "kind", "note"), "ta.at, mb.name, ta.kind, ta.note",
        "JOIN tally ta ON ta.meeting_id = mt.id JOIN member mb ON mb.id = ta.member_id",
        "ta.at, ta.id", (4,), (6,), times=(3,),
    ),
    "ratings": _Spec(
        ("at", "question", "member", "score"), "iv.at, iv.text, mb.name, ra.score",
        "JOIN intervention iv ON iv.meeting_id = mt.id "
        "JOIN rating ra ON ra.intervention_id = iv.id JOIN member mb ON mb.id = ra.member_id",
        "iv.at, iv.id, mb.position", (5,), (4,), times=(3,), only="ra.score IS NOT NULL",
    ),
    "actions": _Spec(
        ("owner", "text", "due", "status", "report_back", "reported_on"),
        "mb.name, ac.text, ac.due, ac.status, ac.report_back, later.date",
        "JOIN action ac ON ac.meeting_id = mt.id LEFT JOIN member mb ON mb.id = ac.owner_id "
        "LEFT JOIN meeting later ON later.id = ac.reported_in_id",
        "ac.id", (3,), (4, 7), dates=(5, 8),
    ),
    "learnings": _Spec(
        ("level", "member", "text", "application"),
        "le.level, mb.name, le.text, le.application",
        "JOIN learning le ON le.meeting_id = mt.id LEFT JOIN member mb ON mb.id = le.member_id",
        "le.id", (4,), (5, 6),
    ),
}  # fmt: skip


def _utc(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value)[:10])


def _rows(kind: str, set_id: int | None) -> Iterator[tuple[Any, ...]]:
    spec = _SPECS[kind]
    conditions = [c for c in ("ls.id = ?" if set_id is not None else "", spec.only) if c]
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = (
        f"SELECT ls.name, mt.date, mt.title, {spec.columns} FROM meeting mt "
        f"JOIN learning_set ls ON ls.id = mt.learning_set_id {spec.joins} {where} "
        f"ORDER BY mt.date, mt.id, {spec.order}"
    )
    dates = (1, *spec.dates)  # the meeting's date, then the table's own
    for found in m.database_proxy.execute_sql(sql, () if set_id is None else (set_id,)):
        row = list(found)
        for i in spec.times:
            row[i] = _utc(row[i])
        for i in dates:
            row[i] = _day(row[i])
        for i in spec.flags:
            row[i] = bool(row[i])
        if kind == "interventions":
            row[4] = max(0, round(row[4] or 0))
            row[9] = row[9] or ""
        yield tuple("" if v is None and i not in dates else v for i, v in enumerate(row))


_HOURS_HEADER = (
    "date", "set", "programme", "organisation", "group_size", "hours", "minutes", "kind", "role",
    "paid", "description", "source", "unfinished",
)  # fmt: skip


def _hours(set_id: int | None, which: HoursFilter) -> list[tuple[Any, ...]]:
    return [
        (
            r.date,
            r.set_name,
            r.programme_name,
            r.organisation,
            r.group_size,
            format_duration(r.minutes * 60),
            r.minutes,
            r.kind,
            r.role,
            r.paid,
            r.description,
            "meeting" if r.meeting_id is not None else "entry",
            r.open,
        )
        for r in hours_log(which)
        if set_id is None or r.set_id == set_id
    ]


def table(kind: str, set_id: int | None = None, which: HoursFilter = HoursFilter()) -> Table:
    """One table, of one set or of all; `which` narrows the hours table."""
    if kind == "hours":
        return Table(kind, _HOURS_HEADER, _hours(set_id, which), (), (10,))
    spec = _SPECS[kind]
    return Table(kind, (*_HEAD, *spec.header), list(_rows(kind, set_id)), spec.members,
                 spec.texts)  # fmt: skip


def named_in_tables(set_id: int | None = None) -> tuple[str, ...]:
    """The names of members who agreed to be named in sponsor reports: what a table given to
    the organisation may name when only those without consent are anonymised."""
    from alcoach.data.consent import consented_names

    mb = m.Member
    query = mb.select(mb.id, mb.name).order_by(mb.learning_set, mb.position, mb.id)
    if set_id is not None:
        query = query.where(mb.learning_set == set_id)
    return consented_names("sponsor_reports", dict(query.tuples()))


def roster(set_id: int | None = None) -> tuple[str, ...]:
    """Every member's name a table can hold, by set and then the set's order."""
    mb = m.Member
    query = mb.select(mb.name).order_by(mb.learning_set, mb.position, mb.id)
    if set_id is not None:
        query = query.where(mb.learning_set == set_id)
    return tuple(dict.fromkeys(name for (name,) in query.tuples()))
