"""Writing a checked archive into the database: new rows, in one transaction, in bulk.

Archive ids are mapped to database ids chosen up front (one past the largest id in each table,
read inside the transaction), so links (an action reported in a later meeting, an intervention's
phase) are known before the rows are written and every table is filled with a few large inserts.
Built-in questions and agenda templates the database already holds are reused, not duplicated.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import peewee as pw

from alcoach.data import models as m
from alcoach.data.settings import coach_profile, set_setting

# SQLite 3.32+ allows 32766 bound variables in one statement.
_MAX_VARIABLES = 30_000


def parse_time(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = dt.datetime.fromisoformat(value.upper().replace(" ", "T"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _bulk(
    model: type[m.BaseModel], fields: Sequence[pw.Field], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows in chunks, each chunk one multi-row INSERT.

    One statement per chunk matters: the search index (FTS5, filled by triggers) flushes at
    every statement, so row-at-a-time inserts of 80,000 interventions take many times longer.
    The statement is built by peewee's insert_many once per chunk size, with placeholders, and
    reused: building it value by value took most of the import time. Times go through the
    field's own conversion, exactly as peewee would store them.
    """
    if not rows:
        return
    if issubclass(model, m.RecordModel) and not any(f is model.uid for f in fields):
        now = m.utc_now()
        fields = (*fields, model.uid, model.updated_at)
        rows = [(*row, m.new_uid(), now) for row in rows]
    width = len(fields)
    size = max(1, _MAX_VARIABLES // width)
    times = [i for i, f in enumerate(fields) if isinstance(f, m.UtcDateTimeField)]
    statements: dict[int, str] = {}
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        if len(chunk) not in statements:
            blank = [(None,) * width] * len(chunk)
            statements[len(chunk)] = model.insert_many(blank, fields=list(fields)).sql()[0]
        params: list[Any] = []
        for row in chunk:
            if times:
                values = list(row)
                for i in times:
                    values[i] = fields[i].db_value(values[i])
                params.extend(values)
            else:
                params.extend(row)
        m.database_proxy.execute_sql(statements[len(chunk)], params)


class _Allocator:
    """Hands out new primary keys for one table, starting past the largest one in use."""

    def __init__(self, model: type[m.BaseModel]) -> None:
        self.next = (model.select(pw.fn.MAX(model.id)).scalar() or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def _phases_key(phases: list[dict[str, Any]]) -> tuple[tuple[str, float], ...]:
    return tuple((p["name"], float(p["minutes"])) for p in phases)


class ArchiveWriter:
    """Writes one checked archive; call `run()` inside a transaction."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.now = m.utc_now()
        self.members: dict[str, int] = {}
        self.questions: dict[str, int] = {}
        self.meetings: dict[str, int] = {}

    def run(self) -> None:
        self._coach()
        programmes = self._programmes()
        self._sets(programmes)
        self._questions()
        self._templates()
        self._meetings()

    def _coach(self) -> None:
        coach = self.doc.get("coach") or {}
        current = coach_profile()
        if not (current.get("name") or current.get("credentials")) and coach:
            set_setting("coach.name", coach.get("name", ""))
            set_setting("coach.credentials", coach.get("credentials", ""))

    def _programmes(self) -> dict[str, int]:
        ids = _Allocator(m.Programme)
        mapping, rows = {}, []
        for p in self.doc.get("programmes", []):
            mapping[p["id"]] = pid = ids.take()
            rows.append((pid, p["name"], p.get("sponsor", ""), p.get("notes", ""), self.now))
        P = m.Programme
        _bulk(P, (P.id, P.name, P.sponsor, P.notes, P.created_at), rows)
        return mapping

    def _sets(self, programmes: dict[str, int]) -> None:
        set_ids, member_ids = _Allocator(m.LearningSet), _Allocator(m.Member)
        self.sets: dict[str, int] = {}
        set_rows, member_rows = [], []
        for s in self.doc["sets"]:
            self.sets[s["id"]] = sid = set_ids.take()
            programme = s.get("programme")
            set_rows.append((
                sid, programmes[programme] if programme is not None else None, s["name"],
                s.get("cadence", ""), s.get("ground_rules", ""), s.get("archived", False),
                self.now,
            ))
            for position, mem in enumerate(s["members"]):
                self.members[mem["id"]] = mid = member_ids.take()
                member_rows.append((
                    mid, sid, mem["name"], mem.get("role", ""), mem.get("organisation", ""),
                    mem.get("leadership_skill", ""), mem.get("active", True), position,
                ))
        S, M = m.LearningSet, m.Member
        _bulk(S, (S.id, S.programme, S.name, S.cadence, S.ground_rules, S.archived,
                  S.created_at), set_rows)
        _bulk(M, (M.id, M.learning_set, M.name, M.role, M.organisation, M.leadership_skill,
                  M.active, M.position), member_rows)

    def _questions(self) -> None:
        Q = m.Question
        existing: dict[tuple[str, str], int] = {}
        # Own questions first, so a built-in one with the same words wins the key.
        for qid, text, category in (
            Q.select(Q.id, Q.text, Q.category).order_by(Q.builtin, Q.id.desc()).tuples()
        ):
            existing[(text, category)] = qid
        ids = _Allocator(Q)
        rows = []
        for q in self.doc["questions"]:
            tags = "\n".join(q.get("tags", []))
            flags = (q.get("favourite", False), q.get("archived", False), q.get("uses", 0))
            found = existing.get((q["text"], q["category"])) if q.get("builtin") else None
            if found is not None:
                self.questions[q["id"]] = found
                Q.update(tags=tags, favourite=flags[0], archived=flags[1], uses=flags[2]).where(
                    Q.id == found
                ).execute()
                continue
            self.questions[q["id"]] = qid = ids.take()
            rows.append((qid, q["text"], q["category"], tags, flags[0], q.get("builtin", False),
                         flags[1], flags[2], self.now))
        _bulk(Q, (Q.id, Q.text, Q.category, Q.tags, Q.favourite, Q.builtin, Q.archived, Q.uses,
                  Q.created_at), rows)

    def _templates(self) -> None:
        T = m.AgendaTemplate
        existing = {
            (name, _phases_key(json.loads(phases)))
            for name, phases in T.select(T.name, T.phases).tuples()
        }
        rows = []
        for t in self.doc.get("agenda_templates", []):
            key = (t["name"], _phases_key(t["phases"]))
            if key in existing:
                continue
            existing.add(key)
            phases = [{"name": p["name"], "minutes": p["minutes"]} for p in t["phases"]]
            rows.append((t["name"], json.dumps(phases, ensure_ascii=False), False, self.now))
        _bulk(T, (T.name, T.phases, T.archived, T.created_at), rows)

    def _meetings(self) -> None:
        meeting_ids = _Allocator(m.Meeting)
        for meeting in self.doc["meetings"]:
            self.meetings[meeting["id"]] = meeting_ids.take()
        self.phase_ids, self.intervention_ids = _Allocator(m.Phase), _Allocator(m.Intervention)
        self.action_ids = _Allocator(m.Action)
        self.rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _FIELDS}
        for meeting in self.doc["meetings"]:
            self._meeting(meeting)
        for name, (model, fields) in _FIELDS.items():
            _bulk(model, fields(), self.rows[name])

    def _meeting(self, mt: dict[str, Any]) -> None:
        mid, members, rows = self.meetings[mt["id"]], self.members, self.rows
        rows["meeting"].append((
            mid, self.sets[mt["set"]], dt.date.fromisoformat(mt["date"]), mt.get("title", ""),
            mt.get("location", ""), mt.get("planned_minutes"), parse_time(mt.get("started_at")),
            parse_time(mt.get("ended_at")), mt.get("coach_notes", ""), self.now,
        ))
        phase_ids = []
        for position, p in enumerate(mt.get("phases", [])):
            phase_ids.append(pid := self.phase_ids.take())
            rows["phase"].append((pid, mid, position, p["name"], p["planned_minutes"],
                                  parse_time(p.get("started_at")), parse_time(p.get("ended_at"))))
        for pause in mt.get("pauses", []):
            rows["pause"].append((mid, parse_time(pause["start"]), parse_time(pause.get("end"))))
        attending, presenting = set(mt.get("attendees", [])), set(mt.get("presenters", []))
        for member in dict.fromkeys([*mt.get("attendees", []), *mt.get("presenters", [])]):
            rows["attendance"].append((mid, members[member], member in attending,
                                       member in presenting))
        for st in mt.get("problem_statements", []):
            created = parse_time(st.get("created_at")) or self.now
            rows["statement"].append((mid, st["kind"], _opt(members, st.get("member")),
                                      st["text"], st.get("round", 1), created))
        for poll in mt.get("problem_polls", []):
            rows["poll"].append((mid, poll["round"], members[poll["member"]], poll["vote"]))
        for item in mt.get("interventions", []):
            iid = self.intervention_ids.take()
            phase = item.get("phase")
            rows["intervention"].append((
                iid, mid, parse_time(item["at"]), item.get("offset_seconds", 0),
                phase_ids[phase] if phase is not None else None, item.get("category", "other"),
                item["text"], _opt(self.questions, item.get("question")),
                item.get("response", ""), False,
            ))
            for member in dict.fromkeys(item.get("members", [])):
                rows["addressed"].append((iid, members[member]))
            for rating in item.get("ratings", []):
                rows["rating"].append((iid, members[rating["member"]], rating["score"]))
        for tally in mt.get("tallies", []):
            at = parse_time(tally.get("at")) or self.now
            rows["tally"].append((mid, members[tally["member"]], tally["kind"], at,
                                  tally.get("note", "")))
        for fb in mt.get("feedback", []):
            rows["feedback"].append((
                mid, members[fb["member"]], fb.get("skill", ""), fb.get("strengths", ""),
                fb.get("suggestions", ""), fb.get("self_assessment", ""),
                fb.get("coach_notes", ""),
            ))
        for action in mt.get("actions", []):
            due = action.get("due")
            rows["action"].append((
                self.action_ids.take(), mid, _opt(members, action.get("owner")), action["text"],
                dt.date.fromisoformat(due) if due is not None else None, action["status"],
                action.get("report_back", ""), _opt(self.meetings, action.get("reported_in")),
                self.now,
            ))
        for learning in mt.get("learnings", []):
            rows["learning"].append((mid, learning["level"], _opt(members, learning.get("member")),
                                     learning["text"], learning.get("application", ""), self.now))


def _opt(mapping: dict[str, int], key: str | None) -> int | None:
    return None if key is None else mapping[key]


def _fields(model: type[m.BaseModel], *names: str) -> tuple[type[m.BaseModel], Any]:
    return model, lambda: [getattr(model, name) for name in names]


# Parents before children, for the foreign keys.
_FIELDS = {
    "meeting": _fields(m.Meeting, "id", "learning_set", "date", "title", "location",
                       "planned_minutes", "started_at", "ended_at", "coach_notes", "created_at"),
    "phase": _fields(m.Phase, "id", "meeting", "position", "name", "planned_minutes",
                     "started_at", "ended_at"),
    "pause": _fields(m.Pause, "meeting", "start", "end"),
    "attendance": _fields(m.Attendance, "meeting", "member", "attended", "presenter"),
    "statement": _fields(m.ProblemStatement, "meeting", "kind", "member", "text", "round",
                         "created_at"),
    "poll": _fields(m.ProblemPoll, "meeting", "round", "member", "vote"),
    "intervention": _fields(m.Intervention, "id", "meeting", "at", "offset_seconds", "phase",
                            "category", "text", "question", "response", "added_afterwards"),
    "addressed": _fields(m.InterventionMember, "intervention", "member"),
    "rating": _fields(m.Rating, "intervention", "member", "score"),
    "tally": _fields(m.Tally, "meeting", "member", "kind", "at", "note"),
    "feedback": _fields(m.Feedback, "meeting", "member", "skill", "strengths", "suggestions",
                        "self_assessment", "coach_notes"),
    "action": _fields(m.Action, "id", "meeting", "owner", "text", "due", "status",
                      "report_back", "reported_in", "created_at"),
    "learning": _fields(m.Learning, "meeting", "level", "member", "text", "application",
                        "created_at"),
}


def write_archive(doc: dict[str, Any]) -> None:
    """Add a checked archive's content to the database, all or nothing."""
    with m.database_proxy.atomic():
        ArchiveWriter(doc).run()
