"""Private on a shared machine: the data folder is the coach's alone (0700) and every file alcoach
writes is readable by the coach only (0600): the database and its journal files, backups,
archives, PDFs, CSVs, the log and check copies.

`keep_new_files_private()` (the command line and the window call it first) sets the process's
umask so that whatever is made from then on, SQLite's `-wal` and `-shm` included, is private;
files are still made private by name where alcoach makes them, for callers that did not set it.
An existing folder is tightened when it is opened for writing (`readable_by_others`, then
`tighten`), and the coach is told once. Windows has no such modes (its user profile is private
already): there these functions do nothing.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

HAS_MODES = os.name == "posix"
FOLDER_MODE = 0o700
FILE_MODE = 0o600
PRIVATE_UMASK = 0o077
CHECK_PREFIX = ".alcoach-check-"  # a check copy's folder (alcoach.data.identify)
# What alcoach keeps in a data folder (the rest of a folder chosen with --data-dir is left alone).
_OURS = ("alcoach.", "backups", CHECK_PREFIX)


def runtime_folder() -> Path | None:
    """The user's own runtime folder (XDG_RUNTIME_DIR, 0700 and theirs), or None: the system's
    temporary folder, where mkdtemp makes a folder only its user can enter."""
    value = os.environ.get("XDG_RUNTIME_DIR")
    if not value or not HAS_MODES:
        return None
    path = Path(value)
    try:
        info = path.stat()
    except OSError:
        return None
    return path if info.st_uid == os.getuid() and not info.st_mode & 0o077 else None


def keep_new_files_private() -> None:
    """Every file and folder this process makes from now on is its user's alone."""
    if HAS_MODES:
        os.umask(PRIVATE_UMASK)


def private_folder(path: Path) -> Path:
    """Make `path` (and missing parents) if needed; the folder itself is made 0700."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        make_private(path)
    return path


def make_private(path: Path) -> None:
    """Take away what other users may do with `path` (a file becomes 0600, a folder 0700, or
    less: a read-only file stays read-only); nothing where modes do not exist."""
    if not HAS_MODES:
        return
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)


def create_private_file(path: Path) -> None:
    """Make an empty file at `path` that only its user can read, unless it exists (so a program
    that writes it next, SQLite say, keeps that mode)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, flags, FILE_MODE))


def _open_to_others(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False  # not ours to change
    return bool(info.st_mode & 0o077)


def readable_by_others(data_dir: Path) -> list[Path]:
    """The data folder, and what alcoach keeps in it, where other users may read or enter."""
    if not HAS_MODES:
        return []
    data_dir = Path(data_dir)
    found = [data_dir]
    with contextlib.suppress(OSError):
        for path in data_dir.iterdir():
            if path.name.startswith(_OURS):
                found.append(path)
                if path.is_dir() and not path.is_symlink():
                    found.extend(path.rglob("*"))
    return [path for path in found if _open_to_others(path)]


def tighten(paths: list[Path]) -> list[Path]:
    """Make `paths` private (as `readable_by_others` found them); those that now are."""
    for path in paths:
        make_private(path)
    return [path for path in paths if not _open_to_others(path)]


def tightened_sentence(data_dir: Path, tightened: list[Path]) -> str:
    """What the coach is told once, after `tighten` changed something ("" if not)."""
    if not tightened:
        return ""
    return (
        f"Other users of this computer could read the data folder {data_dir}; it is now private "
        "to you (the folder and every file alcoach keeps in it)."
    )
