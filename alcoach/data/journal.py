"""How the database saves: SQLite's write-ahead log, or a rollback journal where WAL cannot work.

WAL keeps readers (exports, backups) from blocking the window's writes. Its index lives in the
`-shm` file, mapped as shared memory; some file systems cannot map it (a FAT stick through FUSE,
some network shares, any FUSE mount with direct I/O): SQLite then fails with SQLITE_IOERR_SHM*.
There the file is served with a rollback journal (journal_mode=DELETE) and the same full sync on
every commit, and the window says so once. Before that, a drive that does not even keep what is
written to it (fusefat's experimental writes lose data when a file is rewritten after growing)
is refused: no journal mode can keep notes there.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import peewee as pw

from alcoach.data import connection
from alcoach.data.dbfile import is_plain, shm_path, wal_path
from alcoach.data.hlc import register_clock_function
from alcoach.data.search_fold import register_search_functions
from alcoach.data.storage_errors import sqlite_code, wal_unsupported
from alcoach.errors import DatabaseError

# synchronous=FULL: a commit that returned has reached the disk, so a kill (or a power cut) right
# after it loses nothing.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "full"),
    ("busy_timeout", 5000),
    ("cache_size", -16000),
    ("secure_delete", "on"),  # deleted words are overwritten, whatever SQLite's build says
)
ROLLBACK_PRAGMAS = (("journal_mode", "delete"), *PRAGMAS[1:])
ROLLBACK_NOTE = (
    "This data folder's drive cannot keep SQLite's write-ahead log, so alcoach saves with a "
    "rollback journal, each save written through to the disk."
)
PROBE_NAME = "alcoach.write-check"
SHM_PROBE_NAME = "alcoach.wal-check"


def connect(db_path: Path) -> tuple[pw.SqliteDatabase, str]:
    """Connect in WAL mode, or, where WAL cannot work, with a rollback journal; the second value
    is the sentence to show once when it is the latter ("" otherwise)."""
    db_path = Path(db_path)
    had = {p: _size(p) for p in (db_path, wal_path(db_path), shm_path(db_path))}
    db = connection.database(db_path, pragmas=PRAGMAS)
    register_search_functions(db)  # the search triggers call them on every write of a note
    register_clock_function(db)  # the tombstone triggers stamp each deletion
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master")  # the first read maps the -shm
        _tell_sidecar(db_path, "wal")
        return db, ""
    except pw.OperationalError as exc:
        if not db.is_closed():
            db.close()
        if not (wal_unsupported(exc) or _shared_memory_fails_beside(db_path, exc)):
            raise
    try:
        keeps = drive_keeps_writes(db_path.parent)
    except OSError:  # a full disk (the -shm could not grow either): said by the caller
        _remove_made(had)
        raise
    if not keeps:
        _remove_made(had)
        raise DatabaseError(
            f"The drive that holds {db_path.parent} does not keep what is written to it (a test "
            "write read back differently), so alcoach will not store notes there; use a folder "
            "on another drive."
        )
    leave_wal(db_path)
    db = connection.database(db_path, pragmas=ROLLBACK_PRAGMAS)
    register_search_functions(db)
    register_clock_function(db)
    db.connect()
    _tell_sidecar(db_path, "delete")
    return db, ROLLBACK_NOTE


def _tell_sidecar(db_path: Path, mode: str) -> None:
    """An encrypted file's header cannot say its journal mode: its sidecar does, for the opens
    that write nothing (connection.reading_uri)."""
    if is_plain(db_path):
        return
    from alcoach.data import cipher

    sidecar = cipher.read_sidecar(db_path.parent)
    if sidecar is not None and sidecar.journal_mode != mode:
        sidecar.journal_mode = mode
        cipher.write_sidecar(db_path.parent, sidecar)


def _shared_memory_fails_beside(db_path: Path, exc: BaseException) -> bool:
    """SQLCipher reports a failed -shm map as a bare SQLITE_IOERR: for an encrypted file, a plain
    scratch database beside it shows whether the folder can map WAL's shared memory at all."""
    if sqlite_code(exc) != "SQLITE_IOERR" or is_plain(db_path):
        return False
    probe = db_path.parent / SHM_PROBE_NAME
    try:
        conn = sqlite3.connect(probe)
        try:
            conn.execute("PRAGMA journal_mode = wal")
            conn.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        finally:
            conn.close()
        return False
    except sqlite3.OperationalError as probed:
        return wal_unsupported(probed)
    finally:
        for path in (probe, wal_path(probe), shm_path(probe)):
            with contextlib.suppress(OSError):
                path.unlink()


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def _remove_made(had: dict[Path, int | None]) -> None:
    """Undo what the failed WAL attempt made: the files it created, and the header it wrote into
    a database that was new (empty) before."""
    for path, size in had.items():
        with contextlib.suppress(OSError):
            if size is None:
                path.unlink(missing_ok=True)
            elif size == 0:
                os.truncate(path, 0)


def leave_wal(db_path: Path) -> None:
    """Switch a file to a rollback journal where WAL's shared memory cannot be had: in exclusive
    locking mode SQLite keeps the WAL index in this process's memory, replays any -wal, and can
    then change the journal mode."""
    conn = connection.connect(db_path)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        conn.close()
    wal = wal_path(db_path)
    if wal.exists() and wal.stat().st_size == 0:  # replayed and emptied
        wal.unlink()
    # The WAL index of the failed attempt: of no use with a rollback journal, and no connection
    # can share it here (the folder's lock is this process's, and WAL cannot work on this drive).
    shm_path(db_path).unlink(missing_ok=True)


def drive_keeps_writes(folder: Path) -> bool:
    """Write as SQLite does (a file grows page by page while its first page is rewritten), read
    it back through another descriptor and compare; the scratch file is removed. An OSError (a
    full disk) goes to the caller, which says what it means."""
    probe = Path(folder) / PROBE_NAME
    expected = bytearray()
    fd = os.open(probe, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for n in range(8):
            page = bytes([n + 1]) * 4096
            os.pwrite(fd, page, n * 4096)
            expected += page
            os.pwrite(fd, bytes([0xA0 + n]) * 100, 0)
            expected[:100] = bytes([0xA0 + n]) * 100
        os.fsync(fd)
        with open(probe, "rb") as fh:
            return fh.read() == bytes(expected)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            probe.unlink()
