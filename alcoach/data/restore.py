"""Restoring a backup in place of the database: the backup checked first, the current file set
aside in backups/, the copy written beside the database and moved over it in one step.

The restored file takes the folder's key: a plain backup restored into an encrypted folder is
encrypted on the way (and one made under an earlier passphrase is re-keyed), an encrypted one
restored into a plain folder is decrypted."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from alcoach.data.backup import RESTORING_SUFFIX, backup_dir_for, failed_write, snapshot
from alcoach.data.cipher import adopt_key
from alcoach.data.connection import key_of
from alcoach.data.dbfile import file_salt
from alcoach.data.file_cipher import rewrite
from alcoach.data.identify import encrypted_alcoach, inspect_file
from alcoach.data.unlock import Ask, ensure_key, unlock_lone_copy
from alcoach.errors import AlcoachError


def restore(
    db_path: Path, backup_file: Path, *, now: dt.datetime | None = None, ask: Ask | None = None
) -> Path:
    """Replace db_path with backup_file after copying the current database aside; `ask` gives
    the passphrase of a backup made under one this process was not given.

    The caller must have closed its connection. Returns the path of the copy set aside.
    """
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise AlcoachError(f"There is no backup file at {backup_file}.")
    db_path = Path(db_path)
    folder = db_path.parent
    if encrypted_alcoach(backup_file, folder):  # anything else is refused by inspect_file
        ensure_key(backup_file, ask, folder=folder)
    elif file_salt(backup_file) is not None:
        unlock_lone_copy(backup_file, ask, folder=folder)  # an encrypted copy carried alone
    # refuses a damaged or newer file before anything is touched
    inspect_file(backup_file, folder=folder)
    if db_path.exists():
        folder_key = key_of(db_path)
    else:  # a new folder takes the backup's key and says so in a sidecar of its own
        folder_key = key_of(backup_file)
        if folder_key is not None:
            adopt_key(folder, *folder_key)
    aside: Path | None = None
    if db_path.exists():
        aside = snapshot(db_path, backup_dir_for(db_path), reason="before-restore", now=now)
    partial = db_path.with_name(db_path.name + RESTORING_SUFFIX)
    try:
        shutil.copyfile(backup_file, partial)
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        if key_of(partial) != folder_key:
            rewrite(partial, folder_key, journal="wal")
        for extra in ("-wal", "-shm"):
            Path(str(db_path) + extra).unlink(missing_ok=True)
        os.replace(partial, db_path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise failed_write(exc, db_path, f"Restoring {backup_file} failed: {exc}") from exc
    return aside if aside is not None else db_path
