"""The blank session sheet: agenda with times and a roster with tally boxes, for paper notes."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

from alcoach.data.reports import BlankSheet
from alcoach.export.flow import heading, none_recorded, para
from alcoach.export.options import ExportOptions
from alcoach.export.page import build_pdf, frame_width
from alcoach.export.sections import document_info, title_block
from alcoach.export.styles import RULE, SHADE
from alcoach.export.text import minutes


def _grid(data: list[list], widths: list[float], row_height: float | None) -> Table:
    heights = [None] + [row_height] * (len(data) - 1) if row_height else None
    return Table(
        data,
        colWidths=widths,
        rowHeights=heights,
        repeatRows=1,
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    )


def _offset(minutes_after: float) -> str:
    hours, mins = divmod(round(minutes_after), 60)
    return f"+{hours}:{mins:02d}"


def _agenda(sheet: BlankSheet, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("Agenda")]
    if not sheet.phases:
        return [*story, none_recorded()]
    header = [para(h, "head") for h in ("Phase", "Minutes", "From", "Started at", "Notes")]
    rows = [
        [
            para(p.name, "cell"),
            para(minutes(p.planned_minutes), "cell"),
            para(_offset(p.starts_after_minutes), "cell"),
            "",
            "",
        ]
        for p in sheet.phases
    ]
    widths = [0.34 * width, 0.11 * width, 0.09 * width, 0.13 * width, 0.33 * width]
    return [*story, _grid([header, *rows], widths, 22)]


def _roster(sheet: BlankSheet, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("Participation tally")]
    if not sheet.members:
        return [*story, none_recorded()]
    header = [
        para(h, "head") for h in ("Member", "Questions", "Insightful", "Statements", "Skill seen")
    ]
    rows = []
    for member in sheet.members:
        who = [para(member.name + (" (presenter)" if member.presenter else ""), "cell_bold")]
        if member.leadership_skill:
            who.append(para(member.leadership_skill, "muted"))
        rows.append([who, "", "", "", ""])
    widths = [0.28 * width] + [0.18 * width] * 4
    return [*story, _grid([header, *rows], widths, 40)]


def _log(width: float) -> list[Flowable]:
    header = [para(h, "head") for h in ("Time", "Intervention", "Response", "Ratings 1–10")]
    rows = [["", "", "", ""] for _ in range(8)]
    widths = [0.1 * width, 0.45 * width, 0.27 * width, 0.18 * width]
    return [heading("Interventions"), _grid([header, *rows], widths, 26)]


def render(sheet: BlankSheet, options: ExportOptions) -> bytes:
    width = frame_width(options)
    presenters = ", ".join(m.name for m in sheet.members if m.presenter)
    story = title_block("Session sheet", sheet.header, width, [("Presenter", presenters)])
    story += _agenda(sheet, width)
    story += _roster(sheet, width)
    story += _log(width)
    return build_pdf(
        story, document_info("Session sheet", sheet.header, "Blank session sheet"), options
    )
