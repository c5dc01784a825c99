"""The public export functions: plain report data in, PDF bytes out; and an atomic file write."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from alcoach.data.practice_records import CoachingLog
from alcoach.data.reports import BlankSheet, FeedbackSheet, MeetingReport, SetProgressReport
from alcoach.export.anonymise import Anonymiser
from alcoach.export.file_names import member_file_paths, refuse_existing
from alcoach.export.names import isolate_names
from alcoach.export.options import ExportOptions
from alcoach.fileio import write_atomically


def anonymiser_for(
    roster: tuple[str, ...], named: tuple[str, ...], options: ExportOptions
) -> Anonymiser | None:
    """The anonymiser the options ask for: None (names as they are), one for the members who have
    not agreed to be named (`named` lists those who have), or one for everyone."""
    mode = options.anonymise_mode
    if mode == "none":
        return None
    return Anonymiser(roster, keep=named if mode == "without_consent" else ())


def _anonymised(report, roster: tuple[str, ...], options: ExportOptions):
    anonymiser = anonymiser_for(roster, getattr(report, "named", ()), options)
    return report if anonymiser is None else anonymiser.apply(report)


def hand_out(sheets: Sequence[FeedbackSheet]) -> tuple[list[FeedbackSheet], list[str]]:
    """The sheets of members who agreed to receive one, and the names of those who did not (they
    get no sheet: a line says so)."""
    given = [s for s in sheets if s.may_receive]
    return given, [s.member for s in sheets if not s.may_receive]


def left_out_sentence(names: Sequence[str]) -> str:
    """The line said for members who get no sheet ("" when everyone gets one)."""
    if not names:
        return ""
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"No feedback sheet for {who}: no consent to receive one is recorded (the member's "
        "dialog keeps it, under Consent)."
    )


def _prepared(report, roster: tuple[str, ...], options: ExportOptions):
    """The report as it goes on paper: anonymised if asked, names kept in place (see names)."""
    return isolate_names(_anonymised(report, roster, options))


def render_meeting_summary(report: MeetingReport, options: ExportOptions | None = None) -> bytes:
    from alcoach.export import meeting_summary

    options = options or ExportOptions()
    return meeting_summary.render(_prepared(report, report.roster, options), options)


def render_feedback_sheets(
    sheets: Sequence[FeedbackSheet], options: ExportOptions | None = None
) -> bytes:
    """All members' sheets in one file, each starting on a new page."""
    from alcoach.export import feedback_sheets

    options = options or ExportOptions()
    roster = sheets[0].roster if sheets else ()
    prepared = [_prepared(s, roster, options) for s in sheets]
    return feedback_sheets.render(prepared, options)


def render_feedback_sheet_files(
    sheets: Sequence[FeedbackSheet], options: ExportOptions | None = None
) -> list[tuple[str, bytes]]:
    """One PDF per member: (member name as shown in the file, bytes), in roster order."""
    from alcoach.export import feedback_sheets

    options = options or ExportOptions()
    roster = sheets[0].roster if sheets else ()
    out = []
    for sheet in sheets:
        shown = _anonymised(sheet, roster, options).member  # a file name: no marks in it
        out.append((shown, feedback_sheets.render([_prepared(sheet, roster, options)], options)))
    return out


def member_file_names(
    sheets: Sequence[FeedbackSheet], options: ExportOptions | None = None
) -> list[str]:
    """The member names the per-member files carry (anonymised when the options say so)."""
    options = options or ExportOptions()
    roster = sheets[0].roster if sheets else ()
    anonymiser = anonymiser_for(roster, sheets[0].named if sheets else (), options)
    if anonymiser is None:
        return [s.member for s in sheets]
    return [anonymiser.text(s.member) for s in sheets]


def feedback_sheet_files(
    sheets: Sequence[FeedbackSheet], target: Path, options: ExportOptions | None = None
) -> list[tuple[Path, bytes]]:
    """One PDF per member and where it goes (see member_file_paths)."""
    files = render_feedback_sheet_files(sheets, options)
    paths = member_file_paths(target, [name for name, _ in files])
    return [(path, data) for path, (_, data) in zip(paths, files, strict=True)]


def render_set_report(report: SetProgressReport, options: ExportOptions | None = None) -> bytes:
    from alcoach.export import set_report

    options = options or ExportOptions()
    return set_report.render(_prepared(report, report.roster, options), options)


def render_blank_sheet(sheet: BlankSheet, options: ExportOptions | None = None) -> bytes:
    from alcoach.export import blank_sheet

    options = options or ExportOptions()
    return blank_sheet.render(_prepared(sheet, sheet.roster, options), options)


def render_coaching_log(log: CoachingLog, options: ExportOptions | None = None) -> bytes:
    """The coaching log; its default names only members who agreed (see coaching_log)."""
    from alcoach.export import coaching_log

    options = options or ExportOptions(anonymise="without_consent")
    return coaching_log.render(log, options)  # it keeps names in place itself


def write_pdf(data: bytes, path: Path) -> Path:
    """Write atomically (see alcoach.fileio): a partial PDF never appears under `path`."""
    return write_atomically(path, data, what="PDF")


def write_pdfs(
    files: Sequence[tuple[Path, bytes]], *, replace: bool, how_to_replace: str
) -> list[Path]:
    """Write every file or none: nothing is written when one is already there (unless `replace`),
    and on a failure the files this call already wrote are removed again."""
    if not replace:
        refuse_existing([path for path, _ in files], how_to_replace)
    written: list[Path] = []
    try:
        for path, data in files:
            written.append(write_pdf(data, path))
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return written
