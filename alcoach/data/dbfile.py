"""Looking at an SQLite file without changing it: its header, and how to read it safely.

A `mode=ro` connection to a database in WAL mode makes `-wal` and `-shm` files beside it when
they are not there (and leaves them); `immutable=1` reads the file as it is and creates nothing,
which is right only while no connection writes to it.
"""

from __future__ import annotations

from pathlib import Path

DATABASE_FILENAME = "alcoach.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
WAL_FORMAT = 2  # header bytes 18 and 19: 1 for a rollback journal, 2 for WAL

# SQLite's `PRAGMA application_id` (header bytes 68-71) in every alcoach database: the ASCII
# letters "ALCo". Databases made before alcoach set it (application_id 0) are recognised by these
# tables, all of schema 1, and get it at their next open for writing.
ALCOACH_APPLICATION_ID = 0x414C436F
ALCOACH_TABLES = frozenset(
    {
        "programme",
        "learning_set",
        "member",
        "meeting",
        "phase",
        "intervention",
        "question",
        "setting",
    }
)


SIDECAR_FILENAME = "alcoach.cipher"  # an encrypted folder's plain description (data.cipher)
SALT_BYTES = 16  # an SQLCipher file's first bytes: its salt


def file_salt(path: Path) -> bytes | None:
    """The salt of an SQLCipher file (its first 16 bytes); None for a plain SQLite file, an empty
    one or one that is not there. Reads 16 bytes: cheap enough for every open."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SALT_BYTES)
    except FileNotFoundError:
        return None
    if len(head) < SALT_BYTES or head == SQLITE_MAGIC:
        return None
    return head


def is_plain(path: Path) -> bool:
    return file_salt(path) is None


def read_header(db_path: Path) -> bytes:
    """The file's first 100 bytes (fewer for a shorter file)."""
    with open(db_path, "rb") as fh:
        return fh.read(HEADER_SIZE)


def header_ids(head: bytes) -> tuple[int, int]:
    """The `user_version` (schema version) and `application_id` a 100-byte header holds."""
    return int.from_bytes(head[60:64], "big"), int.from_bytes(head[68:72], "big")


def wal_path(db_path: Path) -> Path:
    return Path(f"{db_path}-wal")


def shm_path(db_path: Path) -> Path:
    return Path(f"{db_path}-shm")
