"""An archive import indexes its notes for search after the import (alcoach.data.search_index):
the same index the per-note triggers build, updated notes re-indexed, the triggers put back after
the import and after a failed one."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from alcoach.data import demo, hlc, interventions, meetings, search_index
from alcoach.data import models as m
from alcoach.data.archive import export_archive, import_archive
from alcoach.data.search import search_notes
from alcoach.data.store import open_store
from alcoach.errors import ArchiveError

QUERIES = ("letter", "承运", "李明", "discharge", "wh", "ö", "readmissions family")


def _index() -> dict[str, object]:
    db = m.database_proxy
    db.execute_sql("INSERT INTO note_trigram (note_trigram) VALUES ('integrity-check')")
    db.execute_sql("INSERT INTO note_grams (note_grams) VALUES ('integrity-check')")
    return {
        "notes": sorted(db.execute_sql("SELECT source, folded FROM note_text").fetchall()),
        "found": {
            q: sorted((h.source, h.snippet) for h in search_notes(q, limit=500)) for q in QUERIES
        },
    }


def _triggers() -> set[tuple[str, str]]:
    rows = m.database_proxy.execute_sql("SELECT name, sql FROM sqlite_master WHERE type='trigger'")
    return set(rows.fetchall())


@pytest.fixture
def demo_archive(tmp_path):
    store = open_store(tmp_path / "source")
    demo.add_demo_programme(today=dt.date(2026, 11, 2))
    meeting = meetings.latest_meeting()
    interventions.log_intervention(meeting.id, "承运商的问题 — Öffnung der Lieferkette, 李明")
    doc = export_archive()
    store.close()
    return doc


def test_an_import_indexes_every_note_as_the_per_note_triggers_do(tmp_path, demo_archive):
    store = open_store(tmp_path / "bulk")
    import_archive(demo_archive)
    bulk = _index()
    store.close()

    store = open_store(tmp_path / "per-note")
    with pytest.MonkeyPatch.context() as patch:  # the triggers index each note as it is written
        patch.setattr(search_index, "indexing_after", lambda db: contextlib.nullcontext())
        import_archive(demo_archive)
    per_note = _index()
    store.close()

    assert bulk == per_note
    assert len(bulk["notes"]) > 50 and all(bulk["found"][q] for q in ("承运", "ö", "李明"))


def test_a_second_import_reindexes_the_notes_it_changes(tmp_path, demo_archive):
    store = open_store(tmp_path / "data")
    import_archive(demo_archive)
    note = next(
        i
        for mt in demo_archive["meetings"]
        for i in mt["interventions"]
        if i["text"].startswith("承运商")
    )
    note["text"] = "Zanzibar quokka, a word no other note holds"
    note["hlc"] = hlc.format_stamp(hlc.wall_micros() + 1_000_000, 0, "f" * 16)  # changed later
    import_archive(demo_archive)

    assert [h.snippet for h in search_notes("quokka")] == [note["text"]]
    assert search_notes("承运") == []  # the old words are out of the index
    _index()  # the indexes pass their integrity checks
    store.close()


def test_the_triggers_come_back_after_an_import_and_a_failed_one(tmp_path, demo_archive):
    store = open_store(tmp_path / "data")
    before = _triggers()
    import_archive(demo_archive)
    assert _triggers() == before

    broken = dict(demo_archive, meetings=[*demo_archive["meetings"], {"date": "not a date"}])
    with pytest.raises(ArchiveError):
        import_archive(broken)
    assert _triggers() == before
    assert "search_pending" not in str(
        m.database_proxy.execute_sql("SELECT name FROM sqlite_temp_master").fetchall()
    )

    meeting = meetings.latest_meeting()
    interventions.log_intervention(meeting.id, "Ein Wombat im Besprechungsraum")
    assert [h.snippet for h in search_notes("wombat")] == ["Ein Wombat im Besprechungsraum"]
    store.close()


def test_indexing_after_needs_a_transaction(store):
    with (
        pytest.raises(RuntimeError, match="needs a transaction"),
        search_index.indexing_after(m.database_proxy.obj),
    ):
        pass
