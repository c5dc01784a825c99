"""The blank session sheet: agenda with times and a roster with tally boxes, for paper notes."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

from alcoach.data.reports import BlankSheet
from alcoach.export.flow import empty_section, heading, para
from alcoach.export.fonts import REGULAR
from alcoach.export.options import ExportOptions
from alcoach.export.page import build_pdf, frame_width
from alcoach.export.sections import document_info, title_block
from alcoach.export.styles import RULE, SHADE
from alcoach.formatting import format_duration


def _grid(data: list[list], widths: list[float], room: float, fixed: bool = False) -> Table:
    """A ruled grid with room to write: `room` points below each row's printed text.

    Rows with printed text grow with it (a fixed height would let a long phase name overflow);
    empty rows get a fixed height.
    """
    heights = [None] + [room] * (len(data) - 1) if fixed else None
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 1), (-1, -1), REGULAR, 8.5, 10.5),
    ]
    if not fixed:
        commands.append(("BOTTOMPADDING", (0, 1), (-1, -1), room))
    return Table(
        data,
        colWidths=widths,
        rowHeights=heights,
        repeatRows=1,
        style=TableStyle(commands),
        hAlign="LEFT",
        splitInRow=1,  # a row taller than a page (a very long skill) flows on
    )


def _offset(minutes_after: float) -> str:
    """When a phase starts, after the meeting's start: "+0:45"."""
    return "+" + format_duration(minutes_after * 60)


def _agenda(sheet: BlankSheet, width: float) -> list[Flowable]:
    if not sheet.phases:
        return empty_section("Agenda")
    story: list[Flowable] = [heading("Agenda")]
    header = [para(h, "head") for h in ("Phase", "Length", "From", "Started at", "Notes")]
    rows = [
        [
            para(p.name, "cell"),
            para(format_duration(p.planned_minutes * 60), "cell"),
            para(_offset(p.starts_after_minutes), "cell"),
            "",
            "",
        ]
        for p in sheet.phases
    ]
    widths = [0.34 * width, 0.11 * width, 0.09 * width, 0.13 * width, 0.33 * width]
    return [*story, _grid([header, *rows], widths, 8)]


def _roster(sheet: BlankSheet, width: float) -> list[Flowable]:
    if not sheet.members:
        return empty_section("Participation tally")
    story: list[Flowable] = [heading("Participation tally")]
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
    return [*story, _grid([header, *rows], widths, 16)]


def _log(width: float) -> list[Flowable]:
    header = [para(h, "head") for h in ("Time", "Intervention", "Response", "Ratings 1–10")]
    rows = [["", "", "", ""] for _ in range(18)]
    widths = [0.1 * width, 0.45 * width, 0.27 * width, 0.18 * width]
    return [heading("Interventions"), _grid([header, *rows], widths, 24, fixed=True)]


def _actions(width: float) -> list[Flowable]:
    header = [para(h, "head") for h in ("Owner", "Action", "Due")]
    rows = [["", "", ""] for _ in range(4)]
    widths = [0.2 * width, 0.64 * width, 0.16 * width]
    return [heading("Actions committed"), _grid([header, *rows], widths, 30, fixed=True)]


def render(sheet: BlankSheet, options: ExportOptions) -> bytes:
    width = frame_width(options)
    presenters = ", ".join(m.name for m in sheet.members if m.presenter)
    story = title_block("Session sheet", sheet.header, width, [("Presenter", presenters)])
    story += _agenda(sheet, width)
    story += _roster(sheet, width)
    story += _log(width)
    story += _actions(width)
    return build_pdf(
        story, document_info("Session sheet", sheet.header, "Blank session sheet"), options
    )
