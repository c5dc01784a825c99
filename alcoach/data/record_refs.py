"""Records named by kind and uid, as the meeting's undo steps hold them: a row id can be given to
another record by an import, a uid names the same record in every copy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from alcoach.data import models as m
from alcoach.data.op_changes import Ref
from alcoach.data.record_spec import BY_NAME, one_per_uid
from alcoach.data.records import ActionRecord, InterventionRecord, LearningRecord, TallyRecord

_KIND_OF = {
    InterventionRecord: "intervention",
    TallyRecord: "tally",
    ActionRecord: "action",
    LearningRecord: "learning",
}


def ref_of(record: Any) -> Ref:
    """The (kind, uid) of a record a data service returned."""
    return _KIND_OF[type(record)], record.uid


def once_per_ref(kind: str, parent_id: int, member_id: int) -> Ref:
    """The (kind, uid) of a member's once-per record (a rating of a note, feedback in a
    meeting), whether or not it exists yet: its uid is derived from the parent's and the
    member's."""
    parent_kind = BY_NAME[kind].parent[1]  # type: ignore[index] (a once-per kind has one)
    table = BY_NAME[parent_kind].table
    db = m.database_proxy
    parent = db.execute_sql(f'SELECT uid FROM "{table}" WHERE id = ?', (parent_id,)).fetchone()
    member = db.execute_sql("SELECT uid FROM member WHERE id = ?", (member_id,)).fetchone()
    if parent is None or member is None:
        return kind, ""
    return kind, one_per_uid(kind, parent[0], {"member": member[0]})


def present(refs: Iterable[Ref]) -> dict[Ref, int]:
    """The row id of each named record that exists here (those that do not are left out)."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for kind, uid in refs:
        if uid:
            by_kind[kind].add(uid)
    found: dict[Ref, int] = {}
    for kind, uids in by_kind.items():
        table = BY_NAME[kind].table
        listed = sorted(uids)
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = m.database_proxy.execute_sql(
                f'SELECT uid, id FROM "{table}" WHERE uid IN ({marks})', chunk
            )
            found.update(((kind, uid), row_id) for uid, row_id in rows)
    return found


def uid_of(kind: str, row_id: int) -> str | None:
    """The uid of the record with this row id here (None when there is none)."""
    table = BY_NAME[kind].table
    row = m.database_proxy.execute_sql(
        f'SELECT uid FROM "{table}" WHERE id = ?', (row_id,)
    ).fetchone()
    return None if row is None else row[0]
