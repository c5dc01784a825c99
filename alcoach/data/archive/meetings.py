"""Merging an archive's sets, members and meetings (see merge.py for the rules).

A meeting the database does not hold is added with all its notes in bulk: rows are gathered and
written a few thousand at a time (keys chosen up front, so links are known before writing). A
meeting it holds (same uid) is merged record by record, each kept from the side changed last.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from alcoach.data import models as m
from alcoach.data.archive.children import CHILD_KINDS, ChildContext, MergeState, child_values
from alcoach.data.archive.writer import Allocator, bulk_insert, merge_row, parse_time, taken_uids

_FLUSH_ROWS = 5_000  # more held rows cost memory (5,000: 3x the archive's size) and gain no time


def _meeting_key(set_name: str, date: dt.date, started: dt.datetime | None, title: str) -> tuple:
    return (set_name, date, started) if started is not None else (set_name, date, None, title)


class MeetingMerge:
    def __init__(self, merge: MergeState) -> None:
        self.merge = merge
        self.sets: dict[str, tuple[int, str] | None] = {}  # archive id -> (database id, name)
        self.members: dict[str, int | None] = {}
        self.meetings: dict[str, int | None] = {}
        self.pending_reports: list[tuple[int, str]] = []  # (action id, archive meeting id)
        self.rows: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in CHILD_KINDS}
        self.rows["meeting"] = []
        self.gathered = 0
        self._v1_keys: dict[tuple, int] | None = None
        self.ids = {
            "meeting": Allocator(m.Meeting),
            "phase": Allocator(m.Phase),
            "intervention": Allocator(m.Intervention),
            "action": Allocator(m.Action),
        }

    # --- sets and members -----------------------------------------------------------------------

    def add_set(self, s: dict[str, Any]) -> None:
        merge = self.merge
        S = m.LearningSet
        v2 = merge.version >= 2
        if v2 and s["uid"] in merge.tombstoned:
            self.sets[s["id"]] = None
            for member in s["members"]:
                self.members[member["id"]] = None
            return
        programme = s.get("programme")
        values = {
            "programme": merge.programmes.get(programme) if programme is not None else None,
            "name": s["name"], "cadence": s.get("cadence", ""),
            "ground_rules": s.get("ground_rules", ""), "archived": s.get("archived", False),
        }  # fmt: skip
        if v2:
            local = merge.local_by_uid(S, s["uid"])
        else:
            local = S.select().where(S.name == s["name"]).order_by(S.id).dicts().first()
        if local is not None and not v2:
            set_id = local["id"]
        else:
            set_id = merge.upsert(S, s, values, local, "set")
        self.sets[s["id"]] = (set_id, s["name"])  # (version 1 keys meetings by set name)
        here = {
            (row["uid"] if v2 else row["name"]): row
            for row in m.Member.select().where(m.Member.learning_set == set_id).dicts()
        }
        position = max((row["position"] for row in here.values()), default=-1) + 1
        for member in s["members"]:
            if v2 and member["uid"] in merge.tombstoned:
                self.members[member["id"]] = None
                continue
            values = {
                "name": member["name"], "role": member.get("role", ""),
                "organisation": member.get("organisation", ""),
                "leadership_skill": member.get("leadership_skill", ""),
                "active": member.get("active", True),
            }  # fmt: skip
            found = here.get(member["uid"] if v2 else member["name"])
            if found is not None and not v2:
                self.members[member["id"]] = found["id"]
                continue
            if found is None:
                values["position"] = position
                position += 1
            values["learning_set"] = set_id
            self.members[member["id"]] = merge.upsert(m.Member, member, values, found, "member")

    # --- meetings ---------------------------------------------------------------------------

    def add_meeting(self, mt: dict[str, Any]) -> None:
        merge = self.merge
        counts = merge.counts
        found_set = self.sets.get(mt["set"])
        v2 = merge.version >= 2
        if found_set is None or (v2 and mt["uid"] in merge.tombstoned):
            self.meetings[mt["id"]] = None
            counts["meeting left out"] += 1
            return
        set_id, set_name = found_set
        values = {
            "learning_set": set_id, "date": dt.date.fromisoformat(mt["date"]),
            "title": mt.get("title", ""), "location": mt.get("location", ""),
            "planned_minutes": mt.get("planned_minutes"),
            "started_at": parse_time(mt.get("started_at")),
            "ended_at": parse_time(mt.get("ended_at")), "coach_notes": mt.get("coach_notes", ""),
        }  # fmt: skip
        if not v2:
            key = _meeting_key(set_name, values["date"], values["started_at"], values["title"])
            held = self._keys_here().get(key)
            if held is not None:
                self.meetings[mt["id"]] = held  # an action may be reported in it
                counts["meeting already here"] += 1
                return
        local = merge.local_by_uid(m.Meeting, mt["uid"]) if v2 else None
        if local is not None:
            self.meetings[mt["id"]] = local["id"]
            self.flush()  # the meeting's earlier rows are written before they are compared
            changed = merge_row(m.Meeting, local["id"], local, values, merge.stamp(mt))
            changed |= self._merge_children(local["id"], mt)
            counts["meeting updated" if changed else "meeting already here"] += 1
            return
        meeting_id = self.ids["meeting"].take()
        self.meetings[mt["id"]] = meeting_id
        self.rows["meeting"].append((
            meeting_id, merge.uid(mt), merge.stamp(mt), *(values[f] for f in _MEETING_FIELDS),
            merge.now,
        ))  # fmt: skip
        self._gather_children(meeting_id, mt)
        counts["meeting added"] += 1

    def _keys_here(self) -> dict[tuple, int]:
        """The meetings held before this import, by their version-1 key."""
        if self._v1_keys is None:
            mt, s = m.Meeting, m.LearningSet
            query = mt.select(mt.id, s.name, mt.date, mt.started_at, mt.title).join(s).tuples()
            self._v1_keys = {}
            for meeting_id, *key in query.order_by(mt.id):
                self._v1_keys.setdefault(_meeting_key(*key), meeting_id)
        return self._v1_keys

    def _context(self, meeting_id: int) -> ChildContext:
        return ChildContext(
            meeting_id=meeting_id, members=self.members, questions=self.merge.questions,
            meetings=self.meetings, merge=self.merge, ids=self.ids,
            pending_reports=self.pending_reports,
        )  # fmt: skip

    def _gather_children(self, meeting_id: int, mt: dict[str, Any]) -> None:
        ctx = self._context(meeting_id)
        for kind, rows in child_values(ctx, mt, start_position=0):
            self.rows[kind].extend(rows)
            self.gathered += len(rows)
        if self.gathered >= _FLUSH_ROWS:
            self.flush()

    def _merge_children(self, meeting_id: int, mt: dict[str, Any]) -> bool:
        from alcoach.data.archive.existing import merge_children

        return merge_children(self._context(meeting_id), mt, self.rows)

    def flush(self) -> None:
        """Write the gathered rows, parents first (the keys were chosen when they were read)."""
        self.merge.write_fresh()  # the sets, members and questions the rows point at
        if self.merge.version >= 2:
            self._fresh_uids()
        meeting = m.Meeting
        bulk_insert(
            meeting,
            (meeting.id, meeting.uid, meeting.updated_at,
             *(getattr(meeting, f) for f in _MEETING_FIELDS), meeting.created_at),
            self.rows["meeting"],
        )  # fmt: skip
        self.rows["meeting"] = []
        for kind, (model, fields) in CHILD_KINDS.items():
            bulk_insert(model, [getattr(model, f) for f in fields], self.rows[kind])
            self.rows[kind] = []
        self.gathered = 0

    def _fresh_uids(self) -> None:
        """A new row whose uid the database already holds elsewhere gets a new one."""
        models = {"meeting": (m.Meeting, ("id", "uid")), **CHILD_KINDS}
        for kind, (model, fields) in models.items():
            rows = self.rows[kind]
            if not rows or "uid" not in fields:
                continue
            at = list(fields).index("uid")
            taken = taken_uids(model, [row[at] for row in rows])
            if taken:
                self.rows[kind] = [
                    (*row[:at], m.new_uid(), *row[at + 1 :]) if row[at] in taken else row
                    for row in rows
                ]

    def finish(self) -> None:
        self.flush()
        for action_id, reported in self.pending_reports:
            target = self.meetings.get(reported)
            if target is not None:
                m.Action.update(reported_in=target, updated_at=m.Action.updated_at).where(
                    m.Action.id == action_id
                ).execute()


_MEETING_FIELDS = (
    "learning_set", "date", "title", "location", "planned_minutes", "started_at", "ended_at",
    "coach_notes",
)  # fmt: skip
