"""The sponsor's brief of a set: WIAL's one-page intake, printed at the front of the set report."""

from __future__ import annotations

from typing import NamedTuple

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise

BRIEF_FIELDS = (
    "brief_context", "brief_matters", "brief_tried", "brief_expected", "brief_success",
    "brief_sponsor",
)  # fmt: skip


class Brief(NamedTuple):
    """What the sponsor brought to the set; `sponsor` is the brief's own name, or the
    programme's sponsor when the brief names none."""

    context: str = ""  # the problem's context and history
    matters: str = ""  # why it matters
    tried: str = ""  # what has been tried
    expected: str = ""  # what is expected of the set
    success: str = ""  # how success will be recognised
    sponsor: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.context, self.matters, self.tried, self.expected, self.success))


BRIEF_HEADINGS = (
    ("context", "The problem's context and history"),
    ("matters", "Why it matters"),
    ("tried", "What has been tried"),
    ("expected", "What is expected of the set"),
    ("success", "How success will be recognised"),
)


def brief_lines(brief: Brief) -> tuple[tuple[str, str], ...]:
    """The filled parts of a brief as (heading, text), in the order a report prints them."""
    return tuple(
        (heading, getattr(brief, name)) for name, heading in BRIEF_HEADINGS if getattr(brief, name)
    )


def get_brief(set_id: int) -> Brief:
    row = get_or_raise(m.LearningSet, set_id, "set")
    sponsor = row.brief_sponsor.strip()
    if not sponsor and row.programme_id is not None:
        sponsor = m.Programme.get_by_id(row.programme_id).sponsor.strip()
    return Brief(row.brief_context, row.brief_matters, row.brief_tried, row.brief_expected,
                 row.brief_success, sponsor)  # fmt: skip


def save_brief(set_id: int, brief: Brief) -> Brief:
    """Keep the brief; a sponsor name the same as the programme's is kept empty, so it follows
    the programme's."""
    row = get_or_raise(m.LearningSet, set_id, "set")
    programme_sponsor = (
        m.Programme.get_by_id(row.programme_id).sponsor.strip()
        if row.programme_id is not None
        else ""
    )
    sponsor = brief.sponsor.strip()
    values = dict(zip(BRIEF_FIELDS, brief, strict=True))
    values["brief_sponsor"] = "" if sponsor == programme_sponsor else sponsor
    if any(getattr(row, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return get_brief(set_id)
