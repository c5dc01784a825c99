"""Schema version 5: copies that converge (README, "How a merge decides").

- Every record gets `hlc`, its stamp from the hybrid logical clock, made from its `updated_at`
  with a copy id of zeros (two copies of one database, upgraded apart, stamp alike), and `base`.
  A time more than a day ahead of now is clamped to that limit: a laptop with its year wrong
  must not win every later merge.
- Records that exist once per member of something (a rating, an attendance, a feedback, a poll
  vote) and built-in content take uids derived from what they belong to, so clearing and
  re-entering, or seeding the bank on another laptop, never makes a second identity.
- A rating's score and a vote may be empty: clearing them is an edit, not a deletion.
- Tombstones get their stamp and can be lifted (a record put back keeps its uid), and conflicts
  keep the text that lost a merge.

Tables and columns are named as strings, as in every step (alcoach.data.migrations).
"""

from __future__ import annotations

from typing import Any

import peewee as pw

from alcoach.data.hlc import MIGRATED_COPY, clamp_limit
from alcoach.data.record_spec import builtin_uid, derived_uid

# Tables whose rows carry uid and updated_at (schema version 3), and the new conflict table.
_TABLES = (
    "programme", "learning_set", "member", "question", "agenda_template", "meeting",
    "attendance", "pause", "phase", "problem_statement", "problem_poll", "intervention",
    "intervention_member", "rating", "tally", "feedback", "action", "learning",
)  # fmt: skip
# The once-per-member tables: (table, kind, parent table, parent column, the key's SQL parts).
_ONE_PER = (
    ("attendance", "attendance", "meeting", "meeting_id", ("member",)),
    ("feedback", "feedback", "meeting", "meeting_id", ("member",)),
    ("problem_poll", "problem_poll", "meeting", "meeting_id", ("round", "member")),
    ("rating", "rating", "intervention", "intervention_id", ("member",)),
)
_MEMBER_UID = '(SELECT uid FROM member WHERE member.id = "{t}".member_id)'
# A deletion leaves a tombstone stamped by the clock; one the archive being imported already
# brought stays as it came; a lifted one (the record was put back) is lowered again.
DELETE_STAMP = (
    "INSERT INTO tombstone (uid, kind, deleted_at, hlc, lifted) "
    "SELECT old.uid, '{kind}', replace(substr(s, 1, 26), 'T', ' '), s, 0 "
    "FROM (SELECT alcoach_hlc() AS s) WHERE 1 "
    "ON CONFLICT (uid) DO UPDATE SET deleted_at = excluded.deleted_at, hlc = excluded.hlc, "
    "lifted = 0 WHERE lifted = 1"
)
# A record put back with its uid (undo, restore) lifts its tombstone, stamped.
PUT_BACK = (
    'CREATE TRIGGER "{table}_put_back" AFTER INSERT ON "{table}" '
    "WHEN EXISTS (SELECT 1 FROM tombstone WHERE uid = new.uid AND lifted = 0) BEGIN "
    "UPDATE tombstone SET lifted = 1, hlc = alcoach_hlc() WHERE uid = new.uid; END"
)
# The kinds whose deletion leaves a tombstone, by table (as version 3 made them).
TOMBSTONE_KINDS = {
    "programme": "programme", "learning_set": "set", "member": "member",
    "question": "question", "agenda_template": "agenda_template", "meeting": "meeting",
    "attendance": "attendance", "pause": "pause", "phase": "phase",
    "problem_statement": "problem_statement", "problem_poll": "problem_poll",
    "intervention": "intervention", "rating": "rating", "tally": "tally",
    "feedback": "feedback", "action": "action", "learning": "learning", "conflict": "conflict",
}  # fmt: skip
# "YYYY-MM-DD HH:MM:SS[.ffffff]" as peewee stores times, to a stamp's fixed-width time.
_STAMP_TIME = (
    "replace(CASE WHEN length({c}) = 19 THEN {c} || '.000000' "
    "ELSE substr({c} || '000000', 1, 26) END, ' ', 'T') || 'Z'"
)


V5_WHAT = "Stamping every record for merging"


def _stamp_sql(column: str) -> str:
    return _STAMP_TIME.format(c=f'"{column}"') + f" || '-0000-{MIGRATED_COPY}'"


def converging_copies(db: pw.SqliteDatabase, progress: Any) -> None:
    db.register_function(
        lambda kind, *parts: derived_uid(kind, *parts), "alcoach_derived_uid", -1,
        deterministic=True,
    )  # fmt: skip
    db.register_function(builtin_uid, "alcoach_builtin_uid", 2, deterministic=True)
    limit = clamp_limit()  # "YYYY-MM-DDTHH:MM:SS.ffffffZ"
    limit_time = limit[:26].replace("T", " ")
    counts = {t: db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _TABLES}
    total, done = sum(counts.values()), 0
    if total:
        progress(V5_WHAT, 0, total)
    for table in _TABLES:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "hlc" TEXT')
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "base" TEXT')
        db.execute_sql(
            f'UPDATE "{table}" SET "updated_at" = ? WHERE "updated_at" > ?',
            (limit_time, limit_time),
        )
        db.execute_sql(f'UPDATE "{table}" SET "hlc" = {_stamp_sql("updated_at")}')
        done += counts[table]
        if total:
            progress(V5_WHAT, done, total)
    for table, kind, parent, column, key in _ONE_PER:
        parts = ", ".join(_MEMBER_UID.format(t=table) if k == "member" else f'"{k}"' for k in key)
        db.execute_sql(
            f'UPDATE "{table}" SET "uid" = alcoach_derived_uid(\'{kind}\', '
            f'(SELECT uid FROM "{parent}" WHERE "{parent}".id = "{table}"."{column}"), {parts})'
        )
    for table, kind in (("question", "question"), ("agenda_template", "agenda_template")):
        db.execute_sql(
            f"UPDATE \"{table}\" SET uid = alcoach_builtin_uid('{kind}', builtin_key) "
            "WHERE builtin_key IS NOT NULL"
        )
    _nullable(db, "rating", '"score" INTEGER NOT NULL', '"score" INTEGER')
    _nullable(db, "problem_poll", '"vote" VARCHAR(255) NOT NULL', '"vote" VARCHAR(255)')
    db.execute_sql('ALTER TABLE "tombstone" ADD COLUMN "hlc" TEXT')
    db.execute_sql('ALTER TABLE "tombstone" ADD COLUMN "lifted" INTEGER NOT NULL DEFAULT 0')
    db.execute_sql(
        'UPDATE "tombstone" SET "deleted_at" = ? WHERE "deleted_at" > ?', (limit_time, limit_time)
    )
    db.execute_sql(f'UPDATE "tombstone" SET "hlc" = {_stamp_sql("deleted_at")}')
    db.execute_sql(
        'CREATE TABLE "conflict" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" TEXT NOT NULL, '
        '"updated_at" DATETIME NOT NULL, "hlc" TEXT NOT NULL, "base" TEXT, '
        '"record_kind" TEXT NOT NULL, "record_uid" TEXT NOT NULL, "kept_hlc" TEXT NOT NULL, '
        '"lost_hlc" TEXT NOT NULL, "kept" TEXT NOT NULL, "lost" TEXT NOT NULL, '
        "\"resolution\" TEXT NOT NULL DEFAULT '')"
    )
    db.execute_sql('CREATE UNIQUE INDEX "conflict_uid" ON "conflict" ("uid")')
    db.execute_sql('CREATE INDEX "conflict_record_uid" ON "conflict" ("record_uid")')
    for table, kind in TOMBSTONE_KINDS.items():
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{table}_tombstone"')
        db.execute_sql(
            f'CREATE TRIGGER "{table}_tombstone" AFTER DELETE ON "{table}" BEGIN '
            f"{DELETE_STAMP.format(kind=kind)}; END"
        )
        db.execute_sql(PUT_BACK.format(table=table))


def _nullable(db: pw.SqliteDatabase, table: str, old: str, new: str) -> None:
    """Rebuild a table with one column made nullable (SQLite cannot alter a column), keeping its
    rows, indexes and triggers. The caller has foreign keys off."""
    (sql,) = db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    assert old in sql, (table, old)
    others = [
        row[0]
        for row in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL",
            (table,),
        ).fetchall()
    ]
    rebuilt = f"{table}__rebuilt"
    db.execute_sql(sql.replace(old, new).replace(f'"{table}"', f'"{rebuilt}"', 1))
    db.execute_sql(f'INSERT INTO "{rebuilt}" SELECT * FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{rebuilt}" RENAME TO "{table}"')
    for statement in others:
        db.execute_sql(statement)
