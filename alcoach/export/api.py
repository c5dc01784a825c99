"""The public export functions: plain report data in, PDF bytes out; and an atomic file write."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from alcoach.data.reports import BlankSheet, FeedbackSheet, MeetingReport, SetProgressReport
from alcoach.export.anonymise import Anonymiser
from alcoach.export.options import ExportOptions
from alcoach.fileio import write_atomically


def _prepared(report, roster: tuple[str, ...], options: ExportOptions):
    return Anonymiser(roster).apply(report) if options.anonymise else report


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
        prepared = _prepared(sheet, roster, options)
        out.append((prepared.member, feedback_sheets.render([prepared], options)))
    return out


def member_file_paths(target: Path, names: Sequence[str]) -> list[Path]:
    """Where each member's file goes: a folder gets '<member>.pdf'; 'sheet-{member}.pdf' is a
    pattern; any other file name 'name.pdf' becomes 'name-<member>.pdf'. Names made unique."""
    target = Path(target)
    seen: dict[str, int] = {}
    unique = []
    for name in (safe_file_name(n) for n in names):
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    if target.is_dir():
        return [target / f"{name}.pdf" for name in unique]
    if "{member}" in target.name:
        return [target.with_name(target.name.replace("{member}", name)) for name in unique]
    suffix = target.suffix or ".pdf"
    return [target.with_name(f"{target.stem}-{name}{suffix}") for name in unique]


def write_feedback_sheet_files(
    sheets: Sequence[FeedbackSheet], target: Path, options: ExportOptions | None = None
) -> list[Path]:
    """One PDF per member (see member_file_paths), each written atomically."""
    files = render_feedback_sheet_files(sheets, options)
    paths = member_file_paths(target, [name for name, _ in files])
    return [write_pdf(data, path) for (_, data), path in zip(files, paths, strict=True)]


def render_set_report(report: SetProgressReport, options: ExportOptions | None = None) -> bytes:
    from alcoach.export import set_report

    options = options or ExportOptions()
    return set_report.render(_prepared(report, report.roster, options), options)


def render_blank_sheet(sheet: BlankSheet, options: ExportOptions | None = None) -> bytes:
    from alcoach.export import blank_sheet

    options = options or ExportOptions()
    return blank_sheet.render(_prepared(sheet, sheet.roster, options), options)


def safe_file_name(text: str) -> str:
    """A file-name part from a member's name (letters of any script kept)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip().strip(".")
    return re.sub(r"\s+", " ", cleaned)[:80] or "member"


def write_pdf(data: bytes, path: Path) -> Path:
    """Write atomically (see alcoach.fileio): a partial PDF never appears under `path`."""
    return write_atomically(path, data, what="PDF")
