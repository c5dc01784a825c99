"""Merging an archive into the database, record by record, inside the caller's transaction.

How a merge decides (README, "How a merge decides"):
- A version-2 record is the database's record with the same uid. A version-1 record has no uid
  and few times, so it is matched by content: a programme or set by its name, a member by name in
  its set, a question by its text and category, an agenda template by its name and phases, and a
  meeting as a whole by its set's name, its date and its start (or, when it never started, its
  title); a meeting found that way is skipped.
- A record on both sides with different content: the one changed last (updated_at) wins, per
  record; a version-1 record counts as changed when its archive was exported.
- Built-in questions are never lowered: a favourite stays a favourite, uses take the larger
  count, archived and tags keep the database's value.
- A deletion wins: a record the database has a tombstone for is not brought back, and an
  archive's tombstones delete the database's copy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from alcoach.data import models as m
from alcoach.data.archive.meetings import MeetingMerge
from alcoach.data.archive.writer import Allocator, bulk_insert, merge_row, parse_time
from alcoach.data.settings import coach_profile, set_setting

_TOMBSTONE_MODELS: dict[str, type[m.RecordModel]] = {
    "programme": m.Programme,
    "set": m.LearningSet,
    "member": m.Member,
    "question": m.Question,
    "agenda_template": m.AgendaTemplate,
    "meeting": m.Meeting,
    "attendance": m.Attendance,
    "pause": m.Pause,
    "phase": m.Phase,
    "problem_statement": m.ProblemStatement,
    "problem_poll": m.ProblemPoll,
    "intervention": m.Intervention,
    "rating": m.Rating,
    "tally": m.Tally,
    "feedback": m.Feedback,
    "action": m.Action,
    "learning": m.Learning,
}


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def _phases_key(phases: list[dict[str, Any]]) -> tuple[tuple[str, float], ...]:
    return tuple((p["name"], float(p["minutes"])) for p in phases)


class ArchiveMerge:
    """Fed an archive's checked records in section order; call inside one transaction."""

    def __init__(self, version: int, fields: dict[str, Any]) -> None:
        self.version = version
        self.now = m.utc_now()
        exported = fields.get("exported_at")
        self.v1_stamp = parse_time(exported) if isinstance(exported, str) else m.utc_now()
        self.counts: Counter[str] = Counter()
        self.tombstoned = {uid for (uid,) in m.Tombstone.select(m.Tombstone.uid).tuples()}
        self.programmes: dict[str, int | None] = {}
        self.questions: dict[str, int | None] = {}
        self.meetings = MeetingMerge(self)
        self._question_index: dict[str, Any] | None = None
        # new records of the top-level kinds, by table (parents first), with their key allocator
        self.fresh: dict[type[m.RecordModel], tuple[list[dict[str, Any]], Allocator]] = {}

    # --- shared -----------------------------------------------------------------------------

    def stamp(self, record: dict[str, Any]) -> dt.datetime:
        if self.version >= 2:
            stamp = parse_time(record["updated_at"])
            assert stamp is not None
            return stamp
        return self.v1_stamp

    def uid(self, record: dict[str, Any]) -> str:
        return record["uid"] if self.version >= 2 else m.new_uid()

    def local_by_uid(self, model: type[m.RecordModel], uid: str) -> dict[str, Any] | None:
        return model.select().where(model.uid == uid).dicts().first() if self.version >= 2 else None

    def upsert(
        self,
        model: type[m.RecordModel],
        record: dict[str, Any],
        values: dict[str, Any],
        local: dict[str, Any] | None,
        kind: str,
    ) -> int:
        """Insert the record (gathered, written before the meetings' rows), or keep the copy
        changed last; returns the database's id."""
        if local is None:
            if model not in self.fresh:
                self.fresh[model] = ([], Allocator(model))
            rows, ids = self.fresh[model]
            row_id = ids.take()
            row = {"id": row_id, "uid": self.uid(record), "updated_at": self.stamp(record)}
            if "created_at" in model._meta.fields:
                row["created_at"] = self.now
            row.update(values)
            for name, field in model._meta.fields.items():  # what peewee's insert would add
                if name not in row and field.default is not None:
                    row[name] = field.default() if callable(field.default) else field.default
            rows.append(row)
            self.counts[f"{kind} added"] += 1
            return row_id
        if merge_row(model, local["id"], local, values, self.stamp(record)):
            self.counts[f"{kind} updated"] += 1
        return int(local["id"])

    # --- sections -----------------------------------------------------------------------------

    def add(self, section: str, record: dict[str, Any]) -> None:
        getattr(self, f"_{section}")(record)

    def _programmes(self, p: dict[str, Any]) -> None:
        if self.version >= 2 and p["uid"] in self.tombstoned:
            self.programmes[p["id"]] = None
            return
        values = {"name": p["name"], "sponsor": p.get("sponsor", ""), "notes": p.get("notes", "")}
        local = self.local_by_uid(m.Programme, p["uid"]) if self.version >= 2 else (
            m.Programme.select().where(m.Programme.name == p["name"]).order_by(m.Programme.id)
            .dicts().first()
        )  # fmt: skip
        if self.version < 2 and local is not None:
            self.programmes[p["id"]] = local["id"]
            return
        self.programmes[p["id"]] = self.upsert(m.Programme, p, values, local, "programme")

    def _sets(self, s: dict[str, Any]) -> None:
        self.meetings.add_set(s)

    def _questions(self, q: dict[str, Any]) -> None:
        index = self._questions_here()
        fav, archived, uses = q.get("favourite", False), q.get("archived", False), q.get("uses", 0)
        key = (q["text"], q["category"])
        if q.get("builtin"):
            found = index["keys"].get(q.get("builtin_key")) or index["builtin"].get(key)
        elif self.version >= 2:
            if q["uid"] in self.tombstoned:
                self.questions[q["id"]] = None
                return
            local = index["uids"].get(q["uid"])
            values = {
                "text": q["text"], "category": q["category"], "tags": "\n".join(q.get("tags", [])),
                "favourite": fav, "archived": archived, "uses": uses,
            }  # fmt: skip
            self.questions[q["id"]] = self.upsert(m.Question, q, values, local, "question")
            return
        else:
            found = index["any"].get(key)
        if found is None:
            builtin_key = q.get("builtin_key") if q.get("builtin") else None
            values = {
                "text": q["text"], "category": q["category"], "tags": "\n".join(q.get("tags", [])),
                "favourite": fav, "builtin": bool(q.get("builtin")), "archived": archived,
                "uses": uses,
                "builtin_key": builtin_key if builtin_key not in index["keys"] else None,
            }  # fmt: skip
            self.questions[q["id"]] = self.upsert(m.Question, q, values, None, "question")
            return
        # what the coach did is never lowered: a favourite stays one, uses take the larger count
        raised = {"favourite": found["favourite"] or fav, "uses": max(found["uses"], uses)}
        if any(found[k] != v for k, v in raised.items()):
            m.Question.update(**raised).where(m.Question.id == found["id"]).execute()
            self.counts["question updated"] += 1
        self.questions[q["id"]] = found["id"]

    def _questions_here(self) -> dict[str, Any]:
        if self._question_index is None:
            index: dict[str, Any] = {"uids": {}, "keys": {}, "builtin": {}, "any": {}}
            Q = m.Question
            for row in Q.select().order_by(Q.builtin, Q.id.desc()).dicts():
                index["uids"][row["uid"]] = row
                if row["builtin_key"] is not None:
                    index["keys"][row["builtin_key"]] = row
                if row["builtin"]:
                    index["builtin"].setdefault((row["text"], row["category"]), row)
                index["any"][(row["text"], row["category"])] = row  # built-in ones win the key
            self._question_index = index
        return self._question_index

    def _agenda_templates(self, t: dict[str, Any]) -> None:
        T = m.AgendaTemplate
        if self.version >= 2 and t["uid"] in self.tombstoned:
            return
        if t.get("builtin_key") and T.select().where(T.builtin_key == t["builtin_key"]).exists():
            return
        phases = [{"name": p["name"], "minutes": p["minutes"]} for p in t["phases"]]
        values = {"name": t["name"], "phases": json.dumps(phases, ensure_ascii=False)}
        local = self.local_by_uid(T, t["uid"]) if self.version >= 2 else None
        if local is None:
            key = (t["name"], _phases_key(t["phases"]))
            for name, stored in T.select(T.name, T.phases).where(T.name == t["name"]).tuples():
                if (name, _phases_key(json.loads(stored))) == key:
                    return
        elif json.loads(local["phases"]) == phases:
            values["phases"] = local["phases"]  # the same phases, however the JSON is spaced
        self.upsert(T, t, values, local, "agenda template")

    def _meetings(self, meeting: dict[str, Any]) -> None:
        self.meetings.add_meeting(meeting)

    def _tombstones(self, t: dict[str, Any]) -> None:
        if t["uid"] in self.tombstoned:  # deleted here too: nothing to do
            return
        deleted_at = parse_time(t["deleted_at"])
        m.Tombstone.insert(
            uid=t["uid"], kind=t["kind"], deleted_at=deleted_at
        ).on_conflict_ignore().execute()
        model = _TOMBSTONE_MODELS[t["kind"]]
        if model.delete().where(model.uid == t["uid"]).execute():
            self.counts["deleted"] += 1

    # --- the end --------------------------------------------------------------------------------

    def write_fresh(self) -> None:
        """Write the gathered new programmes, sets, members, questions and templates."""
        for model, (rows, _) in self.fresh.items():
            shapes: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
            for row in rows:
                shapes.setdefault(tuple(row), []).append(tuple(row.values()))
            for names, values in shapes.items():
                bulk_insert(model, [model._meta.fields[name] for name in names], values)
            rows.clear()

    def finish(self, fields: dict[str, Any]) -> str:
        self.write_fresh()
        self.meetings.finish()
        coach = fields.get("coach") or {}
        current = coach_profile()
        if coach and not (current.get("name") or current.get("credentials")):
            set_setting("coach.name", coach.get("name", ""))
            set_setting("coach.credentials", coach.get("credentials", ""))
        return self.sentence()

    def sentence(self) -> str:
        """What happened, e.g. "12 meetings added, 40 already here, 2 updated"."""
        c = self.counts
        parts = [
            _plural(c["meeting added"], "meeting") + " added",
            f"{c['meeting already here']:,} already here",
            f"{c['meeting updated']:,} updated",
        ]
        if c["meeting left out"]:
            parts.append(f"{c['meeting left out']:,} left out (deleted here)")
        extras = []
        if c["set added"]:
            extras.append(_plural(c["set added"], "set") + " added")
        if c["question added"]:
            extras.append(_plural(c["question added"], "question") + " added")
        if c["deleted"]:
            extras.append(_plural(c["deleted"], "record") + " deleted as in the archive")
        return ", ".join(parts) + ("; " + ", ".join(extras) if extras else "")
