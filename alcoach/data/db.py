"""Opening the one SQLite file: checks, refusals, migration, pragmas.

A file that is not a database, fails the integrity check or comes from a newer alcoach is never
written to: it is inspected through a read-only connection first.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee as pw

from alcoach.data import migrations
from alcoach.data.backup import backup_dir_for, newest_backup, snapshot
from alcoach.data.models import database_proxy
from alcoach.errors import CorruptDatabaseError, DatabaseError, NewerDatabaseError

DATABASE_FILENAME = "alcoach.db"

# synchronous=FULL: a commit that returned has reached the disk, so a kill (or a power cut) right
# after it loses nothing. WAL keeps readers (exports, backups) from blocking the window's writes.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "full"),
    ("busy_timeout", 5000),
    ("cache_size", -16000),
)


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILENAME


def _describe_backup(db_path: Path) -> str:
    latest = newest_backup(backup_dir_for(db_path))
    if latest is None:
        return "There is no backup yet."
    return f"The newest backup is {latest}."


def inspect_file(db_path: Path) -> int:
    """Return the schema version of an existing file, or raise if it cannot be used.

    Opens read-only, so nothing is changed, whatever the file holds.
    """
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(
            f"{db_path} cannot be opened ({exc}). {_describe_backup(db_path)}"
        ) from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"{db_path} is not an alcoach database or is damaged ({exc}); it was left as it is. "
            f"{_describe_backup(db_path)}"
        ) from exc
    finally:
        conn.close()
    if result != "ok":
        raise CorruptDatabaseError(
            f"{db_path} fails SQLite's integrity check ({result}); it was left as it is. "
            f"{_describe_backup(db_path)}"
        )
    if version == 0 and tables:
        # another program's database: creating alcoach's tables in it would change it
        raise CorruptDatabaseError(
            f"{db_path} is an SQLite database of another program, not an alcoach database; "
            "it was left as it is."
        )
    if version > migrations.SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{db_path} was written by a newer alcoach (schema {version}, this one knows up to "
            f"{migrations.SCHEMA_VERSION}); it was left untouched. Please update alcoach."
        )
    return version


def open_database(db_path: Path, *, target_version: int | None = None) -> pw.SqliteDatabase:
    """Open (creating if needed) and migrate the database, and bind the models to it."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    existing_version = 0
    if db_path.exists() and db_path.stat().st_size > 0:
        existing_version = inspect_file(db_path)
    target = migrations.SCHEMA_VERSION if target_version is None else target_version
    if 0 < existing_version < target:
        snapshot(db_path, backup_dir_for(db_path), reason=f"before-migration-v{existing_version}")

    db = pw.SqliteDatabase(str(db_path), pragmas=PRAGMAS, check_same_thread=False)
    db.connect()
    if existing_version < target:
        # Schema changes may rebuild tables; with foreign keys on, a rebuild's DROP would cascade.
        db.execute_sql("PRAGMA foreign_keys = OFF")
        migrations.migrate_to_latest(db, target)
        problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        db.execute_sql("PRAGMA foreign_keys = ON")
        if problems:
            raise CorruptDatabaseError(
                f"{db_path} has broken links after migration: {problems[:3]}"
            )
    database_proxy.initialize(db)
    return db


def close_database(db: pw.SqliteDatabase) -> None:
    if not db.is_closed():
        db.close()


@contextlib.contextmanager
def reading_snapshot() -> Iterator[None]:
    """Read on this thread's own connection, from one consistent snapshot, for work off the UI
    thread (an export). peewee keeps a connection per thread; one opened here is closed on exit.
    Under WAL the window keeps writing meanwhile; this read sees the data as they were at its start.
    """
    db = database_proxy.obj
    if db is None:
        raise DatabaseError("The database is not open.")
    opened_here = db.is_closed()
    if opened_here:
        db.connect()
    try:
        with db.atomic():
            yield
    finally:
        if opened_here:
            db.close()
