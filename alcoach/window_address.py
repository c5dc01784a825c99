"""Where the window that holds a data folder listens for a second alcoach, and who may talk to it.

On POSIX the socket is a file in a folder only its user can enter: the user's runtime folder
(`XDG_RUNTIME_DIR/alcoach`) or, without one, `alcoach-<uid>` in the system's temporary folder. A
folder there that is not the user's own, or that others may enter, is never used: another user
who made it first could listen in the window's place. Each end also checks the other's user
(`peer_uid`), so a socket that is not the user's own is never believed.

Windows has no such folders: its named pipes share one namespace, so there the name carries a
random token kept in the data folder (`alcoach.window`), which only the coach can read. The
Windows path is written but tested on Linux only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import socket
import stat
import struct
import sys
import tempfile
from pathlib import Path

from alcoach.privacy import FILE_MODE, FOLDER_MODE, runtime_folder

TOKEN_FILENAME = "alcoach.window"


class NoPrivatePlace(Exception):
    """There is no folder only this user can enter for the socket; the sentence says where."""


def _digest(data_dir: Path, extra: str = "") -> str:
    text = f"{extra}\0{Path(data_dir).resolve()}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def own_uid() -> int:
    return os.getuid()


def socket_folder() -> Path:
    """This user's private folder for window sockets (made if missing); NoPrivatePlace if the
    only candidate belongs to someone else or is open to others."""
    runtime = runtime_folder()
    if runtime is not None:
        folder = runtime / "alcoach"
    else:
        folder = Path(tempfile.gettempdir()) / f"alcoach-{own_uid()}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=FOLDER_MODE)
    try:
        info = folder.lstat()
    except OSError as exc:
        raise NoPrivatePlace(f"the folder {folder} cannot be made ({exc.strerror})") from exc
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != own_uid():
        raise NoPrivatePlace(f"{folder} belongs to another user")
    if info.st_mode & 0o077:
        raise NoPrivatePlace(f"other users may enter {folder}")
    return folder


def _windows_token(data_dir: Path) -> str:
    """The folder's random token: made once, kept in the data folder, read by the coach only."""
    path = Path(data_dir) / TOKEN_FILENAME
    with contextlib.suppress(OSError):
        token = path.read_text(encoding="ascii").strip()
        if len(token) >= 32:
            return token
    token = secrets.token_hex(16)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(token)
    return token


def server_address(data_dir: Path) -> str:
    """The name QLocalServer listens on for `data_dir` (a full socket path on POSIX); the same
    for the same folder and user. NoPrivatePlace when there is nowhere private to listen."""
    if sys.platform == "win32":
        try:
            token = _windows_token(data_dir)
        except OSError as exc:
            raise NoPrivatePlace(f"the data folder cannot hold {TOKEN_FILENAME}") from exc
        return f"alcoach-{_digest(data_dir, token)}"
    return str(socket_folder() / f"w-{_digest(data_dir)}")


def peer_uid(descriptor: int) -> int | None:
    """The user at the other end of a connected local socket, or None where it cannot be told."""
    if descriptor < 0 or sys.platform == "win32":
        return None
    try:
        with socket.fromfd(descriptor, socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            if hasattr(socket, "SO_PEERCRED"):  # Linux
                raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
                return struct.unpack("3i", raw)[1]
            # macOS and the BSDs: LOCAL_PEERCRED (1) at level SOL_LOCAL (0) gives a struct xucred
            raw = sock.getsockopt(0, 1, struct.calcsize("Ii16I"))
            return struct.unpack("Ii16I", raw)[1]
    except OSError:
        return None


def peer_is_us(descriptor: int) -> bool:
    """True when the other end is this user (where that cannot be told, the named pipe's own
    access rule, one user only, stands for it)."""
    uid = peer_uid(descriptor)
    if uid is None:
        return sys.platform == "win32"
    return uid == own_uid()
