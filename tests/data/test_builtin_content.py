"""Checks on the built-in question bank, agenda templates and leadership skills (no Qt)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from alcoach.resources import (
    load_builtin_questions,
    load_builtin_templates,
    load_leadership_skills,
    resource_path,
)

CATEGORIES = {
    "opening",
    "clarifying",
    "process",
    "reframing",
    "goals",
    "action",
    "learning",
    "leadership",
    "reporting_back",
    "closing",
}


@pytest.fixture(scope="module")
def questions():
    return load_builtin_questions()


@pytest.fixture(scope="module")
def templates():
    return {t.key: t for t in load_builtin_templates()}


def test_categories_valid(questions):
    assert {q.category for q in questions} <= CATEGORIES


def test_each_category_has_at_least_12(questions):
    counts = Counter(q.category for q in questions)
    for category in CATEGORIES:
        assert counts[category] >= 12, category


def test_total(questions):
    assert len(questions) >= 170


def test_keys_unique(questions):
    keys = [q.key for q in questions]
    assert len(keys) == len(set(keys))
    for q in questions:
        assert q.key.startswith(q.category + "-")


def test_texts_unique(questions):
    texts = [q.text.strip().lower() for q in questions]
    dupes = [t for t, n in Counter(texts).items() if n > 1]
    assert not dupes


def test_texts_are_questions(questions):
    for q in questions:
        assert q.text.strip().endswith("?"), q.key
        assert q.text == q.text.strip()


def test_tags_are_short_lowercase(questions):
    for q in questions:
        assert isinstance(q.tags, tuple)
        for tag in q.tags:
            assert tag == tag.lower() and " " not in tag, (q.key, tag)


def test_required_process_questions(questions):
    process = {q.text for q in questions if q.category == "process"}
    for text in (
        "How are we doing as a group, 1 to 10?",
        "What are we doing well?",
        "What could we do better?",
    ):
        assert text in process


def test_learning_covers_all_levels(questions):
    tags = {t for q in questions if q.category == "learning" for t in q.tags}
    assert {"individual", "team", "organisation"} <= tags


def test_template_keys(templates):
    assert {"single-60", "single-90", "multi-presenter"} <= set(templates)


@pytest.mark.parametrize("key,total", [("single-60", 60), ("single-90", 90)])
def test_single_totals(templates, key, total):
    assert sum(m for _, m in templates[key].phases) == total


def test_multi_presenter_slots(templates):
    slots: dict[int, float] = {}
    for name, minutes in templates["multi-presenter"].phases:
        match = re.match(r"Slot (\d+):", name)
        if match:
            slots[int(match.group(1))] = slots.get(int(match.group(1)), 0) + minutes
    assert sorted(slots) == [1, 2, 3, 4]
    assert all(total == 20 for total in slots.values())


def test_template_phases(templates):
    for template in templates.values():
        assert template.phases
        assert all(minutes > 0 for _, minutes in template.phases), template.key
        assert "reflection" in template.phases[-1][0].lower(), template.key


def test_leadership_skills():
    skills = load_leadership_skills()
    assert 20 <= len(skills) <= 30
    names = [s.name.strip().lower() for s in skills]
    assert len(names) == len(set(names))
    assert all(s.description.strip() for s in skills)


def test_resource_path_exists():
    for name in ("questions.json", "agenda_templates.json", "leadership_skills.json"):
        assert resource_path("content", name).is_file()
