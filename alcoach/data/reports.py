"""Plain, finished data for the printed documents (built by report_builder, read by export).

Frozen dataclasses only, and no database import, so `alcoach.export` can use them without peewee.
Names are resolved to strings here; times are local wall-clock times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from alcoach.formatting import DEFAULT_DATE_STYLE


@dataclass(frozen=True)
class ReportHeader:
    set_name: str
    programme_name: str = ""
    date: dt.date | None = None
    title: str = ""
    location: str = ""
    coach_name: str = ""
    date_style: str = DEFAULT_DATE_STYLE  # how the document writes dates (Preferences)


@dataclass(frozen=True)
class AttendeeLine:
    name: str
    role: str = ""
    leadership_skill: str = ""
    attended: bool = True
    presenter: bool = False


@dataclass(frozen=True)
class StatementLine:
    kind: str  # presenter / member / agreed
    author: str
    text: str


@dataclass(frozen=True)
class VoteLine:
    member: str
    vote: str  # yes / no / close


@dataclass(frozen=True)
class ProblemRound:
    round: int
    statements: tuple[StatementLine, ...] = ()
    votes: tuple[VoteLine, ...] = ()

    def vote_count(self, vote: str) -> int:
        return sum(1 for v in self.votes if v.vote == vote)


@dataclass(frozen=True)
class PhaseLine:
    name: str
    planned_minutes: float
    actual_minutes: float | None = None  # None: the phase never ran


@dataclass(frozen=True)
class ScoreLine:
    member: str
    score: int


@dataclass(frozen=True)
class InterventionLine:
    offset_seconds: float
    at: dt.datetime | None
    phase: str
    category: str
    text: str
    response: str = ""
    addressed: tuple[str, ...] = ()
    scores: tuple[ScoreLine, ...] = ()
    added_afterwards: bool = False

    @property
    def spread(self) -> tuple[int, int] | None:
        if not self.scores:
            return None
        values = [s.score for s in self.scores]
        return min(values), max(values)


@dataclass(frozen=True)
class ParticipationLine:
    member: str
    question: int = 0
    statement: int = 0
    insightful: int = 0
    skill: int = 0
    skill_notes: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.question + self.statement + self.insightful + self.skill


@dataclass(frozen=True)
class ActionLine:
    owner: str
    text: str
    due: dt.date | None = None
    status: str = "committed"
    note: str = ""
    committed_on: dt.date | None = None
    reported_on: dt.date | None = None


@dataclass(frozen=True)
class LearningLine:
    level: str  # individual / team / organisation
    member: str
    text: str
    application: str = ""
    meeting_date: dt.date | None = None


@dataclass(frozen=True)
class MemberFeedback:
    member: str
    skill: str = ""
    strengths: str = ""
    suggestions: str = ""
    self_assessment: str = ""
    coach_notes: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.skill, self.strengths, self.suggestions, self.self_assessment, self.coach_notes)
        )


@dataclass(frozen=True)
class MeetingReport:
    header: ReportHeader
    roster: tuple[str, ...]  # every member name of the set, in roster order
    attendees: tuple[AttendeeLine, ...] = ()
    problem_rounds: tuple[ProblemRound, ...] = ()
    phases: tuple[PhaseLine, ...] = ()
    interventions: tuple[InterventionLine, ...] = ()
    participation: tuple[ParticipationLine, ...] = ()
    actions_reported: tuple[ActionLine, ...] = ()
    actions_committed: tuple[ActionLine, ...] = ()
    learnings: tuple[LearningLine, ...] = ()
    coach_notes: str = ""
    feedback: tuple[MemberFeedback, ...] = ()
    started_at: dt.datetime | None = None
    actual_minutes: float | None = None
    named: tuple[str, ...] = ()  # the roster's names that agreed to be named in sponsor reports

    @property
    def presenters(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.attendees if a.presenter)

    @property
    def planned_minutes(self) -> float:
        return sum(p.planned_minutes for p in self.phases)


@dataclass(frozen=True)
class FeedbackSheet:
    header: ReportHeader
    roster: tuple[str, ...]
    member: str
    role: str = ""
    leadership_skill: str = ""
    presenter: bool = False
    feedback: MemberFeedback | None = None
    participation: ParticipationLine | None = None
    actions: tuple[ActionLine, ...] = ()  # committed at this meeting
    actions_reported: tuple[ActionLine, ...] = ()  # from earlier meetings
    named: tuple[str, ...] = ()  # as the meeting's report has it
    may_receive: bool = False  # the member agreed to receive a feedback sheet


@dataclass(frozen=True)
class MeetingColumn:
    date: dt.date
    title: str = ""
    presenters: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttendanceRow:
    member: str
    marks: tuple[str, ...]  # per meeting: "presenter", "present" or "absent"


@dataclass(frozen=True)
class ParticipationSeries:
    member: str
    per_meeting: tuple[ParticipationLine | None, ...]  # None: not at that meeting


@dataclass(frozen=True)
class AgreedProblem:
    meeting_date: dt.date
    presenter: str
    text: str
    first_statement: str = ""


@dataclass(frozen=True)
class SetProgressReport:
    header: ReportHeader
    roster: tuple[str, ...]
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    meetings: tuple[MeetingColumn, ...] = ()
    attendance: tuple[AttendanceRow, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    participation: tuple[ParticipationSeries, ...] = ()
    agreed_problems: tuple[AgreedProblem, ...] = ()
    learnings: tuple[LearningLine, ...] = ()
    named: tuple[str, ...] = ()  # the roster's names that agreed to be named in sponsor reports
    brief: tuple[tuple[str, str], ...] = ()  # the sponsor's brief: (heading, text), filled ones
    sponsor: str = ""  # the brief's sponsor, or the programme's


@dataclass(frozen=True)
class BlankPhase:
    name: str
    planned_minutes: float
    starts_after_minutes: float


@dataclass(frozen=True)
class RosterLine:
    name: str
    leadership_skill: str = ""
    presenter: bool = False


@dataclass(frozen=True)
class BlankSheet:
    header: ReportHeader
    roster: tuple[str, ...]
    phases: tuple[BlankPhase, ...] = ()
    members: tuple[RosterLine, ...] = ()
    named: tuple[str, ...] = ()  # the roster's names that agreed to be named in sponsor reports
