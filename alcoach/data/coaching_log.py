"""The coaching log a coach attaches to a credential application (ICF's log, WIAL's hours): the
hours log with, per meeting, who attended and whether each agreed to be named in the log; per
client organisation its dates, sessions and hours; and progress towards each target. Plain data
for alcoach.export.coaching_log."""

from __future__ import annotations

import datetime as dt

from alcoach.data import models as m
from alcoach.data.consent import consented
from alcoach.data.hours import HoursFilter, HoursRow, hours_log, totals, totals_by_year
from alcoach.data.practice_records import (
    Attendee,
    ClientLine,
    CoachingLog,
    LogLine,
)
from alcoach.data.settings import coach_profile, document_date_style
from alcoach.data.targets import all_progress

_ATTENDEES = """
SELECT a.meeting_id, mb.id, mb.name FROM attendance a JOIN member mb ON mb.id = a.member_id
WHERE a.attended ORDER BY a.meeting_id, mb.position, mb.id
"""


def _client(row: HoursRow) -> str:
    return row.organisation or row.programme_name or "(no client named)"


def _clients(rows: list[HoursRow]) -> tuple[ClientLine, ...]:
    groups: dict[str, list[HoursRow]] = {}
    for row in rows:
        groups.setdefault(_client(row), []).append(row)
    out = []
    for client, found in groups.items():
        sizes = [r.group_size for r in found if r.group_size is not None]
        out.append(ClientLine(
            client, min(r.date for r in found), max(r.date for r in found), len(found),
            sum(r.minutes for r in found), sum(r.minutes for r in found if r.paid),
            max(sizes) if sizes else None,
        ))  # fmt: skip
    return tuple(sorted(out, key=lambda c: (c.first, c.client)))


def build_coaching_log(
    which: HoursFilter = HoursFilter(), today: dt.date | None = None
) -> CoachingLog:
    today = today or dt.date.today()
    rows = hours_log(which)
    held = {r.meeting_id for r in rows if r.meeting_id is not None}
    by_meeting: dict[int, list[tuple[int, str]]] = {}
    for meeting_id, member_id, name in m.database_proxy.execute_sql(_ATTENDEES):
        if meeting_id in held:
            by_meeting.setdefault(meeting_id, []).append((member_id, name))
    agreed = consented("coaching_log", {mid for found in by_meeting.values() for mid, _ in found})
    lines = tuple(
        LogLine(row, tuple(Attendee(name, mid in agreed)
                           for mid, name in by_meeting.get(row.meeting_id or -1, ())))
        for row in rows
    )  # fmt: skip
    programme = ""
    if which.programme_id is not None:
        found = m.Programme.get_or_none(m.Programme.id == which.programme_id)
        programme = found.name if found else ""
    profile = coach_profile()
    roster = tuple(dict.fromkeys(a.name for line in lines for a in line.attendees))
    return CoachingLog(
        coach_name=profile.get("name") or "", credentials=profile.get("credentials") or "",
        made_on=today, which=which, programme_name=programme, lines=lines,
        clients=_clients(rows), every=totals(rows), by_year=totals_by_year(rows),
        progress=tuple(all_progress(today)), date_style=document_date_style(), roster=roster,
    )  # fmt: skip
