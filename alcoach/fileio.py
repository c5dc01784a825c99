"""Writing a file so that it appears complete or not at all (archives, PDFs), readable by its
user only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from alcoach.errors import ExportError


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened this way on Windows."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: Path, data: bytes, *, what: str) -> Path:
    """Write `data` to a temporary file beside `path`, fsync it, then rename it over `path`.

    On any failure (a missing folder, a full disk, no permission) the temporary file is removed,
    whatever was at `path` stays as it was, and ExportError says in one sentence what went wrong;
    `what` names the document in that sentence ("PDF", "archive").
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(
            f"The {what} could not be written to {path}: the folder {folder} does not exist."
        )
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        # mkstemp makes it 0600: an archive, a PDF or a CSV stays the coach's alone (privacy.py)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        temp_name = None
        sync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"The {what} could not be written to {path}: {reason}.") from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return path
