"""The immutable records the services return: plain data for the UI, the CLI and export.

They are named tuples rather than frozen dataclasses: this module is on the start-up path, and
twenty-one frozen dataclasses took 25 ms to define (each generates six methods through `exec`)
against 5 ms for named tuples, which are also built in a third of the time, 80,000 at a time in
an archive or a report. Change one with `record._replace(field=value)`.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class ProgrammeRecord(NamedTuple):
    """A client organisation's programme."""

    id: int
    name: str
    sponsor: str = ""
    notes: str = ""
    organisation: str = ""  # the client organisation
    paid: bool = True  # False: pro bono


class SetRecord(NamedTuple):
    """A learning set, with its programme's name."""

    id: int
    name: str
    programme_id: int | None = None
    programme_name: str = ""
    cadence: str = ""
    ground_rules: str = ""
    archived: bool = False


class MemberRecord(NamedTuple):
    """A member of a set, in roster order."""

    id: int
    set_id: int
    name: str
    role: str = ""
    organisation: str = ""
    leadership_skill: str = ""
    active: bool = True
    position: int = 0


class PhaseRecord(NamedTuple):
    """One agenda phase of a meeting: planned minutes, actual start and end."""

    id: int
    position: int
    name: str
    planned_minutes: float
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


class PauseRecord(NamedTuple):
    """A pause of the meeting clock (end None while it lasts)."""

    start: dt.datetime
    end: dt.datetime | None = None


class AttendeeRecord(NamedTuple):
    """A member as listed for one meeting: attending, presenting."""

    member: MemberRecord
    attended: bool
    presenter: bool


class MeetingRecord(NamedTuple):
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


class MeetingTiming(NamedTuple):
    """Everything the timer needs: the stored wall-clock facts of one meeting."""

    meeting_id: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    pauses: tuple[PauseRecord, ...] = ()
    phases: tuple[PhaseRecord, ...] = ()
    planned_minutes: float | None = None


class RatingRecord(NamedTuple):
    """One member's 1-10 answer to "How are we doing?"."""

    member_id: int
    score: int


class InterventionRecord(NamedTuple):
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
    uid: str = ""  # the record's identity in every copy (an undone delete brings it back)

    @property
    def rating_spread(self) -> tuple[int, int] | None:
        if not self.ratings:
            return None
        scores = [r.score for r in self.ratings]
        return min(scores), max(scores)


class TallyRecord(NamedTuple):
    """One participation mark (question, statement, ...) for a member."""

    id: int
    meeting_id: int
    member_id: int
    kind: str
    at: dt.datetime
    note: str = ""
    uid: str = ""


class TallyCounts(NamedTuple):
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


class QuestionRecord(NamedTuple):
    """A question of the bank, built-in or the coach's own."""

    id: int
    text: str
    category: str
    tags: tuple[str, ...] = ()
    favourite: bool = False
    builtin: bool = False
    archived: bool = False
    uses: int = 0


class FeedbackRecord(NamedTuple):
    """The coach's feedback to one member for one meeting."""

    meeting_id: int
    member_id: int
    skill: str = ""
    strengths: str = ""
    suggestions: str = ""
    self_assessment: str = ""
    coach_notes: str = ""


class ActionRecord(NamedTuple):
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
    uid: str = ""


class LearningRecord(NamedTuple):
    """A learning at the individual, team or organisation level."""

    id: int
    meeting_id: int
    level: str
    member_id: int | None
    text: str
    application: str = ""
    uid: str = ""


class ProblemStatementRecord(NamedTuple):
    """A statement of the problem in one round (presenter, member or agreed)."""

    id: int
    meeting_id: int
    kind: str
    member_id: int | None
    text: str
    round: int = 1
    created_at: dt.datetime | None = None


class PollVoteRecord(NamedTuple):
    """A member's answer to "Do we agree on the problem?" in one round."""

    round: int
    member_id: int
    vote: str


class TemplatePhase(NamedTuple):
    """A phase of an agenda template: name and planned minutes."""

    name: str
    minutes: float


class TemplateRecord(NamedTuple):
    """An agenda template, built-in or the coach's own."""

    id: int
    name: str
    phases: tuple[TemplatePhase, ...] = ()
    builtin: bool = False

    @property
    def total_minutes(self) -> float:
        return sum(p.minutes for p in self.phases)


class SearchHit(NamedTuple):
    """One note found by the full-text search, with where it lives."""

    meeting_id: int
    source: str  # intervention, problem, feedback, action, learning, meeting
    source_id: int
    snippet: str  # the text around the match, on one line
    meeting_label: str
    set_name: str
    marks: tuple[tuple[int, int], ...] = ()  # (start, end) of each match within `snippet`
    meeting_date: dt.date | None = None

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with every match between `before` and `after`."""
        parts, at = [], 0
        for start, end in self.marks:
            parts += [self.snippet[at:start], before, self.snippet[start:end], after]
            at = end
        parts.append(self.snippet[at:])
        return "".join(parts)
