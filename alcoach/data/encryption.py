"""Encrypting a data folder, changing its passphrase, and decrypting it back, backups included.

Each step rewrites one file atomically (alcoach.data.file_cipher), and the sidecar lists the new
salt before the first file uses it, so a kill at any moment leaves every file whole and openable:
the next open for writing finishes the job (`finish`). The sidecar keeps the check of every salt
the folder has had, so a copy made under an earlier passphrase is still recognised, and its
restore asks for the passphrase it was made with. The caller holds the folder's lock and has no
connection open to it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alcoach.data import cipher
from alcoach.data.backup import backup_dir_for, list_backups
from alcoach.data.cipher import Sidecar, read_sidecar, write_sidecar
from alcoach.data.connection import Key, in_wal_mode
from alcoach.data.db import database_path
from alcoach.data.file_cipher import rewrite
from alcoach.errors import DatabaseError, DiskFullError, ValidationError

Progress = Callable[[int, int], None]  # (files done, files in all)
MIN_PASSPHRASE = 8
LOST_PASSPHRASE = (
    "A forgotten passphrase cannot be recovered: without it the notes in this folder are lost for "
    "good. Keep it somewhere safe, and keep an encrypted backup elsewhere (alcoach backup --out)."
)


@dataclass
class Outcome:
    files: int  # files rewritten
    backups: int  # of which backups

    @property
    def backups_text(self) -> str:
        """ "1 backup", "3 backups": for the sentences that say what was rewritten."""
        return "1 backup" if self.backups == 1 else f"{self.backups} backups"


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            f"A passphrase needs at least {MIN_PASSPHRASE} characters; a few words are best."
        )


def is_encrypted(data_dir: Path) -> bool:
    return not cipher.is_plain(database_path(data_dir))


def plain_export_warning(data_dir: Path, what: str = "archive") -> str:
    """The sentence said after exporting from an encrypted folder ("" for a plain one)."""
    if not is_encrypted(data_dir):
        return ""
    return (
        f"This data folder is encrypted but the {what} is not: anyone who gets the file can "
        "read every note in it (on this computer only you can open it)."
    )


def _files(data_dir: Path) -> list[Path]:
    db_path = database_path(data_dir)
    return [db_path, *reversed(list_backups(backup_dir_for(db_path)))]


def _check_room(paths: list[Path]) -> None:
    """Each file is rewritten beside itself before the old one goes: room for the largest."""
    sizes = [p.stat().st_size for p in paths if p.exists()]
    if not sizes:
        return
    needed = max(sizes) + (4 << 20)
    free = shutil.disk_usage(paths[0].parent).free
    if free < needed:
        raise DiskFullError(
            f"The disk that holds {paths[0].parent} needs {needed / 1e6:.1f} MB free to rewrite "
            f"its files one by one and has {free / 1e6:.1f} MB; nothing was changed: free some "
            "space and try again."
        )


def _rewrite_all(
    data_dir: Path, key: Key | None, wants: Callable[[Path], bool], progress: Progress | None
) -> Outcome:
    db_path = database_path(data_dir)
    todo = [p for p in _files(data_dir) if p.exists() and p.stat().st_size and wants(p)]
    _check_room(todo)
    journal = "wal" if in_wal_mode(db_path) else "delete"
    for done, path in enumerate(todo):
        if progress is not None:
            progress(done, len(todo))
        rewrite(path, key, journal=journal if path == db_path else "delete")
    if progress is not None:
        progress(len(todo), len(todo))
    return Outcome(files=len(todo), backups=sum(1 for p in todo if p != db_path))


def _new_key(data_dir: Path, passphrase: str) -> Key:
    """A new salt and its key, listed first in the sidecar (the older salts stay listed)."""
    salt = cipher.new_salt()
    key = cipher.derive_key(passphrase, salt)
    old = read_sidecar(data_dir)
    journal = "wal" if in_wal_mode(database_path(data_dir)) else "delete"
    checks = {salt.hex(): cipher.check_value(key), **(old.checks if old else {})}
    write_sidecar(data_dir, Sidecar(checks=checks, journal_mode=journal))
    cipher.remember_key(salt, key)
    return key, salt


def encrypt_folder(data_dir: Path, passphrase: str, progress: Progress | None = None) -> Outcome:
    """Encrypt the database and every backup with a key from `passphrase`."""
    data_dir = Path(data_dir)
    if is_encrypted(data_dir):
        raise ValidationError(f"The data folder {data_dir} is encrypted already.")
    if not database_path(data_dir).exists():
        raise DatabaseError(f"There is no alcoach database in {data_dir} yet.")
    check_passphrase(passphrase)
    _check_room(_files(data_dir))  # before the sidecar is written: nothing changes on a refusal
    key = _new_key(data_dir, passphrase)
    return _rewrite_all(data_dir, key, lambda p: cipher.file_salt(p) != key[1], progress)


def change_passphrase(data_dir: Path, passphrase: str, progress: Progress | None = None) -> Outcome:
    """Re-key the database and every backup with a new salt and a key from `passphrase`; the
    caller has unlocked the folder with the old one (the files' keys are known)."""
    data_dir = Path(data_dir)
    if not is_encrypted(data_dir):
        raise ValidationError(f"The data folder {data_dir} is not encrypted.")
    check_passphrase(passphrase)
    _check_room(_files(data_dir))
    key = _new_key(data_dir, passphrase)
    return _rewrite_all(data_dir, key, _readable_and_not(key[1]), progress)


def _readable_and_not(salt: bytes) -> Callable[[Path], bool]:
    """Files not under `salt` whose key this process holds (a backup under a salt whose
    passphrase was never given keeps it: restoring it asks for that passphrase)."""

    def wants(path: Path) -> bool:
        other = cipher.file_salt(path)
        return other != salt and (other is None or cipher.known_key(other) is not None)

    return wants


def decrypt_folder(data_dir: Path, progress: Progress | None = None) -> Outcome:
    """Rewrite the database and every backup as plain SQLite files and remove the sidecar."""
    data_dir = Path(data_dir)
    if not is_encrypted(data_dir) and read_sidecar(data_dir) is None:
        raise ValidationError(f"The data folder {data_dir} is not encrypted.")

    def wants(path: Path) -> bool:
        salt = cipher.file_salt(path)
        return salt is not None and cipher.known_key(salt) is not None

    outcome = _rewrite_all(data_dir, None, wants, progress)
    if all(cipher.is_plain(p) for p in _files(data_dir)):
        cipher.sidecar_path(data_dir).unlink(missing_ok=True)
    cipher.forget_keys()
    return outcome


def finish(data_dir: Path, progress: Progress | None = None) -> Outcome:
    """After a kill: encrypt the backups an interrupted encryption or change left in plain or
    under an older key, once the folder's key is known (nothing to do otherwise)."""
    data_dir = Path(data_dir)
    sidecar = read_sidecar(data_dir)
    salt = cipher.file_salt(database_path(data_dir))
    if sidecar is None or salt is None:
        return Outcome(0, 0)
    key = cipher.known_key(salt)
    wants = _readable_and_not(salt)
    if key is None or not any(wants(p) for p in _files(data_dir)[1:]):
        return Outcome(0, 0)
    return _rewrite_all(data_dir, (key, salt), wants, progress)
