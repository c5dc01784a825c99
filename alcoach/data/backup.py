"""Backups through SQLite's online backup API, their rotation, and restore."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import NamedTuple

from alcoach.data.connection import Errors, connect, key_of, reading_uri
from alcoach.data.storage_errors import storage_error
from alcoach.errors import AlcoachError, DatabaseError, DiskFullError, ReadOnlyError
from alcoach.privacy import CHECK_PREFIX, create_private_file, private_folder

BACKUP_PREFIX = "alcoach-"
BACKUP_SUFFIX = ".db"
KEEP_LATEST = 10
KEEP_DAILY_DAYS = 30
_STAMP = "%Y%m%d-%H%M%S-%f"
CONVERTING_SUFFIX = ".converting"  # a file being rewritten with another key (file_cipher)
PARTIAL_SUFFIX = ".partial"  # a backup being written (renamed into place when complete)
RESTORING_SUFFIX = ".restoring"  # a backup being copied in place of the database


def backup_dir_for(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _local(now: dt.datetime | None) -> dt.datetime:
    """Backup names use naive local time; an aware `now` (e.g. the UI's UTC clock) is converted."""
    if now is None:
        return dt.datetime.now()
    if now.tzinfo is not None:
        return now.astimezone().replace(tzinfo=None)
    return now


def _stamp(now: dt.datetime) -> str:
    return now.strftime(_STAMP)


def _parse_stamp(path: Path) -> dt.datetime | None:
    name = path.name
    if not (name.startswith(BACKUP_PREFIX) and name.endswith(BACKUP_SUFFIX)):
        return None
    core = name[len(BACKUP_PREFIX) : -len(BACKUP_SUFFIX)]
    stamp = core.split("_", 1)[0]
    try:
        return dt.datetime.strptime(stamp, _STAMP)
    except ValueError:
        return None


def list_backups(folder: Path) -> list[Path]:
    """Backups in the folder, newest first."""
    if not folder.is_dir():
        return []
    found = [(when, p) for p in folder.iterdir() if (when := _parse_stamp(p)) is not None]
    found.sort(reverse=True)
    return [p for _, p in found]


class BackupInfo(NamedTuple):
    """One backup file: when it was made (local time), its size, and why ("manual", "daily",
    "close", "before-restore", "before-migration-v2"; "" when the name gives none)."""

    path: Path
    made_at: dt.datetime
    size: int
    reason: str


def describe_backups(folder: Path) -> list[BackupInfo]:
    """The backups in the folder with their time, size and reason, newest first."""
    described = []
    for path in list_backups(folder):
        when = _parse_stamp(path)
        try:
            size = path.stat().st_size
        except OSError:  # removed by a rotation meanwhile
            continue
        core = path.name[len(BACKUP_PREFIX) : -len(BACKUP_SUFFIX)]
        reason = core.split("_", 1)[1] if "_" in core else ""
        assert when is not None
        described.append(BackupInfo(path=path, made_at=when, size=size, reason=reason))
    return described


def newest_backup(folder: Path) -> Path | None:
    backups = list_backups(folder)
    return backups[0] if backups else None


def copy_database(source: Path, dest: Path) -> None:
    """Copy a live database consistently (SQLite online backup), writing dest atomically."""
    private_folder(dest.parent)
    partial = dest.with_name(dest.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)
    create_private_file(partial)  # the copy is the coach's alone from its first byte
    # creates nothing beside the source; the copy has the source's key (none for a plain one)
    src = connect(source, uri=reading_uri(source))
    try:
        out = connect(partial, key=key_of(source))
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, dest)
    except (*Errors.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise failed_write(exc, dest, f"The backup to {dest} failed: {exc}") from exc
    finally:
        src.close()


def failed_write(exc: BaseException, path: Path, otherwise: str) -> AlcoachError:
    """A full disk or a read-only place says so; anything else is `otherwise`."""
    said = storage_error(exc, path)
    return said if isinstance(said, (DiskFullError, ReadOnlyError)) else DatabaseError(otherwise)


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove what killed backups, restores and checks left (a `.partial` copy in backups/, the
    database's `.restoring`, a check's copy); for the process that has just taken the folder's
    lock, so that no backup or restore of this folder is running. Returns the files removed."""
    db_path = Path(db_path)
    ends = (CONVERTING_SUFFIX, f"{CONVERTING_SUFFIX}-wal", f"{CONVERTING_SUFFIX}-shm")
    found = [db_path.with_name(db_path.name + end) for end in (RESTORING_SUFFIX, *ends)]
    folder = backup_dir_for(db_path)
    if folder.is_dir():
        found += [p for p in folder.iterdir() if p.name.endswith((PARTIAL_SUFFIX, *ends))]
    checks = [p for p in db_path.parent.glob(CHECK_PREFIX + "*") if p.is_dir()]
    removed = []
    for path in checks:  # a copy a killed check left (alcoach.data.identify)
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    for path in found:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:  # a read-only folder: reading still works; the next writer removes it
            continue
        removed.append(path)
    return removed


def snapshot(
    db_path: Path, folder: Path, *, reason: str = "", now: dt.datetime | None = None
) -> Path:
    """Write one backup of db_path into folder and return its path."""
    now = _local(now)
    suffix = f"_{reason}" if reason else ""
    dest = folder / f"{BACKUP_PREFIX}{_stamp(now)}{suffix}{BACKUP_SUFFIX}"
    copy_database(db_path, dest)
    return dest


def rotate(folder: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Keep the newest KEEP_LATEST, plus the newest of each day of the last KEEP_DAILY_DAYS.

    Returns the files removed.
    """
    now = _local(now)
    backups = list_backups(folder)
    keep = set(backups[:KEEP_LATEST])
    seen_days: set[dt.date] = set()
    for path in backups:
        when = _parse_stamp(path)
        assert when is not None
        if (now - when).days < KEEP_DAILY_DAYS and when.date() not in seen_days:
            seen_days.add(when.date())
            keep.add(path)
    removed = [p for p in backups if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_now(db_path: Path, *, reason: str = "", now: dt.datetime | None = None) -> Path:
    folder = backup_dir_for(db_path)
    made = snapshot(db_path, folder, reason=reason, now=now)
    rotate(folder, now=now)
    return made


def backup_if_due(db_path: Path, *, now: dt.datetime | None = None) -> Path | None:
    """The start-up backup: at most one a day."""
    now = _local(now)
    latest = newest_backup(backup_dir_for(db_path))
    if latest is not None:
        when = _parse_stamp(latest)
        if when is not None and when.date() == now.date():
            return None
    if not Path(db_path).exists():
        return None
    return backup_now(db_path, reason="daily", now=now)
