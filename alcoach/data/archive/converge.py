"""The merge of one record into the database, the same for every kind (alcoach.data.record_spec):
README, "How a merge decides".

- A record is the database's record with the same uid (built-in content and records that exist
  once per member carry uids derived from what they belong to, so two laptops name them alike).
- Of two versions the one changed last wins: the larger stamp (`hlc`, from the hybrid logical
  clock); equal stamps with different contents are ordered by their contents, the same on every
  copy.
- A record whose tombstone is not lifted is never brought back (deletion wins over any edit).
- When a text was changed on both sides since they last agreed (neither version was edited from
  the other: see `descends`), the losing version is kept as a conflict.

New rows are gathered and written in bulk, parents first, with keys chosen up front; updates of
rows already here wait for the next flush too, so a link to a gathered row is always written
after the row.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from typing import Any

import peewee as pw

from alcoach.data import models as m
from alcoach.data.archive.writer import Allocator, bulk_insert
from alcoach.data.hlc import MIGRATED_COPY, copy_of, stamp_time
from alcoach.data.op_changes import OpChanges
from alcoach.data.record_spec import BY_NAME, KINDS, conflict_uid

_FLUSH_ROWS = 5_000
# Fields that are not content: identity, stamps, local order and local times.
_NOT_CONTENT = {"id", "uid", "updated_at", "hlc", "base", "created_at", "position"}


model_of = m.model_of  # (tombstones and conflicts name models by kind too)


def descends(newer: tuple[str, str | None], older: tuple[str, str | None]) -> bool:
    """Whether the version stamped `newer` (hlc, base) was edited from the one stamped `older`:
    the same version, edited from it, or a later edit in the same copy's own line of edits."""
    (hlc, base), (old_hlc, _) = newer, older
    if hlc == old_hlc or base == old_hlc:
        return True
    copy = copy_of(hlc)
    return copy == copy_of(old_hlc) and copy != MIGRATED_COPY and hlc > old_hlc


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Converge:
    """The records of one import, merged one by one; `flush()` writes what is gathered."""

    def __init__(self, counts: Any) -> None:
        self.counts = counts
        self.now = m.utc_now()
        self._index: dict[str, dict[str, list[Any]]] = {}
        self._reverse: dict[str, dict[int, str]] = {}
        self.blocked: set[str] = set()  # uids deleted here (tombstones not lifted)
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.addressed: list[tuple[int, int]] = []
        self.updates: list[tuple[str, int, dict[str, Any], list[int] | None]] = []
        self.gathered = 0
        self._ids: dict[str, Allocator] = {}
        self._positions: dict[tuple[str, int], int] = {}
        self.latest = ""  # the latest stamp imported
        self.conflicts = 0
        self.changes = OpChanges()

    # --- what is here --------------------------------------------------------------------------

    def index(self, kind: str) -> dict[str, list[Any]]:
        """uid -> [id, hlc, base] of every record of the kind here (gathered ones included)."""
        found = self._index.get(kind)
        if found is None:
            table = BY_NAME[kind].table
            found = {
                uid: [row_id, hlc, base]
                for uid, row_id, hlc, base in m.database_proxy.execute_sql(
                    f'SELECT uid, id, hlc, base FROM "{table}"'
                )
            }
            self._index[kind] = found
        return found

    def forget(self, kind: str) -> None:
        """What is known of a kind is read again (it was changed outside the merge)."""
        self.flush()
        self._index.pop(kind, None)
        self._reverse.pop(kind, None)

    def local_id(self, kind: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        entry = self.index(kind).get(uid)
        return None if entry is None else entry[0]

    def uid_of(self, kind: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        reverse = self._reverse.get(kind)
        if reverse is None:
            reverse = {entry[0]: uid for uid, entry in self.index(kind).items()}
            self._reverse[kind] = reverse
        return reverse.get(row_id)

    def _local_values(self, kind: str, row_id: int) -> dict[str, Any]:
        """A row's content with its links as uids, as an archive gives it."""
        model = model_of(kind)
        spec = BY_NAME[kind]
        self.flush()
        row = model.select().where(model.id == row_id).dicts().get()
        links = {**spec.links, **({spec.parent[0]: spec.parent[1]} if spec.parent else {})}
        values = {}
        for name, value in row.items():
            if name in _NOT_CONTENT:
                continue
            values[name] = self.uid_of(links[name], value) if name in links else value
        if kind == "intervention":
            IM = m.InterventionMember
            query = IM.select(IM.member).where(IM.intervention == row_id).order_by(IM.id)
            values["members"] = [self.uid_of("member", member) for (member,) in query.tuples()]
        return values

    # --- one record ----------------------------------------------------------------------------

    def put(
        self, kind: str, uid: str, hlc: str, base: str | None, values: dict[str, Any]
    ) -> str | None:
        """Merge one record (links given by uid); what happened: "added", "updated", "same",
        or None when it is left out (deleted here, or what it belongs to is)."""
        if uid in self.blocked:
            return None
        if hlc > self.latest:
            self.latest = hlc
        spec = BY_NAME[kind]
        model = model_of(kind)
        fields = model._meta.fields
        links: dict[str, int | None] = {}
        for name, value in values.items():
            if name == "members":
                continue
            target = spec.links.get(name) or (
                spec.parent[1] if spec.parent and spec.parent[0] == name else None
            )
            if target is not None:
                local = self.local_id(target, value)
                if local is None and not fields[name].null:
                    return None  # what it belongs to, or its member, is not here (deleted here)
                links[name] = local
        entry = self.index(kind).get(uid)
        if entry is not None and hlc == entry[1] and copy_of(hlc) != MIGRATED_COPY:
            return "same"  # one version: a stamp is never given twice (nothing else to convert)
        # a new row is written as the archive gives it (bulk_insert converts times); one that
        # updates a row here goes through each field's conversions, as peewee reads it back
        row: dict[str, Any] = {
            name: links.get(name, value) for name, value in values.items() if name != "members"
        }
        if entry is not None:
            for name, value in row.items():
                if name not in links:
                    field = fields[name]
                    row[name] = field.python_value(field.db_value(value))
        members = None
        if "members" in values:
            members = [
                member
                for member in (self.local_id("member", x) for x in values["members"])
                if member is not None
            ]
        if entry is None:
            self._gather(kind, uid, hlc, base, row, members)
            self.changes.changed.add((kind, uid))
            return "added"
        row_id, local_hlc, local_base = entry
        incoming_wins = hlc > local_hlc
        here: dict[str, Any] | None = None
        if hlc == local_hlc or spec.texts:
            here = self._local_values(kind, row_id)
            here = {name: here.get(name) for name in values}  # what the archive holds of it
            theirs = values
            if hlc == local_hlc:
                mine_key = json.dumps(_canonical_content(here), sort_keys=True, default=str)
                their_key = json.dumps(_canonical_content(theirs), sort_keys=True, default=str)
                if mine_key == their_key:
                    return "same"
                incoming_wins = their_key > mine_key
            self._keep_conflict(kind, uid, (hlc, base), theirs, (local_hlc, local_base), here,
                                incoming_wins)  # fmt: skip
        if not incoming_wins:
            return "same"
        entry[1], entry[2] = hlc, base
        for name in ("position", "created_at"):  # local order, and when it was made here
            row.pop(name, None)
        row.update(hlc=hlc, base=base, updated_at=stamp_time(hlc))
        self.updates.append((kind, row_id, row, members))
        self.changes.changed.add((kind, uid))
        return "updated"

    def _gather(
        self, kind: str, uid: str, hlc: str, base: str | None, row: dict[str, Any],
        members: list[int] | None,
    ) -> None:  # fmt: skip
        model = model_of(kind)
        table = model._meta.table_name
        if table not in self._ids:
            self._ids[table] = Allocator(model)
        row_id = self._ids[table].take()
        row.update(id=row_id, uid=uid, hlc=hlc, base=base, updated_at=stamp_time(hlc))
        fields = model._meta.fields
        if "created_at" in fields and row.get("created_at") is None:
            row["created_at"] = self.now
        if kind in ("member", "phase"):
            row.setdefault("position", None)
            if row["position"] is None or kind == "member":
                row["position"] = self._next_position(kind, row)
        for name, default in _defaults(model):  # what peewee's insert would add
            if name not in row:
                row[name] = default() if callable(default) else default
        self.rows[kind].append(row)
        self.index(kind)[uid] = [row_id, hlc, base]
        if kind in self._reverse:
            self._reverse[kind][row_id] = uid
        if members:
            self.addressed.extend((row_id, member) for member in dict.fromkeys(members))
        self.gathered += 1
        if self.gathered >= _FLUSH_ROWS:
            self.flush()

    def _next_position(self, kind: str, row: dict[str, Any]) -> int:
        parent = "learning_set" if kind == "member" else "meeting"
        key = (kind, row[parent])
        if key not in self._positions:
            model = model_of(kind)
            found = (
                model.select(pw.fn.MAX(model.position))
                .where(getattr(model, parent) == row[parent])
                .scalar()
            )
            self._positions[key] = -1 if found is None else found
        if kind == "phase" and row.get("position") is not None:
            return row["position"]
        self._positions[key] += 1
        return self._positions[key]

    def _keep_conflict(
        self, kind: str, uid: str, theirs_stamp: tuple[str, str | None], theirs: dict[str, Any],
        mine_stamp: tuple[str, str | None], mine: dict[str, Any], incoming_wins: bool,
    ) -> None:  # fmt: skip
        texts = BY_NAME[kind].texts
        if not texts or descends(theirs_stamp, mine_stamp) or descends(mine_stamp, theirs_stamp):
            return
        kept, lost = (theirs, mine) if incoming_wins else (mine, theirs)
        kept_stamp, lost_stamp = (theirs_stamp, mine_stamp) if incoming_wins else (
            mine_stamp, theirs_stamp)  # fmt: skip
        kept_texts = {name: kept.get(name) or "" for name in texts}
        lost_texts = {name: lost.get(name) or "" for name in texts}
        if not any(lost_texts[name] and lost_texts[name] != kept_texts[name] for name in texts):
            return  # nothing of the losing version's words would go
        record = conflict_uid(uid, lost_stamp[0])
        if record in self.index("conflict") or record in self.blocked:
            return
        self.conflicts += 1
        self.changes.changed.add(("conflict", record))
        self._gather("conflict", record, kept_stamp[0], None, {
            "record_kind": kind, "record_uid": uid, "kept_hlc": kept_stamp[0],
            "lost_hlc": lost_stamp[0], "kept": json.dumps(kept_texts, ensure_ascii=False),
            "lost": json.dumps(lost_texts, ensure_ascii=False), "resolution": "",
        }, None)  # fmt: skip

    # --- writing -------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the gathered rows, parents first, then the updates of rows already here."""
        for kind in (k.name for k in KINDS):
            rows = self.rows.pop(kind, None)
            if not rows:
                continue
            model = model_of(kind)
            shapes: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
            for row in rows:
                shapes.setdefault(tuple(row), []).append(tuple(row.values()))
            for names, values in shapes.items():
                bulk_insert(model, [model._meta.fields[name] for name in names], values)
            if kind == "intervention" and self.addressed:
                IM = m.InterventionMember
                rows_im = [(*pair, m.new_uid(), self.now) for pair in self.addressed]
                bulk_insert(IM, (IM.intervention, IM.member, IM.uid, IM.updated_at), rows_im)
                self.addressed = []
        for kind, row_id, row, members in self.updates:
            model = model_of(kind)
            model.update(**row).where(model.id == row_id).execute()
            if members is not None:
                IM = m.InterventionMember
                IM.delete().where(IM.intervention == row_id).execute()
                for member in dict.fromkeys(members):
                    IM.insert(intervention=row_id, member=member).execute()
        self.updates = []
        self.gathered = 0


@functools.cache
def _defaults(model: type[m.RecordModel]) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (name, field.default)
        for name, field in model._meta.fields.items()
        if field.default is not None and name not in ("id", "uid", "hlc", "updated_at")
    )


def _canonical_content(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: _canonical(v) for k, v in values.items() if k not in _NOT_CONTENT}
    if "members" in out and out["members"] is not None:
        out["members"] = sorted(x for x in out["members"] if x is not None)
    return out
