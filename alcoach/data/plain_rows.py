"""Rows read, inserted and deleted by statements composed once per model instead of per call.

Peewee composes a statement's SQL anew at every call, about half a millisecond on a small
laptop; a note logged with one key read the meeting, its phase and its pauses and inserted the
row that way, which with the fsync of the commit took the logging p95 past its 8 ms goal. The
statements here are written from the model's own fields (so they follow the schema), once, and
values go in and out through the fields' own conversions, so a row read or written here is the
same as one peewee reads or writes. The meeting's keystroke paths (log, tally, undo, redo) use
them, and `convert.get_or_raise`, so every service's read by id does.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

import peewee as pw

from alcoach.data import models as m
from alcoach.data.hlc import stamp_time

ModelT = TypeVar("ModelT", bound=pw.Model)


@cache
def _select(model: type[pw.Model], condition: str) -> tuple[str, tuple[pw.Field, ...]]:
    meta = model._meta
    fields = tuple(meta.sorted_fields)
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    return f'SELECT {columns} FROM "{meta.table_name}" WHERE {condition} LIMIT 1', fields


def first_row(model: type[ModelT], condition: str, params: tuple[Any, ...]) -> ModelT | None:
    """The model instance of the first row meeting `condition` (SQL after WHERE, with `?` for
    `params`, an ORDER BY where the order matters), as a peewee select gives it, or None."""
    sql, fields = _select(model, condition)
    row = m.database_proxy.execute_sql(sql, params).fetchone()
    if row is None:
        return None
    values = {f.name: f.python_value(v) for f, v in zip(fields, row, strict=True)}
    instance = model(__no_default__=1, **values)
    instance._dirty.clear()
    return instance


def row_by_id(model: type[ModelT], record_id: int) -> ModelT | None:
    """The model instance of the row with this id, as `model.get_or_none` gives it, or None."""
    key = model._meta.primary_key.column_name
    return first_row(model, f'"{key}" = ?', (record_id,))


@cache
def _insert(model: type[pw.Model], names: tuple[str, ...]) -> tuple[str, tuple[pw.Field, ...]]:
    meta = model._meta
    fields = tuple(meta.fields[name] for name in names)
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    return f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})', fields


def insert_row(model: type[pw.Model], **values: Any) -> dict[str, Any]:
    """Insert a row as `model.create(**values)` would (the model's defaults for what is not
    given, a new uid and `updated_at` for a record); the row's values by field name, every
    field's, its id under the primary key's name."""
    meta = model._meta
    key = meta.primary_key.name
    data = {name: None for name in meta.sorted_field_names if name != key}
    data.update(meta.get_default_dict())
    data.update(values)
    if m.BY_TABLE.get(meta.table_name) and m.BY_TABLE[meta.table_name].one_per:
        data["uid"] = m.once_per_uid(model, data)
    if "hlc" in meta.fields and "updated_at" not in values:
        data["updated_at"] = stamp_time(data["hlc"])  # one time: the stamp's
    names = tuple(name for name in meta.sorted_field_names if name in data)
    sql, fields = _insert(model, names)
    params = [f.db_value(data[f.name]) for f in fields]
    cursor = m.database_proxy.execute_sql(sql, params)
    data[key] = cursor.lastrowid
    return data


def delete_row(model: type[pw.Model], record_id: int) -> int:
    """Delete the row with this id, as `model.delete().where(id == ...)` would (the schema's
    cascades and tombstone triggers run); how many rows went (0 or 1)."""
    meta = model._meta
    sql = f'DELETE FROM "{meta.table_name}" WHERE "{meta.primary_key.column_name}" = ?'
    return m.database_proxy.execute_sql(sql, (record_id,)).rowcount


def has_row(model: type[pw.Model], record_id: int | None) -> bool:
    """Whether a row with this id is there."""
    if record_id is None:
        return False
    meta = model._meta
    sql = f'SELECT 1 FROM "{meta.table_name}" WHERE "{meta.primary_key.column_name}" = ?'
    return m.database_proxy.execute_sql(sql, (record_id,)).fetchone() is not None
