"""Opening the data folder for a command: as a writer (refused while a window holds it) or as
a reader (beside a window), with a migration's progress and the opening's one note on stderr."""

from __future__ import annotations

import argparse
import datetime as dt
import sys


class _MigrationProgress:
    """Prints how far a schema migration has got, to stderr, every tenth of the way."""

    def __init__(self) -> None:
        self.shown = -1
        self.what = ""

    def __call__(self, what: str, done: int, total: int) -> None:
        if what != self.what:  # the next step of the migration starts from 0 %
            self.what, self.shown = what, -1
        tenth = 10 if total == 0 else done * 10 // total
        if tenth > self.shown:
            self.shown = tenth
            print(f"{what}: {tenth * 10}% ({done:,} of {total:,} records)", file=sys.stderr)


def writing_store(args: argparse.Namespace, doing: str):
    """For a command that writes: refused while another process (a window) holds the folder."""
    from alcoach.cli_cipher import passphrase_ask
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.store import open_store

    data_dir = resolve_data_dir(args.data_dir)
    progress = _MigrationProgress()
    return _said(open_store(data_dir, doing=doing, progress=progress, ask=passphrase_ask(args)))


def reading_store(args: argparse.Namespace):
    """For a command that only reads: works beside a window, and then writes nothing."""
    from alcoach.cli_cipher import passphrase_ask
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.store import open_store_for_reading

    data_dir = resolve_data_dir(args.data_dir)
    progress = _MigrationProgress()
    return _said(open_store_for_reading(data_dir, progress=progress, ask=passphrase_ask(args)))


def _said(store):
    """The store, once what its opening has to say once is on stderr."""
    if store.privacy_note:
        print(f"alcoach: {store.privacy_note}", file=sys.stderr)
    return store


def date_argument(text: str) -> dt.date:
    """An option's date, YYYY-MM-DD (argparse says it in one line when it is not one)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-02") from exc
