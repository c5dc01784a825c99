"""The meeting summary: what the set (and a sponsor) may see after a meeting."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from alcoach.data.categories import category_label
from alcoach.data.reports import MeetingReport, MemberFeedback, ProblemRound
from alcoach.export.charts import agenda_chart, participation_chart
from alcoach.export.flow import heading, none_recorded, para, stacked, table
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
from alcoach.export.text import KIND_LABELS, VOTE_LABELS, clock, minutes


def _people(report: MeetingReport) -> list[tuple[str, str]]:
    attendees = ", ".join(a.name for a in report.attendees) or "None recorded"
    presenters = ", ".join(report.presenters) or "None recorded"
    timing = ""
    if report.actual_minutes is not None:
        start = report.started_at.strftime("%H:%M") if report.started_at else ""
        timing = (
            f"{minutes(report.actual_minutes)} of {minutes(report.planned_minutes)} planned"
            + (f", started {start}" if start else "")
        )
    return [("Presenter", presenters), ("Attendees", attendees), ("Time", timing)]


def _problem_statement(report: MeetingReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("The problem")]
    statements = [s for r in report.problem_rounds for s in r.statements]
    if not statements and not any(r.votes for r in report.problem_rounds):
        story.append(none_recorded())
        return story
    first = next((s for s in statements if s.kind == "presenter"), None)
    agreed = [s for s in statements if s.kind == "agreed"]
    story.append(para("As first stated", "label"))
    story.append(para(first.text if first else "None recorded", "note"))
    story.append(para("As agreed", "label"))
    story.append(para(agreed[-1].text if agreed else "Not agreed yet", "note"))
    for problem_round in report.problem_rounds:
        story.extend(_round(problem_round, width))
    return story


def _round(problem_round: ProblemRound, width: float) -> list[Flowable]:
    block: list[Flowable] = [heading(f"Round {problem_round.round}", 2)]
    if problem_round.statements:
        block.append(
            table(
                ["Statement", "By", "Text"],
                [
                    [KIND_LABELS.get(s.kind, s.kind), s.author or "–", s.text]
                    for s in problem_round.statements
                ],
                [0.2 * width, 0.18 * width, 0.62 * width],
            )
        )
    if problem_round.votes:
        counts = " · ".join(
            f"{label} {problem_round.vote_count(vote)}" for vote, label in VOTE_LABELS.items()
        )
        detail = ", ".join(
            f"{v.member}: {VOTE_LABELS.get(v.vote, v.vote)}" for v in problem_round.votes
        )
        block.append(Spacer(1, 3))
        block.append(para(f"Do we agree on the problem? {counts}", "label"))
        block.append(para(detail, "muted"))
    else:
        block.append(para("No poll in this round.", "muted"))
    return block


def _difference(minutes_over: float) -> str:
    rounded = round(minutes_over)
    return "on time" if rounded == 0 else f"{rounded:+d} min"


def _agenda(report: MeetingReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("Agenda: planned and actual")]
    if not report.phases:
        story.append(none_recorded())
        return story
    rows = []
    for p in report.phases:
        diff = "" if p.actual_minutes is None else _difference(p.actual_minutes - p.planned_minutes)
        rows.append([p.name, minutes(p.planned_minutes), minutes(p.actual_minutes), diff])
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
    story: list[Flowable] = [heading("Interventions")]
    if not report.interventions:
        story.append(none_recorded())
        return story
    rows = []
    for item in report.interventions:
        notes = []
        if item.addressed:
            notes.append("To: " + ", ".join(item.addressed))
        if item.response:
            notes.append("Response: " + item.response)
        if item.added_afterwards:
            notes.append("Added after the meeting")
        spread: str | Flowable = ""
        if item.spread is not None:
            low, high = item.spread
            scores = ", ".join(f"{s.member} {s.score}" for s in item.scores)
            spread = stacked(f"{low}–{high}", [scores])
        at = item.at.strftime("%H:%M") if item.at else ""
        rows.append(
            [
                f"{clock(item.offset_seconds)}\n{at}",
                item.phase or "–",
                category_label(item.category),
                stacked(item.text, notes),
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
    return story


def _participation(report: MeetingReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("Participation")]
    if not report.participation:
        story.append(none_recorded())
        return story
    story.append(participation_chart(report.participation, width))
    story.append(Spacer(1, 4))
    story.append(participation_table(report.participation, width))
    notes = skill_notes(report.participation)
    story.append(heading("Leadership skill seen", 2))
    story.extend(notes or [none_recorded()])
    return story


def _actions(report: MeetingReport, width: float) -> list[Flowable]:
    story: list[Flowable] = [heading("Actions reported back")]
    story.append(
        actions_reported_table(report.actions_reported, width)
        if report.actions_reported
        else none_recorded()
    )
    story.append(heading("Actions committed at this meeting"))
    story.append(
        actions_committed_table(report.actions_committed, width)
        if report.actions_committed
        else none_recorded()
    )
    return story


def feedback_blocks(rows: tuple[MemberFeedback, ...], private: bool) -> list[Flowable]:
    story: list[Flowable] = []
    for fb in rows:
        block: list[Flowable] = [heading(fb.member, 2)]
        fields = [
            ("Skill practised", fb.skill),
            ("Strengths seen", fb.strengths),
            ("Suggestions", fb.suggestions),
            ("Own assessment", fb.self_assessment),
        ]
        if private:
            fields.append(("Coach's notes (private)", fb.coach_notes))
        for label, value in fields:
            block.append(para(label, "label"))
            block.append(para(value or "None recorded", "note" if value else "muted"))
        story.append(KeepTogether(block[:3]))
        story.extend(block[3:])
    return story


def meeting_summary_story(report: MeetingReport, options: ExportOptions) -> list[Flowable]:
    width = frame_width(options)
    story: list[Flowable] = title_block("Meeting summary", report.header, width, _people(report))
    story += _problem_statement(report, width)
    story += _agenda(report, width)
    story += _interventions(report, width)
    story += _participation(report, width)
    story += _actions(report, width)
    story += learnings_section(report.learnings, width)
    if options.include_private_notes:
        story.append(heading("Coach's notes (private)"))
        story.append(para(report.coach_notes, "note") if report.coach_notes else none_recorded())
    if options.include_feedback:
        story.append(heading("Member feedback"))
        shown = [f for f in report.feedback if not f.is_empty]
        story += feedback_blocks(tuple(shown), options.include_private_notes) or [none_recorded()]
    return story


def render(report: MeetingReport, options: ExportOptions) -> bytes:
    return build_pdf(
        meeting_summary_story(report, options),
        document_info("Meeting summary", report.header, "Action Learning meeting summary"),
        options,
    )
