"""Members typed or pasted as a list: one a line, a role after the first comma (or a tab, as a
spreadsheet's two columns paste), e.g. "Dana Whitfield, Ward manager"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from alcoach.data import models as m
from alcoach.data.records import MemberRecord
from alcoach.data.sets import add_member

BULLETS = "-*•·–—"
MAX_NAME = 200  # longer is a paragraph pasted by mistake, not a name


class MemberLine(NamedTuple):
    name: str
    role: str = ""


def parse_member_lines(text: str) -> list[MemberLine]:
    """The members in `text`: blank lines and list bullets or numbers left out, spaces tidied."""
    members = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip().lstrip(BULLETS).strip()
        number, dot, rest = line.partition(". ")
        if dot and number.isdigit():
            line = rest.strip()  # "1. Dana Whitfield"
        separator = "\t" if "\t" in line else ","
        name, _, role = line.partition(separator)
        name, role = " ".join(name.split()), " ".join(role.split())
        if name:
            members.append(MemberLine(name[:MAX_NAME], role))
    return members


def add_members(set_id: int, members: Sequence[MemberLine]) -> list[MemberRecord]:
    """Add them all in roster order, in one transaction: all of them or, on an error, none."""
    with m.database_proxy.atomic():
        return [add_member(set_id, line.name, role=line.role) for line in members]
