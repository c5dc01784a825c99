"""The practice records' sections of an archive (version 4): members' consents, hours entries
added by hand and the coach's own targets, written by the export and merged by the import."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from alcoach.data import models as m
from alcoach.data.archive.writer import parse_time


class ArchiveMerge(Protocol):
    """What these sections need of the merge (alcoach.data.archive.merge.ArchiveMerge)."""

    members: dict[str, str | None]
    programmes: dict[str, str | None]
    sets: dict[str, str | None]

    def put(self, kind: str, record: dict[str, Any], values: dict[str, Any]) -> Any: ...


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def export_sections(stamped: Any, packed: Any, iso_time: Any) -> dict[str, list[dict[str, Any]]]:
    """The three sections, built with the document's own helpers (`stamped(uid, packed, ...)`,
    `packed(model)`, `iso_time(value)`)."""
    c, h, t, e = m.Consent, m.HoursEntry, m.Target, m.Erasure
    erasures = []
    query = e.select(
        e.uid, packed(e), e.learning_set, e.member, e.pseudonym, e.name_salt, e.name_hash,
        e.erased_at,
    )  # fmt: skip
    for uid, updated, set_id, member, pseudonym, salt, digest, at in query.order_by(e.id).tuples():
        if member is None:  # the member was deleted since: the deletion travels on its own
            continue
        erasures.append(stamped(uid, updated, set=f"set-{set_id}", member=f"mem-{member}",
                                pseudonym=pseudonym, name_salt=salt, name_hash=digest,
                                erased_at=iso_time(at)))  # fmt: skip
    consents = []
    query = c.select(c.uid, packed(c), c.member, c.purpose, c.granted, c.at, c.how, c.wording)
    for uid, updated, member, purpose, granted, at, how, wording in query.order_by(c.id).tuples():
        consents.append(
            stamped(uid, updated, member=f"mem-{member}", purpose=purpose,
                    granted=bool(granted), at=iso_time(at), how=how, wording=wording)
        )  # fmt: skip
    hours = []
    query = h.select(
        h.id, h.uid, packed(h), h.date, h.minutes, h.kind, h.role, h.programme, h.organisation,
        h.group_size, h.paid, h.description,
    )  # fmt: skip
    for row in query.order_by(h.id).tuples():
        hid, uid, updated, day, minutes, kind, role, programme, organisation = row[:9]
        size, paid, text = row[9:]
        hours.append({"id": f"hrs-{hid}", **stamped(
            uid, updated, date=_date(day), minutes=minutes, kind=kind, role=role,
            programme=f"prog-{programme}" if programme is not None else None,
            organisation=organisation, group_size=size, paid=bool(paid), description=text,
        )})  # fmt: skip
    targets = []
    query = t.select(
        t.id, t.uid, packed(t), t.name, t.total_minutes, t.part_kind, t.part_minutes,
        t.min_span_days, t.project_meetings, t.project_days, t.counts_from, t.expires,
    )  # fmt: skip
    for row in query.order_by(t.id).tuples():
        tid, uid, updated, name, total, part_kind, part, span, meetings = row[:9]
        days, start, expires = row[9:]
        targets.append({"id": f"tgt-{tid}", **stamped(
            uid, updated, name=name, total_minutes=total, part_kind=part_kind,
            part_minutes=part, min_span_days=span, project_meetings=meetings,
            project_days=days, counts_from=_date(start), expires=_date(expires),
        )})  # fmt: skip
    return {"erasures": erasures, "consents": consents, "hours_entries": hours, "targets": targets}


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def merge_erasure(merge: ArchiveMerge, e: dict[str, Any]) -> None:
    set_uid, member = merge.sets.get(e["set"]), merge.members.get(e["member"])
    if set_uid is None or member is None:  # the set, or the member, is deleted here
        return
    values = {
        "learning_set": set_uid, "member": member, "pseudonym": e["pseudonym"],
        "name_salt": e["name_salt"], "name_hash": e["name_hash"],
        "erased_at": parse_time(e["erased_at"]),
    }  # fmt: skip
    merge.put("erasure", e, values)


def merge_consent(merge: ArchiveMerge, c: dict[str, Any]) -> None:
    member = merge.members.get(c["member"])
    if member is None:  # the member (or their set) is deleted here
        return
    values = {
        "member": member, "purpose": c["purpose"], "granted": c["granted"],
        "at": parse_time(c["at"]), "how": c.get("how", ""), "wording": c.get("wording", ""),
    }  # fmt: skip
    merge.put("consent", c, values)


def merge_hours_entry(merge: ArchiveMerge, e: dict[str, Any]) -> None:
    programme = e.get("programme")
    values = {
        "date": _day(e["date"]), "minutes": e["minutes"], "kind": e["kind"],
        "role": e.get("role", "coach"),
        "programme": merge.programmes.get(programme) if programme is not None else None,
        "organisation": e.get("organisation", ""), "group_size": e.get("group_size"),
        "paid": e.get("paid", True), "description": e.get("description", ""),
    }  # fmt: skip
    merge.put("hours_entry", e, values)


def merge_target(merge: ArchiveMerge, t: dict[str, Any]) -> None:
    values = {
        "name": t["name"], "total_minutes": t["total_minutes"], "part_kind": t.get("part_kind"),
        "part_minutes": t.get("part_minutes", 0), "min_span_days": t.get("min_span_days", 0),
        "project_meetings": t.get("project_meetings", 0),
        "project_days": t.get("project_days", 0), "counts_from": _day(t.get("counts_from")),
        "expires": _day(t.get("expires")),
    }  # fmt: skip
    merge.put("target", t, values)
