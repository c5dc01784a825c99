"""Every kind of record a coach keeps, in one table: what export, import, merge, tombstones,
conflicts and undo read (README, "How a merge decides").

A kind names its table, its parent (the record it belongs to and goes with), its links to other
records (stored as row ids, carried in archives by uid), the fields that make it one of a kind
when it exists once per member of something (its uid is then derived from them), and the text
fields a coach writes (for which a losing version is kept as a conflict).
Kinds are listed parents first: a merge writes them in this order and deletes in the reverse.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

# Derived uids are UUID5s in alcoach's own namespace, so every copy makes the same one.
NAMESPACE = uuid.UUID("5c0f3d1e-8b4a-5e7a-9a61-2f3c4d5e6f70")


@dataclass(frozen=True)
class Kind:
    name: str  # as archives and tombstones name it
    table: str
    parent: tuple[str, str] | None = None  # (field, parent kind)
    links: dict[str, str] = field(default_factory=dict)  # field -> kind it points at
    one_per: tuple[str, ...] = ()  # fields that make it unique under its parent
    texts: tuple[str, ...] = ()  # what a coach writes: kept as a conflict when it loses
    builtin: bool = False  # built-in content: the uid comes from its built-in key


KINDS: tuple[Kind, ...] = (
    Kind("programme", "programme", texts=("name", "sponsor", "notes", "organisation")),
    Kind("set", "learning_set", links={"programme": "programme"},
         texts=("name", "cadence", "ground_rules", "brief_context", "brief_matters",
                "brief_tried", "brief_expected", "brief_success", "brief_sponsor")),
    Kind("member", "member", parent=("learning_set", "set"),
         texts=("name", "role", "organisation", "leadership_skill")),
    Kind("question", "question", texts=("text",), builtin=True),
    Kind("agenda_template", "agenda_template", builtin=True),
    Kind("meeting", "meeting", parent=("learning_set", "set"),
         texts=("title", "location", "coach_notes")),
    Kind("phase", "phase", parent=("meeting", "meeting")),
    Kind("pause", "pause", parent=("meeting", "meeting")),
    Kind("attendance", "attendance", parent=("meeting", "meeting"), links={"member": "member"},
         one_per=("member",)),
    Kind("problem_statement", "problem_statement", parent=("meeting", "meeting"),
         links={"member": "member"}, texts=("text",)),
    Kind("problem_poll", "problem_poll", parent=("meeting", "meeting"),
         links={"member": "member"}, one_per=("round", "member")),
    Kind("intervention", "intervention", parent=("meeting", "meeting"),
         links={"phase": "phase", "question": "question"}, texts=("text", "response")),
    Kind("rating", "rating", parent=("intervention", "intervention"),
         links={"member": "member"}, one_per=("member",)),
    Kind("tally", "tally", parent=("meeting", "meeting"), links={"member": "member"},
         texts=("note",)),
    Kind("feedback", "feedback", parent=("meeting", "meeting"), links={"member": "member"},
         one_per=("member",),
         texts=("skill", "strengths", "suggestions", "self_assessment", "coach_notes")),
    Kind("action", "action", parent=("meeting", "meeting"),
         links={"owner": "member", "reported_in": "meeting"}, texts=("text", "report_back")),
    Kind("learning", "learning", parent=("meeting", "meeting"), links={"member": "member"},
         texts=("text", "application")),
    Kind("hours_entry", "hours_entry", links={"programme": "programme"},
         texts=("description",)),
    Kind("target", "target", texts=("name",)),
    Kind("erasure", "erasure", parent=("learning_set", "set"), links={"member": "member"},
         one_per=("member",)),
    Kind("consent", "consent", parent=("member", "member"), texts=("how",)),
    Kind("conflict", "conflict"),
)  # fmt: skip

BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
BY_TABLE: dict[str, Kind] = {kind.table: kind for kind in KINDS}
# Every table whose rows carry a uid and a stamp (the addressed members of a note too: they are
# part of the note, and leave no tombstone of their own).
STAMPED_TABLES: tuple[str, ...] = (*(kind.table for kind in KINDS), "intervention_member")


def derived_uid(kind: str, *parts: object) -> str:
    """The uid of a record that exists once per what `parts` name (a member's rating of a note:
    the note's uid and the member's), or of built-in content (its key)."""
    text = "\x1f".join([kind, *(str(part) for part in parts)])
    return str(uuid.uuid5(NAMESPACE, text))


def one_per_uid(kind: str, parent_uid: str, values: dict[str, object]) -> str:
    """The derived uid of a once-per-member record from its parent's uid and its own key, where
    links are given by uid (`values["member"]` is the member's uid)."""
    spec = BY_NAME[kind]
    return derived_uid(kind, parent_uid, *(values[name] for name in spec.one_per))


def builtin_uid(kind: str, key: str) -> str:
    return derived_uid(kind, "builtin", key)


def conflict_uid(record_uid: str, losing_stamp: str) -> str:
    return derived_uid("conflict", record_uid, losing_stamp)
