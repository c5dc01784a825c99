"""Opening the one SQLite file: checks, refusals, migration, pragmas.

A file that is not a database, fails the integrity check or comes from a newer alcoach is never
written to: it is inspected through a read-only connection first.

`PRAGMA quick_check` reads the whole file (over 100 ms on ten years of notes), so the window may
defer it (`open_database(..., defer_check=True)`): the header, the schema version and the schema
are still checked before anything is written, and the full check runs at once whenever the last
session did not end cleanly (its marker file is still beside the database) or a migration is due.
The deferred check (`integrity_problem`) then runs in the background; a failure stops all writing
(`refuse_writes`) and keeps the marker, so the next start refuses the file before opening it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee as pw

from alcoach.data import migrations
from alcoach.data.backup import backup_dir_for, newest_backup, snapshot
from alcoach.data.dbfile import SQLITE_MAGIC, read_header, reading_uri, wal_path
from alcoach.data.models import database_proxy
from alcoach.errors import CorruptDatabaseError, DatabaseError, NewerDatabaseError

DATABASE_FILENAME = "alcoach.db"
# Written beside the database when it is opened, removed when it is closed cleanly: a killed
# session leaves it, and the next open then runs the full integrity check before anything else.
MARKER_SUFFIX = ".open"

# synchronous=FULL: a commit that returned has reached the disk, so a kill (or a power cut) right
# after it loses nothing. WAL keeps readers (exports, backups) from blocking the window's writes.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "full"),
    ("busy_timeout", 5000),
    ("cache_size", -16000),
)
# For an open that writes nothing (`open_database_for_reading`): no journal mode is set.
READING_PRAGMAS = (("query_only", 1), ("busy_timeout", 5000), ("cache_size", -16000))


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILENAME


def _describe_backup(db_path: Path) -> str:
    """A sentence (with its leading space) naming the newest backup of a data folder's database;
    "" for any other file: a backup being restored has no backups of its own to point to."""
    if Path(db_path).name != DATABASE_FILENAME:
        return ""
    latest = newest_backup(backup_dir_for(db_path))
    if latest is None:
        return " There is no backup yet."
    return f" The newest backup is {latest}."


def session_marker(db_path: Path) -> Path:
    """The file that says a session has this database open (or was killed while it had)."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + MARKER_SUFFIX)


def _header_problem(db_path: Path) -> str | None:
    """What is wrong with the file's 100-byte header (or its length), or None: reads no pages."""
    head = read_header(db_path)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return "it is not an SQLite database"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged"
    pages = int.from_bytes(head[28:32], "big")
    size_is_valid = pages > 0 and head[24:28] == head[92:96]  # SQLite's own rule
    wal = wal_path(db_path)
    wal_pending = wal.exists() and wal.stat().st_size > 0  # pages may still wait there
    actual = Path(db_path).stat().st_size
    if size_is_valid and not wal_pending and actual < pages * page_size:
        return f"it is shorter than its header says ({actual} of {pages * page_size} bytes)"
    return None


def _corrupt(db_path: Path, why: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{db_path} is not an alcoach database or is damaged ({why}); it was left as it is."
        f"{_describe_backup(db_path)}"
    )


def _failed_check(db_path: Path, result: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{db_path} fails SQLite's integrity check ({result}); it was left as it is."
        f"{_describe_backup(db_path)}"
    )


def _read_only(db_path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(reading_uri(db_path), uri=True)
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(
            f"{db_path} cannot be opened ({exc}).{_describe_backup(db_path)}"
        ) from exc


def inspect_file(db_path: Path, *, full_check: bool = True) -> int:
    """Return the schema version of an existing file, or raise if it cannot be used.

    Opens read-only, so nothing is changed, whatever the file holds. Without `full_check` only the
    header, the version and the schema are read (about a millisecond); `integrity_problem` is the
    rest, for later.
    """
    db_path = Path(db_path)
    problem = _header_problem(db_path)
    if problem is not None:
        raise _corrupt(db_path, problem)
    conn = _read_only(db_path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        result = conn.execute("PRAGMA quick_check").fetchone()[0] if full_check else "ok"
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _corrupt(db_path, str(exc)) from exc
    finally:
        conn.close()
    if result != "ok":
        raise _failed_check(db_path, result)
    if version == 0 and tables:
        # another program's database: creating alcoach's tables in it would change it
        raise CorruptDatabaseError(
            f"{db_path} is an SQLite database of another program, not an alcoach database; "
            "it was left as it is."
        )
    if version > migrations.SCHEMA_VERSION:
        raise _newer(db_path, version)
    return version


def _newer(db_path: Path, version: int) -> NewerDatabaseError:
    return NewerDatabaseError(
        f"{db_path} was written by a newer alcoach (schema {version}, this one knows up to "
        f"{migrations.SCHEMA_VERSION}); it was left untouched. Please update alcoach."
    )


def check_header(db_path: Path) -> None:
    """The refusals that need no connection, from the header's bytes alone (a file that is not a
    database, a damaged header, a newer schema): made before the folder is locked, so that the
    folder of a refused file gets no lock file either. `inspect_file` checks the rest after."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    problem = _header_problem(db_path)
    if problem is not None:
        raise _corrupt(db_path, problem)
    version = int.from_bytes(read_header(db_path)[60:64], "big")  # SQLite's user_version
    if version > migrations.SCHEMA_VERSION:
        raise _newer(db_path, version)


def integrity_problem(db_path: Path) -> str | None:
    """SQLite's quick check on its own read-only connection (safe on any thread): None when the
    file passes, else one message for the coach naming the file and the newest backup."""
    db_path = Path(db_path)
    try:
        conn = _read_only(db_path)
    except CorruptDatabaseError as exc:
        return str(exc)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(_corrupt(db_path, str(exc)))
    finally:
        conn.close()
    return None if result == "ok" else str(_failed_check(db_path, result))


def check_room_for_migration(db_path: Path) -> None:
    """Refuse a migration when the disk cannot hold its safety copy (the file and its -wal, in
    backups/) and the migration's own growth (as much again, at most: version 3's uids and
    their indexes grew the ten years' 49 MB file by 33 MB)."""
    db_path = Path(db_path)
    size = db_path.stat().st_size
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        size += wal.stat().st_size
    folder = backup_dir_for(db_path)
    probe = folder if folder.exists() else db_path.parent
    free = shutil.disk_usage(probe).free
    needed = 2 * size + (1 << 20)
    if free < needed:
        raise DatabaseError(
            f"{db_path} needs an update to this alcoach's schema, and the disk lacks room for "
            f"its safety copy first ({_megabytes(needed)} needed, {_megabytes(free)} free), "
            "so nothing was changed: please free some space and start again."
        )


def _megabytes(count: int) -> str:
    return f"{count / 1e6:.1f} MB"


def open_database(
    db_path: Path,
    *,
    target_version: int | None = None,
    defer_check: bool = False,
    progress: migrations.Progress | None = None,
) -> pw.SqliteDatabase:
    """Open (creating if needed) and migrate the database, and bind the models to it.

    `defer_check`: leave the full integrity check to the caller (`integrity_pending(db)` says
    whether it is still due), unless the last session was killed or a migration is due.
    `progress` hears how far a migration has got (see alcoach.data.migrations.Progress).
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    target = migrations.SCHEMA_VERSION if target_version is None else target_version
    existing_version = 0
    checked = True
    if db_path.exists() and db_path.stat().st_size > 0:
        full = not defer_check or session_marker(db_path).exists()
        existing_version = inspect_file(db_path, full_check=full)
        if not full and 0 < existing_version < target:
            inspect_file(db_path)  # a migration rewrites tables: only on a sound file
            full = True
        checked = full
    if 0 < existing_version < target:
        check_room_for_migration(db_path)
        snapshot(db_path, backup_dir_for(db_path), reason=f"before-migration-v{existing_version}")

    db = pw.SqliteDatabase(str(db_path), pragmas=PRAGMAS, check_same_thread=False)
    db.connect()
    if existing_version < target:
        # Schema changes may rebuild tables; with foreign keys on, a rebuild's DROP would cascade.
        db.execute_sql("PRAGMA foreign_keys = OFF")
        migrations.migrate_to_latest(db, target, progress)
        problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        db.execute_sql("PRAGMA foreign_keys = ON")
        if problems:
            raise CorruptDatabaseError(
                f"{db_path} has broken links after migration: {problems[:3]}"
            )
    _write_marker(db_path)
    _state[id(db)] = {"pending": not checked, "damaged": False}
    database_proxy.initialize(db)
    return db


def open_database_for_reading(db_path: Path) -> pw.SqliteDatabase:
    """Open an existing database of this alcoach's schema and write nothing: no marker, no
    journal mode, no migration, no `-wal` or `-shm` made (for reading while a window writes)."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        raise DatabaseError(f"There is no alcoach database in {db_path.parent} yet.")
    version = inspect_file(db_path, full_check=False)
    if version != migrations.SCHEMA_VERSION:
        raise DatabaseError(
            f"{db_path} has schema {version} and this alcoach reads {migrations.SCHEMA_VERSION}; "
            "close the alcoach that has it open, then run the command again."
        )
    db = pw.SqliteDatabase(
        reading_uri(db_path), uri=True, pragmas=READING_PRAGMAS, check_same_thread=False
    )
    db.connect()
    _state[id(db)] = {"pending": False, "damaged": False, "reading": True}
    database_proxy.initialize(db)
    return db


def _write_marker(db_path: Path) -> None:
    # A folder that refuses the file: the marker is a safety net, not a condition for opening.
    with contextlib.suppress(OSError):
        session_marker(db_path).write_text(f"{os.getpid()}\n", encoding="ascii")


# Per open database: is its deferred integrity check still due; has it failed one.
_state: dict[int, dict[str, bool]] = {}


def integrity_pending(db: pw.SqliteDatabase) -> bool:
    """True when `open_database(..., defer_check=True)` left the full check for later."""
    return _state.get(id(db), {}).get("pending", False)


def refuse_writes(db: pw.SqliteDatabase) -> None:
    """After a failed integrity check: every later write fails, on every connection, and the
    marker stays, so the next start runs the full check (and refuses the file) before opening."""
    db.pragma("query_only", "on", permanent=True)
    _state.setdefault(id(db), {})["damaged"] = True


def close_database(db: pw.SqliteDatabase) -> None:
    state = _state.pop(id(db), {})
    if not db.is_closed():
        db.close()
    leaves_marker = state.get("damaged") or state.get("reading")
    if not leaves_marker and db.database not in ("", ":memory:"):
        session_marker(Path(db.database)).unlink(missing_ok=True)


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


@contextlib.contextmanager
def thread_connection() -> Iterator[None]:
    """This thread's own connection, for work off the UI thread that writes (an archive import,
    which makes its own transaction): opened here if the thread has none, and closed on exit."""
    db = database_proxy.obj
    if db is None:
        raise DatabaseError("The database is not open.")
    opened_here = db.is_closed()
    if opened_here:
        db.connect()
    try:
        yield
    finally:
        if opened_here:
            db.close()


def close_open_database() -> Path | None:
    """Close the database the models are bound to (this thread's connection; the session marker
    goes), before its file is replaced; returns its path (None when none is open)."""
    db = database_proxy.obj
    if db is None:
        return None
    close_database(db)
    return Path(db.database)
