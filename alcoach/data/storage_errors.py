"""What a failed read or write of the data folder means, in one sentence for the coach.

A full disk, a read-only file or folder, or a disk that reports errors is never called damage: a
coach told "damaged" might restore an old backup over a sound file.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from alcoach.data.dbfile import shm_path
from alcoach.errors import AlcoachError, DatabaseError, DiskFullError, ReadOnlyError

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}
# SQLite's extended codes for the shared memory that WAL needs
_SHM_CODES = ("SQLITE_IOERR_SHMOPEN", "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_SHMMAP")


def sqlite_code(exc: BaseException) -> str:
    """SQLite's extended error name ("SQLITE_FULL", ...) of an sqlite3 or peewee error, or ""."""
    inner = getattr(exc, "orig", None) or exc  # peewee keeps sqlite3's error as `orig`
    return getattr(inner, "sqlite_errorname", "") or ""


def wal_unsupported(exc: BaseException) -> bool:
    """The error SQLite gives where a folder cannot hold WAL's shared memory (a FAT stick)."""
    return sqlite_code(exc) in _SHM_CODES


def disk_full(path: Path) -> DiskFullError:
    return DiskFullError(
        f"The disk that holds {path} is full, so alcoach could not write to it; free some space "
        "and try again."
    )


def read_only(path: Path) -> ReadOnlyError:
    return ReadOnlyError(
        f"{path} is read-only for this user, so alcoach cannot write there; commands that only "
        "read (list, export, archive export, backup --out) still work."
    )


def _read_only_target(db_path: Path) -> Path:
    """The file or folder that refuses the write: the database, its folder, or another user's
    `-shm` (left by an alcoach of another user, which this user cannot open for writing)."""
    shm = shm_path(db_path)
    if shm.exists() and not os.access(shm, os.W_OK):
        return shm
    if db_path.exists() and not os.access(db_path, os.W_OK):
        return db_path
    return db_path.parent


def storage_error(exc: BaseException, db_path: Path) -> AlcoachError:
    """The sentence for an error met while opening, reading or writing `db_path`."""
    db_path = Path(db_path)
    if isinstance(exc, AlcoachError):
        return exc
    code = sqlite_code(exc)
    number = getattr(exc, "errno", None)
    if code == "SQLITE_FULL" or number in _FULL_ERRNOS:
        return disk_full(db_path)
    target = _read_only_target(db_path)
    if code.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or number in _READ_ONLY_ERRNOS:
        return read_only(target)
    refused = target != db_path.parent or not os.access(db_path.parent, os.W_OK)
    if code.startswith("SQLITE_CANTOPEN") and refused:
        return read_only(target)
    if code.startswith("SQLITE_IOERR") or isinstance(exc, OSError):
        reason = getattr(exc, "strerror", None) or code or str(exc)
        return DatabaseError(
            f"The disk that holds {db_path} reported an error ({reason}), so alcoach could not "
            "use it; check the disk, or its connection to this computer."
        )
    return DatabaseError(f"{db_path} could not be used ({exc}).")


def is_storage_error(exc: BaseException) -> bool:
    """An error from SQLite (through sqlite3 or peewee) or from the file system."""
    import sqlite3

    import peewee as pw

    return isinstance(exc, (sqlite3.Error, pw.DatabaseError, OSError))
