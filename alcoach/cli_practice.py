"""The practice records from the command line: `alcoach hours` (the hours log and its totals,
read only, so it works beside an open window), `alcoach list members` and `alcoach export csv`
(the raw tables)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from alcoach.cli_store import date_argument as _date
from alcoach.errors import ExportError

CSV_HELP = (
    "Write a table as CSV: UTF-8 with a byte order mark, one header row, ISO dates, times with "
    "their offset, and text cells a spreadsheet would run as a formula written with a leading '. "
    'Of the PDF exports\' options only --anonymise applies (members become "Member A", '
    '"Member B", ... in their columns and inside notes: everyone, or those without consent to '
    "be named in sponsor reports); the hours table names no member. "
    "Page size, passwords and private notes do not apply: a CSV holds no coach's private notes."
)


def _filter(args: argparse.Namespace):
    from alcoach.data.hours import HoursFilter

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ExportError("The --from date is after the --to date.")
    return HoursFilter(args.date_from, args.date_to, args.programme)


def _hm(minutes: int) -> str:
    from alcoach.formatting import format_duration

    return format_duration(minutes * 60)


def _cmd_hours(args: argparse.Namespace) -> int:
    from alcoach.cli_store import reading_store as _reading_store
    from alcoach.data.hours import hours_log, totals, totals_by_year
    from alcoach.data.sets import list_programmes
    from alcoach.data.targets import all_progress
    from alcoach.vocabulary import hours_kind_label, role_label

    which = _filter(args)
    store = _reading_store(args)
    try:
        if args.programme is not None and args.programme not in {p.id for p in list_programmes()}:
            raise ExportError(f"There is no programme with id {args.programme}.")
        rows = hours_log(which)
        progress = all_progress()
    finally:
        store.close()
    every = totals(rows)
    if args.json:
        print(json.dumps({
            "entries": [{
                "date": r.date.isoformat(), "set": r.set_name, "programme": r.programme_name,
                "organisation": r.organisation, "group_size": r.group_size,
                "minutes": r.minutes, "kind": r.kind, "role": r.role, "paid": r.paid,
                "description": r.description, "unfinished": r.open,
            } for r in rows],
            "total_minutes": every.minutes,
            "by_year": {str(y): t.minutes for y, t in totals_by_year(rows).items()},
            "targets": [{"name": p.target.name, "met": p.met, "missing": list(p.missing)}
                        for p in progress],
        }, ensure_ascii=False, indent=1))  # fmt: skip
        return 0
    for r in rows:
        where = r.set_name or r.description or hours_kind_label(r.kind)
        flag = "\t(never ended: counted to its last note)" if r.open else ""
        print(
            f"{r.date.isoformat()}\t{_hm(r.minutes)}\t{hours_kind_label(r.kind)}\t"
            f"{role_label(r.role)}\t{'paid' if r.paid else 'pro bono'}\t{where}\t"
            f"{r.programme_name}\t{r.group_size or ''}{flag}"
        )
    if not rows:
        print("No hours in this range.", file=sys.stderr)
    for year, t in totals_by_year(rows).items():
        print(f"{year}: {_hm(t.minutes)} ({t.meetings} meeting{'s' if t.meetings != 1 else ''})")
    print(f"Total: {_hm(every.minutes)}, of which coaching {_hm(every.by_kind['coaching'])}, "
          f"pro bono {_hm(every.pro_bono_minutes)}")  # fmt: skip
    for p in progress:
        expiry = ""
        if p.target.expires is not None:
            expiry = f" ({'expired' if p.expired else 'expires'} {p.target.expires.isoformat()})"
        print(p.sentence + expiry)
    return 0


def cmd_members(args: argparse.Namespace) -> int:
    from alcoach.cli_store import reading_store as _reading_store
    from alcoach.data import sets

    store = _reading_store(args)
    try:
        if args.set is not None:
            sets.get_set(args.set)  # a clear message for an unknown set
        chosen = [s for s in sets.list_sets() if args.set is None or s.id == args.set]
        rows = [
            {"id": mb.id, "set_id": s.id, "set": s.name, "name": mb.name, "active": mb.active}
            for s in chosen
            for mb in sets.list_members(s.id)
        ]
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(
                f"{row['id']}\t{row['set']}\t{row['name']}" + ("" if row["active"] else "\t(left)")
            )
    return 0


def _cmd_csv(args: argparse.Namespace) -> int:
    from alcoach.cli_store import reading_store as _reading_store
    from alcoach.data import sets
    from alcoach.data.encryption import plain_export_warning
    from alcoach.data.hours import HoursFilter
    from alcoach.data.tables import named_in_tables, roster, table
    from alcoach.export.csv_tables import DELIMITERS, anonymised_rows, csv_bytes
    from alcoach.export.file_names import refuse_existing
    from alcoach.fileio import write_atomically

    if args.kind != "hours" and (args.date_from or args.date_to or args.programme is not None):
        raise ExportError("--from, --to and --programme narrow the hours table only.")
    which = _filter(args) if args.kind == "hours" else None
    out = Path(args.out).expanduser()
    if out.is_dir():
        out = out / f"alcoach {args.kind}.csv"
    if not args.force:
        refuse_existing([out], "add --force to replace it, or give another --out")
    store = _reading_store(args)
    try:
        if args.set is not None:
            sets.get_set(args.set)
        found = table(args.kind, args.set, which or HoursFilter())
        rows = found.rows
        if args.anonymise != "none":
            keep = named_in_tables(args.set) if args.anonymise == "without-consent" else ()
            rows = anonymised_rows(rows, roster(args.set), found.member_columns,
                                   found.text_columns, keep)  # fmt: skip
        warning = plain_export_warning(store.data_dir, "CSV")
    finally:
        store.close()
    data = csv_bytes(found.header, rows, delimiter=DELIMITERS[args.delimiter])
    write_atomically(out, data, what="CSV")
    print(f"Wrote {out} ({len(rows):,} row{'s' if len(rows) != 1 else ''}).")
    if warning:
        print(f"alcoach: {warning}", file=sys.stderr)
    return 0


def _yes(question: str) -> bool:
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _cmd_erase(args: argparse.Namespace) -> int:
    from alcoach.cli_store import writing_store
    from alcoach.data.erasure import (
        backups_before,
        erase_member,
        plan_erasure,
        purge_traces,
        remove_backups,
        scrub_log_files,
    )
    from alcoach.errors import AlcoachError

    at_terminal = sys.stdin.isatty()
    if not (args.yes or at_terminal):
        raise AlcoachError(
            "alcoach member erase asks before it erases: run it at a terminal, or add --yes "
            "to confirm from a script."
        )
    store = writing_store(args, "`alcoach member erase`")
    try:
        plan = plan_erasure(args.member_id)
        print(f"{plan.name} ({plan.set_name}) will be shown as {plan.pseudonym} from now on.")
        print(
            f"Removed: {plan.feedback} feedback, {plan.consents} consent records, "
            f"{plan.tally_notes} tally notes; the name taken out of {plan.notes} notes."
        )
        also: set[str] = set()
        if plan.review:
            print("These words only look like the name:")
            for r in plan.review:
                print(f"  {r.word} ({r.count}×): {r.example}")
            if not args.yes and _yes("Replace these words too?"):
                also = {r.word for r in plan.review}
            elif args.yes:
                print("They are left as they are (--yes replaces only the name itself).")
        if not args.yes and not _yes(f"Erase {plan.name}? This cannot be undone."):
            print("Nothing was erased.")
            return 1

        def progress(what: str, done: int, total: int) -> None:
            print(f"{what}: {done:,} of {total:,}", file=sys.stderr)

        label = erase_member(args.member_id, also=also, progress=progress)
        purge_traces()
        backups = backups_before(store.db_path)
    finally:
        store.close()
    scrub_log_files(store.data_dir, plan.name, label)
    print(f"Erased: the member is now {label} in your notes.")
    if backups:
        remove = args.remove_backups or (not args.yes and _yes(
            f"Backups made before still hold the name ({len(backups)}). Remove them?"))  # fmt: skip
        if remove:
            removed = remove_backups(backups)
            print(f"Removed {removed} backup{'s' if removed != 1 else ''} made before.")
        else:
            many = f"{len(backups)} backup{'s' if len(backups) != 1 else ''}"
            print(f"{many} made before still hold the name, in {backups[0].parent} "
                  "(--remove-backups removes them).")  # fmt: skip
    return 0


def _cmd_retention(args: argparse.Namespace) -> int:
    from alcoach.cli_store import reading_store, writing_store
    from alcoach.data import retention
    from alcoach.errors import AlcoachError

    writes = args.years is not None or args.remove
    if args.remove and not (args.yes or sys.stdin.isatty()):
        raise AlcoachError(
            "alcoach retention --remove asks before it removes: run it at a terminal, or add "
            "--yes to confirm from a script."
        )
    store = writing_store(args, "`alcoach retention`") if writes else reading_store(args)
    try:
        if args.years is not None:
            retention.set_retention_years(args.years)
        years, first = retention.retention_years(), retention.horizon()
        old = retention.past_horizon()
        if not years:
            print("Meetings are kept for always (--years N keeps them N years).")
            return 0
        print(f"Meetings are kept for {years} year{'s' if years != 1 else ''}: "
              f"{len(old)} dated before {first.isoformat() if first else ''}.")  # fmt: skip
        if not (args.remove and old):
            return 0
        if args.archive:
            from alcoach.data.archive import export_archive_file

            print(f"Archived first: {export_archive_file(Path(args.archive))} in {args.archive}.")
        elif not args.yes:
            print("Tip: --archive FILE keeps everything in an archive before the removal.")
        if not args.yes and not _yes(f"Remove {len(old)} meetings and all they hold?"):
            print("Nothing was removed.")
            return 1
        removed = retention.remove_past_horizon()
    finally:
        store.close()
    print(f"Removed {removed} meeting{'s' if removed != 1 else ''} older than {years} years "
          "(another laptop keeps its own; imports leave them out from now on).")  # fmt: skip
    return 0


def _range_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    parser.add_argument("--programme", type=int, metavar="ID", help="only this programme's")


def add_practice_commands(subparsers: argparse._SubParsersAction) -> None:
    hours = subparsers.add_parser(
        "hours", help="the hours log: each meeting and entry, totals per year, targets"
    )
    _range_options(hours)
    hours.add_argument("--json", action="store_true", help="a JSON object, for scripts")
    hours.set_defaults(func=_cmd_hours)

    member = subparsers.add_parser("member", help="erase a member at their request")
    doing = member.add_subparsers(dest="member_command", metavar="ACTION", required=True)
    erase = doing.add_parser(
        "erase", help="erase a member: their name out of every note (ids: alcoach list members)",
        description="Erase a member at their request: they become 'Former member N'; their "
        "feedback, private notes, tally notes and consents go, and their name is taken out of "
        "every note. It asks first on a terminal; --yes confirms from a script.",
    )  # fmt: skip
    erase.add_argument("member_id", type=int, metavar="MEMBER_ID")
    erase.add_argument("--yes", action="store_true", help="confirm without asking")
    erase.add_argument(
        "--remove-backups", action="store_true",
        help="also remove the backups made before, which still hold the name",
    )  # fmt: skip
    erase.set_defaults(func=_cmd_erase)

    keep = subparsers.add_parser(
        "retention", help="how long meetings are kept, and removing older ones",
        description="With no option: how long meetings are kept and how many are older. "
        "--years N keeps N years (0: always); --remove removes the older meetings, leaving no "
        "tombstone (another laptop keeps its own), after --archive FILE if given.",
    )  # fmt: skip
    keep.add_argument("--years", type=int, metavar="N", help="keep meetings N years (0: always)")
    keep.add_argument("--remove", action="store_true", help="remove the meetings before that")
    keep.add_argument("--archive", metavar="FILE", help="export an archive of everything first")
    keep.add_argument("--yes", action="store_true", help="confirm without asking")
    keep.set_defaults(func=_cmd_retention)


def add_csv_command(kinds: argparse._SubParsersAction) -> None:
    from alcoach.data.tables import TABLE_KINDS

    table = kinds.add_parser("csv", help="a table as CSV", description=CSV_HELP)
    table.add_argument("kind", choices=TABLE_KINDS, metavar="KIND",
                       help=f"one of: {', '.join(TABLE_KINDS)}")  # fmt: skip
    table.add_argument("--out", metavar="FILE.csv", required=True,
                       help="the file to write (a folder: 'alcoach KIND.csv' in it)")  # fmt: skip
    table.add_argument("--set", type=int, metavar="SET_ID", help="only this set's rows")
    table.add_argument("--delimiter", choices=("comma", "semicolon", "tab"), default="comma",
                       help="semicolon for spreadsheets set to a decimal comma")  # fmt: skip
    table.add_argument(
        "--anonymise", nargs="?", const="everyone", default="none",
        choices=("none", "without-consent", "everyone"),
        help='members become "Member A", "Member B", ...: everyone (--anonymise alone), or '
        "those without consent to be named in sponsor reports (without-consent)",
    )  # fmt: skip
    table.add_argument("--force", action="store_true", help="replace a file that is there")
    _range_options(table)
    table.set_defaults(func=_cmd_csv)
