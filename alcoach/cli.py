"""The `alcoach` command: start the app, or script it (demo, lists, archives, backups, exports).

Errors go to stderr as one sentence, with a non-zero exit; never a traceback (those go to the log
file beside the database, alcoach.log, which the sentence names).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from alcoach import __version__
from alcoach.cli_store import reading_store as _reading_store
from alcoach.cli_store import writing_store as _store
from alcoach.errors import AlcoachError


def _cmd_demo(args: argparse.Namespace) -> int:
    from alcoach.data.demo import add_demo_programme

    store = _store(args, "`alcoach demo`")
    try:
        summary = add_demo_programme()
    finally:
        store.close()
    print(summary)
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from alcoach.data import meetings, sets

    if args.what == "members":
        from alcoach.cli_practice import cmd_members

        return cmd_members(args)
    store = _reading_store(args)
    try:
        if args.what == "sets":
            rows = [
                {"id": s.id, "name": s.name, "programme": s.programme_name, "archived": s.archived}
                for s in sets.list_sets()
            ]
            columns = ("id", "name", "programme")
        else:
            if args.set is not None:
                sets.get_set(args.set)  # a clear message for an unknown set
            rows = [
                {"id": mt.id, "set": mt.set_name, "date": mt.date.isoformat(), "title": mt.title}
                for mt in meetings.list_meetings(args.set)
            ]
            columns = ("id", "set", "date", "title")
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print("\t".join(str(row[c]) for c in columns))
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from alcoach.data.db import database_path
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.search import search_notes
    from alcoach.errors import DatabaseError

    data_dir = resolve_data_dir(args.data_dir)
    if not database_path(data_dir).exists():
        raise DatabaseError(
            f"There is no alcoach database in {data_dir}, so there is nothing to search."
        )
    query = " ".join(args.query)
    store = _reading_store(args)
    try:
        hits = search_notes(query, limit=args.limit)
    finally:
        store.close()
    if args.json:
        rows = [
            {
                "meeting_id": h.meeting_id,
                "date": h.meeting_date.isoformat() if h.meeting_date else None,
                "meeting": h.meeting_label,
                "set": h.set_name,
                "kind": h.source,
                "id": h.source_id,
                "snippet": h.snippet,
                "matches": [list(mark) for mark in h.marks],
            }
            for h in hits
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif not hits:
        print(f"No note holds “{query.strip()}”.", file=sys.stderr)
    else:
        for h in hits:
            print(f"{h.meeting_label}\t{h.set_name}\t{h.source}\t{h.marked()}")
    return 0


def _cmd_archive(args: argparse.Namespace) -> int:
    from alcoach.data import archive

    if args.action == "export":
        store = _reading_store(args)
    else:
        store = _store(args, "`alcoach archive import`")
    try:
        if args.action == "export":
            from alcoach.data.encryption import plain_export_warning

            counts = archive.export_archive_file(Path(args.file))
            print(f"Exported {counts} to {args.file}.")
            warning = plain_export_warning(store.data_dir)
            if warning:
                print(f"alcoach: {warning}", file=sys.stderr)
        else:
            try:
                happened = archive.import_archive_file(
                    Path(args.file), allow_mass_delete=args.allow_mass_delete
                )
            except archive.MassDeletion as exc:
                raise type(exc)(
                    f"{str(exc).split('; ')[0]}; nothing was imported. Run the command again with "
                    "--allow-mass-delete if that is what you want."
                ) from exc
            print(f"Imported {args.file}: {happened}.")
    finally:
        store.close()
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from alcoach.data.backup import backup_now, copy_database

    store = _reading_store(args)
    try:
        if args.out:
            copy_database(store.db_path, Path(args.out))
            made = Path(args.out)
        else:
            made = backup_now(store.db_path, reason="manual")
    finally:
        store.close()
    print(f"Backed up to {made}.")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from alcoach.data.db import database_path
    from alcoach.data.lock import hold_folder
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.restore import restore

    data_dir = resolve_data_dir(args.data_dir)
    hold_folder(data_dir, doing="`alcoach restore`")  # until this process ends
    from alcoach.cli_cipher import passphrase_ask

    ask = passphrase_ask(args)
    aside = restore(database_path(data_dir), Path(args.file), ask=ask)
    if aside == database_path(data_dir):  # a new folder: nothing was replaced
        print(f"Restored {args.file} into {data_dir}.")
    else:
        print(f"Restored {args.file}; the database it replaced was kept as {aside}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alcoach",
        description="A companion for Action Learning coaches. With no command, starts the app.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="the folder that holds the database")
    parser.add_argument("--version", action="version", version=f"alcoach {__version__}")
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help="start the window, print 'startup-check ok <ms>' once it shows, and quit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="add a sample programme to look around with")
    demo.set_defaults(func=_cmd_demo)

    lister = sub.add_parser("list", help="list sets, meetings or members (with their ids)")
    lister.add_argument("what", choices=("sets", "meetings", "members"))
    lister.add_argument("--set", type=int, metavar="SET_ID", help="only this set's")
    lister.add_argument("--json", action="store_true", help="a JSON array, for scripts")
    lister.set_defaults(func=_cmd_list)

    finder = sub.add_parser(
        "search", help="find notes holding every word (any part of a word, accents ignored)"
    )
    finder.add_argument("query", nargs="+", metavar="QUERY", help="the words to find")
    finder.add_argument("--json", action="store_true", help="a JSON array, for scripts")
    finder.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits")
    finder.set_defaults(func=_cmd_search)

    arch = sub.add_parser("archive", help="export or import everything as a JSON archive")
    arch.add_argument("action", choices=("export", "import"))
    arch.add_argument("file")
    arch.add_argument(
        "--allow-mass-delete", action="store_true",
        help="import even when the archive deletes a set, a programme or many records here",
    )  # fmt: skip
    arch.set_defaults(func=_cmd_archive)

    backup = sub.add_parser("backup", help="copy the database now (into backups/ or --out FILE)")
    backup.add_argument("--out", metavar="FILE")
    backup.set_defaults(func=_cmd_backup)

    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file")
    restore.set_defaults(func=_cmd_restore)

    for register in _extra_commands():
        register(sub)
    from alcoach.cli_cipher import add_cipher_commands, add_passphrase_option

    add_cipher_commands(sub)
    add_passphrase_option(parser, inherited=False)
    for command in sub.choices.values():
        _inherit_passphrase_option(command)
    return parser


def _inherit_passphrase_option(parser: argparse.ArgumentParser) -> None:
    from alcoach.cli_cipher import add_passphrase_option

    add_passphrase_option(parser, inherited=True)
    for action in parser._actions:  # the export command's kinds have parsers of their own
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                _inherit_passphrase_option(command)


def _extra_commands() -> list[Callable[[argparse._SubParsersAction], None]]:
    registers = []
    try:
        from alcoach.cli_export import add_export_commands
    except ImportError:
        pass
    else:
        registers.append(add_export_commands)
    from alcoach.cli_practice import add_practice_commands

    registers.append(add_practice_commands)
    return registers


def _window_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when argv only starts the window (`--data-dir DIR`, `--startup-check`), read
    without building the parser (argparse's set-up is on the start-up path otherwise); None for
    anything else, which goes through the whole parser (commands, --help, --version, errors)."""
    options = argparse.Namespace(command=None, data_dir=None, startup_check=False)
    words = iter(argv)
    for word in words:
        if word == "--startup-check":
            options.startup_check = True
        elif word == "--data-dir":
            value = next(words, None)
            if value is None or value.startswith("-"):
                return None
            options.data_dir = value
        elif word.startswith("--data-dir=") and len(word) > len("--data-dir="):
            options.data_dir = word.split("=", 1)[1]
        else:
            return None
    return options


def main(argv: Sequence[str] | None = None) -> int:
    from alcoach.privacy import keep_new_files_private

    keep_new_files_private()  # before anything is written: see alcoach.privacy
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _window_options(argv) or build_parser().parse_args(argv)
    try:
        if args.command is None:
            from alcoach.app import run_app
            from alcoach.cli_cipher import refuse_given

            refuse_given(args)
            return run_app(
                data_dir=args.data_dir,
                startup_check=args.startup_check,
                passphrase_file=getattr(args, "passphrase_file", None),
            )
        _use_log_file(args)
        return args.func(args)
    except AlcoachError as exc:
        print(f"alcoach: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        return _os_failure(exc)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # not foreseen: the traceback goes to the log, one sentence here
        if _storage_failure(exc):
            return 1
        from alcoach.logfile import explain_unexpected

        failed = f"the {args.command} command did not finish"
        print(f"alcoach: {explain_unexpected(failed, 'try it again', exc)}", file=sys.stderr)
        return 1


def _use_log_file(args: argparse.Namespace) -> None:
    """The commands log (tracebacks of what was not foreseen) to alcoach.log beside the data."""
    from alcoach.data.paths import resolve_data_dir
    from alcoach.logfile import use_log_file

    use_log_file(resolve_data_dir(args.data_dir))


def _os_failure(exc: OSError) -> int:
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        from alcoach.data.storage_errors import disk_full

        print(f"alcoach: {disk_full(Path(exc.filename or '.'))}", file=sys.stderr)
    else:
        print(f"alcoach: {exc.strerror or exc} ({exc.filename or 'file'}).", file=sys.stderr)
    return 1


def _storage_failure(exc: Exception) -> bool:
    """An error from SQLite while a command ran (a full disk, a read-only file, a disk error):
    said in one sentence, never "damaged"; False for anything else."""
    from alcoach.data.db import bound_path
    from alcoach.data.storage_errors import is_storage_error, storage_error

    path = bound_path()
    if path is None or not is_storage_error(exc):
        return False
    print(f"alcoach: {storage_error(exc, path)}", file=sys.stderr)
    return True


if __name__ == "__main__":
    sys.exit(main())
