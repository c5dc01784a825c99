"""Shared fixtures: every test gets its own data folder and database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # screens of known size (1920x1080, 1280x720, 1366x768, and 1024x576 = 1280x720 at 125%):
    # the window is laid out for the screen it is on; the layout tests move it between them
    SCREENS = Path(__file__).parent / "support" / "screens.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS}"


@pytest.fixture
def store(tmp_path: Path):
    """An open, seeded database in a temporary folder, bound to the models."""
    from alcoach.data.store import open_store

    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def sample_set(store):
    """A set of four members (the second presenting) and a meeting from the 60-minute template."""
    import datetime as dt

    from alcoach.data import meetings, sets, templates

    programme = sets.create_programme("Riverside leadership", sponsor="Head of People")
    learning_set = sets.create_set("Set Blue", programme_id=programme.id, cadence="monthly")
    members = [
        sets.add_member(learning_set.id, name, leadership_skill=skill)
        for name, skill in [
            ("Dana Whitfield", "Listening"),
            ("Kofi Mensah", "Asking open questions"),
            ("Ines Duarte", "Giving feedback"),
            ("Ravi Patel", "Systems thinking"),
        ]
    ]
    template = next(t for t in templates.list_templates() if "60" in t.name)
    meeting = meetings.create_meeting(
        learning_set.id,
        dt.date(2026, 11, 2),
        title="Empty homes backlog",
        location="Civic Centre",
        template_id=template.id,
        presenter_ids=[members[1].id],
    )
    return {"set": learning_set, "members": members, "meeting": meeting, "programme": programme}


@pytest.fixture
def ctx(store):
    """The window's shared context on the test's database, with a clock the test moves."""
    from fake_clock import FakeClock

    from alcoach.ui.kit.context import AppContext

    return AppContext(data_dir=store.data_dir, db_path=store.db_path, clock=FakeClock())


@pytest.fixture(autouse=True)
def _no_keys_between_tests():
    """An encrypted folder's keys live for the process (alcoach.data.cipher): each test starts
    with none, as a new process would."""
    yield
    from alcoach.data.cipher import forget_keys

    forget_keys()
