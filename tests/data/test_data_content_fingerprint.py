"""Opening a data folder seeds the built-in content only when the packaged content changed (a
fingerprint kept in the settings); an upgrade still adds new questions and never resurrects what
the coach edited or archived; on a file not checked yet, the full check comes before that write."""

from __future__ import annotations

import hashlib

import pytest
from damaged_db import _damage_a_page, _filled_database

from alcoach.data import content, questions
from alcoach.data.store import open_store
from alcoach.errors import CorruptDatabaseError
from alcoach.resources import BuiltinQuestion, load_builtin_questions


def test_a_new_database_keeps_the_fingerprint_and_the_next_open_does_not_seed(
    tmp_path, monkeypatch
):
    store = open_store(tmp_path / "data")
    assert content.changed_fingerprint() is None
    store.close()

    def must_not_run() -> int:
        raise AssertionError("seeded although the content did not change")

    monkeypatch.setattr(content, "seed_builtin_content", must_not_run)
    store = open_store(tmp_path / "data", defer_check=True)
    assert len(questions.list_questions()) == len(load_builtin_questions())
    store.close()


def test_new_packaged_content_is_added_on_open_and_archived_questions_stay_archived(
    tmp_path, monkeypatch
):
    store = open_store(tmp_path / "data")
    first = next(q for q in questions.list_questions() if q.builtin)
    questions.archive_question(first.id)
    store.close()

    extra = BuiltinQuestion("process-new-99", "What are we not asking? 🤔 <&>", "process", ())
    shipped = load_builtin_questions()
    monkeypatch.setattr(content, "load_builtin_questions", lambda: (*shipped, extra))
    monkeypatch.setattr(content, "content_fingerprint", lambda: "the next release")
    store = open_store(tmp_path / "data", defer_check=True)
    texts = [q.text for q in questions.list_questions(include_archived=True)]
    assert texts.count(extra.text) == 1
    assert texts.count(first.text) == 1 and questions.get_question(first.id).archived
    assert content.changed_fingerprint() is None
    store.close()


def test_new_content_on_a_damaged_file_is_refused_before_writing(tmp_path, monkeypatch):
    path = _filled_database(tmp_path)
    _damage_a_page(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    monkeypatch.setattr(content, "content_fingerprint", lambda: "the next release")
    with pytest.raises(CorruptDatabaseError, match="no backup yet"):
        open_store(path.parent, defer_check=True)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
