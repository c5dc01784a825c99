"""Keeping meetings N years: the horizon, a removal that leaves no tombstone (nothing of it
travels), imports that leave older meetings out, and the commands."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import archive, interventions, meetings, retention
from alcoach.data import models as m
from alcoach.errors import ValidationError

TODAY = dt.date(2026, 12, 8)


def test_the_horizon_follows_the_setting(store):
    assert retention.retention_years() == 0 and retention.horizon(TODAY) is None
    retention.set_retention_years(5)
    assert retention.horizon(TODAY) == dt.date(2021, 12, 8)
    assert retention.horizon(dt.date(2028, 2, 29)) == dt.date(2023, 2, 28)
    with pytest.raises(ValidationError, match="1 to 100 years"):
        retention.set_retention_years(-1)


def test_removal_leaves_no_tombstone_and_imports_leave_old_meetings_out(sample_set):
    set_id = sample_set["set"].id
    old = meetings.create_meeting(set_id, dt.date(2019, 5, 6), title="Long ago")
    interventions.log_intervention(old.id, "An old note")
    doc = archive.export_archive()
    tombstones = m.Tombstone.select().count()
    assert retention.remove_past_horizon(TODAY) == 0  # keep all: nothing goes
    retention.set_retention_years(5)
    assert retention.past_horizon(TODAY) == [old.id]
    assert retention.remove_past_horizon(TODAY) == 1
    assert [mt.title for mt in meetings.list_meetings(set_id)] == ["Empty homes backlog"]
    assert m.Tombstone.select().count() == tombstones  # no deletion to carry anywhere
    assert not any(t["kind"] == "meeting" for t in archive.export_archive()["tombstones"])
    said = archive.import_archive(doc)
    assert "1 meeting left out (older than you keep meetings)" in said
    assert len(meetings.list_meetings(set_id)) == 1
