"""Paths to bundled resources and loaders for the built-in content (no Qt, no database)."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, also when frozen by PyInstaller."""
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        base = Path(sys._MEIPASS) / "resources"
    else:
        base = Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)


class BuiltinQuestion(NamedTuple):
    key: str
    text: str
    category: str
    tags: tuple[str, ...]


class BuiltinTemplate(NamedTuple):
    key: str
    name: str
    phases: tuple[tuple[str, float], ...]


class LeadershipSkill(NamedTuple):
    name: str
    description: str


def _load(name: str) -> Any:
    with resource_path("content", name).open(encoding="utf-8") as f:
        return json.load(f)


@functools.cache
def load_builtin_questions() -> tuple[BuiltinQuestion, ...]:
    return tuple(
        BuiltinQuestion(q["key"], q["text"], q["category"], tuple(q.get("tags", ())))
        for q in _load("questions.json")
    )


@functools.cache
def load_builtin_templates() -> tuple[BuiltinTemplate, ...]:
    return tuple(
        BuiltinTemplate(
            t["key"], t["name"], tuple((p["name"], float(p["minutes"])) for p in t["phases"])
        )
        for t in _load("agenda_templates.json")
    )


@functools.cache
def load_leadership_skills() -> tuple[LeadershipSkill, ...]:
    return tuple(
        LeadershipSkill(s["name"], s["description"]) for s in _load("leadership_skills.json")
    )
