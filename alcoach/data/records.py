"""Frozen dataclasses the services return: plain data for the UI, the CLI and export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProgrammeRecord:
    id: int
    name: str
    sponsor: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SetRecord:
    id: int
    name: str
    programme_id: int | None = None
    programme_name: str = ""
    cadence: str = ""
    ground_rules: str = ""
    archived: bool = False


@dataclass(frozen=True)
class MemberRecord:
    id: int
    set_id: int
    name: str
    role: str = ""
    organisation: str = ""
    leadership_skill: str = ""
    active: bool = True
    position: int = 0


@dataclass(frozen=True)
class PhaseRecord:
    id: int
    position: int
    name: str
    planned_minutes: float
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


@dataclass(frozen=True)
class PauseRecord:
    start: dt.datetime
    end: dt.datetime | None = None


@dataclass(frozen=True)
class AttendeeRecord:
    member: MemberRecord
    attended: bool
    presenter: bool


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    set_id: int
    set_name: str
    date: dt.date
    title: str = ""
    location: str = ""
    planned_minutes: float | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    coach_notes: str = ""

    @property
    def label(self) -> str:
        title = f" — {self.title}" if self.title else ""
        return f"{self.date.isoformat()}{title}"


@dataclass(frozen=True)
class MeetingTiming:
    """Everything the timer needs: the stored wall-clock facts of one meeting."""

    meeting_id: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    pauses: tuple[PauseRecord, ...] = ()
    phases: tuple[PhaseRecord, ...] = ()
    planned_minutes: float | None = None


@dataclass(frozen=True)
class RatingRecord:
    member_id: int
    score: int


@dataclass(frozen=True)
class InterventionRecord:
    id: int
    meeting_id: int
    at: dt.datetime
    offset_seconds: float
    phase_id: int | None
    phase_name: str
    category: str
    text: str
    question_id: int | None = None
    response: str = ""
    member_ids: tuple[int, ...] = ()
    ratings: tuple[RatingRecord, ...] = ()
    added_afterwards: bool = False

    @property
    def rating_spread(self) -> tuple[int, int] | None:
        if not self.ratings:
            return None
        scores = [r.score for r in self.ratings]
        return min(scores), max(scores)


@dataclass(frozen=True)
class TallyRecord:
    id: int
    meeting_id: int
    member_id: int
    kind: str
    at: dt.datetime
    note: str = ""


@dataclass(frozen=True)
class TallyCounts:
    member_id: int
    question: int = 0
    statement: int = 0
    insightful: int = 0
    skill: int = 0

    @property
    def ratio(self) -> float | None:
        """Questions (insightful ones included) per statement; None when no statement yet."""
        if self.statement == 0:
            return None
        return (self.question + self.insightful) / self.statement


@dataclass(frozen=True)
class QuestionRecord:
    id: int
    text: str
    category: str
    tags: tuple[str, ...] = ()
    favourite: bool = False
    builtin: bool = False
    archived: bool = False
    uses: int = 0


@dataclass(frozen=True)
class FeedbackRecord:
    meeting_id: int
    member_id: int
    skill: str = ""
    strengths: str = ""
    suggestions: str = ""
    self_assessment: str = ""
    coach_notes: str = ""


@dataclass(frozen=True)
class ActionRecord:
    id: int
    meeting_id: int
    owner_id: int | None
    owner_name: str
    text: str
    due: dt.date | None = None
    status: str = "committed"
    report_back: str = ""
    reported_in_id: int | None = None


@dataclass(frozen=True)
class LearningRecord:
    id: int
    meeting_id: int
    level: str
    member_id: int | None
    text: str
    application: str = ""


@dataclass(frozen=True)
class ProblemStatementRecord:
    id: int
    meeting_id: int
    kind: str
    member_id: int | None
    text: str
    round: int = 1
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class PollVoteRecord:
    round: int
    member_id: int
    vote: str


@dataclass(frozen=True)
class TemplatePhase:
    name: str
    minutes: float


@dataclass(frozen=True)
class TemplateRecord:
    id: int
    name: str
    phases: tuple[TemplatePhase, ...] = field(default_factory=tuple)
    builtin: bool = False

    @property
    def total_minutes(self) -> float:
        return sum(p.minutes for p in self.phases)


@dataclass(frozen=True)
class SearchHit:
    meeting_id: int
    source: str  # intervention, problem, feedback, action, learning, meeting
    source_id: int
    snippet: str
    meeting_label: str
    set_name: str
