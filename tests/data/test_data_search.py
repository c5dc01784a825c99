"""Search over every note: what it finds, parts of words, edits, deletes, hostile input."""

from __future__ import annotations

import datetime as dt

import pytest

from alcoach.data import actions, feedback, interventions, learnings, meetings, problems
from alcoach.data.search import query_words, search_notes

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def notes(sample_set):
    """One distinctive word in each kind of note."""
    meeting = sample_set["meeting"]
    dana, kofi, *_ = sample_set["members"]
    made = {
        "intervention": interventions.log_intervention(
            meeting.id, "What about the marmalade?", response="giraffes", now=T0
        ).id,
        "feedback": None,
        "action": actions.commit_action(meeting.id, "Phone the xylophonist", owner_id=kofi.id).id,
        "learning": learnings.add_learning(meeting.id, "team", "We love quinoa").id,
        "problem": problems.add_problem_statement(
            meeting.id, "presenter", "The zeppelin backlog", member_id=kofi.id
        ).id,
        "meeting": meeting.id,
    }
    feedback.save_feedback(meeting.id, dana.id, strengths="Wonderful kaleidoscope thinking")
    meetings.set_coach_notes(meeting.id, "Private: watch the walrus")
    return made


@pytest.mark.parametrize(
    "word, source",
    [
        ("marmalade", "intervention"),
        ("giraffes", "intervention"),
        ("kaleidoscope", "feedback"),
        ("xylophonist", "action"),
        ("quinoa", "learning"),
        ("zeppelin", "problem"),
        ("walrus", "meeting"),
    ],
)
def test_finds_text_in_every_kind_of_note(sample_set, notes, word, source):
    hits = search_notes(word)
    assert [h.source for h in hits] == [source]
    hit = hits[0]
    assert hit.meeting_id == sample_set["meeting"].id
    assert f"[{word}]" in hit.marked().lower()
    assert hit.set_name == "Set Blue"
    assert hit.meeting_label == sample_set["meeting"].label
    if notes[source] is not None:
        assert hit.source_id == notes[source]


def test_prefix_and_case_and_several_words(notes):
    assert [h.source for h in search_notes("marma")] == ["intervention"]
    assert [h.source for h in search_notes("ZEPP")] == ["problem"]
    assert [h.source for h in search_notes("zeppelin back")] == ["problem"]
    assert search_notes("zeppelin walrus") == []  # every word must be in the same note
    assert [h.source for h in search_notes("rmalad")] == ["intervention"]  # inside a word


def test_accents_are_ignored(sample_set):
    interventions.log_intervention(sample_set["meeting"].id, "Zoë's café idea", now=T0)
    assert len(search_notes("zoe cafe")) == 1
    assert len(search_notes("Zoë")) == 1


def test_index_follows_edits_and_deletes(sample_set, notes):
    interventions.update_intervention(notes["intervention"], text="Now about porcupines")
    assert search_notes("marmalade") == []
    assert [h.source_id for h in search_notes("porcupine")] == [notes["intervention"]]

    deleted = interventions.delete_intervention(notes["intervention"])
    assert search_notes("porcupine") == []
    interventions.restore_intervention(deleted)
    assert len(search_notes("porcupine")) == 1

    actions.report_back(notes["action"], "done", note="Rang the trombonist too")
    assert [h.source for h in search_notes("trombonist")] == ["action"]
    actions.delete_action(notes["action"])
    assert search_notes("xylophonist") == []

    learnings.update_learning(notes["learning"], text="We love couscous")
    assert search_notes("quinoa") == [] and len(search_notes("couscous")) == 1
    problems.update_problem_statement(notes["problem"], "The airship backlog")
    assert search_notes("zeppelin") == [] and len(search_notes("airship")) == 1
    meetings.set_coach_notes(notes["meeting"], "")
    assert search_notes("walrus") == []

    meetings.delete_meeting(notes["meeting"])
    for word in ("porcupine", "couscous", "airship", "kaleidoscope"):
        assert search_notes(word) == []


@pytest.mark.parametrize(
    "hostile",
    [
        '"AND OR NOT *"(',
        "NEAR(a b)",
        "col:val",
        "^start",
        "'; DROP TABLE meeting; --",
        '""""',
        "*",
        "-",
        "a" * 5000,
        "\x00",
    ],
)
def test_hostile_input_does_not_raise(notes, hostile):
    assert isinstance(search_notes(hostile), list)


def test_empty_query_finds_nothing(notes):
    assert query_words("   ") == []
    assert search_notes("") == []
    assert search_notes("   ") == []
