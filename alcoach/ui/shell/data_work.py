"""The work behind File > Data, run on the background thread: no widgets here.

Each piece that touches the data folder first checks that this process holds the folder's lock
(alcoach.data.lock, taken once when the window opened); it never takes the lock itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from alcoach.errors import AlcoachError

if TYPE_CHECKING:
    from alcoach.data.archive import CheckedArchive
    from alcoach.data.op_changes import OpChanges


def _require(db_path: Path, doing: str) -> None:
    from alcoach.data.lock import require_folder

    require_folder(Path(db_path).parent, doing)


def make_backup(db_path: Path, now: dt.datetime) -> Path:
    from alcoach.data.backup import backup_now

    _require(db_path, "The backup")
    return backup_now(db_path, reason="manual", now=now)


def export_everything(db_path: Path, path: Path) -> str:
    """Write the archive from one snapshot read on this thread's own connection (closed after)."""
    from alcoach.data.archive import export_archive_file
    from alcoach.data.db import reading_snapshot
    from alcoach.data.encryption import plain_export_warning

    _require(db_path, "The archive export")
    with reading_snapshot():
        summary = export_archive_file(path)
    warning = plain_export_warning(Path(db_path).parent)
    return f"{summary} to {path}. {warning}" if warning else f"{summary} to {path}"


def check_archive(path: Path) -> CheckedArchive:
    """Reads the archive file only: the database is not touched."""
    from alcoach.data.archive import check_archive_file

    return check_archive_file(path)


def write_archive(
    db_path: Path, checked: CheckedArchive, *, allow_mass_delete: bool = False
) -> tuple[str, OpChanges]:
    """One transaction on this thread's own connection, which is closed afterwards; what
    happened, and what it changed."""
    from alcoach.data.archive import write_checked_archive
    from alcoach.data.db import thread_connection
    from alcoach.data.op_changes import OpChanges

    _require(db_path, "The import")
    changes = OpChanges()
    with thread_connection():
        said = write_checked_archive(checked, allow_mass_delete=allow_mass_delete, changes=changes)
    return said, changes


def restore_file(db_path: Path, backup_file: Path, now: dt.datetime) -> Path:
    from alcoach.data.restore import restore

    _require(db_path, "The restore")
    return restore(db_path, backup_file, now=now)


def sentence(exc: BaseException, what: str) -> str:
    if isinstance(exc, AlcoachError):
        return str(exc)
    return f"{what} failed: {exc}."
