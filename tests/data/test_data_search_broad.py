"""Search over many matching notes: the newest meeting first, or, past SORTED_MATCHES, the notes
last written first."""

from __future__ import annotations

import datetime as dt

from alcoach.data import interventions, meetings, search

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def test_hits_come_newest_meeting_first(sample_set):
    old = sample_set["meeting"]
    new = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 12, 1), title="Later")
    first = interventions.log_intervention(new.id, "Budget in the later meeting", now=T0).id
    second = interventions.log_intervention(old.id, "Budget in the earlier meeting", now=T0).id
    hits = search.search_notes("budget")
    assert [h.source_id for h in hits] == [first, second]
    assert [h.meeting_date for h in hits] == [dt.date(2026, 12, 1), dt.date(2026, 11, 2)]


def test_a_broad_query_lists_the_last_written_notes_first(sample_set, monkeypatch):
    meeting = sample_set["meeting"]
    logged = [
        interventions.log_intervention(meeting.id, f"Budget question {i}", now=T0).id
        for i in range(5)
    ]
    assert sorted(h.source_id for h in search.search_notes("budget")) == logged

    monkeypatch.setattr(search, "SORTED_MATCHES", 2)
    newest = search.search_notes("budget", limit=3)
    assert [h.source_id for h in newest] == logged[::-1][:3]
    assert all("[budget]" in h.marked().lower() for h in newest)
    assert [h.source_id for h in search.search_notes("budget question 3")] == [logged[3]]
