"""The practice records as plain data (no database): the hours log's rows and totals, targets
and progress towards them, and the coaching log, for the window and the documents alike
(alcoach.data.hours, alcoach.data.targets and alcoach.data.coaching_log fill them)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from alcoach.formatting import DEFAULT_DATE_STYLE
from alcoach.vocabulary import HOURS_KINDS


class HoursRow(NamedTuple):
    """One entry of the log: a meeting (`meeting_id`) or hours added by hand (`entry_id`)."""

    date: dt.date
    minutes: int
    kind: str  # alcoach.vocabulary.HOURS_KINDS
    role: str  # alcoach.vocabulary.COACH_ROLES
    paid: bool
    set_id: int | None
    set_name: str
    programme_id: int | None
    programme_name: str
    organisation: str
    group_size: int | None
    description: str  # a meeting's title, or what the entry was
    meeting_id: int | None = None
    entry_id: int | None = None
    open: bool = False  # started and never ended: counted up to its last stamp

    @property
    def hours(self) -> float:
        return self.minutes / 60


class HoursFilter(NamedTuple):
    start: dt.date | None = None
    end: dt.date | None = None
    programme_id: int | None = None


class Totals(NamedTuple):
    """Minutes in all and by kind; how many meetings, and how many of them never ended."""

    minutes: int
    by_kind: dict[str, int]
    meetings: int
    open_meetings: int
    paid_minutes: int

    @property
    def pro_bono_minutes(self) -> int:
        return self.minutes - self.paid_minutes


def totals(rows: Iterable[HoursRow]) -> Totals:
    by_kind = dict.fromkeys(HOURS_KINDS, 0)
    minutes = meetings = open_meetings = paid = 0
    for row in rows:
        minutes += row.minutes
        by_kind[row.kind] = by_kind.get(row.kind, 0) + row.minutes
        paid += row.minutes if row.paid else 0
        if row.meeting_id is not None:
            meetings += 1
            open_meetings += row.open
    return Totals(minutes, by_kind, meetings, open_meetings, paid)


def totals_by_year(rows: Iterable[HoursRow]) -> dict[int, Totals]:
    """The totals of each calendar year that has hours, oldest first."""
    years: dict[int, list[HoursRow]] = {}
    for row in rows:
        years.setdefault(row.date.year, []).append(row)
    return {year: totals(years[year]) for year in sorted(years)}


class TargetSpec(NamedTuple):
    name: str
    total_minutes: int
    part_kind: str | None = None
    part_minutes: int = 0
    min_span_days: int = 0
    project_meetings: int = 0
    project_days: int = 0
    counts_from: dt.date | None = None
    expires: dt.date | None = None
    id: int | None = None  # None: built in
    note: str = ""


class Progress(NamedTuple):
    target: TargetSpec
    minutes: int
    part_minutes: int
    span_days: int
    project: str  # the set that makes the long-term project, "" when none does
    missing: tuple[str, ...]  # what is still missing, in words ("34 h", "1 long-term project")
    expired: bool

    @property
    def met(self) -> bool:
        return not self.missing

    @property
    def sentence(self) -> str:
        """'34 h and 1 long-term project to PALC', or 'PALC: every requirement met'."""
        name = self.target.name
        if self.met:
            return f"{name}: every requirement met"
        words = list(self.missing)
        said = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        return f"{said} to {name}"


def hours_words(minutes: int) -> str:
    """A shortfall in words: whole hours rounded up ("34 h"), minutes when under an hour."""
    return f"{minutes} min" if minutes < 60 else f"{math.ceil(minutes / 60):,} h"


@dataclass(frozen=True)
class Attendee:
    name: str
    named: bool  # agreed to be named in the coaching log


@dataclass(frozen=True)
class LogLine:
    row: HoursRow
    attendees: tuple[Attendee, ...] = ()


@dataclass(frozen=True)
class ClientLine:
    """One client organisation (or programme) with its sessions in the log."""

    client: str
    first: dt.date
    last: dt.date
    sessions: int
    minutes: int
    paid_minutes: int
    largest_group: int | None


@dataclass(frozen=True)
class CoachingLog:
    coach_name: str
    credentials: str
    made_on: dt.date
    which: HoursFilter
    programme_name: str
    lines: tuple[LogLine, ...]
    clients: tuple[ClientLine, ...]
    every: Totals
    by_year: dict[int, Totals]
    progress: tuple[Progress, ...]
    date_style: str = DEFAULT_DATE_STYLE
    roster: tuple[str, ...] = field(default=())  # every attendee's name, for the anonymiser

    @property
    def named(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.name for line in self.lines for a in line.attendees
                                   if a.named))  # fmt: skip
