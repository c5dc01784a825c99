"""Getting the key of an encrypted data folder from its coach, once per process.

`Ask` is how a passphrase is had: the window's dialog, the terminal, a file. It is called with
the folder and the sentence that refused the last try ("" the first time), and returns the
passphrase, or None when the coach gave none (the dialog was cancelled).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alcoach.data.dbfile import file_salt
from alcoach.errors import PassphraseNeeded, WrongPassphrase

Ask = Callable[[Path, str], "str | None"]


def ensure_key(path: Path, ask: Ask | None, *, folder: Path | None = None) -> None:
    """Make sure this process holds the key of `path` (nothing to do for a plain file), asking
    `ask` until a passphrase matches; PassphraseNeeded when none is given."""
    salt = file_salt(path)
    if salt is None:
        return
    from alcoach.data.cipher import known_key, unlock  # only for an encrypted file

    if known_key(salt) is not None:
        return
    folder = Path(folder or Path(path).parent)
    if ask is None:
        raise PassphraseNeeded(
            f"The data folder {folder} is encrypted: give its passphrase with --passphrase-file "
            "FILE (its first line), or run the command in a terminal to type it."
        )
    said = ""
    while True:
        passphrase = ask(folder, said)
        if not passphrase:
            raise PassphraseNeeded(
                f"No passphrase was given, so the encrypted data folder {folder} was not opened."
            )
        try:
            unlock(path, salt, passphrase, folder)
        except WrongPassphrase as exc:
            said = str(exc)
            continue
        if known_key(salt) is None:  # a salt the folder's sidecar does not list
            raise PassphraseNeeded(f"{path} was not encrypted by this data folder's alcoach.")
        return


def unlock_lone_copy(path: Path, ask: Ask | None, *, folder: Path) -> None:
    """An SQLCipher file that no sidecar here describes (a backup carried from a lost laptop):
    its key comes from the passphrase and its own salt, and holds when the file opens with it as
    an alcoach database. Without a sidecar a wrong passphrase cannot be told from damage."""
    from alcoach.data import cipher
    from alcoach.data.dbfile import ALCOACH_APPLICATION_ID

    salt = file_salt(path)
    if salt is None or ask is None or cipher.known_key(salt) is not None:
        return  # with no way to ask, the file is refused as one that cannot be read
    said = ""
    for _ in range(3):
        passphrase = ask(folder, said)
        if not passphrase:
            break
        key = cipher.derive_key(passphrase, salt)
        if _opens_as_alcoach(path, key, salt, ALCOACH_APPLICATION_ID):
            cipher.remember_key(salt, key)
            return
        said = f"That passphrase does not open {path.name}, or the file is damaged."
    raise PassphraseNeeded(said or f"No passphrase was given, so {path} was left as it is.")


def _opens_as_alcoach(path: Path, key: bytes, salt: bytes, app_id: int) -> bool:
    from alcoach.data.cipher_database import DRIVER, keyed_connection

    try:
        conn = keyed_connection(f"{Path(path).resolve().as_uri()}?mode=ro", key, salt, uri=True)
    except DRIVER.Error:
        return False
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0] == app_id
    except DRIVER.Error:
        return False
    finally:
        conn.close()


def from_secret(secret: str) -> Ask:
    """An `Ask` for a passphrase given once (a file's first line): a second call, after a
    refusal, says so instead of asking again."""

    def ask(folder: Path, said: str) -> str:
        if said:
            raise WrongPassphrase(f"The passphrase given does not open the data folder {folder}.")
        return secret

    return ask
