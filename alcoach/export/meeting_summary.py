"""The meeting summary: what the set (and a sponsor) may see after a meeting."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from alcoach.data.reports import MeetingReport, MemberFeedback, ProblemRound
from alcoach.export.charts import agenda_chart, participation_chart
from alcoach.export.flow import empty_section, heading, label, para, stacked, table
from alcoach.export.long_text import Overflow, paras
from alcoach.export.options import ExportOptions
from alcoach.export.page import build_pdf, frame_width
from alcoach.export.sections import (
    actions_committed_table,
    actions_reported_table,
    document_info,
    learnings_section,
    participation_table,
    skill_notes,
    title_block,
)
from alcoach.formatting import (
    format_difference,
    format_duration,
    format_offset,
    format_time_of_day,
)
from alcoach.vocabulary import VOTE_LABELS, category_label, statement_label, vote_label


def _duration(minutes: float | None) -> str:
    return format_duration(None if minutes is None else minutes * 60)


def _people(report: MeetingReport) -> list[tuple[str, str]]:
    attendees = ", ".join(a.name for a in report.attendees) or "None recorded"
    presenters = ", ".join(report.presenters) or "None recorded"
    timing = ""
    if report.actual_minutes is not None:
        start = format_time_of_day(report.started_at)
        timing = (
            f"{_duration(report.actual_minutes)} of {_duration(report.planned_minutes)} planned"
            + (f", started {start}" if start else "")
        )
    return [("Presenter", presenters), ("Attendees", attendees), ("Time", timing)]


def _problem_statement(report: MeetingReport, width: float) -> list[Flowable]:
    statements = [s for r in report.problem_rounds for s in r.statements]
    if not statements and not any(r.votes for r in report.problem_rounds):
        return empty_section("The problem")
    story: list[Flowable] = [heading("The problem")]
    first = next((s for s in statements if s.kind == "presenter"), None)
    agreed = [s for s in statements if s.kind == "agreed"]
    story.append(label("As first stated"))
    story += paras(first.text if first else "None recorded", "note")
    story.append(label("As agreed"))
    story += paras(agreed[-1].text if agreed else "Not agreed yet", "note")
    for problem_round in report.problem_rounds:
        story.extend(_round(problem_round, width))
    return story


def _round(problem_round: ProblemRound, width: float) -> list[Flowable]:
    block: list[Flowable] = [heading(f"Round {problem_round.round}", 2)]
    if problem_round.statements:
        overflow = Overflow(f"Round {problem_round.round}: statements in full")
        rows = [
            [
                statement_label(s.kind),
                s.author or "–",
                overflow.cell(s.text, f"{statement_label(s.kind)} ({number})"),
            ]
            for number, s in enumerate(problem_round.statements, 1)
        ]
        block.append(
            table(["Statement", "By", "Text"], rows, [0.2 * width, 0.18 * width, 0.62 * width])
        )
        block += overflow.flowables()
    if problem_round.votes:
        counts = " · ".join(
            f"{label} {problem_round.vote_count(vote)}" for vote, label in VOTE_LABELS.items()
        )
        detail = ", ".join(f"{v.member}: {vote_label(v.vote)}" for v in problem_round.votes)
        block.append(Spacer(1, 3))
        block.append(label(f"Do we agree on the problem? {counts}"))
        block.append(para(detail, "muted"))
    else:
        block.append(para("No poll in this round.", "muted"))
    return block


def _agenda(report: MeetingReport, width: float) -> list[Flowable]:
    if not report.phases:
        return empty_section("Agenda: planned and actual")
    story: list[Flowable] = [heading("Agenda: planned and actual")]
    rows = []
    for p in report.phases:
        over = None if p.actual_minutes is None else (p.actual_minutes - p.planned_minutes) * 60
        diff = "" if over is None else format_difference(over)
        rows.append([p.name, _duration(p.planned_minutes), _duration(p.actual_minutes), diff])
    story.append(agenda_chart(report.phases, width))
    story.append(
        table(
            ["Phase", "Planned", "Actual", "Difference"],
            rows,
            [0.55 * width, 0.15 * width, 0.15 * width, 0.15 * width],
            right_columns=(1, 2, 3),
            plain_columns=(1, 2, 3),
        )
    )
    return story


def _interventions(report: MeetingReport, width: float) -> list[Flowable]:
    if not report.interventions:
        return empty_section("Interventions")
    story: list[Flowable] = [heading("Interventions")]
    overflow = Overflow("Interventions in full")
    rows = []
    for item in report.interventions:
        when = format_offset(item.offset_seconds)
        text = overflow.cell(item.text, f"Intervention at {when}")  # numbered before its response
        notes = []
        if item.addressed:
            notes.append("To: " + ", ".join(item.addressed))
        if item.response:
            notes.append("Response: " + overflow.cell(item.response, f"Response at {when}"))
        if item.added_afterwards:
            notes.append("Added after the meeting")
        spread: str | Flowable = ""
        if item.spread is not None:
            low, high = item.spread
            scores = ", ".join(f"{s.member} {s.score}" for s in item.scores)
            spread = stacked(f"{low}–{high}", [scores])
        at = format_time_of_day(item.at)
        rows.append(
            [
                f"{when}\n{at}",
                item.phase or "–",
                category_label(item.category),
                stacked(text, notes),
                spread,
            ]
        )
    story.append(
        table(
            ["Time", "Phase", "Category", "Intervention and response", "Ratings"],
            rows,
            [0.08 * width, 0.19 * width, 0.11 * width, 0.44 * width, 0.18 * width],
            plain_columns=(0,),
        )
    )
    return story + overflow.flowables()


def _participation(report: MeetingReport, width: float) -> list[Flowable]:
    if not report.participation:
        return empty_section("Participation")
    story: list[Flowable] = [heading("Participation")]
    story.append(participation_chart(report.participation, width))
    story.append(Spacer(1, 4))
    story.extend(participation_table(report.participation, width))
    notes = skill_notes(report.participation)
    if not notes:
        return story + empty_section("Leadership skill seen", 2)
    story.append(heading("Leadership skill seen", 2))
    story.extend(notes)
    return story


def _actions(report: MeetingReport, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if report.actions_reported:
        story.append(heading("Actions reported back"))
        story += actions_reported_table(report.actions_reported, width, report.header.date_style)
    else:
        story += empty_section("Actions reported back")
    if report.actions_committed:
        story.append(heading("Actions committed at this meeting"))
        story += actions_committed_table(report.actions_committed, width, report.header.date_style)
    else:
        story += empty_section("Actions committed at this meeting")
    return story


def feedback_blocks(rows: tuple[MemberFeedback, ...], private: bool) -> list[Flowable]:
    story: list[Flowable] = []
    for fb in rows:
        fields = [
            ("Skill practised", fb.skill),
            ("Strengths seen", fb.strengths),
            ("Suggestions", fb.suggestions),
            ("Own assessment", fb.self_assessment),
        ]
        if private:
            fields.append(("Coach's notes (private)", fb.coach_notes))
        block: list[Flowable] = []
        for name, value in fields:
            block.append(label(name))
            block += paras(value, "note") if value else [para("None recorded", "muted")]
        story.append(heading(fb.member, 2, keep=block[:2]))
        story.extend(block)
    return story


def meeting_summary_story(report: MeetingReport, options: ExportOptions) -> list[Flowable]:
    width = frame_width(options)
    story: list[Flowable] = title_block("Meeting summary", report.header, width, _people(report))
    story += _problem_statement(report, width)
    story += _agenda(report, width)
    story += _interventions(report, width)
    story += _participation(report, width)
    story += _actions(report, width)
    story += learnings_section(report.learnings, width, report.header.date_style)
    if options.include_private_notes:
        if report.coach_notes:
            story.append(heading("Coach's notes (private)"))
            story += paras(report.coach_notes, "note")
        else:
            story += empty_section("Coach's notes (private)")
    if options.include_feedback:
        shown = [f for f in report.feedback if not f.is_empty]
        if shown:
            story.append(heading("Member feedback"))
            story += feedback_blocks(tuple(shown), options.include_private_notes)
        else:
            story += empty_section("Member feedback")
    return story


def confidentiality(options: ExportOptions) -> str:
    """The line on every page of a summary that holds what stays with the coach or a member."""
    held = []
    if options.include_private_notes:
        held.append("the coach's private notes")
    if options.include_feedback:
        held.append("members' feedback")
    return f"Confidential: contains {' and '.join(held)}" if held else ""


def render(report: MeetingReport, options: ExportOptions) -> bytes:
    info = document_info(
        "Meeting summary",
        report.header,
        "Action Learning meeting summary",
        confidential=confidentiality(options),
    )
    return build_pdf(meeting_summary_story(report, options), info, options)
