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


def needs_passphrase(path: Path) -> bool:
    """True when `path` is encrypted and this process does not hold its key yet."""
    from alcoach.data.cipher import known_key

    salt = file_salt(path)
    return salt is not None and known_key(salt) is None


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


def from_secret(secret: str) -> Ask:
    """An `Ask` for a passphrase given once (a file's first line): a second call, after a
    refusal, says so instead of asking again."""

    def ask(folder: Path, said: str) -> str:
        if said:
            raise WrongPassphrase(f"The passphrase given does not open the data folder {folder}.")
        return secret

    return ask
