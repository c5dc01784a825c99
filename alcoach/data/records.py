"""Frozen dataclasses the services return: plain data for the UI, the CLI and export.

Each class has a docstring: without one, @dataclass builds a signature text for it, a third of
the time this module takes to import (it is on the start-up path).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProgrammeRecord:
    """A client organisation's programme."""

    id: int
    name: str
    sponsor: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SetRecord:
    """A learning set, with its programme's name."""

    id: int
    name: str
    programme_id: int | None = None
    programme_name: str = ""
    cadence: str = ""
    ground_rules: str = ""
    archived: bool = False


@dataclass(frozen=True)
class MemberRecord:
    """A member of a set, in roster order."""

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
    """One agenda phase of a meeting: planned minutes, actual start and end."""

    id: int
    position: int
    name: str
    planned_minutes: float
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


@dataclass(frozen=True)
class PauseRecord:
    """A pause of the meeting clock (end None while it lasts)."""

    start: dt.datetime
    end: dt.datetime | None = None


@dataclass(frozen=True)
class AttendeeRecord:
    """A member as listed for one meeting: attending, presenting."""

    member: MemberRecord
    attended: bool
    presenter: bool


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting, with its set's name."""

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
    """One member's 1-10 answer to "How are we doing?"."""

    member_id: int
    score: int


@dataclass(frozen=True)
class InterventionRecord:
    """A coach intervention, with the members addressed and their ratings."""

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
    """One participation mark (question, statement, ...) for a member."""

    id: int
    meeting_id: int
    member_id: int
    kind: str
    at: dt.datetime
    note: str = ""


@dataclass(frozen=True)
class TallyCounts:
    """A member's participation counts in one meeting."""

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
    """A question of the bank, built-in or the coach's own."""

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
    """The coach's feedback to one member for one meeting."""

    meeting_id: int
    member_id: int
    skill: str = ""
    strengths: str = ""
    suggestions: str = ""
    self_assessment: str = ""
    coach_notes: str = ""


@dataclass(frozen=True)
class ActionRecord:
    """An action a member committed to, and how it was reported back."""

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
    """A learning at the individual, team or organisation level."""

    id: int
    meeting_id: int
    level: str
    member_id: int | None
    text: str
    application: str = ""


@dataclass(frozen=True)
class ProblemStatementRecord:
    """A statement of the problem in one round (presenter, member or agreed)."""

    id: int
    meeting_id: int
    kind: str
    member_id: int | None
    text: str
    round: int = 1
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class PollVoteRecord:
    """A member's answer to "Do we agree on the problem?" in one round."""

    round: int
    member_id: int
    vote: str


@dataclass(frozen=True)
class TemplatePhase:
    """A phase of an agenda template: name and planned minutes."""

    name: str
    minutes: float


@dataclass(frozen=True)
class TemplateRecord:
    """An agenda template, built-in or the coach's own."""

    id: int
    name: str
    phases: tuple[TemplatePhase, ...] = field(default_factory=tuple)
    builtin: bool = False

    @property
    def total_minutes(self) -> float:
        return sum(p.minutes for p in self.phases)


@dataclass(frozen=True)
class SearchHit:
    """One note found by the full-text search, with where it lives."""

    meeting_id: int
    source: str  # intervention, problem, feedback, action, learning, meeting
    source_id: int
    snippet: str
    meeting_label: str
    set_name: str
