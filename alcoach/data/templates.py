"""Agenda templates: named lists of phases with planned minutes."""

from __future__ import annotations

import json
from collections.abc import Sequence

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise
from alcoach.data.records import TemplatePhase, TemplateRecord
from alcoach.errors import ValidationError


def _phases_json(phases: Sequence[TemplatePhase | tuple[str, float]]) -> str:
    items = []
    for phase in phases:
        name, minutes = (phase.name, phase.minutes) if isinstance(phase, TemplatePhase) else phase
        if not str(name).strip():
            raise ValidationError("Every phase needs a name.")
        if float(minutes) <= 0:
            raise ValidationError(f"The phase {name!r} needs more than 0 minutes.")
        items.append({"name": str(name), "minutes": float(minutes)})
    return json.dumps(items, ensure_ascii=False)


def _record(row: m.AgendaTemplate) -> TemplateRecord:
    phases = tuple(TemplatePhase(p["name"], float(p["minutes"])) for p in json.loads(row.phases))
    return TemplateRecord(
        id=row.id, name=row.name, phases=phases, builtin=row.builtin_key is not None
    )


def list_templates(*, include_archived: bool = False) -> list[TemplateRecord]:
    query = m.AgendaTemplate.select().order_by(m.AgendaTemplate.id)
    if not include_archived:
        query = query.where(m.AgendaTemplate.archived == False)  # noqa: E712
    return [_record(r) for r in query]


def get_template(template_id: int) -> TemplateRecord:
    return _record(get_or_raise(m.AgendaTemplate, template_id, "agenda template"))


def create_template(
    name: str, phases: Sequence[TemplatePhase | tuple[str, float]]
) -> TemplateRecord:
    if not name.strip():
        raise ValidationError("An agenda template needs a name.")
    row = m.AgendaTemplate.create(name=name.strip(), phases=_phases_json(phases))
    return _record(row)


def update_template(
    template_id: int,
    *,
    name: str | None = None,
    phases: Sequence[TemplatePhase | tuple[str, float]] | None = None,
) -> TemplateRecord:
    row = get_or_raise(m.AgendaTemplate, template_id, "agenda template")
    if name is not None:
        if not name.strip():
            raise ValidationError("An agenda template needs a name.")
        row.name = name.strip()
    if phases is not None:
        row.phases = _phases_json(phases)
    row.save()
    return _record(row)


def archive_template(template_id: int, archived: bool = True) -> None:
    row = get_or_raise(m.AgendaTemplate, template_id, "agenda template")
    row.archived = archived
    row.save()
