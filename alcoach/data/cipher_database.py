"""Peewee over SQLCipher with a raw key (imported only for an encrypted folder: sqlcipher3 is not
on a plain folder's start-up path)."""

from __future__ import annotations

from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from alcoach.data.cipher import raw_key_pragma

DRIVER = sqlcipher


def keyed_connection(target: str, key: bytes, salt: bytes, **params) -> sqlcipher.Connection:
    """An SQLCipher connection with its key set (and SQLCipher's own log silenced first, so that
    a wrong key prints nothing on the terminal)."""
    conn = sqlcipher.connect(target, **params)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(raw_key_pragma(key, salt))
    except BaseException:
        conn.close()
        raise
    return conn


class KeyedDatabase(SqlCipherDatabase):
    """`SqlCipherDatabase` that hands each connection the folder's raw key instead of a passphrase
    (peewee would run the 0.3 s key derivation on every connection)."""

    def __init__(self, database: str, *, key: bytes, salt: bytes, **kwargs) -> None:
        self._raw_key = (key, salt)
        super().__init__(database, **kwargs)

    def _connect(self):
        conn = keyed_connection(
            self.database,
            *self._raw_key,
            timeout=self._timeout,
            isolation_level=None,
            **self.connect_params,
        )
        try:
            self._add_conn_hooks(conn)
        except BaseException:
            conn.close()
            raise
        return conn
