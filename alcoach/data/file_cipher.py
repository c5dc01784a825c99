"""Rewriting one database file with another key (or none): the step that encrypting, decrypting,
changing the passphrase and restoring are made of.

The new file is written by SQLCipher alone (`sqlcipher_export` into a file beside the old one,
0600), checked, synced, and renamed over the old one, so a kill at any moment leaves either the
old file or the new one whole; the old file's bytes are then overwritten through a descriptor
kept open across the rename. `sqlcipher_export` drops `user_version` and `application_id`: they
are set again on the new file.
"""

from __future__ import annotations

import os
from pathlib import Path

from alcoach.data.backup import CONVERTING_SUFFIX
from alcoach.data.connection import Key, cipher_module, key_of
from alcoach.data.dbfile import shm_path, wal_path
from alcoach.errors import DatabaseError
from alcoach.fileio import sync_folder
from alcoach.privacy import create_private_file


def _open(path: Path, key: Key | None):
    cipher = cipher_module()
    if key is None:
        return cipher.DRIVER.connect(str(path), isolation_level=None)
    return cipher.keyed_connection(str(path), *key, isolation_level=None)


def _key_clause(key: Key | None) -> str:
    return "''" if key is None else f"\"x'{key[0].hex()}{key[1].hex()}'\""


def _ids(conn, schema: str = "main") -> tuple[int, int]:
    version = conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0]
    app_id = conn.execute(f"PRAGMA {schema}.application_id").fetchone()[0]
    return int(version), int(app_id)


def _export(source: Path, source_key: Key | None, dest: Path, key: Key | None, journal: str):
    conn = _open(source, source_key)
    try:
        ids = _ids(conn)
        conn.execute(f"ATTACH DATABASE ? AS target KEY {_key_clause(key)}", (str(dest),))
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute(f"PRAGMA target.user_version = {ids[0]:d}")
        conn.execute(f"PRAGMA target.application_id = {ids[1]:d}")
        conn.execute(f"PRAGMA target.journal_mode = {journal}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()
    return ids


def _verify(dest: Path, key: Key | None, ids: tuple[int, int]) -> None:
    conn = _open(dest, key)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok" or _ids(conn) != ids:
            raise DatabaseError(f"The rewritten copy of {dest.name} failed its check ({result}).")
        # WAL was set on the new file: leave no -wal of it behind once it is closed
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def rewrite(path: Path, key: Key | None, *, journal: str = "delete") -> None:
    """Rewrite the database at `path` with `key` (None: plain), in `journal` mode. The caller
    holds the folder's lock and has closed every connection to `path`."""
    path = Path(path)
    source_key = key_of(path)
    temp = path.with_name(path.name + CONVERTING_SUFFIX)
    for leftover in (temp, wal_path(temp), shm_path(temp)):
        leftover.unlink(missing_ok=True)
    create_private_file(temp)
    try:
        ids = _export(path, source_key, temp, key, journal)
        _verify(temp, key, ids)
        for leftover in (wal_path(temp), shm_path(temp)):
            leftover.unlink(missing_ok=True)
        with open(temp, "rb+") as fh:
            os.fsync(fh.fileno())
        old = open(path, "rb+") if source_key is None else None  # noqa: SIM115 - kept across
        try:
            os.replace(temp, path)
            sync_folder(path.parent)
            if old is not None:
                _overwrite(old)
        finally:
            if old is not None:
                old.close()
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    shm_path(path).unlink(missing_ok=True)


def _overwrite(handle) -> None:
    """Zero a plain file that has just been replaced (only this descriptor still reaches it)."""
    size = os.fstat(handle.fileno()).st_size
    chunk = b"\0" * (1 << 20)
    handle.seek(0)
    for start in range(0, size, len(chunk)):
        handle.write(chunk[: min(len(chunk), size - start)])
    handle.flush()
    os.fsync(handle.fileno())
