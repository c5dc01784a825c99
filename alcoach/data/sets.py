"""Programmes, sets and their members."""

from __future__ import annotations

import peewee as pw

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise, member_record, programme_record, set_record
from alcoach.data.records import MemberRecord, ProgrammeRecord, SetRecord
from alcoach.errors import ValidationError


def _require_name(name: str, what: str) -> str:
    if not name or not name.strip():
        raise ValidationError(f"A {what} needs a name.")
    return name.strip()


def create_programme(
    name: str, *, sponsor: str = "", notes: str = "", organisation: str = "", paid: bool = True
) -> ProgrammeRecord:
    row = m.Programme.create(
        name=_require_name(name, "programme"), sponsor=sponsor, notes=notes,
        organisation=organisation.strip(), paid=bool(paid),
    )  # fmt: skip
    return programme_record(row)


def list_programmes() -> list[ProgrammeRecord]:
    return [programme_record(r) for r in m.Programme.select().order_by(m.Programme.name)]


def update_programme(programme_id: int, **changes: object) -> ProgrammeRecord:
    """Change a programme's name, sponsor, notes, organisation or paid (False: pro bono)."""
    row = get_or_raise(m.Programme, programme_id, "programme")
    if "paid" in changes:
        row.paid = bool(changes["paid"])
    if "organisation" in changes:
        row.organisation = str(changes["organisation"]).strip()
    for key in ("name", "sponsor", "notes"):
        if key in changes:
            setattr(
                row,
                key,
                changes[key] if key != "name" else _require_name(changes[key], "programme"),
            )
    row.save()
    return programme_record(row)


def create_set(
    name: str,
    *,
    programme_id: int | None = None,
    cadence: str = "",
    ground_rules: str = "",
) -> SetRecord:
    if programme_id is not None:
        get_or_raise(m.Programme, programme_id, "programme")
    row = m.LearningSet.create(
        name=_require_name(name, "set"),
        programme=programme_id,
        cadence=cadence,
        ground_rules=ground_rules,
    )
    return get_set(row.id)


def get_set(set_id: int) -> SetRecord:
    return set_record(get_or_raise(m.LearningSet, set_id, "set"))


def list_sets(*, include_archived: bool = True) -> list[SetRecord]:
    query = (
        m.LearningSet.select(m.LearningSet, m.Programme.name.alias("programme_name"))
        .join(m.Programme, pw.JOIN.LEFT_OUTER)
        .order_by(m.LearningSet.archived, m.LearningSet.name)
    )
    if not include_archived:
        query = query.where(m.LearningSet.archived == False)  # noqa: E712
    return [set_record(r, r.programme_name or "") for r in query.objects()]


def update_set(set_id: int, **changes: object) -> SetRecord:
    row = get_or_raise(m.LearningSet, set_id, "set")
    if "name" in changes:
        row.name = _require_name(str(changes["name"]), "set")
    for key in ("cadence", "ground_rules"):
        if key in changes:
            setattr(row, key, changes[key])
    if "programme_id" in changes:
        if changes["programme_id"] is not None:
            get_or_raise(m.Programme, changes["programme_id"], "programme")  # type: ignore[arg-type]
        row.programme = changes["programme_id"]
    if "archived" in changes:
        row.archived = bool(changes["archived"])
    row.save()
    return get_set(set_id)


def rename_set(set_id: int, name: str) -> SetRecord:
    return update_set(set_id, name=name)


def archive_set(set_id: int, archived: bool = True) -> SetRecord:
    return update_set(set_id, archived=archived)


def add_member(
    set_id: int,
    name: str,
    *,
    role: str = "",
    organisation: str = "",
    leadership_skill: str = "",
    active: bool = True,
) -> MemberRecord:
    get_or_raise(m.LearningSet, set_id, "set")
    position = (
        m.Member.select(pw.fn.COALESCE(pw.fn.MAX(m.Member.position) + 1, 0))
        .where(m.Member.learning_set == set_id)
        .scalar()
    )
    row = m.Member.create(
        learning_set=set_id,
        name=_require_name(name, "member"),
        role=role,
        organisation=organisation,
        leadership_skill=leadership_skill,
        active=active,
        position=position,
    )
    return member_record(row)


def get_member(member_id: int) -> MemberRecord:
    return member_record(get_or_raise(m.Member, member_id, "member"))


def list_members(set_id: int, *, include_inactive: bool = True) -> list[MemberRecord]:
    query = m.Member.select().where(m.Member.learning_set == set_id)
    if not include_inactive:
        query = query.where(m.Member.active == True)  # noqa: E712
    return [member_record(r) for r in query.order_by(m.Member.position, m.Member.id)]


def update_member(member_id: int, **changes: object) -> MemberRecord:
    row = get_or_raise(m.Member, member_id, "member")
    if "name" in changes:
        row.name = _require_name(str(changes["name"]), "member")
    for key in ("role", "organisation", "leadership_skill"):
        if key in changes:
            setattr(row, key, changes[key])
    if "active" in changes:
        row.active = bool(changes["active"])
    row.save()
    return member_record(row)


def set_member_active(member_id: int, active: bool) -> MemberRecord:
    return update_member(member_id, active=active)
