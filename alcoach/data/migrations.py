"""The schema's history: one atomic step per version, kept in SQLite's `PRAGMA user_version`.

Steps name tables and columns as strings (or frozen SQL files), never live model classes, so an
old step keeps meaning what it meant when it was written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee as pw

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


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


def _v1_initial(db: pw.SqliteDatabase) -> None:
    _run_sql_file(db, "v001_initial.sql")


def _v2_search_and_late_interventions(db: pw.SqliteDatabase) -> None:
    from playhouse.migrate import SqliteMigrator, migrate  # only when migrating: not every start

    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("intervention", "added_afterwards", pw.BooleanField(default=False)))
    _run_sql_file(db, "v002_search.sql")


MIGRATIONS: tuple[Callable[[pw.SqliteDatabase], None], ...] = (
    _v1_initial,
    _v2_search_and_late_interventions,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: pw.SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate_to_latest(db: pw.SqliteDatabase, target: int = SCHEMA_VERSION) -> int:
    """Apply each missing step in its own transaction; return the version reached."""
    version = schema_version(db)
    while version < target:
        step = MIGRATIONS[version]
        with db.atomic():
            step(db)
            version += 1
            db.execute_sql(f"PRAGMA user_version = {version:d}")
    return version
