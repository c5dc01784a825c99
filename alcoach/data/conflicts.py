"""Texts that lost a merge (README, "How a merge decides"): listing them, and keeping either
version. Keeping the version that lost writes it into the record as a new edit (it then wins on
every copy at the next exchange); either choice marks the conflict resolved, which travels too."""

from __future__ import annotations

import json
from dataclasses import dataclass

from alcoach.data import models as m
from alcoach.data.record_spec import BY_NAME
from alcoach.data.settings import document_date_style
from alcoach.errors import NotFoundError, ValidationError
from alcoach.formatting import format_date

_WHAT = {
    "intervention": "Note", "meeting": "Meeting", "feedback": "Feedback",
    "problem_statement": "Problem statement", "action": "Action", "learning": "Learning",
    "tally": "Tally note", "programme": "Programme", "set": "Set", "member": "Member",
    "question": "Question",
}  # fmt: skip


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    record_kind: str
    record_uid: str
    what: str  # "Note", "Feedback", ...
    where: str  # the meeting's date and title, or the record's name; "" when it is gone
    kept: dict[str, str]
    lost: dict[str, str]
    resolution: str  # "" (open), "kept" or "restored"
    record_exists: bool

    @property
    def fields(self) -> list[str]:
        """The text fields whose two versions differ."""
        return [name for name in self.kept if self.kept[name] != self.lost.get(name, "")]


def _where(kind: str, uid: str) -> tuple[str, bool]:
    model = m.model_of(kind)
    row = model.get_or_none(model.uid == uid)
    if row is None:
        return "", False
    meeting = row if kind == "meeting" else getattr(row, "meeting", None)
    if isinstance(meeting, m.Meeting):
        title = f" {meeting.title}" if meeting.title else ""
        member = getattr(row, "member", None) if kind != "meeting" else None
        whose = f" · {member.name}" if isinstance(member, m.Member) else ""
        return f"{format_date(meeting.date, document_date_style())}{title}{whose}", True
    return str(getattr(row, "name", "") or getattr(row, "text", "")), True


def _record(row: m.Conflict) -> ConflictRecord:
    where, exists = _where(row.record_kind, row.record_uid)
    return ConflictRecord(
        id=row.id, record_kind=row.record_kind, record_uid=row.record_uid,
        what=_WHAT.get(row.record_kind, row.record_kind.replace("_", " ").capitalize()),
        where=where, kept=json.loads(row.kept), lost=json.loads(row.lost),
        resolution=row.resolution, record_exists=exists,
    )  # fmt: skip


def list_conflicts(*, include_resolved: bool = False) -> list[ConflictRecord]:
    """Open conflicts first, newest first."""
    query = m.Conflict.select().order_by(m.Conflict.resolution, m.Conflict.hlc.desc())
    if not include_resolved:
        query = query.where(m.Conflict.resolution == "")
    return [_record(row) for row in query]


def count_open_conflicts() -> int:
    return m.Conflict.select().where(m.Conflict.resolution == "").count()


def resolve_conflict(conflict_id: int, keep: str) -> ConflictRecord:
    """`keep` "kept": the version that won stays; "restored": the one that lost is written back
    into the record (an edit made now)."""
    if keep not in ("kept", "restored"):
        raise ValidationError(f"{keep!r} is neither 'kept' nor 'restored'.")
    row = m.Conflict.get_or_none(m.Conflict.id == conflict_id)
    if row is None:
        raise NotFoundError(f"There is no conflict with id {conflict_id}.")
    with m.database_proxy.atomic():
        if keep == "restored":
            model = m.model_of(row.record_kind)
            texts = BY_NAME[row.record_kind].texts
            lost = {k: v for k, v in json.loads(row.lost).items() if k in texts}
            if not model.select().where(model.uid == row.record_uid).exists():
                raise ValidationError(
                    "That record was deleted since, so its other version cannot go back into "
                    "it; copy the words from here if you need them."
                )
            model.update(**lost).where(model.uid == row.record_uid).execute()
        row.resolution = keep
        row.save()
    return _record(m.Conflict.get_by_id(conflict_id))
