"""PDF documents built from plain data. Nothing here imports Qt or queries the database.

Importing this package is cheap: reportlab is loaded only when a document is rendered.
"""

from alcoach.export.api import (
    feedback_sheet_files,
    member_file_names,
    member_file_paths,
    render_blank_sheet,
    render_feedback_sheet_files,
    render_feedback_sheets,
    render_meeting_summary,
    render_set_report,
    write_pdf,
    write_pdfs,
)
from alcoach.export.file_names import safe_file_name
from alcoach.export.options import ExportOptions

__all__ = [
    "ExportOptions",
    "feedback_sheet_files",
    "member_file_names",
    "member_file_paths",
    "render_blank_sheet",
    "render_feedback_sheet_files",
    "render_feedback_sheets",
    "render_meeting_summary",
    "render_set_report",
    "safe_file_name",
    "write_pdf",
    "write_pdfs",
]
