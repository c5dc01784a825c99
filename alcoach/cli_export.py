"""`alcoach export ...`: the PDF documents from the command line, with the export dialog's options.

Every document takes --out (a file, or a folder for the proposed name; left out: the proposed
name in the current folder), --page-size, --anonymise, --password-file or --ask-password (never
the password itself on the command line), --open (open it when done) and --force (an existing
file is never replaced without it). Dates are written as chosen in
Preferences.
reportlab is imported only inside the commands, so starting the app or other commands stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from alcoach.cli_store import date_argument as _date
from alcoach.errors import AlcoachError, ExportError

LAUNCHER_WAIT_S = 3.0
HOW_TO_REPLACE = "add --force to replace it, or give another --out"
DOCUMENT_NAMES = {
    "meeting": "meeting summary",
    "feedback": "feedback sheets",
    "set": "set progress report",
    "blank": "blank session sheet",
    "log": "coaching log",
}


def _options(args: argparse.Namespace):
    from alcoach.export.options import ExportOptions

    return ExportOptions(
        page_size=args.page_size,
        include_private_notes=getattr(args, "include_private", False),
        include_feedback=getattr(args, "include_feedback", False),
        anonymise=args.anonymise.replace("-", "_"),
        password=_password(args),
    )


def _password(args: argparse.Namespace) -> str | None:
    from alcoach.secret_input import refuse_on_command_line, secret_from_file, secret_typed

    if args.password is not None:
        raise refuse_on_command_line("--password", "--password-file", "--ask-password")
    if args.password_file:
        return secret_from_file(args.password_file, "password")
    if args.ask_password:
        return secret_typed("PDF password", confirm=True)
    return None


def _target(args: argparse.Namespace, proposed: str) -> Path:
    """--out as given; a folder (or no --out: the current folder) gets the proposed name."""
    path = Path(args.out).expanduser() if args.out else Path.cwd()
    if path.is_dir() and getattr(args, "per_member", False):
        return path  # each member's file in it
    if path.is_dir() or (args.out or "").endswith(("/", os.sep)):  # a folder, made or not
        return path / proposed
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def _meeting_name(meeting_id: int, what: str) -> str:
    from alcoach.data.meetings import get_meeting
    from alcoach.export.file_names import default_file_name

    meeting = get_meeting(meeting_id)
    return default_file_name(what, meeting.set_name, meeting.date, meeting.title)


Files = list[tuple[Path, bytes]]


def _run(args: argparse.Namespace, make: Callable[[], Callable[[], Files]]) -> int:
    """Open the store, build the report data, close the store, then render and write.

    An error alcoach did not foresee is logged with its traceback (alcoach.log beside the
    database) and reported in one sentence naming the document.
    """
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.store import open_store_for_reading
    from alcoach.export.api import write_pdfs
    from alcoach.logfile import explain_unexpected

    document = DOCUMENT_NAMES[args.document]
    try:
        from alcoach.cli_cipher import passphrase_ask

        store = open_store_for_reading(resolve_data_dir(args.data_dir), ask=passphrase_ask(args))
        try:
            render = make()
        finally:
            store.close()
        written = write_pdfs(render(), replace=args.force, how_to_replace=HOW_TO_REPLACE)
    except (AlcoachError, OSError, KeyboardInterrupt):
        raise
    except Exception as exc:
        sentence = explain_unexpected(
            f"the {document} could not be made",
            "try again with the other --page-size or without --anonymise, --include-private"
            " or --include-feedback",
            exc,
        )
        raise ExportError(sentence) from exc
    for path in written:
        print(f"Wrote {path}.")
    if args.open and written:
        target = written[0] if len(written) == 1 else written[0].parent
        if not open_with_system(target):
            from alcoach.export.file_names import no_viewer_sentence

            print(no_viewer_sentence(target))
    return 0


def open_with_system(path: Path) -> bool:
    """Open `path` with the program the system has for it; False when there is none."""
    if sys.platform == "win32":
        try:
            os.startfile(path)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    launcher = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if launcher is None:
        return False
    try:
        opening = subprocess.Popen(
            [launcher, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # xdg-open with nothing to hand the file to fails at once; a viewer it starts may keep
        # it waiting as long as the viewer is open, so it is not waited for longer than this
        return opening.wait(timeout=LAUNCHER_WAIT_S) == 0
    except subprocess.TimeoutExpired:
        return True
    except OSError:
        return False


def _cmd_meeting(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_meeting_report
    from alcoach.export import render_meeting_summary

    def make():
        out = _target(args, _meeting_name(args.meeting_id, "meeting summary"))
        report, options = build_meeting_report(args.meeting_id), _options(args)
        return lambda: [(out, render_meeting_summary(report, options))]

    return _run(args, make)


def _cmd_feedback(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_feedback_sheets
    from alcoach.export import feedback_sheet_files, render_feedback_sheets

    def make():
        out = _target(args, _meeting_name(args.meeting_id, "feedback sheets"))
        if args.per_member and args.out is None:
            out = out / _meeting_name(args.meeting_id, "feedback")
        from alcoach.export.api import hand_out, left_out_sentence

        sheets, options = build_feedback_sheets(args.meeting_id), _options(args)
        if not sheets:
            raise ExportError("No member attended this meeting, so there are no feedback sheets.")
        sheets, left_out = hand_out(sheets)
        if not sheets:
            raise ExportError(
                "No member of this meeting has agreed to receive a feedback sheet (the member's "
                "dialog keeps consent, under Consent), so none was written."
            )
        if left_out:
            print(left_out_sentence(left_out))
        if args.per_member:
            return lambda: feedback_sheet_files(sheets, out, options)
        return lambda: [(out, render_feedback_sheets(sheets, options))]

    return _run(args, make)


def _cmd_set(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_set_report
    from alcoach.data.sets import get_set
    from alcoach.export import render_set_report
    from alcoach.export.file_names import default_file_name

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ExportError("The --from date is after the --to date.")

    def make():
        name = get_set(args.set_id).name
        out = _target(args, default_file_name("set progress report", name, dt.date.today()))
        report = build_set_report(args.set_id, args.date_from, args.date_to)
        options = _options(args)
        return lambda: [(out, render_set_report(report, options))]

    return _run(args, make)


def _cmd_log(args: argparse.Namespace) -> int:
    from alcoach.data.coaching_log import build_coaching_log
    from alcoach.data.hours import HoursFilter
    from alcoach.export.api import render_coaching_log

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ExportError("The --from date is after the --to date.")

    def make():
        out = _target(args, f"Coaching log {dt.date.today().isoformat()}.pdf")
        log = build_coaching_log(HoursFilter(args.date_from, args.date_to, args.programme))
        if args.programme is not None and not log.programme_name:
            raise ExportError(f"There is no programme with id {args.programme}.")
        options = _options(args)
        return lambda: [(out, render_coaching_log(log, options))]

    return _run(args, make)


def _cmd_blank(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_blank_sheet
    from alcoach.export import render_blank_sheet

    def make():
        out = _target(args, _meeting_name(args.meeting_id, "blank session sheet"))
        sheet, options = build_blank_sheet(args.meeting_id), _options(args)
        return lambda: [(out, render_blank_sheet(sheet, options))]

    return _run(args, make)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        metavar="FILE.pdf",
        help="the PDF to write, or a folder for the proposed name (default: the current folder)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace a file of the same name that is there"
    )
    parser.add_argument(
        "--page-size", choices=("A4", "Letter"), default="A4", help="paper size (default A4)"
    )
    parser.add_argument(
        "--anonymise", nargs="?", const="everyone", default="none",
        choices=("none", "without-consent", "everyone"),
        help='members become "Member A", "Member B", ...: everyone (--anonymise alone), or those '
        "without consent to be named in sponsor reports (without-consent); default none",
    )  # fmt: skip
    parser.add_argument("--password", metavar="PW", help=argparse.SUPPRESS)  # refused: see above
    parser.add_argument(
        "--password-file", metavar="FILE", help="protect the PDF (AES-256) with FILE's first line"
    )
    parser.add_argument(
        "--ask-password", action="store_true", help="protect the PDF with a password typed here"
    )
    parser.add_argument(
        "--open", action="store_true", help="open the PDF (or the folder) with the system's viewer"
    )


def add_export_commands(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export", help="write a PDF (meeting, feedback, set, blank) or a table (csv)"
    )
    kinds = export.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    meeting = kinds.add_parser("meeting", help="the meeting summary")
    meeting.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    _common(meeting)
    meeting.add_argument(
        "--include-private", action="store_true", help="include the coach's private notes"
    )
    meeting.add_argument("--include-feedback", action="store_true", help="include member feedback")
    meeting.set_defaults(func=_cmd_meeting)

    feedback = kinds.add_parser("feedback", help="member feedback sheets")
    feedback.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    _common(feedback)
    feedback.add_argument(
        "--include-private",
        action="store_true",
        help="include the coach's private notes on each member",
    )
    feedback.add_argument(
        "--per-member",
        action="store_true",
        help="one file per member: --out is a folder, or a name ({member} is replaced)",
    )
    feedback.set_defaults(func=_cmd_feedback)

    learning_set = kinds.add_parser("set", help="the set progress report")
    learning_set.add_argument("set_id", type=int, metavar="SET_ID")
    _common(learning_set)
    learning_set.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    learning_set.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    learning_set.set_defaults(func=_cmd_set)

    blank = kinds.add_parser("blank", help="a blank session sheet for paper notes")
    blank.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    _common(blank)
    blank.set_defaults(func=_cmd_blank)

    log = kinds.add_parser(
        "log", help="the coaching log: your hours for a credential application",
        description="The coaching log PDF. Members are named only where they agreed to be named "
        "in the coaching log (the others counted) unless --anonymise says otherwise.",
    )  # fmt: skip
    _common(log)
    log.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    log.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    log.add_argument("--programme", type=int, metavar="ID", help="only this programme's hours")
    log.set_defaults(func=_cmd_log, anonymise="without-consent")

    from alcoach.cli_practice import add_csv_command

    add_csv_command(kinds)
