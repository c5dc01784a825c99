"""Member feedback sheets: one page (or more) per member, to hand to that member privately."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak

from alcoach.data.reports import FeedbackSheet, ReportHeader
from alcoach.export.flow import empty_section, heading, label, none_recorded, para
from alcoach.export.long_text import paras
from alcoach.export.options import ExportOptions
from alcoach.export.page import PageGroup, build_pdf, frame_width
from alcoach.export.sections import (
    actions_committed_table,
    actions_reported_table,
    document_info,
    participation_table,
    title_block,
)


def _sheet(sheet: FeedbackSheet, options: ExportOptions, width: float) -> list[Flowable]:
    extra = [
        ("Member", sheet.member + (" (presenter)" if sheet.presenter else "")),
        ("Role", sheet.role),
        ("Chosen skill", sheet.leadership_skill),
    ]
    story = title_block(f"Feedback for {sheet.member}", sheet.header, width, extra)
    story.append(heading("Feedback"))
    fb = sheet.feedback
    fields = [
        ("Leadership skill practised", fb.skill if fb else ""),
        ("Strengths seen", fb.strengths if fb else ""),
        ("Suggestions", fb.suggestions if fb else ""),
        ("Your own assessment", fb.self_assessment if fb else ""),
    ]
    if options.include_private_notes:
        fields.append(("Coach's notes (private)", fb.coach_notes if fb else ""))
    for name, value in fields:
        story.append(label(name))
        story += paras(value, "note") if value else [none_recorded()]
    if sheet.participation is not None:
        story.append(heading("Your participation"))
        story.extend(participation_table([sheet.participation], width))
        notes = [p for n in sheet.participation.skill_notes for p in paras(n, "note")]
        if notes:
            story.append(heading("Leadership skill seen", 2))
            story.extend(notes)
        else:
            story += empty_section("Leadership skill seen", 2)
    else:
        story += empty_section("Your participation")
    if sheet.actions:
        story.append(heading("Your actions from this meeting"))
        story += actions_committed_table(sheet.actions, width, sheet.header.date_style)
    else:
        story += empty_section("Your actions from this meeting")
    if sheet.actions_reported:
        story.append(heading("Your actions reported back"))
        dates = sheet.header.date_style
        story += actions_reported_table(sheet.actions_reported, width, dates)
    else:
        story += empty_section("Your actions reported back")
    return story


def render(sheets: Sequence[FeedbackSheet], options: ExportOptions) -> bytes:
    """One file, each member's sheet starting on a new page."""
    width = frame_width(options)
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        # each member's pages are numbered on their own and say whom they are for
        story.append(PageGroup(f"Feedback for {sheet.member}", f"Confidential: for {sheet.member}"))
        story.extend(_sheet(sheet, options, width))
    header = sheets[0].header if sheets else ReportHeader(set_name="")
    if not sheets:
        story = [para("Member feedback", "title"), none_recorded("Members")]
    kind = "Feedback" if len(sheets) != 1 else f"Feedback for {sheets[0].member}"
    return build_pdf(story, document_info(kind, header, "Member feedback (private)"), options)
