"""Merging the records of a meeting the database already holds (a version-2 archive only: a
version-1 meeting found by its content is skipped whole): each record is found by its uid, or by
what it is about, and the copy changed last is kept; new records join the gathered rows."""

from __future__ import annotations

from typing import Any

from alcoach.data import models as m
from alcoach.data.archive.children import (
    CHILD_KINDS,
    ChildContext,
    intervention_values,
    row,
    values_of,
)
from alcoach.data.archive.writer import merge_row

# Records found by what they are about when their uid is new here (one per member, or per
# member and round): two machines may each have made one.
_NATURAL: dict[str, tuple[str, ...]] = {
    "attendance": ("member",),
    "feedback": ("member",),
    "poll": ("round", "member"),
    "rating": ("member",),
}
_LISTS = {
    "attendance": "attendance", "pause": "pauses", "statement": "problem_statements",
    "poll": "problem_polls", "tally": "tallies", "feedback": "feedback", "learning": "learnings",
}  # fmt: skip


class _Existing:
    def __init__(self, ctx: ChildContext, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        self.ctx, self.rows = ctx, rows
        self.merge = ctx.merge
        self.changed = False

    def records(
        self, kind: str, records: list[dict[str, Any]], parent: str, parent_id: int
    ) -> None:
        """Merge one kind of record under one parent (the meeting, or an intervention)."""
        model = CHILD_KINDS[kind][0]
        here = list(model.select().where(getattr(model, parent) == parent_id).dicts())
        by_uid = {r["uid"]: r for r in here}
        natural = _NATURAL.get(kind)
        by_key = {tuple(r[k] for k in natural): r for r in here} if natural else {}
        for record in records:
            if record["uid"] in self.merge.tombstoned:
                continue
            values = values_of(self.ctx, kind, record)
            if values is None:
                continue
            local = by_uid.get(record["uid"])
            if local is None and natural:
                local = by_key.get(tuple(values[k] for k in natural))
            stamp = self.merge.stamp(record)
            if local is not None:
                self.changed |= merge_row(model, local["id"], local, values, stamp)
                continue
            if kind == "learning":
                values["created_at"] = self.merge.now
            self.rows[kind].append(row(kind, values, (record["uid"], stamp, parent_id)))
            self.changed = True

    def phases(self, records: list[dict[str, Any]]) -> list[int | None]:
        mid = self.ctx.meeting_id
        here = {r["uid"]: r for r in m.Phase.select().where(m.Phase.meeting == mid).dicts()}
        position = max((r["position"] for r in here.values()), default=-1) + 1
        ids: list[int | None] = []
        for record in records:
            if record["uid"] in self.merge.tombstoned:
                ids.append(None)
                continue
            values = values_of(self.ctx, "phase", record)
            assert values is not None
            stamp = self.merge.stamp(record)
            local = here.get(record["uid"])
            if local is not None:
                ids.append(local["id"])
                self.changed |= merge_row(m.Phase, local["id"], local, values, stamp)
                continue
            pid = self.ctx.ids["phase"].take()
            ids.append(pid)
            values["position"] = position
            position += 1
            self.rows["phase"].append(row("phase", values, (pid, record["uid"], stamp, mid)))
            self.changed = True
        return ids

    def interventions(self, records: list[dict[str, Any]], phase_ids: list[int | None]) -> None:
        ctx, mid = self.ctx, self.ctx.meeting_id
        IV, IM = m.Intervention, m.InterventionMember
        here = {r["uid"]: r for r in IV.select().where(IV.meeting == mid).dicts()}
        for item in records:
            if item["uid"] in self.merge.tombstoned:
                continue
            values = intervention_values(ctx, item, phase_ids)
            stamp = self.merge.stamp(item)
            members = [
                ctx.members[x] for x in dict.fromkeys(item.get("members", []))
                if ctx.members.get(x) is not None
            ]  # fmt: skip
            local = here.get(item["uid"])
            if local is None:
                iid = ctx.ids["intervention"].take()
                values["added_afterwards"] = False
                self.rows["intervention"].append(
                    row("intervention", values, (iid, item["uid"], stamp, mid))
                )
                self.rows["addressed"].extend((iid, member) for member in members)
                self.changed = True
            else:
                iid = local["id"]
                self.changed |= merge_row(IV, iid, local, values, stamp)
                if stamp > local["updated_at"]:
                    query = IM.select(IM.member).where(IM.intervention == iid).order_by(IM.id)
                    if [member for (member,) in query.tuples()] != members:
                        IM.delete().where(IM.intervention == iid).execute()
                        self.rows["addressed"].extend((iid, member) for member in members)
                        self.changed = True
            self.records("rating", item.get("ratings", []), "intervention", iid)

    def actions(self, records: list[dict[str, Any]]) -> None:
        ctx, mid = self.ctx, self.ctx.meeting_id
        here = {r["uid"]: r for r in m.Action.select().where(m.Action.meeting == mid).dicts()}
        for action in records:
            if action["uid"] in self.merge.tombstoned:
                continue
            values = values_of(ctx, "action", action)
            assert values is not None
            stamp = self.merge.stamp(action)
            local = here.get(action["uid"])
            reported = action.get("reported_in")
            action_id = local["id"] if local is not None else ctx.ids["action"].take()
            if reported is None:
                values["reported_in"] = None
            elif reported in ctx.meetings:
                values["reported_in"] = ctx.meetings[reported]
            else:
                ctx.pending_reports.append((action_id, reported))  # a later meeting
                if local is None:
                    values["reported_in"] = None
            if local is not None:
                self.changed |= merge_row(m.Action, action_id, local, values, stamp)
                continue
            values["created_at"] = self.merge.now
            head = (action_id, action["uid"], stamp, mid)
            self.rows["action"].append(row("action", values, head))
            self.changed = True


def merge_children(
    ctx: ChildContext, mt: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]
) -> bool:
    """Merge a held meeting's records; True when anything was added or updated."""
    existing = _Existing(ctx, rows)
    phase_ids = existing.phases(mt.get("phases", []))
    for kind, key in _LISTS.items():
        existing.records(kind, mt.get(key, []), "meeting", ctx.meeting_id)
    existing.interventions(mt.get("interventions", []), phase_ids)
    existing.actions(mt.get("actions", []))
    return existing.changed
