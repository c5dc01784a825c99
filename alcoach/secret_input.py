"""Secrets (a PDF's password, later a passphrase) for commands: from a file, or typed at the
terminal, never on the command line (every user of the machine sees it in the process list) nor in
an environment variable."""

from __future__ import annotations

import sys
from pathlib import Path

from alcoach.errors import ValidationError

MAX_SECRET = 1024  # characters: a password, not a file pasted by mistake


def secret_from_file(path: str, what: str) -> str:
    """The first line of `path`, without its line end; refused when empty or unreadable."""
    try:
        with Path(path).expanduser().open(encoding="utf-8") as handle:
            line = handle.readline(MAX_SECRET + 2)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "it is not UTF-8 text"
        raise ValidationError(f"The {what} file {path} cannot be read ({reason}).") from exc
    secret = line.rstrip("\r\n")
    if not secret:
        raise ValidationError(f"The {what} file {path} is empty: its first line is the {what}.")
    if len(secret) > MAX_SECRET:
        raise ValidationError(f"The {what} in {path} is longer than {MAX_SECRET:,} characters.")
    return secret


def secret_typed(what: str, *, confirm: bool) -> str:
    """Ask at the terminal (the typing is not shown); twice when `confirm`."""
    import getpass

    if not sys.stdin.isatty():
        raise ValidationError(
            f"There is no terminal to type the {what} at; give it in a file instead."
        )
    secret = getpass.getpass(f"{what[:1].upper()}{what[1:]}: ")
    if not secret:
        raise ValidationError(f"No {what} was typed; nothing was written.")
    if confirm and getpass.getpass(f"The {what} again: ") != secret:
        raise ValidationError(f"The two {what}s typed differ; nothing was written.")
    return secret


def refuse_on_command_line(option: str, file_option: str, ask_option: str) -> ValidationError:
    """The sentence for a secret given on the command line."""
    return ValidationError(
        f"{option} is not taken: on the command line it is visible to every user of this computer "
        f"(in the process list); give {file_option} FILE (its first line), or {ask_option} to type "
        "it."
    )
