"""Hypothesis strategies for the export layer: every document, of any shape, with its options.

Each drawn `Example` is one document built directly from the plain report records
(alcoach.data.reports), the ExportOptions to render it with, and per output file the markers it
must show and those it must not (see export_text_shapes.Ink).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from export_text_shapes import Ink, TextShape, name_shapes, text_shapes
from hypothesis import strategies as st

from alcoach.data import reports as r
from alcoach.export.options import ExportOptions
from alcoach.formatting import DATE_STYLES
from alcoach.vocabulary import CATEGORY_LABELS, LEVEL_LABELS, STATUS_LABELS

DOCUMENTS = ("summary", "feedback", "feedback files", "set report", "blank sheet")
BUDGET = 25_000  # characters of text per example, so the whole test stays within minutes
PASSWORDS = ("pw", "pässwörd 密码 🔑", "x" * 40)
DAY = dt.date(2026, 11, 2)


@dataclass
class Expectation:
    """What one PDF must show (marker -> field) and what it must not."""

    expected: dict[str, str] = field(default_factory=dict)
    forbidden: dict[str, str] = field(default_factory=dict)


@dataclass
class Example:
    document: str
    report: object  # MeetingReport, tuple of FeedbackSheet, SetProgressReport or BlankSheet
    options: ExportOptions
    files: list[Expectation]  # one per PDF the export makes, in order
    names: tuple[str, ...] = ()  # every member's name (none may show when anonymised)


@st.composite
def options(draw, document: str) -> ExportOptions:
    return ExportOptions(
        page_size=draw(st.sampled_from(("A4", "Letter"))),
        include_private_notes=draw(st.booleans()),
        include_feedback=draw(st.booleans()) if document == "summary" else False,
        anonymise=draw(st.sampled_from((False, True, "none", "without_consent", "everyone"))),
        password=draw(st.none() | st.sampled_from(PASSWORDS)),
    )


class World:
    """One example's members and texts, drawn as the document's builders ask for them."""

    def __init__(self, draw: Callable, opts: ExportOptions):
        self.draw = draw
        self.opts = opts
        self.ink = Ink(budget=BUDGET)
        self.members = [self.ink.name(draw(name_shapes())) for _ in range(draw(st.integers(0, 8)))]
        self.mentions = draw(st.booleans())  # texts name members (the anonymiser must catch it)
        # the members who agreed to be named (alcoach.data.consent): kept by "without_consent"
        self.named = tuple(m for m in self.members if draw(st.booleans()))
        self._shapes: list[TextShape] = draw(st.lists(text_shapes(), min_size=1, max_size=8))
        self._next = 0

    @property
    def anonymised(self) -> bool:
        """Whether anyone at all becomes "Member A", ..."""
        return self.opts.anonymise_mode != "none"

    def hidden(self, name: str) -> bool:
        """Whether this member's name must not show."""
        mode = self.opts.anonymise_mode
        return mode == "everyone" or (mode == "without_consent" and name not in self.named)

    def shape(self) -> TextShape:
        """Fields share a few drawn shapes (cycled), so 300 interventions need few draws."""
        shape = self._shapes[self._next % len(self._shapes)]
        self._next += 1
        return shape

    def text(self, what: str, shown: bool = True) -> str:
        mention = ""
        if self.mentions and self.members and self._next % 3 == 0:
            mention = self.members[self._next % len(self.members)]
        shape = self.shape()
        if mention and shown and shape.length:  # an empty field mentions no one
            self.ink.show_name(mention, what, self.hidden(mention))
        return self.ink.text(shape, what, shown, mention)

    def line(self, what: str) -> str:
        return self.ink.line(self.draw(name_shapes()), what)

    def member(self, index: int, what: str, allow_none: bool = False) -> str:
        if not self.members or (allow_none and index % 5 == 4):
            return ""
        name = self.members[index % len(self.members)]
        self.ink.show_name(name, what, self.hidden(name))
        return name

    def some_members(self, count: int, start: int, what: str) -> tuple[str, ...]:
        if not self.members:
            return ()
        chosen = list(dict.fromkeys(self.members[(start + k) % len(self.members)]
                                    for k in range(count)))  # fmt: skip
        for name in chosen:
            self.ink.show_name(name, what, self.hidden(name))
        return tuple(chosen)

    def header(self) -> r.ReportHeader:
        coach = self.ink.name(self.draw(name_shapes()))
        marker = self.ink.name_markers.pop(coach)
        self.ink.note(marker, "coach's name", True)  # the coach is never anonymised
        return r.ReportHeader(
            set_name=self.line("set name"),
            programme_name=self.line("programme"),
            date=self.draw(st.none() | st.just(DAY)),
            title=self.line("meeting title"),
            location=self.line("location"),
            coach_name=coach,
            date_style=self.draw(st.sampled_from(sorted(DATE_STYLES))),
        )

    def date(self, index: int) -> dt.date | None:
        return None if index % 4 == 3 else DAY + dt.timedelta(days=7 * index - 30)

    def participation(self, name: str, index: int, what: str) -> r.ParticipationLine:
        counts = self.draw(st.lists(st.integers(0, 60), min_size=4, max_size=4))
        notes = tuple(self.text(f"{what} skill note") for _ in range(index % 3))
        return r.ParticipationLine(name, *counts, skill_notes=notes)

    def actions(self, what: str, reported: bool) -> tuple[r.ActionLine, ...]:
        statuses = (*STATUS_LABELS, "on_hold")
        return tuple(
            r.ActionLine(
                owner=self.member(i, f"{what} owner", allow_none=True),
                text=self.text(f"{what} text"),
                due=self.date(i),
                status=statuses[i % len(statuses)],
                note=self.text(f"{what} report-back") if reported else "",
                committed_on=self.date(i + 1),
            )
            for i in range(self.draw(st.integers(0, 20)))
        )

    def learnings(self) -> tuple[r.LearningLine, ...]:
        levels = (*LEVEL_LABELS, "sector")
        return tuple(
            r.LearningLine(
                level=levels[i % len(levels)],
                member=self.member(i, "learning's member", allow_none=True),
                text=self.text("learning"),
                application=self.text("learning's application"),
                meeting_date=self.date(i),
            )
            for i in range(self.draw(st.integers(0, 20)))
        )

    def expectation(self) -> Expectation:
        for name, marker in self.ink.name_markers.items():
            if self.hidden(name):
                self.ink.note(marker, f"member's name {name[:12]!r}", False)
        return Expectation(dict(self.ink.expected), dict(self.ink.forbidden))


def _feedback(world: World, name: str, shown: bool, private: bool, what: str) -> r.MemberFeedback:
    return r.MemberFeedback(
        member=name,
        skill=world.text(f"{what} skill practised", shown),
        strengths=world.text(f"{what} strengths", shown),
        suggestions=world.text(f"{what} suggestions", shown),
        self_assessment=world.text(f"{what} own assessment", shown),
        coach_notes=world.text(f"{what} coach's notes (private)", shown and private),
    )


def _rounds(world: World) -> tuple[r.ProblemRound, ...]:
    draw = world.draw
    rounds = []
    for number in range(1, draw(st.integers(0, 3)) + 1):
        kinds = draw(st.lists(st.sampled_from(("presenter", "member", "agreed")), max_size=4))
        statements = tuple(
            r.StatementLine(kind, world.member(i, "statement's author", True), world.text(kind))
            for i, kind in enumerate(kinds)
        )
        voters = world.some_members(draw(st.integers(0, 8)), number, "voter")
        votes = tuple(r.VoteLine(v, ("yes", "no", "close")[i % 3]) for i, v in enumerate(voters))
        rounds.append(r.ProblemRound(number, statements, votes))
    return tuple(rounds)


def _count(size: str) -> st.SearchStrategy[int]:
    """Up to 12 interventions in three examples of four, up to 300 in the fourth (CI time)."""
    return st.integers(0, 12) if size == "few" else st.integers(13, 300)


def _interventions(world: World, phases: list[str]) -> tuple[r.InterventionLine, ...]:
    draw = world.draw
    categories = (*CATEGORY_LABELS, "a_new_category")
    start = dt.datetime(2026, 11, 2, 9, 30)
    lines = []
    for i in range(draw(st.sampled_from(("few",) * 3 + ("many",)).flatmap(_count))):
        addressed = world.some_members(i % 3, i, "addressed")
        rated = world.some_members((i * 7) % 9, i + 1, "rater")
        lines.append(
            r.InterventionLine(
                offset_seconds=37.0 * i * (i % 7 + 1),
                at=None if i % 5 == 4 else start + dt.timedelta(seconds=40 * i),
                phase=phases[i % len(phases)] if i % 6 else "",
                category=categories[i % len(categories)],
                text=world.text("intervention"),
                response=world.text("response") if i % 2 else "",
                addressed=addressed,
                scores=tuple(r.ScoreLine(m, (i + k) % 11) for k, m in enumerate(rated)),
                added_afterwards=i % 4 == 1,
            )
        )
    return tuple(lines)


def _phases(world: World) -> tuple[r.PhaseLine, ...]:
    minutes = world.draw(st.lists(st.integers(0, 240), min_size=1, max_size=12))
    return tuple(
        r.PhaseLine(world.line("phase"), planned, None if i % 4 == 3 else planned * 0.9 + i)
        for i, planned in enumerate(minutes)
    )


def _summary(world: World) -> r.MeetingReport:
    draw, opts = world.draw, world.opts
    header = world.header()
    phases = _phases(world)
    attending = world.some_members(draw(st.integers(0, len(world.members))), 0, "attendee")
    presenting = set(attending[: draw(st.integers(0, 2))])
    attendees = tuple(r.AttendeeLine(name, "", "", True, name in presenting) for name in attending)
    with_feedback = draw(st.lists(st.booleans(), min_size=len(world.members)))
    feedback = tuple(
        _feedback(world, name, opts.include_feedback, opts.include_private_notes, "feedback")
        for name, chosen in zip(world.members, with_feedback, strict=False)
        if chosen
    )
    if opts.include_feedback:
        for fb in feedback:
            if not fb.is_empty:
                world.ink.show_name(fb.member, "feedback heading", world.hidden(fb.member))
    return r.MeetingReport(
        header=header,
        roster=tuple(world.members),
        named=world.named,
        attendees=attendees,
        problem_rounds=_rounds(world),
        phases=phases,
        interventions=_interventions(world, [p.name for p in phases]),
        participation=tuple(
            world.participation(world.member(i, "participant"), i, "participation")
            for i in range(len(world.members) if draw(st.booleans()) else 0)
        ),
        actions_reported=world.actions("action reported", reported=True),
        actions_committed=world.actions("action committed", reported=False),
        learnings=world.learnings(),
        coach_notes=world.text("coach's notes (private)", opts.include_private_notes),
        feedback=feedback,
        started_at=draw(st.none() | st.just(dt.datetime(2026, 11, 2, 9, 30))),
        actual_minutes=draw(st.none() | st.floats(0, 600)),
    )


def _sheet(world: World, header: r.ReportHeader, name: str, index: int) -> r.FeedbackSheet:
    draw = world.draw
    world.ink.show_name(name, "sheet's member", world.hidden(name))
    private = world.opts.include_private_notes
    return r.FeedbackSheet(
        header=header,
        roster=tuple(world.members),
        named=world.named,
        member=name,
        role=world.text("role", shown=not world.anonymised),  # a role names a member too
        leadership_skill=world.text("chosen skill"),
        presenter=index == 0,
        feedback=_feedback(world, name, True, private, "sheet") if draw(st.booleans()) else None,
        participation=world.participation(name, index, "sheet") if draw(st.booleans()) else None,
        actions=tuple(
            r.ActionLine(name, world.text("sheet action"), world.date(i))
            for i in range(draw(st.integers(0, 4)))
        ),
        actions_reported=tuple(
            r.ActionLine(
                name,
                world.text("sheet reported action"),
                None,
                "done",
                world.text("sheet report-back"),
            )
            for _ in range(draw(st.integers(0, 4)))
        ),
    )


def _sheets(world: World, per_member: bool) -> tuple[tuple[r.FeedbackSheet, ...], list]:
    """The sheets of some or all members, and each file's expectation."""
    header = world.header()
    chosen = world.draw(st.lists(st.booleans(), min_size=len(world.members)))
    shared = world.expectation()  # the header: on every sheet
    sheets, files = [], []
    for index, name in enumerate(world.members):
        if not chosen[index]:
            continue
        if per_member:
            world.ink.expected, world.ink.forbidden = dict(shared.expected), {}
        sheets.append(_sheet(world, header, name, index))
        if per_member:
            files.append(world.expectation())
    if per_member:
        return tuple(sheets), files
    if not sheets:  # the file says there are no sheets; it has no header to show
        world.ink.expected.clear()
    return tuple(sheets), [world.expectation()]


def _set_report(world: World) -> r.SetProgressReport:
    draw = world.draw
    header = world.header()
    count = draw(st.integers(0, 24))
    meetings = tuple(
        r.MeetingColumn(
            DAY + dt.timedelta(days=28 * i),
            world.line("meeting title") if i % 3 else "",
            world.some_members(i % 2, i, "presenter"),
        )
        for i in range(count)
    )
    marks = ("presenter", "present", "absent")
    members = world.members
    return r.SetProgressReport(
        header=header,
        roster=tuple(members),
        named=world.named,
        date_from=draw(st.none() | st.just(DAY)),
        date_to=draw(st.none() | st.just(DAY + dt.timedelta(days=700))),
        meetings=meetings,
        attendance=tuple(
            r.AttendanceRow(
                world.member(m, "attendance"), tuple(marks[(m + i) % 3] for i in range(count))
            )
            for m in range(len(members) if count else 0)
        ),
        actions=world.actions("set action", reported=True),
        participation=tuple(
            r.ParticipationSeries(
                world.member(m, "participation series"),
                tuple(
                    None if (m + i) % 4 == 3 else r.ParticipationLine(members[m], i % 7, m, 2, 1)
                    for i in range(count)
                ),
            )
            for m in range(len(members) if count else 0)
        ),
        agreed_problems=tuple(
            r.AgreedProblem(
                DAY,
                world.member(i, "problem's presenter", True),
                world.text("agreed problem"),
                world.text("problem as first stated"),
            )
            for i in range(draw(st.integers(0, 12)))
        ),
        learnings=world.learnings(),
    )


def _blank_sheet(world: World) -> r.BlankSheet:
    header = world.header()
    phases = world.draw(st.lists(st.integers(0, 240), min_size=1, max_size=12))
    return r.BlankSheet(
        header=header,
        roster=tuple(world.members),
        named=world.named,
        phases=tuple(
            r.BlankPhase(world.line("phase"), planned, sum(phases[:i]))
            for i, planned in enumerate(phases)
        ),
        members=tuple(
            r.RosterLine(world.member(i, "roster"), world.text("member's skill"), i == 0)
            for i in range(len(world.members))
        ),
    )


@st.composite
def examples(draw, documents: tuple[str, ...] = DOCUMENTS) -> Example:
    document = draw(st.sampled_from(documents))
    opts = draw(options(document))
    world = World(draw, opts)
    if document in ("feedback", "feedback files"):
        sheets, files = _sheets(world, per_member=document == "feedback files")
        return Example(document, sheets, opts, files, tuple(world.members))
    build = {"summary": _summary, "set report": _set_report, "blank sheet": _blank_sheet}
    report = build[document](world)
    return Example(document, report, opts, [world.expectation()], tuple(world.members))
