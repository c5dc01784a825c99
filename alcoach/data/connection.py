"""Every connection to an alcoach database is made here, plain or encrypted.

A plain file gets the standard library's sqlite3; an SQLCipher file (alcoach.data.cipher) gets
sqlcipher3 with the raw key this process derived for its salt. The choice is made by the file's
own first bytes, so one file is only ever opened with one of the two libraries in this process
(two SQLite libraries would each keep their own POSIX locks on it, and closing one would drop
the other's). `PassphraseNeeded` is raised for an encrypted file whose key is not known yet.

`Errors` holds the exception classes of the libraries loaded so far; `except Errors.Error`
catches either library's error (the tuple is read when an error is raised, after sqlcipher3 may
have been loaded).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import peewee as pw

from alcoach.data.dbfile import SQLITE_MAGIC, WAL_FORMAT, file_salt, read_header, shm_path, wal_path
from alcoach.errors import PassphraseNeeded

Key = tuple[bytes, bytes]  # (raw key, salt)
AUTO: Any = object()  # the key of the file's own salt, if it has one


class Errors:
    Error: tuple[type[Exception], ...] = (sqlite3.Error,)
    DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)


def cipher_module():
    """alcoach.data.cipher_database (sqlcipher3 under peewee), loaded on first use."""
    from alcoach.data import cipher_database

    driver = cipher_database.DRIVER
    Errors.Error = (sqlite3.Error, driver.Error)
    Errors.DatabaseError = (sqlite3.DatabaseError, driver.DatabaseError)
    return cipher_database


def key_of(path: Path) -> Key | None:
    """The key that opens `path`: None for a plain file (or none yet); PassphraseNeeded when it
    is encrypted and this process has not been given its passphrase."""
    salt = file_salt(path)
    if salt is None:
        return None
    from alcoach.data.cipher import known_key  # a plain folder never imports the crypto

    key = known_key(salt)
    if key is None:
        raise PassphraseNeeded(
            f"{path} is encrypted: alcoach needs its passphrase to open it (--passphrase-file "
            "FILE, or type it when asked)."
        )
    return key, salt


def connect(path: Path, *, uri: str | None = None, key: Key | None = AUTO, **params):
    """A DB-API connection to `path` (through `uri` when given: a read-only open), with the key
    of its salt, or `key` for a file about to be made (None: plain)."""
    if key is AUTO:
        key = key_of(path)
    target = uri or str(path)
    if uri:
        params["uri"] = True
    if key is None:
        return sqlite3.connect(target, **params)
    return cipher_module().keyed_connection(target, *key, **params)


def database(
    path: Path, *, pragmas: Any, uri: str | None = None, key: Key | None = AUTO
) -> pw.SqliteDatabase:
    """A peewee database on `path` (not yet connected), plain or keyed like `connect`."""
    if key is AUTO:
        key = key_of(path)
    target = uri or str(path)
    params: dict[str, Any] = {"pragmas": pragmas, "check_same_thread": False}
    if uri:
        params["uri"] = True
    if key is None:
        return pw.SqliteDatabase(target, **params)
    return cipher_module().KeyedDatabase(target, key=key[0], salt=key[1], **params)


def in_wal_mode(db_path: Path) -> bool:
    """Whether the file keeps a write-ahead log: header byte 18 for a plain file; the sidecar for
    an encrypted one, whose header is ciphertext."""
    head = read_header(db_path)
    if head.startswith(SQLITE_MAGIC):
        return len(head) >= 20 and head[18] == WAL_FORMAT
    from alcoach.data.cipher import sidecar_for

    sidecar = sidecar_for(db_path)
    return sidecar is None or sidecar.journal_mode == "wal"


def reading_uri(db_path: Path) -> str:
    """A URI for a read-only connection that creates no file beside `db_path`.

    A `-wal` and `-shm` beside the file mean a WAL connection has it open (or was killed with it
    open): a `mode=ro` connection shares them. Without both, a file in WAL mode has no connection
    open on it: it is read as it is (`immutable=1`), since `mode=ro` would create the missing ones.
    A file with a rollback journal creates nothing either way; `mode=ro` keeps SQLite's locking.
    """
    uri = Path(db_path).resolve().as_uri()
    if in_wal_mode(db_path) and not (wal_path(db_path).exists() and shm_path(db_path).exists()):
        return f"{uri}?immutable=1"
    return f"{uri}?mode=ro"
