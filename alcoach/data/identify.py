"""Is a file an alcoach database that can be opened? Every check here writes nothing.

A file is identified before anything is written to it or beside it:
1. its header's bytes (`check_header`, before the folder is even locked): a file without SQLite's
   header cannot be read (another kind of file, or an encrypted database: "can't read", never
   "damaged"); a damaged header or a file shorter than its header says is damaged; an
   `application_id` of another program, or alcoach's with a newer schema, is refused;
2. a file without alcoach's `application_id` (made before alcoach set it, or another program's)
   is recognised by its tables, through a connection that creates nothing (connection.reading_uri);
3. `inspect_file` reads the schema version and, unless deferred, runs SQLite's quick check;
4. a `-wal` beside the file when this process opens the folder for writing means a session was
   killed, or a `-wal` that belongs to another file was put there: `inspect_replayed_copy` replays
   it on a copy in the temporary folder and checks the result, so neither file is changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from alcoach.data import migrations
from alcoach.data.backup import backup_dir_for, newest_backup
from alcoach.data.connection import Errors, connect, reading_uri
from alcoach.data.dbfile import (
    ALCOACH_APPLICATION_ID,
    ALCOACH_TABLES,
    DATABASE_FILENAME,
    SIDECAR_FILENAME,
    SQLITE_MAGIC,
    file_salt,
    header_ids,
    read_header,
    wal_path,
)
from alcoach.data.storage_errors import says_nothing_of_the_file, storage_error
from alcoach.errors import (
    CorruptDatabaseError,
    DatabaseError,
    EmptyDatabaseError,
    ForeignDatabaseError,
    NewerDatabaseError,
    UnreadableDatabaseError,
)


def describe_backup(db_path: Path) -> str:
    """A sentence (with its leading space) naming the newest backup of a data folder's database;
    "" for any other file: a backup being restored has no backups of its own to point to."""
    if Path(db_path).name != DATABASE_FILENAME:
        return ""
    latest = newest_backup(backup_dir_for(db_path))
    if latest is None:
        return " There is no backup yet."
    return f" The newest backup is {latest}."


def corrupt(db_path: Path, why: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{db_path} is damaged ({why}); it was left as it is.{describe_backup(db_path)}"
    )


def failed_check(db_path: Path, result: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{db_path} fails SQLite's integrity check ({result}); it was left as it is."
        f"{describe_backup(db_path)}"
    )


def newer(db_path: Path, version: int) -> NewerDatabaseError:
    return NewerDatabaseError(
        f"{db_path} was written by a newer alcoach (schema {version}, this one knows up to "
        f"{migrations.SCHEMA_VERSION}); it was left untouched. Please update alcoach."
    )


def foreign(db_path: Path) -> ForeignDatabaseError:
    return ForeignDatabaseError(
        f"{db_path} is an SQLite database of another program, not an alcoach database; "
        "it was left as it is."
    )


def unreadable(db_path: Path) -> UnreadableDatabaseError:
    return UnreadableDatabaseError(
        f"{db_path} cannot be read: it has no SQLite header (another kind of file, or an "
        f"encrypted database without the {SIDECAR_FILENAME} of its folder, whose passphrase was "
        f"not given); it was left as it is.{describe_backup(db_path)}"
    )


def encrypted_alcoach(db_path: Path, folder: Path | None = None) -> bool:
    """An SQLCipher file whose salt its folder's sidecar lists (or `folder`'s, the one it is
    restored into): alcoach's, encrypted."""
    salt = file_salt(db_path)
    if salt is None:
        return False
    from alcoach.data.cipher import known_key, sidecar_for

    if known_key(salt) is not None:  # its passphrase was given and opened it (unlock)
        return True
    sidecar = sidecar_for(db_path, folder)
    return sidecar is not None and salt.hex() in sidecar.checks


def empty_with_backups(db_path: Path) -> EmptyDatabaseError | None:
    """A zero-byte database beside backups is a lost file, not a new one (None without backups)."""
    latest = newest_backup(backup_dir_for(db_path))
    if latest is None:
        return None
    return EmptyDatabaseError(
        f"{db_path} is empty (0 bytes) although it has backups, so it was left as it is; the "
        f"newest backup is {latest} (alcoach restore {latest})."
    )


def header_problem(db_path: Path, folder: Path | None = None) -> DatabaseError | None:
    """What the 100-byte header (and the file's length) says is wrong, or None: reads no pages."""
    head = read_header(db_path)
    if not head.startswith(SQLITE_MAGIC) and not SQLITE_MAGIC.startswith(head):
        # an encrypted header is ciphertext: what it holds is checked once the key is known
        return None if encrypted_alcoach(db_path, folder) else unreadable(db_path)
    if len(head) < 100:
        return corrupt(db_path, f"it ends inside its header, after {len(head)} bytes")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return corrupt(db_path, "its header is damaged")
    pages = int.from_bytes(head[28:32], "big")
    size_is_valid = pages > 0 and head[24:28] == head[92:96]  # SQLite's own rule
    wal = wal_path(db_path)
    wal_pending = wal.exists() and wal.stat().st_size > 0  # pages may still wait there
    actual = Path(db_path).stat().st_size
    if size_is_valid and not wal_pending and actual < pages * page_size:
        return corrupt(
            db_path, f"it is shorter than its header says ({actual} of {pages * page_size} bytes)"
        )
    return None


def check_header(db_path: Path) -> None:
    """The refusals made before the folder is locked, so that the folder of a refused file gets
    no lock file either. A file with alcoach's `application_id` needs its header alone (a few
    microseconds: every start); any other is looked at through a connection that creates
    nothing. A zero-byte file beside backups is refused; without backups it is a new database."""
    db_path = Path(db_path)
    if not db_path.exists():
        return
    if db_path.stat().st_size == 0:
        refusal = empty_with_backups(db_path)
        if refusal is not None:
            raise refusal
        return
    problem = header_problem(db_path)
    if problem is not None:
        raise problem
    if encrypted_alcoach(db_path):
        return  # its schema version is read once its passphrase is given
    version, app_id = header_ids(read_header(db_path))
    if app_id == ALCOACH_APPLICATION_ID:
        if version > migrations.SCHEMA_VERSION:
            raise newer(db_path, version)
        return
    inspect_file(db_path, full_check=False)


def _connect_reading(db_path: Path):
    try:
        return connect(db_path, uri=reading_uri(db_path))
    except Errors.Error as exc:
        raise storage_error(exc, db_path) from exc


def _verdict(db_path: Path, conn, *, full_check: bool) -> int:
    """The schema version of the file behind `conn`, or the refusal (see the module's steps)."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        result = conn.execute("PRAGMA quick_check").fetchone()[0] if full_check else "ok"
    except Errors.DatabaseError as exc:
        if says_nothing_of_the_file(exc):  # a full disk, a read-only -shm: not damage
            raise storage_error(exc, db_path) from exc
        raise corrupt(db_path, str(exc)) from exc
    if app_id not in (0, ALCOACH_APPLICATION_ID):
        raise foreign(db_path)
    if app_id == 0 and (version or tables) and not tables >= ALCOACH_TABLES:
        # whatever its user_version: creating alcoach's tables in it would change it
        raise foreign(db_path)
    if result != "ok":
        raise failed_check(db_path, result)
    if version > migrations.SCHEMA_VERSION:
        raise newer(db_path, version)
    return version


def inspect_file(db_path: Path, *, full_check: bool = True, folder: Path | None = None) -> int:
    """Return the schema version of an existing file, or raise if it cannot be used.

    Opens read-only and creates nothing, whatever the file holds. Without `full_check` only the
    header, the ids, the version and the tables are read (about a millisecond);
    `integrity_problem` is the rest, for later.
    """
    db_path = Path(db_path)
    problem = header_problem(db_path, folder)
    if problem is not None:
        raise problem
    conn = _connect_reading(db_path)
    try:
        return _verdict(db_path, conn, full_check=full_check)
    finally:
        conn.close()


def inspect_replayed_copy(db_path: Path) -> int:
    """`inspect_file` (with the full check) of what the file becomes once its `-wal` is replayed,
    found on a copy of both in a private folder inside the data folder (never a readable copy
    elsewhere; a killed check's copy goes at the next start): a `-wal` of another file, or a
    damaged one, is refused before either file is written."""
    import shutil  # only after a killed session: not on every start
    import tempfile

    from alcoach.privacy import CHECK_PREFIX, runtime_folder

    db_path = Path(db_path)
    problem = header_problem(db_path)
    if problem is not None:
        raise problem
    try:
        # a read-only folder: a private folder (0700) in the user's runtime or temporary folder
        beside = db_path.parent if os.access(db_path.parent, os.W_OK) else runtime_folder()
        with tempfile.TemporaryDirectory(prefix=CHECK_PREFIX, dir=beside) as folder:
            copy = Path(folder) / DATABASE_FILENAME
            shutil.copyfile(db_path, copy)
            shutil.copyfile(wal_path(db_path), wal_path(copy))
            conn = connect(copy)  # read-write: SQLite replays the -wal into the copy
            try:
                return _verdict(db_path, conn, full_check=True)
            except (CorruptDatabaseError, ForeignDatabaseError) as exc:
                gives = (
                    "another program's database"
                    if isinstance(exc, ForeignDatabaseError)
                    else "a file that fails SQLite's checks"
                )
                raise _wal_refused(db_path, f"replaying that file on a copy gives {gives}") from exc
            finally:
                conn.close()
    except OSError as exc:
        raise DatabaseError(
            f"{db_path} could not be checked: there is no room for a copy of it in its folder "
            f"({exc.strerror or exc})."
        ) from exc


def _wal_refused(db_path: Path, gives: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{db_path} cannot be opened with the {wal_path(db_path).name} beside it: {gives}, so "
        f"it belongs to another database or is damaged; both were left as they are."
        f"{describe_backup(db_path)}"
    )


def inspect_encrypted_wal(db_path: Path) -> int:
    """For an encrypted file after a kill: refuse a `-wal` whose frames were not written with
    the folder's key (alcoach.data.wal_keys, from the -wal's bytes, in milliseconds), then read
    the schema version without the full check, which the window runs after its first paint."""
    from alcoach.data.connection import key_of
    from alcoach.data.wal_keys import wal_belongs

    db_path = Path(db_path)
    key = key_of(db_path)
    assert key is not None  # the caller opens an encrypted file whose key it holds
    try:
        belongs = wal_belongs(db_path, *key)
    except OSError as exc:
        raise storage_error(exc, db_path) from exc
    if not belongs:
        raise _wal_refused(db_path, "its pages were not written with this folder's key")
    return inspect_file(db_path, full_check=False)


def integrity_problem(db_path: Path) -> str | None:
    """SQLite's quick check on its own read-only connection (safe on any thread): None when the
    file passes, else one message for the coach naming the file and the newest backup."""
    db_path = Path(db_path)
    try:
        conn = _connect_reading(db_path)
    except DatabaseError as exc:
        return str(exc)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except Errors.DatabaseError as exc:
        if says_nothing_of_the_file(exc):
            return str(storage_error(exc, db_path))
        return str(corrupt(db_path, str(exc)))
    finally:
        conn.close()
    return None if result == "ok" else str(failed_check(db_path, result))
