"""One call that makes a data folder ready to use: lock, open, migrate, seed the built-in content.

`open_store` is for whoever writes (the window, `demo`, `archive import`): it takes the folder's
lock first (alcoach.data.lock) and refuses, in one sentence, when another process holds it.
`open_store_for_reading` is for commands that only read (`list`, `export`, `archive export`,
`backup`): on a folder nobody holds it is the same open, under this process's lock; on a folder a
window holds it writes nothing at all (alcoach.data.db.open_database_for_reading).
"""

from __future__ import annotations

from pathlib import Path

import peewee as pw

from alcoach.data import migrations
from alcoach.data.backup import remove_leftovers
from alcoach.data.connection import Errors
from alcoach.data.content import changed_fingerprint, seed_if_changed
from alcoach.data.db import (
    close_database,
    database_path,
    integrity_pending,
    journal_note,
    open_database,
    open_database_for_reading,
    refuse_writes,
)
from alcoach.data.dbfile import is_plain
from alcoach.data.identify import check_header, integrity_problem
from alcoach.data.lock import hold_folder, holds_folder, release_folder, try_hold_folder
from alcoach.data.storage_errors import storage_error, unwritable_part
from alcoach.data.unlock import Ask, ensure_key
from alcoach.errors import CorruptDatabaseError, DiskFullError, ReadOnlyError
from alcoach.privacy import readable_by_others, tighten, tightened_sentence


class Store:
    """An open database: its folder, its file and the peewee connection."""

    def __init__(
        self, data_dir: Path, db_path: Path, db: pw.SqliteDatabase, *, holds_lock: bool = True,
        privacy_note: str = "",
    ) -> None:  # fmt: skip
        self.data_dir = data_dir
        self.db_path = db_path
        self.db = db
        self.holds_lock = holds_lock  # False: opened for reading while another process writes
        self._closed = False
        self.privacy_note = privacy_note  # said once: the folder was open to others until now

    def __repr__(self) -> str:
        return f"Store({self.db_path})"

    @property
    def integrity_pending(self) -> bool:
        """The full integrity check was deferred and is still to run (`integrity_problem`)."""
        return integrity_pending(self.db)

    @property
    def journal_note(self) -> str:
        """A sentence to show once when this folder saves with a rollback journal, else ""."""
        return journal_note(self.db)

    def refuse_writes(self) -> None:
        """The file failed its integrity check: stop every write from now on."""
        refuse_writes(self.db)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        close_database(self.db)
        if self.holds_lock:
            release_folder(self.data_dir)


def open_store(
    data_dir: Path,
    *,
    defer_check: bool = False,
    doing: str = "it",
    progress: migrations.Progress | None = None,
    ask: Ask | None = None,
) -> Store:
    """Lock the folder, then open it. `doing` names the command for the refusal when another
    process holds the folder (`FolderInUseError`); `defer_check`: see
    alcoach.data.db.open_database (the window uses it to start sooner); `progress` hears how far
    a migration has got, when one runs; `ask` gives the passphrase of an encrypted folder, asked
    only once the lock is taken (alcoach.data.unlock)."""
    data_dir = Path(data_dir)
    check_header(database_path(data_dir))
    fresh = not holds_folder(data_dir)
    hold_folder(data_dir, doing=doing)
    try:
        ensure_key(database_path(data_dir), ask, folder=data_dir)
        return _open_locked(data_dir, defer_check=defer_check, fresh=fresh, progress=progress)
    except BaseException:
        release_folder(data_dir)
        raise


def open_store_for_reading(
    data_dir: Path, *, progress: migrations.Progress | None = None, ask: Ask | None = None
) -> Store:
    """For a command that only reads: the usual open when no other process holds the folder,
    else one that writes nothing (the window that holds it keeps its marker and its file); the
    same when the file cannot be written (read-only, a full disk, another user's -shm)."""
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    check_header(path)
    try:
        fresh = not holds_folder(data_dir)
        held = try_hold_folder(data_dir)
    except ReadOnlyError:  # a read-only folder without a lock file: nobody writes there
        held = fresh = False
    try:
        ensure_key(path, ask, folder=data_dir)
        if held and unwritable_part(path) is None:
            try:
                return _open_locked(data_dir, defer_check=False, fresh=fresh, progress=progress)
            except (DiskFullError, ReadOnlyError):
                pass  # it cannot be written (a full disk, another user's -shm): it can be read
        db = open_database_for_reading(path, beside_writer=not held)
    except BaseException:
        if held:
            release_folder(data_dir)
        raise
    return Store(data_dir, path, db, holds_lock=held)


def _open_locked(
    data_dir: Path, *, defer_check: bool, fresh: bool, progress: migrations.Progress | None
) -> Store:
    """`fresh`: this process has just taken the folder's lock, so no backup or restore of this
    folder runs anywhere, and what killed ones left can go."""
    path = database_path(data_dir)
    if fresh:
        remove_leftovers(path)
        if not is_plain(path):  # backups a killed encryption or change left behind
            from alcoach.data.encryption import finish

            finish(data_dir)
    was_open = readable_by_others(data_dir)
    db = open_database(path, defer_check=defer_check, progress=progress)
    # once it opened for writing: private from now on, and said once if it was not until now;
    # a database made just now is private too (made before the umask was set, in a test say)
    made = [path.with_name(path.name + end) for end in ("", "-wal", "-shm")]
    tightened = [p for p in tighten([*was_open, *made]) if p in was_open]
    try:
        fingerprint = changed_fingerprint()
        if fingerprint is not None:
            # New built-in content is a write: on a file not checked yet, the full check first.
            problem = integrity_problem(path) if integrity_pending(db) else None
            if problem is not None:
                refuse_writes(db)
                close_database(db)
                raise CorruptDatabaseError(problem)
            seed_if_changed(fingerprint)
    except (*Errors.Error, pw.DatabaseError, OSError) as exc:  # a full disk, say
        close_database(db)
        raise storage_error(exc, path) from exc
    return Store(data_dir, path, db, privacy_note=tightened_sentence(data_dir, tightened))
