"""Hours targets and the progress towards each: WIAL's certification levels built in, and the
coach's own (an ICF credential's, a renewal's) kept as records.

A target asks for a total of hours; optionally a part of them of one kind (PALC: 100 h, of which
50 coaching), a minimum span from the first hour counted to the day of asking (at least a year), a
long-term project (a set the coach led, as coach or co-coach, in at least N meetings spread over
at least D days) and a date from which hours count (a renewal's). A credential's expiry date is
shown beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from alcoach.data import models as m
from alcoach.data.convert import get_or_raise
from alcoach.data.hours import hours_log
from alcoach.data.practice_records import (
    HoursRow,
    Progress,
    TargetSpec,
    hours_words,
)
from alcoach.errors import ValidationError
from alcoach.vocabulary import HOURS_KINDS, hours_kind_label

LEADING_ROLES = ("coach", "co_coach")


# WIAL's levels as the issue of this feature read them: "at least four sessions over several
# weeks" is taken as four meetings spread over at least three weeks.
BUILTIN_TARGETS: tuple[TargetSpec, ...] = (
    TargetSpec("PALC", 100 * 60, "coaching", 50 * 60, 365, 4, 21,
               note="WIAL Professional Action Learning Coach"),
    TargetSpec("SALC", 100 * 60, None, 0, 730, 4, 21,
               note="WIAL Senior Action Learning Coach"),
    TargetSpec("MALC", 500 * 60, note="WIAL Master Action Learning Coach"),
)  # fmt: skip


def _project(rows: list[HoursRow], spec: TargetSpec) -> str:
    by_set: dict[int, list[HoursRow]] = {}
    for row in rows:
        if row.meeting_id is not None and row.set_id is not None and row.role in LEADING_ROLES:
            by_set.setdefault(row.set_id, []).append(row)
    for meetings in by_set.values():
        days = {r.date for r in meetings}
        if len(meetings) >= spec.project_meetings and (
            (max(days) - min(days)).days >= spec.project_days
        ):
            return meetings[0].set_name
    return ""


def progress(spec: TargetSpec, rows: Iterable[HoursRow], today: dt.date | None = None) -> Progress:
    today = today or dt.date.today()
    counted = [r for r in rows if spec.counts_from is None or r.date >= spec.counts_from]
    minutes = sum(r.minutes for r in counted)
    part = sum(r.minutes for r in counted if r.kind == spec.part_kind)
    first = min((r.date for r in counted if r.minutes), default=None)
    span = (today - first).days if first is not None else 0
    project = _project(counted, spec) if spec.project_meetings else ""
    missing = []
    if minutes < spec.total_minutes:
        missing.append(hours_words(spec.total_minutes - minutes))
    if spec.part_kind and part < spec.part_minutes:
        kind = hours_kind_label(spec.part_kind).lower()
        missing.append(f"{hours_words(spec.part_minutes - part)} of {kind}")
    if spec.min_span_days and span < spec.min_span_days:
        left = spec.min_span_days - span
        missing.append(f"{left:,} more day{'s' if left != 1 else ''} of practice")
    if spec.project_meetings and not project:
        missing.append("1 long-term project")
    expired = spec.expires is not None and spec.expires < today
    return Progress(spec, minutes, part, span, project, tuple(missing), expired)


def _spec(row: m.Target) -> TargetSpec:
    return TargetSpec(
        row.name, row.total_minutes, row.part_kind, row.part_minutes, row.min_span_days,
        row.project_meetings, row.project_days, row.counts_from, row.expires, row.id,
    )  # fmt: skip


def list_targets() -> list[TargetSpec]:
    """The built-in targets, then the coach's own by name."""
    own = m.Target.select().order_by(m.Target.name, m.Target.id)
    return [*BUILTIN_TARGETS, *(_spec(row) for row in own)]


def all_progress(today: dt.date | None = None) -> list[Progress]:
    """Progress towards every target, over every hour in the log."""
    rows = hours_log()
    return [progress(spec, rows, today) for spec in list_targets()]


def _check(spec: TargetSpec) -> None:
    if not spec.name.strip():
        raise ValidationError("A target needs a name.")
    if spec.name.strip().upper() in {t.name for t in BUILTIN_TARGETS}:
        raise ValidationError(f"{spec.name.strip()} is built in already.")
    if not 1 <= spec.total_minutes <= 100_000 * 60:
        raise ValidationError("A target asks for 1 to 100,000 hours.")
    if spec.part_kind is not None and spec.part_kind not in HOURS_KINDS:
        raise ValidationError(f"A part is of one kind: {', '.join(HOURS_KINDS)}.")
    if not 0 <= spec.part_minutes <= spec.total_minutes:
        raise ValidationError("A target's part cannot ask for more hours than its total.")
    for value, what in ((spec.min_span_days, "span"), (spec.project_days, "project's span")):
        if not 0 <= value <= 100 * 366:
            raise ValidationError(f"A target's {what} is 0 to 100 years.")
    if not 0 <= spec.project_meetings <= 1000:
        raise ValidationError("A long-term project asks for 0 to 1,000 meetings.")


def _fields(spec: TargetSpec) -> dict[str, object]:
    """What a target keeps, checked: its name trimmed, no part without a kind."""
    _check(spec)
    return {
        "name": spec.name.strip(), "total_minutes": spec.total_minutes,
        "part_kind": spec.part_kind, "part_minutes": spec.part_minutes if spec.part_kind else 0,
        "min_span_days": spec.min_span_days, "project_meetings": spec.project_meetings,
        "project_days": spec.project_days, "counts_from": spec.counts_from,
        "expires": spec.expires,
    }  # fmt: skip


def add_target(spec: TargetSpec) -> TargetSpec:
    return _spec(m.Target.create(**_fields(spec)))


def update_target(target_id: int, spec: TargetSpec) -> TargetSpec:
    row = get_or_raise(m.Target, target_id, "target")
    for name, value in _fields(spec).items():
        setattr(row, name, value)
    row.save()
    return _spec(row)


def delete_target(target_id: int) -> None:
    get_or_raise(m.Target, target_id, "target").delete_instance()
