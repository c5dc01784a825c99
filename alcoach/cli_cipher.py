"""The passphrase of an encrypted data folder on the command line, and the `encrypt`, `decrypt`
and `passphrase` commands.

Every command takes `--passphrase-file FILE` (its first line) or asks at the terminal when one is
attached; a passphrase is never taken on the command line nor from the environment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alcoach.data.unlock import Ask

TRIES = 3


def passphrase_ask(args: argparse.Namespace) -> Ask | None:
    """How this command gets the passphrase of an encrypted folder (None: it cannot)."""
    from alcoach.secret_input import secret_from_file

    refuse_given(args)
    path = getattr(args, "passphrase_file", None)
    if path:
        from alcoach.data.unlock import from_secret

        return from_secret(secret_from_file(path, "passphrase"))
    if not sys.stdin.isatty():
        return None
    tries = 0

    def ask(folder: Path, said: str) -> str | None:
        import getpass

        nonlocal tries
        if said:
            print(f"alcoach: {said}", file=sys.stderr)
        tries += 1
        if tries > TRIES:
            return None
        return getpass.getpass(f"Passphrase of {folder}: ")

    return ask


def refuse_given(args: argparse.Namespace) -> None:
    """A passphrase typed on the command line is refused (and never repeated)."""
    from alcoach.errors import ValidationError

    for option in ("passphrase", "new_passphrase"):
        if getattr(args, f"given_{option}", None) is not None:
            raise ValidationError(
                f"--{option.replace('_', '-')} is not taken: on the command line a passphrase is "
                "visible to every user of this computer (in the process list); give "
                f"--{option.replace('_', '-')}-file FILE (its first line), or leave it out to "
                "type it at the terminal."
            )


def _new_passphrase(args: argparse.Namespace, option: str) -> str:
    from alcoach.data.encryption import LOST_PASSPHRASE, check_passphrase
    from alcoach.secret_input import secret_from_file, secret_typed

    print(f"alcoach: {LOST_PASSPHRASE}", file=sys.stderr)
    path = getattr(args, option.lstrip("-").replace("-", "_"), None)
    secret = (
        secret_from_file(path, "passphrase")
        if path
        else secret_typed("new passphrase", confirm=True)
    )
    check_passphrase(secret)
    return secret


class _Progress:
    def __init__(self, doing: str) -> None:
        self.doing = doing

    def __call__(self, done: int, total: int) -> None:
        if total > 1:
            print(f"{self.doing}: {done} of {total} files", file=sys.stderr)


def _checked_folder(args: argparse.Namespace, doing: str) -> Path:
    """Lock the folder (held until this process ends), open it once, with its passphrase when
    it is encrypted (so that it is known sound and migrated), and close it again."""
    from alcoach.data.lock import hold_folder
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.store import open_store

    data_dir = resolve_data_dir(args.data_dir)
    hold_folder(data_dir, doing=doing)
    open_store(data_dir, doing=doing, ask=passphrase_ask(args)).close()
    return data_dir


def _cmd_encrypt(args: argparse.Namespace) -> int:
    from alcoach.data.encryption import encrypt_folder, is_encrypted
    from alcoach.data.paths import resolve_data_dir
    from alcoach.errors import ValidationError

    if is_encrypted(resolve_data_dir(args.data_dir)):
        raise ValidationError(
            f"The data folder {resolve_data_dir(args.data_dir)} is encrypted already; "
            "`alcoach passphrase` changes its passphrase."
        )
    data_dir = _checked_folder(args, "`alcoach encrypt`")
    passphrase = _new_passphrase(args, "--passphrase-file")
    done = encrypt_folder(data_dir, passphrase, progress=_Progress("Encrypting"))
    print(f"Encrypted {data_dir}: the database and {done.backups_text}.")
    return 0


def _cmd_passphrase(args: argparse.Namespace) -> int:
    from alcoach.data.encryption import change_passphrase

    data_dir = _checked_folder(args, "`alcoach passphrase`")
    passphrase = _new_passphrase(args, "--new-passphrase-file")
    done = change_passphrase(data_dir, passphrase, progress=_Progress("Re-keying"))
    print(f"Changed the passphrase of {data_dir}: the database and {done.backups_text}.")
    return 0


def _cmd_decrypt(args: argparse.Namespace) -> int:
    from alcoach.data.encryption import decrypt_folder

    data_dir = _checked_folder(args, "`alcoach decrypt`")
    done = decrypt_folder(data_dir, progress=_Progress("Decrypting"))
    print(
        f"Decrypted {data_dir}: the database and {done.backups_text} are plain files again, "
        "readable by anyone who has the disk."
    )
    return 0


def add_cipher_commands(subparsers: argparse._SubParsersAction) -> None:
    encrypt = subparsers.add_parser(
        "encrypt",
        help="encrypt the database and its backups (the passphrase from a file, or typed)",
    )
    encrypt.set_defaults(func=_cmd_encrypt)
    change = subparsers.add_parser(
        "passphrase", help="change the passphrase of an encrypted folder (backups re-keyed)"
    )
    change.add_argument(
        "--new-passphrase-file", metavar="FILE", help="the new passphrase (its first line)"
    )
    change.add_argument("--new-passphrase", dest="given_new_passphrase", help=argparse.SUPPRESS)
    change.set_defaults(func=_cmd_passphrase)
    decrypt = subparsers.add_parser("decrypt", help="turn an encrypted folder back to plain files")
    decrypt.set_defaults(func=_cmd_decrypt)


def add_passphrase_option(parser: argparse.ArgumentParser, *, inherited: bool) -> None:
    """`--passphrase-file` before or after the command (`inherited`: on a command's own parser,
    where it must not reset what was given before the command)."""
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS if inherited else None,
        help="the encrypted folder's passphrase (the file's first line); typed if not given",
    )
    # refused (see refuse_given); without it argparse would read --passphrase as a short form
    # of --passphrase-file and take the passphrase for a file name
    parser.add_argument(
        "--passphrase",
        dest="given_passphrase",
        default=argparse.SUPPRESS if inherited else None,
        help=argparse.SUPPRESS,
    )
