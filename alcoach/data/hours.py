"""The coach's hours log: every held meeting's coaching time (held time less pauses) beside the
hours added by hand, read with two set-based statements (README, "Your practice records").

A meeting counts from its start to its end less its pauses; one started and never ended counts up
to its last stamp (its latest note, tally, pause or phase change) and is flagged `open`. A pause
left open counts up to the meeting's end. A meeting's hours are of the kind its coach's role says
(alcoach.vocabulary.ROLE_KINDS); paid or pro bono is the meeting's own word, else its
programme's. The group size is the meeting's attendees (the set's active members when no
attendance was taken).
"""

from __future__ import annotations

import datetime as dt

from alcoach.data import models as m
from alcoach.data.practice_records import (  # noqa: F401  (re-exported)
    HoursFilter,
    HoursRow,
    Totals,
    totals,
    totals_by_year,
)
from alcoach.vocabulary import ROLE_KINDS

# Times are kept as naive UTC text ("YYYY-MM-DD HH:MM:SS.ffffff"), which compares and julianday()
# reads as it is.
_MEETINGS = """
WITH held AS (
  SELECT mt.id AS mid, mt.started_at AS s,
    coalesce(mt.ended_at, max(mt.started_at,
      coalesce((SELECT max(at) FROM intervention WHERE meeting_id = mt.id), mt.started_at),
      coalesce((SELECT max(at) FROM tally WHERE meeting_id = mt.id), mt.started_at),
      coalesce((SELECT max(coalesce("end", start)) FROM pause WHERE meeting_id = mt.id),
               mt.started_at),
      coalesce((SELECT max(coalesce(ended_at, started_at)) FROM phase
                WHERE meeting_id = mt.id), mt.started_at))) AS e
  FROM meeting mt JOIN learning_set ls ON ls.id = mt.learning_set_id
  WHERE mt.started_at IS NOT NULL {where}
),
paused AS (
  SELECT h.mid, sum(max(0.0, julianday(min(coalesce(p."end", h.e), h.e))
                             - julianday(max(p.start, h.s)))) AS days
  FROM held h JOIN pause p ON p.meeting_id = h.mid GROUP BY h.mid
)
SELECT mt.id, mt.date, max(0.0, julianday(h.e) - julianday(h.s) - coalesce(pd.days, 0.0)),
  mt.coach_role, coalesce(mt.paid, pr.paid, 1), ls.id, ls.name, pr.id, coalesce(pr.name, ''),
  coalesce(pr.organisation, ''),
  coalesce(nullif((SELECT count(*) FROM attendance a WHERE a.meeting_id = mt.id AND a.attended),
                  0),
           nullif((SELECT count(*) FROM member mb WHERE mb.learning_set_id = ls.id
                   AND mb.active), 0)),
  mt.title, mt.ended_at IS NULL
FROM held h JOIN meeting mt ON mt.id = h.mid JOIN learning_set ls ON ls.id = mt.learning_set_id
LEFT JOIN programme pr ON pr.id = ls.programme_id LEFT JOIN paused pd ON pd.mid = h.mid
"""
_ENTRIES = """
SELECT e.id, e.date, e.minutes, e.kind, e.role, e.paid, e.programme_id, coalesce(pr.name, ''),
  coalesce(nullif(e.organisation, ''), pr.organisation, ''), e.group_size, e.description
FROM hours_entry e LEFT JOIN programme pr ON pr.id = e.programme_id
WHERE 1 {where}
"""


def _where(which: HoursFilter, date: str, programme: str) -> tuple[str, list[object]]:
    clauses, params = [], []
    if which.start is not None:
        clauses.append(f"{date} >= ?")
        params.append(which.start.isoformat())
    if which.end is not None:
        clauses.append(f"{date} <= ?")
        params.append(which.end.isoformat())
    if which.programme_id is not None:
        clauses.append(f"{programme} = ?")
        params.append(which.programme_id)
    return "".join(f" AND {c}" for c in clauses), params


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def hours_log(which: HoursFilter = HoursFilter()) -> list[HoursRow]:
    """Every entry of the log in the filter's range, by date (meetings before hand-added hours
    on the same day)."""
    db = m.database_proxy
    rows = []
    where, params = _where(which, "mt.date", "ls.programme_id")
    for found in db.execute_sql(_MEETINGS.format(where=where), params):
        mid, day, days, role, paid, sid, set_name, pid, programme = found[:9]
        organisation, size, title, is_open = found[9:]
        rows.append(HoursRow(
            date=_day(day), minutes=round(days * 1440), kind=ROLE_KINDS.get(role, "other"),
            role=role, paid=bool(paid), set_id=sid, set_name=set_name, programme_id=pid,
            programme_name=programme, organisation=organisation, group_size=size,
            description=title, meeting_id=mid, open=bool(is_open),
        ))  # fmt: skip
    where, params = _where(which, "e.date", "e.programme_id")
    for found in db.execute_sql(_ENTRIES.format(where=where), params):
        eid, day, minutes, kind, role, paid, pid, programme, organisation, size, text = found
        rows.append(HoursRow(
            date=_day(day), minutes=minutes, kind=kind, role=role, paid=bool(paid), set_id=None,
            set_name="", programme_id=pid, programme_name=programme, organisation=organisation,
            group_size=size, description=text, entry_id=eid,
        ))  # fmt: skip
    rows.sort(key=lambda r: (r.date, r.entry_id is not None, r.meeting_id or r.entry_id or 0))
    return rows
