"""Opening the one SQLite file: checks, refusals, migration, pragmas, the journal.

A file that is not alcoach's, cannot be read, fails the integrity check or comes from a newer
alcoach is never written to: it is identified first, by checks that write nothing
(alcoach.data.identify).

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
from collections.abc import Iterator
from pathlib import Path

import peewee as pw

from alcoach.data import connection, migrations
from alcoach.data.backup import backup_dir_for, snapshot
from alcoach.data.connection import Errors, reading_uri
from alcoach.data.dbfile import ALCOACH_APPLICATION_ID, DATABASE_FILENAME, is_plain, wal_path
from alcoach.data.hlc import clock_of, remember_clock
from alcoach.data.identify import (
    empty_with_backups,
    inspect_encrypted_wal,
    inspect_file,
    inspect_replayed_copy,
)
from alcoach.data.journal import connect
from alcoach.data.models import database_proxy
from alcoach.data.storage_errors import read_only_part, storage_error, unwritable_part
from alcoach.errors import CorruptDatabaseError, DatabaseError, ReadOnlyError
from alcoach.privacy import private_folder

# Written beside the database when it is opened, removed when it is closed cleanly: a killed
# session leaves it, and the next open then runs the full integrity check before anything else.
MARKER_SUFFIX = ".open"

# For an open that writes nothing (`open_database_for_reading`): no journal mode is set.
READING_PRAGMAS = (("query_only", 1), ("busy_timeout", 5000), ("cache_size", -16000))


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILENAME


def session_marker(db_path: Path) -> Path:
    """The file that says a session has this database open (or was killed while it had)."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + MARKER_SUFFIX)


def _identify_for_writing(db_path: Path, target: int, defer_check: bool) -> tuple[int, bool]:
    """The schema version of the file about to be opened for writing, and whether the full check
    has run; raises (writing nothing) for any file that must not be opened."""
    if not db_path.exists():
        return 0, True
    if db_path.stat().st_size == 0:
        refusal = empty_with_backups(db_path)
        if refusal is not None:
            raise refusal
        return 0, True
    # An encrypted file's full check takes seconds (every page decrypted and its HMAC checked):
    # after a kill it too waits for the window's first paint, and only the -wal's keys are
    # checked before the open (alcoach.data.wal_keys).
    deferred_after_kill = defer_check and not is_plain(db_path)
    wal = wal_path(db_path)
    if wal.exists() and wal.stat().st_size > 0:
        # This process holds the folder, so no alcoach has the file open: the -wal is a killed
        # session's, or one that does not belong to this file. What replaying it gives is checked
        # on a copy before the real file is opened (opening it replays the -wal into it).
        if deferred_after_kill:
            version = inspect_encrypted_wal(db_path)
            if not 0 < version < target:
                return version, False
        return inspect_replayed_copy(db_path), True
    full = not defer_check or (session_marker(db_path).exists() and not deferred_after_kill)
    version = inspect_file(db_path, full_check=full)
    if not full and 0 < version < target:
        inspect_file(db_path)  # a migration rewrites tables: only on a sound file
        full = True
    return version, full


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
    """Open (creating if needed) and migrate the database, and bind the models to it; the caller
    holds the folder's lock (alcoach.data.lock).

    `defer_check`: leave the full integrity check to the caller (`integrity_pending(db)` says
    whether it is still due), unless the last session was killed or a migration is due.
    `progress` hears how far a migration has got (see alcoach.data.migrations.Progress).
    A full disk, a read-only file or folder, or a disk error is raised as one sentence
    (alcoach.data.storage_errors), never as damage.
    """
    db_path = Path(db_path)
    target = migrations.SCHEMA_VERSION if target_version is None else target_version
    try:
        private_folder(db_path.parent)
        existing_version, checked = _identify_for_writing(db_path, target, defer_check)
        refusing = unwritable_part(db_path)
        if refusing is not None:  # said at the open, not at the first save
            raise read_only_part(refusing)
        if 0 < existing_version < target:
            check_room_for_migration(db_path)
            snapshot(
                db_path, backup_dir_for(db_path), reason=f"before-migration-v{existing_version}"
            )
        db, note = connect(db_path)
        try:
            _migrate_and_claim(db, db_path, existing_version, target, progress)
        except BaseException:
            db.close()
            raise
    except (*Errors.Error, pw.DatabaseError, OSError) as exc:
        raise storage_error(exc, db_path) from exc
    _write_marker(db_path)
    _state[id(db)] = {"pending": not checked, "damaged": False, "note": note}
    database_proxy.initialize(db)
    clock_of(db)  # started here, never first inside a trigger
    return db


def _migrate_and_claim(
    db: pw.SqliteDatabase,
    db_path: Path,
    version: int,
    target: int,
    progress: migrations.Progress | None,
) -> None:
    if version < target:
        # Schema changes may rebuild tables; with foreign keys on, a rebuild's DROP would cascade.
        db.execute_sql("PRAGMA foreign_keys = OFF")
        migrations.migrate_to_latest(db, target, progress)
        problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        db.execute_sql("PRAGMA foreign_keys = ON")
        if problems:
            raise CorruptDatabaseError(
                f"{db_path} has broken links after migration: {problems[:3]}"
            )
    # Every alcoach database carries alcoach's application_id (dbfile.ALCOACH_APPLICATION_ID): a
    # new one from here on, one made before alcoach set it (recognised by its tables) now. It is
    # a header field, not a schema change: user_version does not move.
    if db.execute_sql("PRAGMA application_id").fetchone()[0] != ALCOACH_APPLICATION_ID:
        db.execute_sql(f"PRAGMA application_id = {ALCOACH_APPLICATION_ID:d}")


def open_database_for_reading(db_path: Path, *, beside_writer: bool = True) -> pw.SqliteDatabase:
    """Open an existing database of this alcoach's schema and write nothing: no marker, no
    journal mode, no migration, no `-wal` or `-shm` made; for reading while a window writes
    (`beside_writer`), or from a file or folder this user cannot write."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        raise DatabaseError(f"There is no alcoach database in {db_path.parent} yet.")
    version = inspect_file(db_path, full_check=False)
    if version != migrations.SCHEMA_VERSION:
        if beside_writer:
            raise DatabaseError(
                f"{db_path} has schema {version} and this alcoach reads "
                f"{migrations.SCHEMA_VERSION}; close the alcoach that has it open, then run the "
                "command again."
            )
        raise ReadOnlyError(
            f"{db_path} has schema {version} and must be upgraded to "
            f"{migrations.SCHEMA_VERSION} before it can be read, which cannot be done while it "
            "or its folder is read-only."
        )
    try:
        db = connection.database(db_path, uri=reading_uri(db_path), pragmas=READING_PRAGMAS)
        db.connect()
    except (*Errors.Error, pw.DatabaseError, OSError) as exc:
        raise storage_error(exc, db_path) from exc
    _state[id(db)] = {"pending": False, "damaged": False, "reading": True}
    database_proxy.initialize(db)
    return db


def _write_marker(db_path: Path) -> None:
    # A folder that refuses the file: the marker is a safety net, not a condition for opening.
    with contextlib.suppress(OSError):
        session_marker(db_path).write_text(f"{os.getpid()}\n", encoding="ascii")


# Per open database: is its deferred integrity check still due; has it failed one; was it opened
# only to read; the sentence about its journal to show once ("" when there is none).
_state: dict[int, dict[str, bool | str]] = {}


def bound_path() -> Path | None:
    """The file of the database the models are bound to, open or closed since (None if none)."""
    db = database_proxy.obj
    if db is None or db.database in ("", ":memory:"):
        return None
    name = str(db.database)
    if name.startswith("file:"):  # an open that writes nothing: a URI
        from urllib.parse import unquote, urlsplit

        return Path(unquote(urlsplit(name).path))
    return Path(name)


def journal_note(db: pw.SqliteDatabase) -> str:
    """The sentence to show once about how this database saves ("" for WAL, the usual way)."""
    return str(_state.get(id(db), {}).get("note", ""))


def integrity_pending(db: pw.SqliteDatabase) -> bool:
    """True when `open_database(..., defer_check=True)` left the full check for later."""
    return bool(_state.get(id(db), {}).get("pending", False))


def refuse_writes(db: pw.SqliteDatabase) -> None:
    """After a failed integrity check: every later write fails, on every connection, and the
    marker stays, so the next start runs the full check (and refuses the file) before opening."""
    db.pragma("query_only", "on", permanent=True)
    _state.setdefault(id(db), {})["damaged"] = True


def close_database(db: pw.SqliteDatabase) -> None:
    state = _state.pop(id(db), {})
    if not db.is_closed():
        if not (state.get("damaged") or state.get("reading")):
            with contextlib.suppress(*Errors.Error, pw.DatabaseError):
                remember_clock(db, only_if_ahead=True)
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
