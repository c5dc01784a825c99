"""An encrypted data folder's keys: the plain sidecar that says what the folder is, and the raw
keys this process has derived.

An encrypted alcoach database is an SQLCipher 4 file: its first 16 bytes are the salt, the rest
is ciphertext, so nothing of SQLite's header can be read. Beside it, `alcoach.cipher` (plain
JSON, 0600) says what it is without the passphrase: the format, alcoach's application id, the key
derivation and cipher settings (SQLCipher 4's own), the journal mode, and for each salt in use a
key check value (an HMAC of the raw key), which tells a wrong passphrase from a damaged file:
SQLCipher gives both the same "file is not a database".

Every file of one folder (the database and its backups) shares one salt and so one key. The key
is derived once per process (PBKDF2-HMAC-SHA512, 256,000 iterations: about 0.3 s) and handed to
each connection as a raw key with its salt (`x'<key><salt>'`: no derivation per connection), which
is exactly what SQLCipher derives from the passphrase and that salt, so any SQLCipher 4 tool still
opens the file with the passphrase. A passphrase change gives a new salt; the sidecar lists the
old one until no file uses it. The passphrase itself is never stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from alcoach.data.dbfile import (  # noqa: F401 - file_salt and is_plain are this module's too
    ALCOACH_APPLICATION_ID,
    SALT_BYTES,
    SIDECAR_FILENAME,
    file_salt,
    is_plain,
)
from alcoach.errors import WrongPassphrase
from alcoach.fileio import write_atomically

FORMAT = "alcoach encrypted data folder"
FORMAT_VERSION = 1
KDF_ITERATIONS = 256_000
KEY_BYTES = 32
SETTINGS = {
    "cipher": "SQLCipher 4 (AES-256-CBC)",
    "kdf": "PBKDF2-HMAC-SHA512",
    "kdf_iter": KDF_ITERATIONS,
    "hmac": "HMAC-SHA512",
    "page_size": 4096,
}
_CHECK_LABEL = b"alcoach key check v1"


@dataclass
class Sidecar:
    """What `alcoach.cipher` holds: the checks of the salts in use (current first)."""

    checks: dict[str, str] = field(default_factory=dict)  # salt (hex) -> key check value (hex)
    journal_mode: str = "wal"

    @property
    def current_salt(self) -> bytes:
        return bytes.fromhex(next(iter(self.checks)))


def sidecar_path(data_dir: Path) -> Path:
    return Path(data_dir) / SIDECAR_FILENAME


def sidecar_for(path: Path, folder: Path | None = None) -> Sidecar | None:
    """The sidecar of `folder` (the data folder a file is restored into), else of the folder
    that holds the file `path`, or of the folder above it (a backup in backups/, a check's copy in
    its own folder)."""
    parent = Path(path).parent
    found = read_sidecar(folder) if folder is not None else None
    return found or read_sidecar(parent) or read_sidecar(parent.parent)


def read_sidecar(data_dir: Path) -> Sidecar | None:
    """The folder's sidecar, or None when it has none (or one that is not alcoach's)."""
    try:
        doc = json.loads(sidecar_path(data_dir).read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT or doc.get("application_id") != ALCOACH_APPLICATION_ID:
            return None
        checks = {str(k): str(v) for k, v in doc["keys"].items() if len(bytes.fromhex(k)) == 16}
        if not checks:
            return None
        return Sidecar(checks=checks, journal_mode=str(doc.get("journal_mode", "wal")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_sidecar(data_dir: Path, sidecar: Sidecar) -> None:
    doc = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "application_id": ALCOACH_APPLICATION_ID,
        **SETTINGS,
        "journal_mode": sidecar.journal_mode,
        "keys": sidecar.checks,
    }
    data = (json.dumps(doc, indent=2) + "\n").encode()
    write_atomically(sidecar_path(data_dir), data, what="encryption settings")


def adopt_key(data_dir: Path, key: bytes, salt: bytes) -> None:
    """List `salt` (whose `key` this process holds) first in the folder's sidecar, made if
    missing: a new folder restored from an encrypted backup is encrypted with its key."""
    sidecar = read_sidecar(data_dir) or Sidecar()
    sidecar.checks = {salt.hex(): check_value(key), **sidecar.checks}
    write_sidecar(data_dir, sidecar)


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's own derivation, so the passphrase opens the file in any SQLCipher tool."""
    return hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
    )


def check_value(key: bytes) -> str:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def raw_key_pragma(key: bytes, salt: bytes) -> str:
    """The PRAGMA key statement for a raw key and its salt (no derivation on the connection)."""
    return f"PRAGMA key = \"x'{key.hex()}{salt.hex()}'\""


# The raw keys this process has derived, by salt; never written anywhere.
_keys: dict[bytes, bytes] = {}
_keys_guard = threading.Lock()


def known_key(salt: bytes) -> bytes | None:
    with _keys_guard:
        return _keys.get(salt)


def remember_key(salt: bytes, key: bytes) -> None:
    with _keys_guard:
        _keys[salt] = key


def forget_keys() -> None:
    """Drop every key this process holds (the tests, and a decrypted folder)."""
    with _keys_guard:
        _keys.clear()


def unlock(path: Path, salt: bytes, passphrase: str, folder: Path | None = None) -> bytes:
    """Derive the key of `salt` (the file `path`'s) from `passphrase`, check it against the
    sidecar and remember it; WrongPassphrase when it does not match. A salt the sidecar does not
    list (a backup made elsewhere) cannot be checked: its key is returned, not remembered."""
    key = derive_key(passphrase, salt)
    sidecar = sidecar_for(path, folder)
    expected = sidecar.checks.get(salt.hex()) if sidecar else None
    if expected is None:
        return key
    if not hmac.compare_digest(expected, check_value(key)):
        raise WrongPassphrase("That passphrase does not open this data folder; please try again.")
    remember_key(salt, key)
    return key
