"""Names and other short values alcoach places among its own words (lists of attendees, "Owner",
the footer) keep their place and the document's left alignment when typed in a right-to-left
script.

Each such value that holds Arabic or Hebrew is followed by a LEFT-TO-RIGHT MARK (U+200E, zero
width), and preceded by one when it starts in such a script. A list of an English, an Arabic
and a Hebrew name then reads in the order the names were given, instead of the bidirectional
algorithm joining the two right-to-left names into one run with the second first; and a line
that starts with such a name stays aligned with the others. The text a coach wrote in full
(notes, interventions, actions) is left alone: it keeps its own direction.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from alcoach.export.scripts import base_level, has_rtl

T = TypeVar("T")
LRM = "\u200e"
# the fields of the report records that hold a name or a short value set among alcoach's words
NAME_FIELDS = frozenset(
    {
        "member",
        "owner",
        "author",
        "name",
        "presenter",
        "presenters",
        "addressed",
        "attendees",
        "set_name",
        "programme_name",
        "coach_name",
        "title",
        "location",
        "role",
        "leadership_skill",
        "phase",
    }
)


def isolated(text: str) -> str:
    """A mark after a value with right-to-left text, and before it when it starts with some.

    Only where needed: a mark beside a left-to-right word is drawn at that word's first letter
    (it has no width), and text extraction then splits the word around it.
    """
    if not text or not has_rtl(text):
        return text
    return f"{LRM if base_level(text) else ''}{text}{LRM}"


def isolate_names(report: T) -> T:
    """The same report with every name field's right-to-left values isolated (see above)."""
    return _walk(report, "")


def _walk(value: Any, field: str) -> Any:
    if isinstance(value, str):
        return isolated(value) if field in NAME_FIELDS else value
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record (named tuple)
        return value._replace(**{f: _walk(getattr(value, f), f) for f in value._fields})
    if isinstance(value, tuple):
        return tuple(_walk(v, field) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _walk(getattr(value, f.name), f.name) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value
