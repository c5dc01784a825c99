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
_NOT_DAMAGE = (
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_NOMEM",
)
_SHM_CODES = ("SQLITE_IOERR_SHMOPEN", "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_SHMMAP")


def sqlite_code(exc: BaseException) -> str:
    """SQLite's extended error name ("SQLITE_FULL", ...) of an sqlite3 or peewee error, or ""."""
    inner = getattr(exc, "orig", None) or exc  # peewee keeps sqlite3's error as `orig`
    return getattr(inner, "sqlite_errorname", "") or ""


def says_nothing_of_the_file(exc: BaseException) -> bool:
    """An SQLite error about the disk, the permissions or other connections, not about what the
    file holds: it must never be reported as damage."""
    return sqlite_code(exc).startswith(_NOT_DAMAGE)


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


def unwritable_part(db_path: Path) -> Path | None:
    """What refuses this user's writes: another user's `-shm` (left by an alcoach of theirs,
    which SQLite would open read-only), the database, or its folder; None when all is writable."""
    db_path = Path(db_path)
    shm = shm_path(db_path)
    if shm.exists() and not os.access(shm, os.W_OK):
        return shm
    if db_path.exists() and not os.access(db_path, os.W_OK):
        return db_path
    if not os.access(db_path.parent, os.W_OK):
        return db_path.parent
    return None


def read_only_part(path: Path) -> ReadOnlyError:
    """The sentence for what `unwritable_part` found."""
    if path.name.endswith("-shm"):
        return ReadOnlyError(
            f"{path} belongs to another user (their alcoach left it), so alcoach cannot write to "
            "this database; remove that file once no alcoach has the folder open."
        )
    return read_only(path)


def _telling(exc: BaseException) -> BaseException:
    """The error in `exc`'s chain that says what happened. When the disk fills under a trigger's
    write (the search index), SQLite rolls the transaction back itself; the ROLLBACK that peewee
    then sends fails with "no transaction is active", and that error hides the SQLITE_FULL it was
    raised while handling."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 12:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for candidate in chain:
        number = getattr(candidate, "errno", None)
        if says_nothing_of_the_file(candidate) or number in (*_FULL_ERRNOS, *_READ_ONLY_ERRNOS):
            return candidate
    return exc


def storage_error(exc: BaseException, db_path: Path) -> AlcoachError:
    """The sentence for an error met while opening, reading or writing `db_path`."""
    db_path = Path(db_path)
    if isinstance(exc, AlcoachError):
        return exc
    exc = _telling(exc)
    code = sqlite_code(exc)
    number = getattr(exc, "errno", None)
    if code == "SQLITE_FULL" or number in _FULL_ERRNOS:
        return disk_full(db_path)
    part = unwritable_part(db_path)
    if code.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or number in _READ_ONLY_ERRNOS:
        return read_only_part(part or db_path)
    if code.startswith("SQLITE_CANTOPEN") and part is not None:
        return read_only_part(part)
    if code.startswith("SQLITE_IOERR") or isinstance(exc, OSError):
        reason = getattr(exc, "strerror", None) or code or str(exc)
        return DatabaseError(
            f"The disk that holds {db_path} reported an error ({reason}), so alcoach could not "
            "use it; check the disk, or its connection to this computer."
        )
    return DatabaseError(f"{db_path} could not be used ({exc}).")


def is_storage_error(exc: BaseException) -> bool:
    """An error from SQLite (through sqlite3 or peewee) or from the file system."""
    import peewee as pw

    from alcoach.data.connection import Errors

    return isinstance(exc, (*Errors.Error, pw.DatabaseError, OSError))
