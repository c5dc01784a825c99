"""One writer per data folder: an operating-system lock on `alcoach.lock` beside the database.

The lock is the kernel's (`flock` on POSIX, `msvcrt.locking` on Windows), held through an open
file descriptor, so it ends with the process that holds it: a killed alcoach never leaves a stale
one. It is on a file of its own, not on the database: SQLite's own POSIX locks on that file are
released whenever any connection to it closes, and so would be any `fcntl` lock taken there.

A process takes a folder's lock once (`hold_folder`); later calls in the same process count up and
`release_folder` counts down, so the window, a store reopened after a restore and the tests'
nested opens share one lock. Work on the window's background threads does not take it again: it
checks that its process holds it (`require_folder`).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import threading
from pathlib import Path

from alcoach.errors import DatabaseError, FolderInUseError, ReadOnlyError
from alcoach.privacy import FILE_MODE, private_folder

LOCK_FILENAME = "alcoach.lock"

log = logging.getLogger(__name__)

# Errors that mean "another process holds it" (EAGAIN/EWOULDBLOCK from flock, EACCES/EDEADLK
# from msvcrt); any other error means the folder's file system has no locks at all.
_HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}

_guard = threading.Lock()
# Per folder (resolved): the open descriptor that holds the lock and how many holders share it.
_held: dict[Path, list[int]] = {}


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILENAME


def _key(data_dir: Path) -> Path:
    return Path(data_dir).resolve()


def _try_lock(fd: int) -> bool:
    """Take the lock on `fd` without waiting: True when taken, False when another process has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _HELD_ELSEWHERE:
            return False
        # No locks on this file system (some network shares): one writer cannot be enforced
        # there; alcoach still opens, as it did before locks existed, and says so in its log.
        log.warning("the data folder cannot be locked (%s); one writer is not enforced", exc)
    return True


def _in_use(data_dir: Path, doing: str) -> FolderInUseError:
    return FolderInUseError(
        f"alcoach is already open on {data_dir} in another window or command, so {doing} "
        "cannot run until it is closed."
    )


def _open_lock_file(data_dir: Path) -> int:
    """The lock file's descriptor (made if missing); a lock needs no write access to the file,
    so another user's lock file is opened for reading. Raises ReadOnlyError when the folder can
    neither hold a new lock file nor has one."""
    path = lock_path(data_dir)
    try:
        private_folder(data_dir)
        return os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        try:
            return os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise ReadOnlyError(
                f"{data_dir} is read-only for this user, so alcoach cannot write there; commands "
                "that only read (list, export, archive export, backup --out) still work."
            ) from exc


def try_hold_folder(data_dir: Path) -> bool:
    """Take the folder's lock for this process (or count one more holder if it has it already);
    False, with nothing taken, when another process holds it."""
    key = _key(data_dir)
    with _guard:
        if key in _held:
            _held[key][1] += 1
            return True
        fd = _open_lock_file(key)
        if not _try_lock(fd):
            os.close(fd)
            return False
        _held[key] = [fd, 1]
        return True


def hold_folder(data_dir: Path, *, doing: str = "it") -> None:
    """Take the folder's lock or raise `FolderInUseError`, a sentence naming what cannot run
    (`doing`, e.g. "`alcoach restore`")."""
    if not try_hold_folder(data_dir):
        raise _in_use(Path(data_dir), doing)


def release_folder(data_dir: Path) -> None:
    """One holder fewer; the lock goes with the last one (and with the process, in any case)."""
    key = _key(data_dir)
    with _guard:
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            del _held[key]
            with contextlib.suppress(OSError):
                os.close(entry[0])  # closing the descriptor releases the lock


def holds_folder(data_dir: Path) -> bool:
    """Whether this process holds the folder's lock."""
    with _guard:
        return _key(data_dir) in _held


def require_folder(data_dir: Path, doing: str) -> None:
    """For work on a background thread: its process must hold the folder (it never takes it)."""
    if not holds_folder(data_dir):
        raise DatabaseError(
            f"{doing} did not run: this window no longer holds {data_dir}; nothing was changed."
        )
