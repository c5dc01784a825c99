"""The question bank, agenda templates, settings and the seeding of built-in content."""

from __future__ import annotations

import pytest

from alcoach.data import content, questions, settings, templates
from alcoach.data.records import TemplatePhase
from alcoach.errors import NotFoundError, ValidationError
from alcoach.resources import BuiltinQuestion, load_builtin_questions, load_builtin_templates

# --- question bank ----------------------------------------------------------------------------


def test_bank_is_seeded_with_the_builtin_questions(store):
    listed = questions.list_questions()
    assert len(listed) == len(load_builtin_questions())
    assert all(q.builtin and not q.archived and q.uses == 0 for q in listed)


def test_list_order_is_favourites_then_uses_then_text(store):
    a = questions.add_question("aaa own question", "process")
    b = questions.add_question("Bbb own question", "process")
    c = questions.add_question("ccc own question", "process", favourite=True)
    d = questions.add_question("ddd own question", "process", favourite=True)
    for _ in range(2):
        questions.count_question_use(b.id)
    questions.count_question_use(d.id)

    ids = [q.id for q in questions.list_questions()]
    assert ids[:4] == [d.id, c.id, b.id, a.id]
    assert ids.index(b.id) < ids.index(a.id)  # used beats unused
    builtin_texts = [q.text for q in questions.list_questions() if q.builtin]
    assert builtin_texts == sorted(builtin_texts, key=str.lower)


def test_add_edit_favourite_archive(store):
    own = questions.add_question(
        "  What <would> you & I notice?  ", "reframing", tags=["mine", " ", "team "]
    )
    assert own.text == "What <would> you & I notice?"
    assert own.tags == ("mine", "team")
    assert not own.builtin

    edited = questions.update_question(own.id, text="Edited", category="goals", tags=[])
    assert (edited.text, edited.category, edited.tags) == ("Edited", "goals", ())
    assert questions.set_favourite(own.id, True).favourite
    questions.archive_question(own.id)
    assert own.id not in {q.id for q in questions.list_questions()}
    assert own.id in {q.id for q in questions.list_questions(include_archived=True)}
    assert not questions.archive_question(own.id, archived=False).archived


def test_question_validation(store):
    with pytest.raises(ValidationError, match="needs some text"):
        questions.add_question("   ", "process")
    with pytest.raises(ValidationError, match="not a category"):
        questions.add_question("Why?", "gossip")
    own = questions.add_question("Why?", "process")
    with pytest.raises(ValidationError):
        questions.update_question(own.id, text="")
    with pytest.raises(NotFoundError):
        questions.get_question(99999)
    assert questions.get_question(own.id).text == "Why?"


# --- agenda templates -------------------------------------------------------------------------


def test_builtin_templates_are_listed(store):
    listed = templates.list_templates()
    assert [t.name for t in listed] == [t.name for t in load_builtin_templates()]
    assert all(t.builtin for t in listed)
    sixty = next(t for t in listed if "60" in t.name)
    assert sixty.total_minutes == 60


def test_own_template_create_update_archive(store):
    own = templates.create_template("Short check-in", [("Check-in", 5), TemplatePhase("Act", 10)])
    assert not own.builtin
    assert own.phases == (TemplatePhase("Check-in", 5.0), TemplatePhase("Act", 10.0))
    updated = templates.update_template(own.id, name="Quick", phases=[("Only", 7.5)])
    assert (updated.name, updated.total_minutes) == ("Quick", 7.5)
    templates.archive_template(own.id)
    assert own.id not in {t.id for t in templates.list_templates()}
    assert templates.get_template(own.id).name == "Quick"


@pytest.mark.parametrize(
    "name, phases, message",
    [
        (" ", [("A", 5)], "needs a name"),
        ("T", [(" ", 5)], "needs a name"),
        ("T", [("A", 0)], "more than 0"),
        ("T", [("A", -5)], "more than 0"),
    ],
)
def test_template_validation(store, name, phases, message):
    with pytest.raises(ValidationError, match=message):
        templates.create_template(name, phases)
    assert all(t.builtin for t in templates.list_templates())


# --- settings ---------------------------------------------------------------------------------


def test_settings_round_trip(store):
    assert settings.get_setting("ui.zoom", 100) == 100
    settings.set_setting("ui.zoom", 125)
    settings.set_setting("ui.columns", {"text": 300, "名前": [1, 2]})
    settings.set_setting("ui.zoom", 150)
    assert settings.get_setting("ui.zoom") == 150
    assert settings.get_setting("ui.columns") == {"text": 300, "名前": [1, 2]}


def test_coach_profile(store):
    assert settings.coach_profile() == {"name": "", "credentials": ""}
    settings.set_coach_profile("Morgan Ellis", "WIAL CALC")
    assert settings.coach_profile() == {"name": "Morgan Ellis", "credentials": "WIAL CALC"}


# --- seeding ----------------------------------------------------------------------------------


def test_seeding_again_adds_nothing(store):
    before = questions.list_questions(include_archived=True)
    assert content.seed_builtin_content() == 0
    assert content.seed_builtin_content() == 0
    assert questions.list_questions(include_archived=True) == before
    assert len(templates.list_templates(include_archived=True)) == len(load_builtin_templates())


def test_reseed_keeps_the_coachs_edits_and_archives(store):
    first, second, *_ = [q for q in questions.list_questions() if q.builtin]
    questions.update_question(first.id, text="My own wording", category="other")
    questions.archive_question(second.id)
    sixty = next(t for t in templates.list_templates() if "60" in t.name)
    templates.update_template(sixty.id, name="My 60")
    templates.archive_template(sixty.id)

    assert content.seed_builtin_content() == 0

    assert questions.get_question(first.id).text == "My own wording"
    assert questions.get_question(first.id).category == "other"
    assert questions.get_question(second.id).archived
    texts = [q.text for q in questions.list_questions(include_archived=True)]
    assert texts.count(first.text) == 0  # not re-added beside the edited one
    assert texts.count(second.text) == 1  # not resurrected
    assert sixty.id not in {t.id for t in templates.list_templates()}
    assert "My 60" in {t.name for t in templates.list_templates(include_archived=True)}


def test_a_new_builtin_question_is_added_on_reseed(store, monkeypatch):
    extra = BuiltinQuestion(
        "process-new-99", "What is the question behind our questions?", "process", ("new",)
    )
    shipped = load_builtin_questions()
    monkeypatch.setattr(content, "load_builtin_questions", lambda: (*shipped, extra))

    assert content.seed_builtin_content() == 1
    assert content.seed_builtin_content() == 0
    added = [q for q in questions.list_questions() if q.text == extra.text]
    assert len(added) == 1
    assert added[0].builtin and added[0].category == "process" and added[0].tags == ("new",)
