"""Keeping meetings no longer than the coach chose (README, "Your practice records").

An optional setting (`RETENTION_KEY`: whole years, 0 or none to keep everything) sets a horizon:
meetings dated before it can be removed, after the coach was offered an archive export. The
removal leaves no tombstones (another laptop keeps its own history: nothing of the deletion
travels), and imports leave out meetings dated before the horizon, so they do not come back.
"""

from __future__ import annotations

import datetime as dt

from alcoach.data import models as m
from alcoach.data.hlc import clock_of
from alcoach.data.settings import get_setting, set_setting
from alcoach.errors import ValidationError

RETENTION_KEY = "retention.years"
MAX_YEARS = 100


def retention_years() -> int:
    value = get_setting(RETENTION_KEY, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def set_retention_years(years: int) -> None:
    if not isinstance(years, int) or not 0 <= years <= MAX_YEARS:
        raise ValidationError(f"Meetings are kept for 1 to {MAX_YEARS} years, or 0 for always.")
    set_setting(RETENTION_KEY, years)


def horizon(today: dt.date | None = None) -> dt.date | None:
    """The first date kept: meetings before it are past the horizon (None: keep all)."""
    years = retention_years()
    if not years:
        return None
    today = today or dt.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def past_horizon(today: dt.date | None = None) -> list[int]:
    """The ids of meetings dated before the horizon, oldest first."""
    first = horizon(today)
    if first is None:
        return []
    mt = m.Meeting
    query = mt.select(mt.id).where(mt.date < first).order_by(mt.date, mt.id)
    return [row_id for (row_id,) in query.tuples()]


def remove_past_horizon(today: dt.date | None = None) -> int:
    """Remove the meetings before the horizon, with everything they hold, leaving no tombstone;
    how many went."""
    ids = past_horizon(today)
    if not ids:
        return 0
    db = m.database_proxy
    with db.atomic():
        before = clock_of(db.obj).stamp()  # every tombstone the deletion leaves is stamped after
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            m.Meeting.delete().where(m.Meeting.id.in_(chunk)).execute()
        m.Tombstone.delete().where(m.Tombstone.hlc > before).execute()
    return len(ids)
