"""Build the plain report data (alcoach.data.reports) that the PDF documents are made from.

A few queries per section, never one per row: a set report over twenty meetings reads attendance,
tallies, actions, problems and learnings in one query each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

import peewee as pw

from alcoach.data import (
    actions,
    feedback,
    interventions,
    learnings,
    meetings,
    problems,
    sets,
    settings,
    tallies,
)
from alcoach.data import models as m
from alcoach.data.brief import brief_lines, get_brief
from alcoach.data.clock import system_clock
from alcoach.data.consent import consented, consented_names
from alcoach.data.records import ActionRecord, MeetingRecord, TallyRecord
from alcoach.data.reports import (
    ActionLine,
    AgreedProblem,
    AttendanceRow,
    AttendeeLine,
    BlankPhase,
    BlankSheet,
    FeedbackSheet,
    InterventionLine,
    LearningLine,
    MeetingColumn,
    MeetingReport,
    MemberFeedback,
    ParticipationLine,
    ParticipationSeries,
    PhaseLine,
    ProblemRound,
    ReportHeader,
    RosterLine,
    ScoreLine,
    SetProgressReport,
    StatementLine,
    VoteLine,
)
from alcoach.data.timer import compute_timer


def _local(when: dt.datetime | None) -> dt.datetime | None:
    return None if when is None else when.astimezone()


def _header(meeting: MeetingRecord | None, set_id: int) -> ReportHeader:
    learning_set = sets.get_set(set_id)
    coach = settings.coach_profile().get("name", "") or ""
    if meeting is None:
        return ReportHeader(
            set_name=learning_set.name,
            programme_name=learning_set.programme_name,
            coach_name=coach,
            date_style=settings.document_date_style(),
        )
    return ReportHeader(
        set_name=learning_set.name,
        programme_name=learning_set.programme_name,
        date=meeting.date,
        title=meeting.title,
        location=meeting.location,
        coach_name=coach,
        date_style=settings.document_date_style(),
    )


def _participation(
    names: dict[int, str], member_ids: Iterable[int], rows: Iterable[TallyRecord]
) -> tuple[ParticipationLine, ...]:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    notes: dict[int, list[str]] = defaultdict(list)
    for tally in rows:
        counts[tally.member_id][tally.kind] += 1
        if tally.kind == "skill" and tally.note.strip():
            notes[tally.member_id].append(tally.note)
    ordered = list(dict.fromkeys([*member_ids, *(i for i in names if i in counts)]))
    return tuple(
        ParticipationLine(
            member=names.get(mid, "?"),
            question=counts[mid]["question"],
            statement=counts[mid]["statement"],
            insightful=counts[mid]["insightful"],
            skill=counts[mid]["skill"],
            skill_notes=tuple(notes[mid]),
        )
        for mid in ordered
    )


def _action_line(action: ActionRecord, dates: dict[int, dt.date]) -> ActionLine:
    return ActionLine(
        owner=action.owner_name,
        text=action.text,
        due=action.due,
        status=action.status,
        note=action.report_back,
        committed_on=dates.get(action.meeting_id),
        reported_on=dates.get(action.reported_in_id) if action.reported_in_id else None,
    )


def _problem_rounds(meeting_id: int, names: dict[int, str]) -> tuple[ProblemRound, ...]:
    statements = problems.list_problem_statements(meeting_id)
    votes = problems.list_poll_votes(meeting_id)
    rounds = sorted({s.round for s in statements} | {v.round for v in votes})
    return tuple(
        ProblemRound(
            round=r,
            statements=tuple(
                StatementLine(s.kind, names.get(s.member_id, "") if s.member_id else "", s.text)
                for s in statements
                if s.round == r
            ),
            votes=tuple(
                VoteLine(names.get(v.member_id, "?"), v.vote) for v in votes if v.round == r
            ),
        )
        for r in rounds
    )


def _phases(meeting_id: int) -> tuple[tuple[PhaseLine, ...], float | None, dt.datetime | None]:
    timing = meetings.meeting_timing(meeting_id)
    now = timing.ended_at or system_clock().now(meeting_id)
    state = compute_timer(timing, now)
    lines = tuple(
        PhaseLine(
            name=clock.name,
            planned_minutes=clock.planned_seconds / 60.0,
            actual_minutes=clock.actual_seconds / 60.0 if clock.started else None,
        )
        for clock in state.phases
    )
    actual = state.elapsed_seconds / 60.0 if timing.started_at else None
    return lines, actual, _local(timing.started_at)


def build_meeting_report(meeting_id: int) -> MeetingReport:
    """Everything the meeting summary shows (private parts included; the export filters)."""
    meeting = meetings.get_meeting(meeting_id)
    attendees = meetings.list_attendees(meeting_id)
    names = {a.member.id: a.member.name for a in attendees}
    dates = {mt.id: mt.date for mt in meetings.list_meetings(meeting.set_id)}
    phase_lines, actual, started = _phases(meeting_id)
    present = [a.member.id for a in attendees if a.attended or a.presenter]
    interventions_ = tuple(
        InterventionLine(
            offset_seconds=i.offset_seconds,
            at=_local(i.at),
            phase=i.phase_name,
            category=i.category,
            text=i.text,
            response=i.response,
            addressed=tuple(names.get(mid, "?") for mid in i.member_ids),
            scores=tuple(ScoreLine(names.get(r.member_id, "?"), r.score) for r in i.ratings),
            added_afterwards=i.added_afterwards,
        )
        for i in interventions.list_interventions(meeting_id)
    )
    order = {mid: pos for pos, mid in enumerate(names)}
    feedback_rows = sorted(
        feedback.list_feedback(meeting_id), key=lambda f: order.get(f.member_id, len(order))
    )
    return MeetingReport(
        header=_header(meeting, meeting.set_id),
        roster=tuple(names.values()),
        named=consented_names("sponsor_reports", names),
        attendees=tuple(
            AttendeeLine(
                name=a.member.name,
                role=a.member.role,
                leadership_skill=a.member.leadership_skill,
                attended=a.attended,
                presenter=a.presenter,
            )
            for a in attendees
            if a.attended or a.presenter
        ),
        problem_rounds=_problem_rounds(meeting_id, names),
        phases=phase_lines,
        interventions=interventions_,
        participation=_participation(names, present, tallies.list_tallies(meeting_id)),
        actions_reported=tuple(
            _action_line(a, dates) for a in actions.actions_for_report_back(meeting_id)
        ),
        actions_committed=tuple(_action_line(a, dates) for a in actions.list_actions(meeting_id)),
        learnings=tuple(
            LearningLine(
                level=lr.level,
                member=names.get(lr.member_id, "") if lr.member_id else "",
                text=lr.text,
                application=lr.application,
                meeting_date=meeting.date,
            )
            for lr in learnings.list_learnings(meeting_id)
        ),
        coach_notes=meeting.coach_notes,
        feedback=tuple(
            MemberFeedback(
                member=names.get(f.member_id, "?"),
                skill=f.skill,
                strengths=f.strengths,
                suggestions=f.suggestions,
                self_assessment=f.self_assessment,
                coach_notes=f.coach_notes,
            )
            for f in feedback_rows
        ),
        started_at=started,
        actual_minutes=actual,
    )


def build_feedback_sheets(meeting_id: int) -> list[FeedbackSheet]:
    """One sheet per member who attended, presented, or has feedback for the meeting."""
    report = build_meeting_report(meeting_id)
    attendees = meetings.list_attendees(meeting_id)
    by_name_feedback = {f.member: f for f in report.feedback}
    by_name_counts = {p.member: p for p in report.participation}
    receiving = consented("feedback_sheet", [a.member.id for a in attendees])
    sheets = []
    for a in attendees:
        name = a.member.name
        if not (a.attended or a.presenter or name in by_name_feedback):
            continue
        sheets.append(
            FeedbackSheet(
                header=report.header,
                roster=report.roster,
                member=name,
                role=a.member.role,
                leadership_skill=a.member.leadership_skill,
                presenter=a.presenter,
                feedback=by_name_feedback.get(name),
                participation=by_name_counts.get(name, ParticipationLine(member=name)),
                actions=tuple(x for x in report.actions_committed if x.owner == name),
                actions_reported=tuple(x for x in report.actions_reported if x.owner == name),
                named=report.named,
                may_receive=a.member.id in receiving,
            )
        )
    return sheets


def _set_meetings(
    set_id: int, date_from: dt.date | None, date_to: dt.date | None
) -> list[MeetingRecord]:
    rows = [
        mt
        for mt in meetings.list_meetings(set_id)
        if (date_from is None or mt.date >= date_from) and (date_to is None or mt.date <= date_to)
    ]
    return sorted(rows, key=lambda mt: (mt.date, mt.id))


def build_set_report(
    set_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> SetProgressReport:
    """Attendance, actions, participation over time, agreed problems and learnings of a set."""
    members = sets.list_members(set_id)
    names = {mem.id: mem.name for mem in members}
    set_meetings = _set_meetings(set_id, date_from, date_to)
    ids = [mt.id for mt in set_meetings]
    dates = {mt.id: mt.date for mt in set_meetings}

    marks: dict[tuple[int, int], str] = {}
    for row in m.Attendance.select().where(m.Attendance.meeting.in_(ids)):
        if row.presenter:
            marks[(row.meeting_id, row.member_id)] = "presenter"
        elif row.attended:
            marks[(row.meeting_id, row.member_id)] = "present"
    presenters: dict[int, list[str]] = defaultdict(list)
    for (meeting_id, member_id), mark in marks.items():
        if mark == "presenter":
            presenters[meeting_id].append(names.get(member_id, "?"))

    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    tally_query = (
        m.Tally.select(m.Tally.meeting, m.Tally.member, m.Tally.kind, pw.fn.COUNT(m.Tally.id))
        .where(m.Tally.meeting.in_(ids))
        .group_by(m.Tally.meeting, m.Tally.member, m.Tally.kind)
        .tuples()
    )
    for meeting_id, member_id, kind, n in tally_query:
        counts[(meeting_id, member_id)][kind] = n

    def cell(meeting_id: int, member_id: int) -> ParticipationLine | None:
        key = (meeting_id, member_id)
        if key not in marks and key not in counts:
            return None
        return ParticipationLine(member=names[member_id], **counts.get(key, {}))

    agreed: list[AgreedProblem] = []
    statements = (
        m.ProblemStatement.select()
        .where(m.ProblemStatement.meeting.in_(ids), m.ProblemStatement.kind != "member")
        .order_by(m.ProblemStatement.round, m.ProblemStatement.id)
    )
    first: dict[int, str] = {}
    last_agreed: dict[int, str] = {}
    for st in statements:
        if st.kind == "presenter":
            first.setdefault(st.meeting_id, st.text)
        else:
            last_agreed[st.meeting_id] = st.text
    for mt in set_meetings:
        if mt.id in last_agreed or mt.id in first:
            agreed.append(
                AgreedProblem(
                    meeting_date=mt.date,
                    presenter=", ".join(presenters.get(mt.id, ())),
                    text=last_agreed.get(mt.id, ""),
                    first_statement=first.get(mt.id, ""),
                )
            )

    learning_rows = (
        m.Learning.select()
        .where(m.Learning.meeting.in_(ids))
        .order_by(m.Learning.meeting, m.Learning.id)
    )
    learning_lines = sorted(
        (
            LearningLine(
                level=lr.level,
                member=names.get(lr.member_id, "") if lr.member_id else "",
                text=lr.text,
                application=lr.application,
                meeting_date=dates[lr.meeting_id],
            )
            for lr in learning_rows
        ),
        key=lambda x: x.meeting_date or dt.date.min,
    )
    all_dates = {mt.id: mt.date for mt in meetings.list_meetings(set_id)}
    action_lines = [
        _action_line(a, all_dates)
        for a in actions.list_set_actions(set_id)
        if a.meeting_id in dates
    ]
    action_lines.sort(key=lambda a: a.committed_on or dt.date.min)
    return SetProgressReport(
        header=_header(None, set_id),
        roster=tuple(names.values()),
        named=consented_names("sponsor_reports", names),
        brief=brief_lines(brief := get_brief(set_id)),
        sponsor=brief.sponsor,
        date_from=date_from,
        date_to=date_to,
        meetings=tuple(
            MeetingColumn(mt.date, mt.title, tuple(presenters.get(mt.id, ())))
            for mt in set_meetings
        ),
        attendance=tuple(
            AttendanceRow(
                member=mem.name,
                marks=tuple(marks.get((mid, mem.id), "absent") for mid in ids),
            )
            for mem in members
            if mem.active or any((mid, mem.id) in marks for mid in ids)
        ),
        actions=tuple(action_lines),
        participation=tuple(
            ParticipationSeries(mem.name, tuple(cell(mid, mem.id) for mid in ids))
            for mem in members
            if mem.active or any((mid, mem.id) in marks for mid in ids)
        ),
        agreed_problems=tuple(agreed),
        learnings=tuple(learning_lines),
    )


def build_blank_sheet(meeting_id: int) -> BlankSheet:
    """The agenda with its times and the roster, for notes on paper."""
    meeting = meetings.get_meeting(meeting_id)
    attendees = meetings.list_attendees(meeting_id)
    phases = []
    elapsed = 0.0
    for phase in meetings.list_phases(meeting_id):
        phases.append(BlankPhase(phase.name, phase.planned_minutes, elapsed))
        elapsed += phase.planned_minutes
    shown = [a for a in attendees if a.attended or a.presenter] or [
        a for a in attendees if a.member.active
    ]
    return BlankSheet(
        header=_header(meeting, meeting.set_id),
        roster=tuple(a.member.name for a in attendees),
        named=consented_names("sponsor_reports", {a.member.id: a.member.name for a in attendees}),
        phases=tuple(phases),
        members=tuple(
            RosterLine(a.member.name, a.member.leadership_skill, a.presenter) for a in shown
        ),
    )
