"""Schema version 6: the coach's practice records (README, "Your practice records").

- A programme names its client organisation and whether its work is paid (or pro bono).
- A meeting keeps the coach's role in it (coach, co-coach, observer, supervisor) and may say paid
  or pro bono itself (empty: as its programme says).
- A set keeps its sponsor's brief: the problem's context and history, why it matters, what has
  been tried, what is expected of the set, how success will be recognised, the sponsor's name.
- Hours outside meetings, added by hand (`hours_entry`), the coach's own targets (`target`),
  each member's consents, one record per grant or withdrawal (`consent`), and the erasures of
  members (`erasure`: the pseudonym every copy shows, and a keyed hash of the name, its key
  random and kept beside it, so an archive that matches members by name cannot bring one back).

New tables carry uid and stamps from the start, and leave tombstones as every record does.
Tables and columns are named as strings, as in every step (alcoach.data.migrations).
"""

from __future__ import annotations

from typing import Any

import peewee as pw

from alcoach.data.migration_v5 import DELETE_STAMP, PUT_BACK

_STAMPS = (
    '"id" INTEGER NOT NULL PRIMARY KEY, "uid" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, '
    '"hlc" TEXT NOT NULL, "base" TEXT'
)
_NEW_TABLES = {
    "hours_entry": (
        '"date" DATE NOT NULL, "minutes" INTEGER NOT NULL, "kind" TEXT NOT NULL, '
        "\"role\" TEXT NOT NULL DEFAULT 'coach', "
        '"programme_id" INTEGER REFERENCES "programme" ("id") ON DELETE SET NULL, '
        '"organisation" TEXT NOT NULL DEFAULT \'\', "group_size" INTEGER, '
        '"paid" INTEGER NOT NULL DEFAULT 1, "description" TEXT NOT NULL DEFAULT \'\', '
        '"created_at" DATETIME NOT NULL'
    ),
    "target": (
        '"name" TEXT NOT NULL, "total_minutes" INTEGER NOT NULL, "part_kind" TEXT, '
        '"part_minutes" INTEGER NOT NULL DEFAULT 0, "min_span_days" INTEGER NOT NULL DEFAULT 0, '
        '"project_meetings" INTEGER NOT NULL DEFAULT 0, '
        '"project_days" INTEGER NOT NULL DEFAULT 0, "counts_from" DATE, "expires" DATE, '
        '"created_at" DATETIME NOT NULL'
    ),
    "erasure": (
        '"learning_set_id" INTEGER NOT NULL REFERENCES "learning_set" ("id") ON DELETE CASCADE, '
        '"member_id" INTEGER REFERENCES "member" ("id") ON DELETE SET NULL, '
        '"pseudonym" TEXT NOT NULL, "name_salt" TEXT NOT NULL, "name_hash" TEXT NOT NULL, '
        '"erased_at" DATETIME NOT NULL'
    ),
    "consent": (
        '"member_id" INTEGER NOT NULL REFERENCES "member" ("id") ON DELETE CASCADE, '
        '"purpose" TEXT NOT NULL, "granted" INTEGER NOT NULL, "at" DATETIME NOT NULL, '
        "\"how\" TEXT NOT NULL DEFAULT '', \"wording\" TEXT NOT NULL DEFAULT ''"
    ),
}
_INDEXES = (
    'CREATE INDEX "hours_entry_date" ON "hours_entry" ("date")',
    'CREATE INDEX "hours_entry_programme_id" ON "hours_entry" ("programme_id")',
    'CREATE INDEX "consent_member_id" ON "consent" ("member_id", "purpose")',
    'CREATE INDEX "erasure_learning_set_id" ON "erasure" ("learning_set_id")',
)
# (table, kind) of each new record table: its deletions leave tombstones.
NEW_KINDS = (
    ("hours_entry", "hours_entry"), ("target", "target"), ("erasure", "erasure"),
    ("consent", "consent"),
)  # fmt: skip
BRIEF_FIELDS = (
    "brief_context", "brief_matters", "brief_tried", "brief_expected", "brief_success",
    "brief_sponsor",
)  # fmt: skip


def practice_records(db: pw.SqliteDatabase, progress: Any) -> None:
    def add(table: str, column: str, definition: str) -> None:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition}')

    add("programme", "organisation", "TEXT NOT NULL DEFAULT ''")
    add("programme", "paid", "INTEGER NOT NULL DEFAULT 1")
    add("meeting", "coach_role", "TEXT NOT NULL DEFAULT 'coach'")
    add("meeting", "paid", "INTEGER")
    for column in BRIEF_FIELDS:
        add("learning_set", column, "TEXT NOT NULL DEFAULT ''")
    for table, columns in _NEW_TABLES.items():
        db.execute_sql(f'CREATE TABLE "{table}" ({_STAMPS}, {columns})')
        db.execute_sql(f'CREATE UNIQUE INDEX "{table}_uid" ON "{table}" ("uid")')
    for statement in _INDEXES:
        db.execute_sql(statement)
    for table, kind in NEW_KINDS:
        db.execute_sql(
            f'CREATE TRIGGER "{table}_tombstone" AFTER DELETE ON "{table}" BEGIN '
            f"{DELETE_STAMP.format(kind=kind)}; END"
        )
        db.execute_sql(PUT_BACK.format(table=table))
