"""What the merge (merge.py) writes with: times, bulk inserts, new keys.

New rows are inserted in bulk, each table with a few large statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import peewee as pw

from alcoach.data import models as m

# SQLite 3.32+ allows 32766 bound variables in one statement.
_MAX_VARIABLES = 30_000


def parse_time(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = dt.datetime.fromisoformat(value.upper().replace(" ", "T"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def bulk_insert(
    model: type[m.BaseModel], fields: Sequence[pw.Field], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows in chunks, each chunk one multi-row INSERT.

    One statement per chunk matters: the search index (FTS5, filled by triggers) flushes at
    every statement, so row-at-a-time inserts of 80,000 interventions take many times longer.
    The statement is written here with placeholders: peewee's insert_many took about 0.4 s to
    build one for 30,000 values, more than the insert itself. Times go through the
    field's own conversion, exactly as peewee would store them. Rows of a record table without
    a uid get a new one, and now as their updated_at.
    """
    if not rows:
        return
    if issubclass(model, m.RecordModel) and not any(f is model.uid for f in fields):
        now = m.utc_now()
        fields = (*fields, model.uid, model.updated_at)
        rows = [(*row, m.new_uid(), now) for row in rows]
    width = len(fields)
    size = max(1, _MAX_VARIABLES // width)
    times = [i for i, f in enumerate(fields) if isinstance(f, m.UtcDateTimeField)]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    one = "(" + ", ".join("?" * width) + ")"
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        statement = head + ", ".join([one] * len(chunk))
        params: list[Any] = []
        for row in chunk:
            if times:
                values = list(row)
                for i in times:
                    values[i] = fields[i].db_value(values[i])
                params.extend(values)
            else:
                params.extend(row)
        m.database_proxy.execute_sql(statement, params)


class Allocator:
    """Hands out new primary keys for one table, starting past the largest one in use."""

    def __init__(self, model: type[m.BaseModel]) -> None:
        self.next = (model.select(pw.fn.MAX(model.id)).scalar() or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value
