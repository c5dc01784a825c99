"""The base of every model: the database proxy, UTC times, uids and the stamped RecordModel.

Split from alcoach.data.models (which re-exports all of it), so each file holds one thing.
"""

from __future__ import annotations

import datetime as dt
import os

import peewee as pw

from alcoach.data.hlc import COPY_AT, clock_of, copy_of, stamp_time
from alcoach.data.record_spec import BY_NAME, BY_TABLE, derived_uid

database_proxy = pw.DatabaseProxy()


class UtcDateTimeField(pw.DateTimeField):
    """Aware datetimes in, aware UTC datetimes out; naive UTC text in the file."""

    def db_value(self, value):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return super().db_value(value)

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uid() -> str:
    """A random (version 4) UUID, written as uuid.uuid4() writes it, three times faster (an
    import of ten years makes 270,000)."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


class BaseModel(pw.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


def new_stamp() -> str:
    """A stamp from the open database's hybrid logical clock (alcoach.data.hlc)."""
    return clock_of(database_proxy.obj).stamp()


class RecordModel(BaseModel):
    """A record a coach keeps: a stable `uid` (a UUID, the same in every copy of the database and
    in archives), `hlc`, the stamp of its last change from the hybrid logical clock, which a
    merge compares, `base`, the stamp of the version it was edited from (so a merge can tell an
    edit of the other side's version from an edit made beside it), and `updated_at`, the stamp's
    time for people and other tools.

    Every write through a model stamps it: `save` (so `create` too), `update` queries (unless
    they set `hlc` themselves, as an import does, or keep `updated_at` as it is) and inserts
    (the fields' defaults). Deletions leave a tombstone (SQL triggers), so a merge never brings
    back what the coach deleted.
    """

    uid = pw.TextField(default=new_uid, unique=True)
    updated_at = UtcDateTimeField(default=utc_now)
    hlc = pw.TextField(default=new_stamp)
    base = pw.TextField(null=True)

    def save(self, force_insert: bool = False, only=None):
        spec = BY_TABLE.get(self._meta.table_name)
        if self._pk is None and spec is not None and spec.one_per:
            self.uid = once_per_uid(type(self), self.__data__)
        clock = clock_of(database_proxy.obj)
        if self.hlc and copy_of(self.hlc) != clock.copy_id:
            self.base = self.hlc  # an edit of a version another copy made
        if self.hlc:
            clock.observe(self.hlc)
        self.hlc = clock.stamp()
        self.updated_at = stamp_time(self.hlc)
        if only is not None:
            cls = type(self)
            only = [*only, cls.updated_at, cls.hlc, cls.base]
        return super().save(force_insert=force_insert, only=only)

    @classmethod
    def update(cls, __data=None, **update):
        data = cls._normalize_data(__data, update)
        if data.get(cls.updated_at) is cls.updated_at:  # kept as it is: so is the stamp
            data.setdefault(cls.hlc, cls.hlc)
        if cls.hlc not in data:
            clock = clock_of(database_proxy.obj)
            stamp = clock.stamp()
            data[cls.hlc] = stamp
            data[cls.updated_at] = stamp_time(stamp)
            data[cls.base] = pw.Case(
                None, [(pw.fn.substr(cls.hlc, COPY_AT + 1) == clock.copy_id, cls.base)], cls.hlc
            )
        return pw.ModelUpdate(cls, data)


def once_per_uid(model: type[RecordModel], values: dict) -> str:
    """The uid of a record that exists once per member of something (a rating, an attendance, a
    feedback, a poll vote), from its parent's and member's uids: the same in every copy, and the
    same when it is cleared and entered again. `values` holds row ids by field name."""
    spec = BY_TABLE[model._meta.table_name]
    assert spec.parent is not None
    parent_field, parent_kind = spec.parent

    def uid_of(kind: str, row_id: object) -> str:
        row_id = getattr(row_id, "id", row_id)
        table = BY_NAME[kind].table
        row = database_proxy.execute_sql(f'SELECT uid FROM "{table}" WHERE id = ?', (row_id,))
        found = row.fetchone()
        return found[0] if found else f"missing-{row_id}"  # the insert then fails on its link

    parts = [
        uid_of(spec.links[name], values[name]) if name in spec.links else values[name]
        for name in spec.one_per
    ]
    return derived_uid(spec.name, uid_of(parent_kind, values[parent_field]), *parts)
