"""Helpers for tests of encrypted data folders: a folder full of marked words, and a scan of
every file's raw bytes for them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alcoach.data import feedback, interventions, meetings, sets, templates
from alcoach.data.backup import backup_now
from alcoach.data.store import open_store

PASSPHRASE = "a long walk by the river"
MARKERS = ("Qzxv-note-marker", "Wmbq-feedback-marker", "Jkfp-member-marker", "秘密メモ標識")


def fill_folder(data_dir: Path, *, backups: int = 2) -> None:
    """A set, a meeting with notes and feedback holding MARKERS, and `backups` backups."""
    store = open_store(data_dir)
    try:
        learning_set = sets.create_set("Set Teal")
        member = sets.add_member(learning_set.id, f"Ana {MARKERS[2]}")
        template = templates.list_templates()[0]
        meeting = meetings.create_meeting(
            learning_set.id, dt.date(2026, 11, 2), title="Backlog", template_id=template.id
        )
        interventions.log_intervention(meeting.id, f"What is {MARKERS[0]} for you?")
        interventions.log_intervention(meeting.id, f"Note {MARKERS[3]}")
        feedback.save_feedback(meeting.id, member.id, strengths=MARKERS[1])
        for n in range(backups):
            backup_now(store.db_path, reason="manual", now=dt.datetime(2026, 11, 2, 9, n))
    finally:
        store.close()


def files_of(data_dir: Path) -> list[Path]:
    return sorted(p for p in Path(data_dir).rglob("*") if p.is_file())


def readable_markers(data_dir: Path, markers: tuple[str, ...] = MARKERS) -> list[str]:
    """Each (file, marker) whose marker is in the file's raw bytes (UTF-8 or UTF-16)."""
    found = []
    for path in files_of(data_dir):
        raw = path.read_bytes()
        for marker in markers:
            if marker.encode() in raw or marker.encode("utf-16-le") in raw:
                found.append(f"{path.name}: {marker}")
    return found
