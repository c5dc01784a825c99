"""Refusing a bad archive before anything is written: header, JSON Schema, then every link.

Each refusal is an ArchiveError whose message names the place, e.g.
`meetings[3].actions[0].owner: no member "s0m9" in set "s0"`.

The schema is checked with jsonschema (Draft 2020-12). The many small items inside meetings first
go through quick checks (quick_checks.py) that accept only what the schema surely accepts;
anything else is handed to jsonschema for the verdict and the message.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import jsonschema

from alcoach.data.archive.quick_checks import QUICK, is_datetime
from alcoach.errors import ArchiveError

SCHEMA_PATH = Path(__file__).resolve().parent / "archive-v1.schema.json"
FORMAT = "alcoach-archive"
VERSION = 1

__all__ = ["check_archive", "format_path", "is_datetime", "load_schema"]


@functools.cache
def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(is_datetime)
    return jsonschema.Draft202012Validator(load_schema(), format_checker=checker)


@functools.cache
def _item_validator(kind: str) -> jsonschema.Draft202012Validator:
    meeting = load_schema()["$defs"]["meeting"]["properties"]
    return _validator().evolve(schema=meeting[kind]["items"])


def format_path(parts: Iterable[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "archive"


def _refuse(path: str, message: str) -> ArchiveError:
    return ArchiveError(f"{path}: {message}")


def check_header(doc: object, name: str) -> None:
    """The right kind of document at the right version, in plain words."""
    if not isinstance(doc, dict):
        kind = {list: "a list", str: "a string"}.get(type(doc), "a single value")
        raise ArchiveError(f"{name} is not an alcoach archive (it holds {kind}, not an object).")
    fmt = doc.get("format")
    if fmt != FORMAT:
        shown = "no format" if fmt is None else f"format {json.dumps(fmt, ensure_ascii=False)}"
        raise ArchiveError(f"{name} is not an alcoach archive (it has {shown}).")
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version != VERSION:
        raise ArchiveError(
            f"{name} is an archive of version {version}; this alcoach reads version {VERSION}."
        )


# --- schema -----------------------------------------------------------------------------------


def _first_error(errors: Iterable[jsonschema.ValidationError], prefix: list[str | int]) -> None:
    for error in errors:
        path = format_path([*prefix, *error.absolute_path])
        raise _refuse(path, error.message)


def check_schema(doc: dict[str, Any]) -> None:
    """Raise ArchiveError for the first place where the document breaks the schema."""
    meetings = doc.get("meetings")
    heavy: list[tuple[int, str, list[Any]]] = []
    light = doc
    if type(meetings) is list:
        light_meetings = []
        for i, meeting in enumerate(meetings):
            if type(meeting) is dict:
                meeting = dict(meeting)
                for kind in QUICK:
                    if type(meeting.get(kind)) is list:
                        heavy.append((i, kind, meeting[kind]))
                        meeting[kind] = []
            light_meetings.append(meeting)
        light = {**doc, "meetings": light_meetings}
    _first_error(_validator().iter_errors(light), [])
    for i, kind, items in heavy:
        quick = QUICK[kind]
        for j, item in enumerate(items):
            if not quick(item):
                _first_error(_item_validator(kind).iter_errors(item), ["meetings", i, kind, j])


# --- links ------------------------------------------------------------------------------------


class _Ids:
    """Ids seen so far for one kind of record; a second use of an id is refused."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.seen: dict[str, Any] = {}

    def add(self, path: str, value: str, payload: Any = None) -> None:
        if value in self.seen:
            raise _refuse(path, f'the {self.kind} id "{value}" is used twice')
        self.seen[value] = payload


def check_references(doc: dict[str, Any]) -> None:
    """Every id points at a record of the right kind, and members belong to the meeting's set."""
    programmes = _Ids("programme")
    for i, programme in enumerate(doc.get("programmes", [])):
        programmes.add(f"programmes[{i}].id", programme["id"])
    sets = _Ids("set")
    members = _Ids("member")
    for i, learning_set in enumerate(doc["sets"]):
        sets.add(f"sets[{i}].id", learning_set["id"], set())
        programme = learning_set.get("programme")
        if programme is not None and programme not in programmes.seen:
            raise _refuse(f"sets[{i}].programme", f'no programme "{programme}"')
        for j, member in enumerate(learning_set["members"]):
            members.add(f"sets[{i}].members[{j}].id", member["id"])
            sets.seen[learning_set["id"]].add(member["id"])
    questions = _Ids("question")
    for i, question in enumerate(doc["questions"]):
        questions.add(f"questions[{i}].id", question["id"])
    templates = _Ids("agenda template")
    for i, template in enumerate(doc.get("agenda_templates", [])):
        templates.add(f"agenda_templates[{i}].id", template["id"])
    meetings = _Ids("meeting")
    for i, meeting in enumerate(doc["meetings"]):
        meetings.add(f"meetings[{i}].id", meeting["id"], meeting["set"])
        if meeting["set"] not in sets.seen:
            raise _refuse(f"meetings[{i}].set", f'no set "{meeting["set"]}"')
    actions = _Ids("action")
    for i, meeting in enumerate(doc["meetings"]):
        _check_meeting(f"meetings[{i}]", meeting, sets.seen[meeting["set"]], questions.seen,
                       meetings.seen, actions)


def _check_meeting(
    where: str, meeting: dict[str, Any], in_set: set[str], questions: dict[str, Any],
    meetings: dict[str, Any], actions: _Ids,
) -> None:
    set_id = meeting["set"]

    def member(path: str, value: str | None) -> None:
        if value is not None and value not in in_set:
            raise _refuse(path, f'no member "{value}" in set "{set_id}"')

    for key in ("attendees", "presenters"):
        for j, value in enumerate(meeting.get(key, [])):
            member(f"{where}.{key}[{j}]", value)
    for j, statement in enumerate(meeting.get("problem_statements", [])):
        member(f"{where}.problem_statements[{j}].member", statement.get("member"))
    votes: set[tuple[int, str]] = set()
    for j, poll in enumerate(meeting.get("problem_polls", [])):
        path = f"{where}.problem_polls[{j}].member"
        member(path, poll["member"])
        if (poll["round"], poll["member"]) in votes:
            raise _refuse(path, f'member "{poll["member"]}" already voted in round {poll["round"]}')
        votes.add((poll["round"], poll["member"]))
    n_phases = len(meeting.get("phases", []))
    for j, item in enumerate(meeting.get("interventions", [])):
        path = f"{where}.interventions[{j}]"
        phase = item.get("phase")
        if phase is not None and phase >= n_phases:
            raise _refuse(
                f"{path}.phase",
                f'no phase {phase} in meeting "{meeting["id"]}" (it has {n_phases} phases)',
            )
        question = item.get("question")
        if question is not None and question not in questions:
            raise _refuse(f"{path}.question", f'no question "{question}"')
        for k, value in enumerate(item.get("members", ())):
            member(f"{path}.members[{k}]", value)
        rated: set[str] = set()
        for k, rating in enumerate(item.get("ratings", ())):
            member(f"{path}.ratings[{k}].member", rating["member"])
            if rating["member"] in rated:
                raise _refuse(f"{path}.ratings[{k}].member",
                              f'member "{rating["member"]}" already rated this intervention')
            rated.add(rating["member"])
    for j, tally in enumerate(meeting.get("tallies", [])):
        member(f"{where}.tallies[{j}].member", tally["member"])
    given: set[str] = set()
    for j, feedback in enumerate(meeting.get("feedback", [])):
        path = f"{where}.feedback[{j}].member"
        member(path, feedback["member"])
        if feedback["member"] in given:
            raise _refuse(path, f'a second feedback for member "{feedback["member"]}"')
        given.add(feedback["member"])
    for j, action in enumerate(meeting.get("actions", [])):
        path = f"{where}.actions[{j}]"
        actions.add(f"{path}.id", action["id"])
        member(f"{path}.owner", action.get("owner"))
        reported = action.get("reported_in")
        if reported is not None and meetings.get(reported, object()) != set_id:
            raise _refuse(f"{path}.reported_in", f'no meeting "{reported}" in set "{set_id}"')
    for j, learning in enumerate(meeting.get("learnings", [])):
        member(f"{where}.learnings[{j}].member", learning.get("member"))


def check_archive(doc: object, name: str = "This") -> dict[str, Any]:
    """Header, schema and links, in that order; returns the document once it is known good."""
    check_header(doc, name)
    checked = cast(dict[str, Any], doc)
    check_schema(checked)
    check_references(checked)
    return checked
