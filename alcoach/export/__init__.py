"""PDF documents built from plain data. Nothing here imports Qt or queries the database.

Importing this package is cheap: reportlab is loaded only when a document is rendered.
"""

from alcoach.export.api import (
    member_file_paths,
    render_blank_sheet,
    render_feedback_sheet_files,
    render_feedback_sheets,
    render_meeting_summary,
    render_set_report,
    safe_file_name,
    write_feedback_sheet_files,
    write_pdf,
)
from alcoach.export.options import ExportOptions

__all__ = [
    "ExportOptions",
    "member_file_paths",
    "render_blank_sheet",
    "render_feedback_sheet_files",
    "render_feedback_sheets",
    "render_meeting_summary",
    "render_set_report",
    "safe_file_name",
    "write_feedback_sheet_files",
    "write_pdf",
]
