"""The public export functions: plain report data in, PDF bytes out; and an atomic file write."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from alcoach.data.reports import BlankSheet, FeedbackSheet, MeetingReport, SetProgressReport
from alcoach.errors import ExportError
from alcoach.export.anonymise import Anonymiser
from alcoach.export.options import ExportOptions


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# read once at import (os.umask can only be read by setting it, which is not thread-safe later)
_FILE_MODE = 0o666 & ~_umask()


def write_pdf(data: bytes, path: Path) -> Path:
    """Write atomically: a temporary file in the same folder, fsync, then rename over `path`.

    On any failure the temporary file is removed and ExportError says what went wrong; a partial
    PDF never appears under the requested name.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist.")
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        # mkstemp makes the file private (0600); a PDF gets the mode any new file would get
        os.chmod(temp_name, _FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        temp_name = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"The PDF could not be written to {path}: {reason}.") from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return path
