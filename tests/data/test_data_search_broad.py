"""Search over many matching notes: the newest first instead of ranking them all."""

from __future__ import annotations

import datetime as dt

from alcoach.data import interventions, search

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def test_a_broad_query_lists_the_newest_notes_first(sample_set, monkeypatch):
    meeting = sample_set["meeting"]
    logged = [
        interventions.log_intervention(meeting.id, f"Budget question {i}", now=T0).id
        for i in range(5)
    ]
    ranked = search.search_notes("budget")
    assert sorted(h.source_id for h in ranked) == logged

    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    newest = search.search_notes("budget", limit=3)
    assert [h.source_id for h in newest] == logged[::-1][:3]
    assert all("[budget]" in h.snippet.lower() for h in newest)
    # a narrow query is still ranked (and found) with the low threshold
    assert [h.source_id for h in search.search_notes("budget question 3")] == [logged[3]]
