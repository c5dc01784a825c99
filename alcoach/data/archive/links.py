"""The links inside an archive, checked record by record: every id points at a record of the
right kind, members belong to the meeting's set, no id or uid is used twice."""

from __future__ import annotations

from typing import Any

from alcoach.errors import ArchiveError


def _refuse(path: str, message: str) -> ArchiveError:
    return ArchiveError(f"{path}: {message}")


def _shown(value: str) -> str:
    return value if len(value) <= 60 else f"{value[:59]}…"


# The kind each list of records holds, as tombstones name it.
_SECTION_KINDS = {
    "programmes": "programme", "sets": "set", "questions": "question",
    "agenda_templates": "agenda_template", "conflicts": "conflict", "attendance": "attendance",
    "pauses": "pause", "phases": "phase", "problem_statements": "problem_statement",
    "problem_polls": "problem_poll", "interventions": "intervention", "tallies": "tally",
    "feedback": "feedback", "actions": "action", "learnings": "learning", "consents": "consent",
    "erasures": "erasure",
    "hours_entries": "hours_entry", "targets": "target",
}  # fmt: skip


class _Ids:
    """Ids seen so far for one kind of record; a second use of an id is refused."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.seen: dict[str, Any] = {}

    def add(self, path: str, value: str, payload: Any = None) -> None:
        if value in self.seen:
            raise _refuse(path, f'the {self.kind} id "{_shown(value)}" is used twice')
        self.seen[value] = payload


class Links:
    """Fed each checked record in SECTIONS order; `finish()` checks what could point forward
    (an action reported in a later meeting)."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.programmes = _Ids("programme")
        self.sets = _Ids("set")
        self.members = _Ids("member")
        self.questions = _Ids("question")
        self.templates = _Ids("agenda template")
        self.meetings = _Ids("meeting")
        self.actions = _Ids("action")
        self.hours = _Ids("hours entry")
        self.targets = _Ids("target")
        self.uids: set[str] = set()
        self.reported: list[tuple[str, str, str]] = []  # (path, meeting id, the action's set)
        # uid -> (kind, lifted, path) of every tombstone (they come first)
        self.tombstones: dict[str, tuple[str, bool, str]] = {}

    def _uid(self, path: str, record: dict[str, Any], kind: str) -> None:
        if self.version < 2:
            return
        uid = record["uid"]
        if uid in self.uids:
            raise _refuse(f"{path}.uid", f'the uid "{_shown(uid)}" is used twice')
        self.uids.add(uid)
        tomb = self.tombstones.get(uid)
        if tomb is None:
            return
        tomb_kind, lifted, tomb_path = tomb
        if tomb_kind != kind:
            raise _refuse(
                f"{tomb_path}.kind",
                f'the tombstone names a {tomb_kind}, but "{_shown(uid)}" is a {kind} ({path})',
            )
        if not lifted:
            raise _refuse(f"{path}.uid", f'the uid "{_shown(uid)}" is used twice')

    def add(self, section: str, index: int, record: dict[str, Any]) -> None:
        path = f"{section}[{index}]"
        if section == "meetings":
            self._meeting(path, record)
            return
        if section == "tombstones":
            if record["uid"] in self.tombstones:
                raise _refuse(f"{path}.uid", f'the uid "{_shown(record["uid"])}" is used twice')
            self.tombstones[record["uid"]] = (record["kind"], bool(record.get("lifted")), path)
            return
        self._uid(path, record, _SECTION_KINDS[section])
        if section == "programmes":
            self.programmes.add(f"{path}.id", record["id"])
        elif section == "sets":
            self.sets.add(f"{path}.id", record["id"], set())
            programme = record.get("programme")
            if programme is not None and programme not in self.programmes.seen:
                raise _refuse(f"{path}.programme", f'no programme "{_shown(programme)}"')
            for j, member in enumerate(record["members"]):
                self._uid(f"{path}.members[{j}]", member, "member")
                self.members.add(f"{path}.members[{j}].id", member["id"])
                self.sets.seen[record["id"]].add(member["id"])
        elif section == "questions":
            self.questions.add(f"{path}.id", record["id"])
        elif section == "agenda_templates":
            self.templates.add(f"{path}.id", record["id"])
        elif section == "erasures":
            in_set = self.sets.seen.get(record["set"])
            if in_set is None:
                raise _refuse(f"{path}.set", f'no set "{_shown(record["set"])}"')
            if record["member"] not in in_set:
                raise _refuse(
                    f"{path}.member",
                    f'no member "{_shown(record["member"])}" in set "{_shown(record["set"])}"',
                )
        elif section == "consents" and record["member"] not in self.members.seen:
            raise _refuse(f"{path}.member", f'no member "{_shown(record["member"])}"')
        elif section in ("hours_entries", "targets"):
            (self.hours if section == "hours_entries" else self.targets).add(
                f"{path}.id", record["id"]
            )
            programme = record.get("programme")
            if programme is not None and programme not in self.programmes.seen:
                raise _refuse(f"{path}.programme", f'no programme "{_shown(programme)}"')

    def finish(self) -> None:
        for path, reported, set_id in self.reported:
            if self.meetings.seen.get(reported, object()) != set_id:
                raise _refuse(path, f'no meeting "{_shown(reported)}" in set "{_shown(set_id)}"')

    def _meeting(self, where: str, meeting: dict[str, Any]) -> None:
        self._uid(where, meeting, "meeting")
        self.meetings.add(f"{where}.id", meeting["id"], meeting["set"])
        set_id = meeting["set"]
        if set_id not in self.sets.seen:
            raise _refuse(f"{where}.set", f'no set "{_shown(set_id)}"')
        in_set = self.sets.seen[set_id]

        def member(path: str, value: str | None) -> None:
            if value is not None and value not in in_set:
                raise _refuse(path, f'no member "{_shown(value)}" in set "{_shown(set_id)}"')

        def stamped(kind: str) -> list[dict[str, Any]]:
            items = meeting.get(kind, [])
            for j, item in enumerate(items):
                self._uid(f"{where}.{kind}[{j}]", item, _SECTION_KINDS[kind])
            return items

        for key in ("attendees", "presenters"):
            for j, value in enumerate(meeting.get(key, [])):
                member(f"{where}.{key}[{j}]", value)
        came: set[str] = set()
        for j, record in enumerate(stamped("attendance")):
            path = f"{where}.attendance[{j}].member"
            member(path, record["member"])
            if record["member"] in came:
                raise _refuse(path, f'member "{_shown(record["member"])}" is listed twice')
            came.add(record["member"])
        stamped("pauses")
        n_phases = len(stamped("phases"))
        for j, statement in enumerate(stamped("problem_statements")):
            member(f"{where}.problem_statements[{j}].member", statement.get("member"))
        votes: set[tuple[int, str]] = set()
        for j, poll in enumerate(stamped("problem_polls")):
            path = f"{where}.problem_polls[{j}].member"
            member(path, poll["member"])
            if (poll["round"], poll["member"]) in votes:
                raise _refuse(
                    path,
                    f'member "{_shown(poll["member"])}" already voted in round {poll["round"]}',
                )
            votes.add((poll["round"], poll["member"]))
        for j, item in enumerate(stamped("interventions")):
            self._intervention(f"{where}.interventions[{j}]", item, meeting, n_phases, member)
        for j, tally in enumerate(stamped("tallies")):
            member(f"{where}.tallies[{j}].member", tally["member"])
        given: set[str] = set()
        for j, feedback in enumerate(stamped("feedback")):
            path = f"{where}.feedback[{j}].member"
            member(path, feedback["member"])
            if feedback["member"] in given:
                raise _refuse(path, f'a second feedback for member "{_shown(feedback["member"])}"')
            given.add(feedback["member"])
        for j, action in enumerate(stamped("actions")):
            path = f"{where}.actions[{j}]"
            self.actions.add(f"{path}.id", action["id"])
            member(f"{path}.owner", action.get("owner"))
            reported = action.get("reported_in")
            if reported is not None:
                self.reported.append((f"{path}.reported_in", reported, set_id))
        for j, learning in enumerate(stamped("learnings")):
            member(f"{where}.learnings[{j}].member", learning.get("member"))

    def _intervention(
        self, path: str, item: dict[str, Any], meeting: dict[str, Any], n_phases: int, member: Any
    ) -> None:
        phase = item.get("phase")
        if phase is not None and phase >= n_phases:
            raise _refuse(
                f"{path}.phase",
                f'no phase {phase} in meeting "{_shown(meeting["id"])}" (it has {n_phases} phases)',
            )
        question = item.get("question")
        if question is not None and question not in self.questions.seen:
            raise _refuse(f"{path}.question", f'no question "{_shown(question)}"')
        for k, value in enumerate(item.get("members", ())):
            member(f"{path}.members[{k}]", value)
        rated: set[str] = set()
        for k, rating in enumerate(item.get("ratings", ())):
            if self.version >= 2:
                self._uid(f"{path}.ratings[{k}]", rating, "rating")
            member(f"{path}.ratings[{k}].member", rating["member"])
            if rating["member"] in rated:
                raise _refuse(
                    f"{path}.ratings[{k}].member",
                    f'member "{_shown(rating["member"])}" already rated this intervention',
                )
            rated.add(rating["member"])
