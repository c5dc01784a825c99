"""Helpers for archive tests: compare two archives on content, whatever ids each one used."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from alcoach.data import models as m
from alcoach.data.brief import BRIEF_FIELDS

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-archive.json"

DEFAULTS: dict[str, dict[str, Any]] = {
    "programme": {"sponsor": "", "notes": "", "organisation": "", "paid": True},
    "set": {
        "programme": None,
        "cadence": "",
        "ground_rules": "",
        "archived": False,
        **dict.fromkeys(BRIEF_FIELDS, ""),
    },
    "member": {"role": "", "organisation": "", "leadership_skill": "", "active": True},
    "question": {"tags": [], "favourite": False, "builtin": False, "archived": False, "uses": 0},
    "meeting": {
        "title": "",
        "location": "",
        "started_at": None,
        "ended_at": None,
        "pauses": [],
        "attendees": [],
        "presenters": [],
        "coach_notes": "",
        "coach_role": "coach",
        "paid": None,
        "phases": [],
        "problem_statements": [],
        "problem_polls": [],
        "interventions": [],
        "tallies": [],
        "feedback": [],
        "actions": [],
        "learnings": [],
    },
    "phase": {"started_at": None, "ended_at": None},
    "pause": {"end": None},
    "statement": {"member": None, "round": 1},
    "intervention": {
        "offset_seconds": 0,
        "phase": None,
        "category": "other",
        "question": None,
        "members": [],
        "response": "",
        "ratings": [],
    },
    "tally": {"note": ""},
    "feedback": {
        "skill": "",
        "strengths": "",
        "suggestions": "",
        "self_assessment": "",
        "coach_notes": "",
    },
    "action": {"owner": None, "due": None, "report_back": "", "reported_in": None},
    "learning": {"member": None, "application": ""},
    "consent": {"how": "", "wording": ""},
    "hours_entry": {
        "role": "coach",
        "programme": None,
        "organisation": "",
        "group_size": None,
        "paid": True,
        "description": "",
    },
    "target": {
        "part_kind": None,
        "part_minutes": 0,
        "min_span_days": 0,
        "project_meetings": 0,
        "project_days": 0,
        "counts_from": None,
        "expires": None,
    },
}


def _fill(item: dict[str, Any], kind: str) -> dict[str, Any]:
    return {**copy.deepcopy(DEFAULTS[kind]), **item}


def _template_key(t: dict[str, Any]) -> tuple[Any, ...]:
    return (t["name"], tuple((p["name"], float(p["minutes"])) for p in t["phases"]))


def only_archive_content(exported: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """Drop the database's own built-in bank items that the original archive did not list."""
    listed = {(q["text"], q["category"]) for q in original["questions"]}
    templates = {_template_key(t) for t in original.get("agenda_templates", [])}
    out = dict(exported)
    out["questions"] = [
        q for q in exported["questions"] if not q["builtin"] or (q["text"], q["category"]) in listed
    ]
    out["agenda_templates"] = [
        t for t in exported.get("agenda_templates", []) if _template_key(t) in templates
    ]
    return out


_STAMPS = ("uid", "updated_at", "hlc", "base", "builtin_key")


def _unstamped(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _unstamped(v) for k, v in value.items() if k not in _STAMPS}
    if isinstance(value, list):
        return [_unstamped(v) for v in value]
    return value


def as_version_3(doc: dict[str, Any]) -> dict[str, Any]:
    """A version-4 archive in version 3's shape: no practice records (consents, hours entries,
    targets, organisations, paid, roles, sponsor's briefs)."""
    out = copy.deepcopy(doc)
    out["version"] = min(out.get("version", 3), 3)
    for section in ("consents", "hours_entries", "targets"):
        out.pop(section, None)
    for p in out.get("programmes", []):
        p.pop("organisation", None), p.pop("paid", None)
    for s in out.get("sets", []):
        for name in BRIEF_FIELDS:
            s.pop(name, None)
    for mt in out.get("meetings", []):
        mt.pop("coach_role", None), mt.pop("paid", None)
    return out


def as_version_2(doc: dict[str, Any]) -> dict[str, Any]:
    """A version-3 archive in version 2's shape: no stamps of the clock, no conflicts, no
    lifted tombstones, no cleared ratings or votes; tombstones last."""
    out = as_version_3(doc)

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("hlc", "base")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    out = strip(out)
    out["version"] = 2
    out.pop("conflicts", None)
    tombstones = [
        {k: t[k] for k in ("uid", "kind", "deleted_at")}
        for t in out.pop("tombstones", [])
        if not t.get("lifted") and t["kind"] != "conflict"
    ]
    for meeting in out.get("meetings", []):
        meeting["problem_polls"] = [p for p in meeting.get("problem_polls", []) if p["vote"]]
        for item in meeting.get("interventions", []):
            item["ratings"] = [r for r in item.get("ratings", []) if r["score"] is not None]
    out["tombstones"] = tombstones
    return out


def as_version_1(doc: dict[str, Any]) -> dict[str, Any]:
    """A version-2 archive's content in version 1's shape: no uids, times of change or
    tombstones; attendance as the attendees and presenters lists."""
    out = _unstamped(doc)
    out.pop("tombstones", None)
    out.pop("conflicts", None)
    out["version"] = 1
    for meeting in out.get("meetings", []):
        if "attendance" in meeting:
            records = meeting.pop("attendance")
            meeting["attendees"] = [a["member"] for a in records if a.get("attended", True)]
            meeting["presenters"] = [a["member"] for a in records if a.get("presenter", False)]
    return out


def as_merged_into_a_fresh_database(doc: dict[str, Any]) -> dict[str, Any]:
    """What a fresh database holds after importing `doc`: built-in questions keep their
    database's archived flag (not archived), as an import never changes it."""
    out = copy.deepcopy(doc)
    for question in out["questions"]:
        if question.get("builtin"):
            question["archived"] = False
    return out


def canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """The archive (in version 1's shape) with defaults filled in and ids renamed by order of
    appearance."""
    doc = as_version_1(doc)
    names: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}

    def rename(kind: str, value: str | None) -> str | None:
        if value is None:
            return None
        if (kind, value) not in names:
            counters[kind] = counters.get(kind, 0) + 1
            names[(kind, value)] = f"{kind}{counters[kind]}"
        return names[(kind, value)]

    out: dict[str, Any] = {"format": doc["format"], "coach": doc.get("coach", {})}
    out["programmes"] = [
        {**_fill(p, "programme"), "id": rename("p", p["id"])} for p in doc.get("programmes", [])
    ]
    out["sets"] = []
    for s in doc["sets"]:
        filled = _fill(s, "set")
        filled["id"] = rename("s", s["id"])
        filled["programme"] = rename("p", filled["programme"])
        filled["members"] = [
            {**_fill(mem, "member"), "id": rename("m", mem["id"])} for mem in s["members"]
        ]
        out["sets"].append(filled)
    out["questions"] = [
        {**_fill(q, "question"), "id": rename("q", q["id"])} for q in doc["questions"]
    ]
    out["agenda_templates"] = [
        {"name": t["name"], "phases": t["phases"]} for t in doc.get("agenda_templates", [])
    ]
    for mt in doc["meetings"]:
        rename("mt", mt["id"])
    out["meetings"] = [_canonical_meeting(mt, rename) for mt in doc["meetings"]]
    out["consents"] = [
        {**_fill(c, "consent"), "member": rename("m", c["member"])} for c in doc.get("consents", [])
    ]
    out["hours_entries"] = [
        {**(f := _fill(e, "hours_entry")), "id": rename("h", e["id"]),
         "programme": rename("p", f["programme"])}
        for e in doc.get("hours_entries", [])
    ]  # fmt: skip
    out["targets"] = [
        {**_fill(t, "target"), "id": rename("t", t["id"])} for t in doc.get("targets", [])
    ]
    return out


def _canonical_meeting(mt: dict[str, Any], rename: Any) -> dict[str, Any]:
    def mem(value: str | None) -> str | None:
        return rename("m", value)

    filled = _fill(mt, "meeting")
    filled["id"] = rename("mt", mt["id"])
    filled["set"] = rename("s", mt["set"])
    filled["attendees"] = [mem(a) for a in filled["attendees"]]
    filled["presenters"] = [mem(a) for a in filled["presenters"]]
    filled["phases"] = [_fill(p, "phase") for p in filled["phases"]]
    filled["pauses"] = [_fill(p, "pause") for p in filled["pauses"]]
    filled["problem_statements"] = [
        {**(f := _fill(st, "statement")), "member": mem(f["member"])}
        for st in filled["problem_statements"]
    ]
    filled["problem_polls"] = [{**p, "member": mem(p["member"])} for p in filled["problem_polls"]]
    interventions = []
    for item in filled["interventions"]:
        f = _fill(item, "intervention")
        f["question"] = rename("q", f["question"])
        f["members"] = [mem(x) for x in f["members"]]
        f["ratings"] = [{**r, "member": mem(r["member"])} for r in f["ratings"]]
        interventions.append(f)
    filled["interventions"] = interventions
    filled["tallies"] = [
        {**(f := _fill(t, "tally")), "member": mem(f["member"])} for t in filled["tallies"]
    ]
    filled["feedback"] = [
        {**(f := _fill(x, "feedback")), "member": mem(f["member"])} for x in filled["feedback"]
    ]
    filled["actions"] = [
        {
            **(f := _fill(a, "action")),
            "id": rename("a", a["id"]),
            "owner": mem(f["owner"]),
            "reported_in": rename("mt", f["reported_in"]),
        }
        for a in filled["actions"]
    ]
    filled["learnings"] = [
        {**(f := _fill(x, "learning")), "member": mem(f["member"])} for x in filled["learnings"]
    ]
    return filled


def row_counts() -> dict[str, int]:
    """How many rows each table holds (to prove a refused import wrote nothing)."""
    return {model.__name__: model.select().count() for model in m.ALL_MODELS}
