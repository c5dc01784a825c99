"""A meeting's records in an archive, as rows: gathered for a new meeting, merged for one the
database holds (each record by its uid, or by what it is about: a member's attendance or
feedback, a member's vote in a round, a member's rating of an intervention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple, Protocol

from alcoach.data import models as m
from alcoach.data.archive.writer import Allocator, parse_time


class MergeState(Protocol):
    """What the meeting parts of a merge use of it (alcoach.data.archive.merge.ArchiveMerge),
    named here so that they need not import the module that imports them."""

    version: int
    now: dt.datetime
    counts: Any  # a Counter of what happened, by kind
    tombstoned: set[str]
    programmes: dict[str, int | None]
    questions: dict[str, int | None]

    def stamp(self, record: dict[str, Any]) -> dt.datetime: ...

    def uid(self, record: dict[str, Any]) -> str: ...

    def local_by_uid(self, model: type[m.RecordModel], uid: str) -> dict[str, Any] | None: ...

    def upsert(
        self,
        model: type[m.RecordModel],
        record: dict[str, Any],
        values: dict[str, Any],
        local: dict[str, Any] | None,
        kind: str,
    ) -> int: ...

    def write_fresh(self) -> None: ...

# Each table's columns in the order its gathered rows hold them; parents before children.
CHILD_KINDS: dict[str, tuple[type[m.RecordModel], tuple[str, ...]]] = {
    "phase": (m.Phase, ("id", "uid", "updated_at", "meeting", "position", "name",
                        "planned_minutes", "started_at", "ended_at")),
    "pause": (m.Pause, ("uid", "updated_at", "meeting", "start", "end")),
    "attendance": (m.Attendance, ("uid", "updated_at", "meeting", "member", "attended",
                                  "presenter")),
    "statement": (m.ProblemStatement, ("uid", "updated_at", "meeting", "kind", "member", "text",
                                       "round", "created_at")),
    "poll": (m.ProblemPoll, ("uid", "updated_at", "meeting", "round", "member", "vote")),
    "intervention": (m.Intervention, ("id", "uid", "updated_at", "meeting", "at",
                                      "offset_seconds", "phase", "category", "text", "question",
                                      "response", "added_afterwards")),
    "addressed": (m.InterventionMember, ("intervention", "member")),
    "rating": (m.Rating, ("uid", "updated_at", "intervention", "member", "score")),
    "tally": (m.Tally, ("uid", "updated_at", "meeting", "member", "kind", "at", "note")),
    "feedback": (m.Feedback, ("uid", "updated_at", "meeting", "member", "skill", "strengths",
                              "suggestions", "self_assessment", "coach_notes")),
    "action": (m.Action, ("id", "uid", "updated_at", "meeting", "owner", "text", "due", "status",
                          "report_back", "reported_in", "created_at")),
    "learning": (m.Learning, ("uid", "updated_at", "meeting", "level", "member", "text",
                              "application", "created_at")),
}  # fmt: skip


class ChildContext(NamedTuple):
    meeting_id: int
    members: dict[str, int | None]
    questions: dict[str, int | None]
    meetings: dict[str, int | None]
    merge: MergeState
    ids: dict[str, Allocator]
    pending_reports: list[tuple[int, str]]


def _opt(mapping: dict[str, int | None], key: str | None) -> int | None:
    return None if key is None else mapping.get(key)


def values_of(ctx: ChildContext, kind: str, r: dict[str, Any]) -> dict[str, Any] | None:
    """The record's content as column values; None when it must be left out (its member was
    deleted here)."""
    now = ctx.merge.now
    if kind == "phase":
        return {"name": r["name"], "planned_minutes": r["planned_minutes"],
                "started_at": parse_time(r.get("started_at")),
                "ended_at": parse_time(r.get("ended_at"))}  # fmt: skip
    if kind == "pause":
        return {"start": parse_time(r["start"]), "end": parse_time(r.get("end"))}
    if kind == "statement":
        return {"kind": r["kind"], "member": _opt(ctx.members, r.get("member")), "text": r["text"],
                "round": r.get("round", 1),
                "created_at": parse_time(r.get("created_at")) or now}  # fmt: skip
    if kind == "learning":
        return {"level": r["level"], "member": _opt(ctx.members, r.get("member")),
                "text": r["text"], "application": r.get("application", "")}  # fmt: skip
    if kind == "action":
        due = r.get("due")
        return {"owner": _opt(ctx.members, r.get("owner")), "text": r["text"],
                "due": dt.date.fromisoformat(due) if due is not None else None,
                "status": r["status"], "report_back": r.get("report_back", "")}  # fmt: skip
    member = ctx.members.get(r["member"])
    if member is None:
        return None
    if kind == "attendance":
        return {"member": member, "attended": r.get("attended", True),
                "presenter": r.get("presenter", False)}  # fmt: skip
    if kind == "poll":
        return {"round": r["round"], "member": member, "vote": r["vote"]}
    if kind == "rating":
        return {"member": member, "score": r["score"]}
    if kind == "tally":
        return {"member": member, "kind": r["kind"], "at": parse_time(r.get("at")) or now,
                "note": r.get("note", "")}  # fmt: skip
    return {"member": member, "skill": r.get("skill", ""), "strengths": r.get("strengths", ""),
            "suggestions": r.get("suggestions", ""),
            "self_assessment": r.get("self_assessment", ""),
            "coach_notes": r.get("coach_notes", "")}  # fmt: skip


def intervention_values(
    ctx: ChildContext, item: dict[str, Any], phase_ids: list[int | None]
) -> dict[str, Any]:
    phase = item.get("phase")
    return {"at": parse_time(item["at"]), "offset_seconds": item.get("offset_seconds", 0),
            "phase": phase_ids[phase] if phase is not None else None,
            "category": item.get("category", "other"), "text": item["text"],
            "question": _opt(ctx.questions, item.get("question")),
            "response": item.get("response", "")}  # fmt: skip


_ARCHIVE_LISTS = {
    "pause": "pauses", "statement": "problem_statements", "poll": "problem_polls",
    "tally": "tallies", "feedback": "feedback", "learning": "learnings",
}  # fmt: skip


def _attendance_records(ctx: ChildContext, mt: dict[str, Any]) -> list[dict[str, Any]]:
    if ctx.merge.version >= 2:
        return mt.get("attendance", [])
    attending, presenting = set(mt.get("attendees", [])), set(mt.get("presenters", []))
    return [
        {"member": member, "attended": member in attending, "presenter": member in presenting}
        for member in dict.fromkeys([*mt.get("attendees", []), *mt.get("presenters", [])])
    ]


def row(kind: str, values: dict[str, Any], head: tuple[Any, ...]) -> tuple[Any, ...]:
    fields = CHILD_KINDS[kind][1]
    return (*head, *(values[f] for f in fields[len(head) :]))


def _reported_in(ctx: ChildContext, action_id: int, action: dict[str, Any]) -> int | None:
    reported = action.get("reported_in")
    if reported is None:
        return None
    if reported in ctx.meetings:
        return ctx.meetings[reported]
    ctx.pending_reports.append((action_id, reported))  # a later meeting: linked at the end
    return None


def child_values(
    ctx: ChildContext, mt: dict[str, Any], start_position: int
) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """The rows of a meeting the database does not hold, by kind."""
    merge, mid = ctx.merge, ctx.meeting_id
    skip = merge.tombstoned if merge.version >= 2 else ()

    def head(r: dict[str, Any]) -> tuple[Any, ...]:
        return (merge.uid(r), merge.stamp(r), mid)

    phase_ids: list[int | None] = []
    phases = []
    for r in mt.get("phases", []):
        if merge.version >= 2 and r["uid"] in skip:
            phase_ids.append(None)
            continue
        pid = ctx.ids["phase"].take()
        phase_ids.append(pid)
        values = {**values_of(ctx, "phase", r), "position": start_position + len(phases)}  # type: ignore[dict-item]
        phases.append(row("phase", values, (pid, *head(r))))
    yield "phase", phases
    yield "attendance", _rows(ctx, "attendance", _attendance_records(ctx, mt), head, skip)
    for kind, key in _ARCHIVE_LISTS.items():
        yield kind, _rows(ctx, kind, mt.get(key, []), head, skip)
    interventions, addressed, ratings = [], [], []
    for item in mt.get("interventions", []):
        if merge.version >= 2 and item["uid"] in skip:
            continue
        iid = ctx.ids["intervention"].take()
        values = {**intervention_values(ctx, item, phase_ids), "added_afterwards": False}
        interventions.append(row("intervention", values, (iid, *head(item))))
        for member in dict.fromkeys(item.get("members", [])):
            if ctx.members.get(member) is not None:
                addressed.append((iid, ctx.members[member]))
        for rating in _rows(ctx, "rating", item.get("ratings", []), head, skip):
            ratings.append((*rating[:2], iid, *rating[3:]))
    yield "intervention", interventions
    yield "addressed", addressed
    yield "rating", ratings
    actions = []
    for action in mt.get("actions", []):
        if merge.version >= 2 and action["uid"] in skip:
            continue
        aid = ctx.ids["action"].take()
        values = {**values_of(ctx, "action", action), "reported_in": _reported_in(ctx, aid, action),  # type: ignore[dict-item]
                  "created_at": merge.now}  # fmt: skip
        actions.append(row("action", values, (aid, *head(action))))
    yield "action", actions


def _rows(
    ctx: ChildContext, kind: str, records: list[dict[str, Any]], head: Any, skip: Any
) -> list[tuple[Any, ...]]:
    rows = []
    for r in records:
        if skip and r["uid"] in skip:
            continue
        values = values_of(ctx, kind, r)
        if values is None:
            continue
        if kind == "learning":
            values["created_at"] = ctx.merge.now
        rows.append(row(kind, values, head(r)))
    return rows
