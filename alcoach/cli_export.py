"""`alcoach export ...`: the PDF documents from the command line.

reportlab is imported only inside the commands, so starting the app or other commands stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from alcoach.errors import ExportError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-02") from exc


def _options(args: argparse.Namespace):
    from alcoach.export.options import ExportOptions

    return ExportOptions(
        page_size=args.page_size,
        include_private_notes=getattr(args, "include_private", False),
        include_feedback=getattr(args, "include_feedback", False),
        anonymise=getattr(args, "anonymise", False),
        password=getattr(args, "password", None),
    )


def _pdf_path(text: str) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give the name of the PDF file to write.")
    return path


def _run(args: argparse.Namespace, make) -> int:
    """Open the store, build the report data, close the store, then render and write."""
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.store import open_store

    store = open_store(resolve_data_dir(args.data_dir))
    try:
        render = make()
    finally:
        store.close()
    for path in render():
        print(f"Wrote {path}.")
    return 0


def _cmd_meeting(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_meeting_report
    from alcoach.export import render_meeting_summary, write_pdf

    out = _pdf_path(args.out)

    def make():
        report = build_meeting_report(args.meeting_id)
        return lambda: [write_pdf(render_meeting_summary(report, _options(args)), out)]

    return _run(args, make)


def _cmd_feedback(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_feedback_sheets
    from alcoach.export import render_feedback_sheets, write_feedback_sheet_files, write_pdf

    out = Path(args.out).expanduser() if args.per_member else _pdf_path(args.out)

    def make():
        sheets = build_feedback_sheets(args.meeting_id)
        if args.per_member:
            return lambda: write_feedback_sheet_files(sheets, out, _options(args))
        return lambda: [write_pdf(render_feedback_sheets(sheets, _options(args)), out)]

    return _run(args, make)


def _cmd_set(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_set_report
    from alcoach.export import render_set_report, write_pdf

    out = _pdf_path(args.out)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ExportError("The --from date is after the --to date.")

    def make():
        report = build_set_report(args.set_id, args.date_from, args.date_to)
        return lambda: [write_pdf(render_set_report(report, _options(args)), out)]

    return _run(args, make)


def _cmd_blank(args: argparse.Namespace) -> int:
    from alcoach.data.report_builder import build_blank_sheet
    from alcoach.export import render_blank_sheet, write_pdf

    out = _pdf_path(args.out)

    def make():
        sheet = build_blank_sheet(args.meeting_id)
        return lambda: [write_pdf(render_blank_sheet(sheet, _options(args)), out)]

    return _run(args, make)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument(
        "--page-size", choices=("A4", "Letter"), default="A4", help="paper size (default A4)"
    )


def add_export_commands(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="write a PDF: meeting, feedback, set or blank")
    kinds = export.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    meeting = kinds.add_parser("meeting", help="the meeting summary")
    meeting.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    _common(meeting)
    meeting.add_argument(
        "--include-private", action="store_true", help="include the coach's private notes"
    )
    meeting.add_argument("--include-feedback", action="store_true", help="include member feedback")
    meeting.add_argument(
        "--anonymise", action="store_true", help='members become "Member A", "Member B", ...'
    )
    meeting.add_argument("--password", metavar="PW", help="protect the PDF (AES-256)")
    meeting.set_defaults(func=_cmd_meeting)

    feedback = kinds.add_parser("feedback", help="member feedback sheets")
    feedback.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    _common(feedback)
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
