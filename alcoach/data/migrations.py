"""The schema's history: one atomic step per version, kept in SQLite's `PRAGMA user_version`.

Steps name tables and columns as strings (or frozen SQL files), never live model classes, so an
old step keeps meaning what it meant when it was written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import peewee as pw

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


class Progress(Protocol):
    """Told how far a migration has got: `what` it is doing, `done` of `total` records."""

    def __call__(self, what: str, done: int, total: int) -> None: ...


def _no_progress(what: str, done: int, total: int) -> None:
    pass


def _run_sql_file(db: pw.SqliteDatabase, name: str) -> None:
    script = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    # executescript would commit on its own; split on the statement terminator instead so the
    # whole step stays inside the caller's transaction. Triggers hold ';' inside BEGIN ... END.
    for statement in _split_statements(script):
        db.execute_sql(statement)


def _split_statements(script: str) -> list[str]:
    statements: list[str] = []
    current: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("--")):
            continue
        current.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if in_trigger:
            if upper == "END;":
                statements.append("\n".join(current))
                current, in_trigger = [], False
        elif stripped.endswith(";"):
            statements.append("\n".join(current))
            current = []
    if current and "".join(current).strip():
        statements.append("\n".join(current))
    return statements


def _v1_initial(db: pw.SqliteDatabase, progress: Progress) -> None:
    _run_sql_file(db, "v001_initial.sql")


def _v2_search_and_late_interventions(db: pw.SqliteDatabase, progress: Progress) -> None:
    from playhouse.migrate import SqliteMigrator, migrate  # only when migrating: not every start

    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("intervention", "added_afterwards", pw.BooleanField(default=False)))
    _run_sql_file(db, "v002_search.sql")


def _meeting_time(table: str) -> str:
    return f"(SELECT created_at FROM meeting WHERE meeting.id = {table}.meeting_id)"


def _intervention_time(table: str) -> str:
    return f"(SELECT at FROM intervention WHERE intervention.id = {table}.intervention_id)"


# Version 3's tables: (table, kind in archives and tombstones or None, the best time known for
# when an existing row last changed). Rows had no such time before; this is the nearest one.
V3_TABLES: tuple[tuple[str, str | None, str], ...] = (
    ("programme", "programme", "created_at"),
    ("learning_set", "set", "created_at"),
    (
        "member",
        "member",
        "(SELECT created_at FROM learning_set WHERE learning_set.id = member.learning_set_id)",
    ),
    ("question", "question", "created_at"),
    ("agenda_template", "agenda_template", "created_at"),
    ("meeting", "meeting", "created_at"),
    ("attendance", "attendance", _meeting_time("attendance")),
    ("pause", "pause", "start"),
    ("phase", "phase", _meeting_time("phase")),
    ("problem_statement", "problem_statement", "created_at"),
    ("problem_poll", "problem_poll", _meeting_time("problem_poll")),
    ("intervention", "intervention", "at"),
    ("intervention_member", None, _intervention_time("intervention_member")),
    ("rating", "rating", _intervention_time("rating")),
    ("tally", "tally", "at"),
    ("feedback", "feedback", _meeting_time("feedback")),
    ("action", "action", "created_at"),
    ("learning", "learning", "created_at"),
)
_SQL_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"  # naive UTC, as the models store times
_V3_BATCH = 20_000


def _v3_uids_and_tombstones(db: pw.SqliteDatabase, progress: Progress) -> None:
    """Every record gets a uid and updated_at; deletions leave tombstones from now on.

    The uid comes from the record's place (table and id) and the time it was made (or the
    nearest one known), not from chance: two copies of one older database, upgraded apart,
    give each record the same uid and merge without doubles."""
    from alcoach.data.record_spec import derived_uid

    db.register_function(
        lambda table, row_id, made: derived_uid("place", table, row_id, made),
        "alcoach_place_uid", 3, deterministic=True,
    )  # fmt: skip
    counts = {
        table: db.execute_sql(f'SELECT count(*), min(id), max(id) FROM "{table}"').fetchone()
        for table, _, _ in V3_TABLES
    }
    total = sum(count for count, _, _ in counts.values())
    if not total:  # a new database: nothing to report
        progress = _no_progress
    done = 0
    progress("Giving every record its id", done, total)
    for table, _, changed in V3_TABLES:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "uid" TEXT')
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "updated_at" DATETIME')
        count, low, high = counts[table]
        if count:
            for start in range(low, high + 1, _V3_BATCH):
                cursor = db.execute_sql(
                    f'UPDATE "{table}" SET "uid" = alcoach_place_uid(\'{table}\', "id", '
                    f"coalesce({changed}, '')), "
                    f'"updated_at" = coalesce({changed}, {_SQL_NOW}) '
                    'WHERE "id" >= ? AND "id" < ?',
                    (start, start + _V3_BATCH),
                )
                done += cursor.rowcount
                progress("Giving every record its id", done, total)
        db.execute_sql(f'CREATE UNIQUE INDEX "{table}_uid" ON "{table}" ("uid")')
    _run_sql_file(db, "v003_tombstones.sql")
    for table, kind, _ in V3_TABLES:
        if kind is None:
            continue
        db.execute_sql(
            f'CREATE TRIGGER "{table}_tombstone" AFTER DELETE ON "{table}" BEGIN '
            "INSERT OR IGNORE INTO tombstone (uid, kind, deleted_at) "
            f"VALUES (old.uid, '{kind}', {_SQL_NOW}); END"
        )


# Version 4's notes: (table, source code, source name, the note's text as SQL, its meeting id).
V4_NOTES: tuple[tuple[str, int, str, str, str], ...] = (
    ("intervention", 1, "intervention", "text || char(10) || response", "meeting_id"),
    ("problem_statement", 2, "problem", "text", "meeting_id"),
    (
        "feedback",
        3,
        "feedback",
        "skill || char(10) || strengths || char(10) || suggestions || char(10) "
        "|| self_assessment || char(10) || coach_notes",
        "meeting_id",
    ),
    ("action", 4, "action", "text || char(10) || report_back", "meeting_id"),
    ("learning", 5, "learning", "text || char(10) || application", "meeting_id"),
    ("meeting", 6, "meeting", "title || char(10) || location || char(10) || coach_notes", "id"),
)
_V4_BATCH = 5_000
V4_WHAT = "Indexing the notes for search"


def _v4_search_everywhere(db: pw.SqliteDatabase, progress: Progress) -> None:
    """Every note folded in Python into note_text, with a trigram and a gram index over it."""
    from alcoach.data.search_fold import fold, grams, register_search_functions

    register_search_functions(db)  # the triggers call them: this connection may write next
    _run_sql_file(db, "v004_search_tables.sql")
    total = sum(db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t, *_ in V4_NOTES)
    if not total:
        progress = _no_progress
    done = 0
    progress(V4_WHAT, done, total)
    for table, code, source, body, meeting in V4_NOTES:
        last = 0
        while True:
            rows = db.execute_sql(
                f'SELECT id, {meeting}, {body} FROM "{table}" WHERE id > ? ORDER BY id LIMIT ?',
                (last, _V4_BATCH),
            ).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            folded = [(row_id * 8 + code, source, mid, fold(text)) for row_id, mid, text in rows]
            db.cursor().executemany(
                "INSERT INTO note_text (id, source, meeting_id, folded) VALUES (?, ?, ?, ?)",
                folded,
            )
            db.cursor().executemany(
                "INSERT INTO note_grams (rowid, grams) VALUES (?, ?)",
                [(row[0], grams(row[3])) for row in folded],
            )
            done += len(rows)
            progress(V4_WHAT, done, total)
    db.execute_sql("INSERT INTO note_trigram (note_trigram) VALUES ('rebuild')")
    db.execute_sql("INSERT INTO note_grams (note_grams) VALUES ('optimize')")
    _run_sql_file(db, "v004_search_triggers.sql")


def _v5_converging_copies(db: pw.SqliteDatabase, progress: Progress) -> None:
    from alcoach.data.migration_v5 import converging_copies

    converging_copies(db, progress)


def _v6_practice_records(db: pw.SqliteDatabase, progress: Progress) -> None:
    from alcoach.data.migration_v6 import practice_records

    practice_records(db, progress)


MIGRATIONS: tuple[Callable[[pw.SqliteDatabase, Progress], None], ...] = (
    _v1_initial,
    _v2_search_and_late_interventions,
    _v3_uids_and_tombstones,
    _v4_search_everywhere,
    _v5_converging_copies,
    _v6_practice_records,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: pw.SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate_to_latest(
    db: pw.SqliteDatabase, target: int = SCHEMA_VERSION, progress: Progress | None = None
) -> int:
    """Apply each missing step in its own transaction; return the version reached.

    `progress` hears how far a long step has got (the CLI prints it, the window shows it).
    """
    version = schema_version(db)
    while version < target:
        step = MIGRATIONS[version]
        with db.atomic():
            step(db, progress or _no_progress)
            version += 1
            db.execute_sql(f"PRAGMA user_version = {version:d}")
    return version
