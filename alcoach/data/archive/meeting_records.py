"""A meeting's records in an archive, as records of the record spec's kinds with links by uid
(alcoach.data.record_spec): what alcoach.data.archive.merge hands to the merge one by one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Protocol

from alcoach.data import models as m
from alcoach.data.archive.writer import parse_time


class MergeState(Protocol):
    version: int
    members: dict[str, str | None]
    questions: dict[str, str | None]
    meetings: dict[str, str | None]

    def uid(self, record: dict[str, Any]) -> str: ...

    def one_per(
        self, kind: str, parent_uid: str, values: dict[str, Any], record: dict[str, Any]
    ) -> str: ...


Record = tuple[str, dict[str, Any], dict[str, Any], str]
_LISTS = (
    ("pause", "pauses"), ("problem_statement", "problem_statements"),
    ("problem_poll", "problem_polls"), ("tally", "tallies"), ("feedback", "feedback"),
    ("learning", "learnings"),
)  # fmt: skip
_ONE_PER = {"attendance", "problem_poll", "feedback", "rating"}
_MEMBER_REQUIRED = {"attendance", "problem_poll", "feedback", "rating", "tally"}


def _member(state: MergeState, archive_id: str | None) -> str | None:
    return None if archive_id is None else state.members.get(archive_id)


def _values(state: MergeState, kind: str, r: dict[str, Any], meeting: str) -> dict[str, Any]:
    member = _member(state, r.get("member"))
    if kind == "pause":
        return {
            "meeting": meeting,
            "start": parse_time(r["start"]),
            "end": parse_time(r.get("end")),
        }
    if kind == "problem_statement":
        return {"meeting": meeting, "kind": r["kind"], "member": member, "text": r["text"],
                "round": r.get("round", 1),
                "created_at": parse_time(r.get("created_at"))}  # fmt: skip
    if kind == "problem_poll":
        return {"meeting": meeting, "round": r["round"], "member": member, "vote": r["vote"]}
    if kind == "tally":
        return {"meeting": meeting, "member": member, "kind": r["kind"],
                "at": parse_time(r.get("at")) or m.utc_now(),
                "note": r.get("note", "")}  # fmt: skip
    if kind == "feedback":
        return {"meeting": meeting, "member": member, "skill": r.get("skill", ""),
                "strengths": r.get("strengths", ""), "suggestions": r.get("suggestions", ""),
                "self_assessment": r.get("self_assessment", ""),
                "coach_notes": r.get("coach_notes", "")}  # fmt: skip
    if kind == "attendance":
        return {"meeting": meeting, "member": member, "attended": r.get("attended", True),
                "presenter": r.get("presenter", False)}  # fmt: skip
    return {"meeting": meeting, "level": r["level"], "member": member, "text": r["text"],
            "application": r.get("application", "")}  # fmt: skip


def action_values(state: MergeState, r: dict[str, Any], meeting: str) -> dict[str, Any]:
    due = r.get("due")
    reported = r.get("reported_in")
    values = {
        "meeting": meeting, "owner": _member(state, r.get("owner")), "text": r["text"],
        "due": dt.date.fromisoformat(due) if due is not None else None, "status": r["status"],
        "report_back": r.get("report_back", ""),
        "reported_in": state.meetings.get(reported) if reported is not None else None,
    }  # fmt: skip
    if reported is not None and reported not in state.meetings:
        values["reported_later"] = True  # a later meeting: merged at the end
    return values


def _attendance(state: MergeState, mt: dict[str, Any]) -> list[dict[str, Any]]:
    if state.version >= 2:
        return mt.get("attendance", [])
    attending, presenting = set(mt.get("attendees", [])), set(mt.get("presenters", []))
    return [
        {"member": member, "attended": member in attending, "presenter": member in presenting}
        for member in dict.fromkeys([*mt.get("attendees", []), *mt.get("presenters", [])])
    ]


def _uid(state: MergeState, kind: str, r: dict[str, Any], parent: str, values: dict) -> str:
    if kind in _ONE_PER:
        return state.one_per(kind, parent, values, r)
    return state.uid(r)


def meeting_records(
    state: MergeState, mt: dict[str, Any], meeting: str, new: bool
) -> Iterator[Record]:
    """The meeting's records, parents first; `new`: the meeting was just added (its phases keep
    the archive's order as their positions)."""
    phases: list[str] = []
    for i, r in enumerate(mt.get("phases", [])):
        uid = state.uid(r)
        phases.append(uid)
        values = {"meeting": meeting, "position": i if new else None, "name": r["name"],
                  "planned_minutes": r["planned_minutes"],
                  "started_at": parse_time(r.get("started_at")),
                  "ended_at": parse_time(r.get("ended_at"))}  # fmt: skip
        yield "phase", r, values, uid
    lists = [("attendance", _attendance(state, mt)), *((k, mt.get(key, [])) for k, key in _LISTS)]
    for kind, records in lists:
        for r in records:
            values = _values(state, kind, r, meeting)
            if kind in _MEMBER_REQUIRED and values["member"] is None:
                continue  # the member was deleted here
            yield kind, r, values, _uid(state, kind, r, meeting, values)
    for item in mt.get("interventions", []):
        uid = state.uid(item)
        phase = item.get("phase")
        question = item.get("question")
        values = {
            "meeting": meeting, "at": parse_time(item["at"]),
            "offset_seconds": item.get("offset_seconds", 0),
            "phase": phases[phase] if phase is not None else None,
            "category": item.get("category", "other"), "text": item["text"],
            "question": state.questions.get(question) if question is not None else None,
            "response": item.get("response", ""),
            "members": [x for x in dict.fromkeys(item.get("members", [])) if x in state.members],
        }  # fmt: skip
        values["members"] = [state.members[x] for x in values["members"]]
        yield "intervention", item, values, uid
        for rating in item.get("ratings", []):
            member = _member(state, rating["member"])
            if member is None:
                continue
            rv = {"intervention": uid, "member": member, "score": rating["score"]}
            yield "rating", rating, rv, state.one_per("rating", uid, rv, rating)
    for action in mt.get("actions", []):
        yield "action", action, action_values(state, action, meeting), state.uid(action)
