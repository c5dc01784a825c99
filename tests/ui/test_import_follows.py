"""The window follows an import at once, from what the import changed: the open meeting shows the
merged notes, the panels whose records did not change are left alone, and the meeting's undo
keeps the steps the import left valid while dropping those it made invalid."""

from __future__ import annotations

import json

import pytest
from data_window import (
    CTRL,
    SHIFT,
    WAIT_MS,
    log_intervention,
    logged,
    open_window,
    shown_in_log,
    status_text,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from alcoach.data import archive, hlc


@pytest.fixture
def window(qtbot, ctx, sample_set):
    yield from open_window(qtbot, ctx)


def later_stamp(seconds: float = 1.0) -> str:
    """A stamp of another laptop, made a moment after now."""
    return hlc.format_stamp(hlc.wall_micros() + int(seconds * 1_000_000), 0, "ab" * 8)


def import_doc(qtbot, window, doc, path) -> str:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with qtbot.waitSignal(window.data_actions.import_finished, timeout=WAIT_MS) as signal:
        window.data_actions.import_file(path)
    return signal.args[0]


def notes_of(doc):
    return next(mt for mt in doc["meetings"] if mt["interventions"])["interventions"]


def test_an_import_shows_at_once_in_the_open_meeting_and_ctrl_z_never_writes_over_it(
    qtbot, window, ctx, sample_set, tmp_path, monkeypatch
):
    from alcoach.data import archive, hlc

    meeting_id = sample_set["meeting"].id
    log_intervention(qtbot, window, "Keep me")
    log_intervention(qtbot, window, "Deleted elsewhere")
    qtbot.waitUntil(lambda: logged(meeting_id) == ["Keep me", "Deleted elsewhere"])
    # the other laptop's archive: it edited the first note and deleted the second, later
    doc = archive.export_archive()
    notes = next(mt for mt in doc["meetings"] if mt["interventions"])["interventions"]
    later = hlc.format_stamp(hlc.wall_micros() + 1_000_000, 0, "ab" * 8)
    notes[0].update(text="Edited elsewhere", hlc=later, base=notes[0]["hlc"])
    gone = notes.pop(1)
    doc["tombstones"].append(
        {"uid": gone["uid"], "kind": "intervention", "deleted_at": "2026-11-02T10:00:00Z",
         "hlc": later, "lifted": False}
    )  # fmt: skip
    other = tmp_path / "other-laptop.json"
    other.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    with qtbot.waitSignal(window.data_actions.import_finished, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    assert shown_in_log(window) == ["Edited elsewhere"]  # at once, the deleted note gone
    assert "can no longer be undone" in status_text(window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # nothing of the old steps writes over it
    assert logged(meeting_id) == ["Edited elsewhere"]
    assert shown_in_log(window) == ["Edited elsewhere"]


def test_an_import_drops_only_the_undo_steps_it_made_invalid(
    qtbot, window, ctx, sample_set, tmp_path
):
    meeting_id = sample_set["meeting"].id
    for text in ("First", "Second", "Third"):
        log_intervention(qtbot, window, text)
    qtbot.waitUntil(lambda: logged(meeting_id) == ["First", "Second", "Third"])
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # "Third" goes; its step waits to be redone
    assert logged(meeting_id) == ["First", "Second"]
    doc = archive.export_archive()
    first = notes_of(doc)[0]
    first.update(text="First, edited elsewhere", hlc=later_stamp(), base=first["hlc"])
    import_doc(qtbot, window, doc, tmp_path / "other.json")
    assert shown_in_log(window) == ["First, edited elsewhere", "Second"]
    assert "1 earlier edit of this meeting can no longer be undone" in status_text(window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)  # the redo kept: "Third" comes back
    assert logged(meeting_id) == ["First, edited elsewhere", "Second", "Third"]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # "Second" goes: its step was still valid
    assert logged(meeting_id) == ["First, edited elsewhere"]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the step of "First" was dropped
    assert logged(meeting_id) == ["First, edited elsewhere"]
    assert shown_in_log(window) == ["First, edited elsewhere"]


def test_an_import_that_changes_nothing_of_the_meeting_keeps_every_step_and_panel(
    qtbot, window, ctx, sample_set, tmp_path
):
    meeting_id = sample_set["meeting"].id
    log_intervention(qtbot, window, "Mine")
    qtbot.waitUntil(lambda: logged(meeting_id) == ["Mine"])
    doc = archive.export_archive()
    question = doc["questions"][0]  # marked a favourite on the other laptop
    question.update(favourite=not question["favourite"], hlc=later_stamp(), base=question["hlc"])
    reloads = []
    window.ctx.bus.interventions_changed.connect(reloads.append)
    bank = []
    window.ctx.bus.questions_changed.connect(lambda: bank.append(True))
    import_doc(qtbot, window, doc, tmp_path / "other.json")
    assert bank == [True]  # the bank reads its questions again
    assert reloads == [meeting_id]  # a note may show its question: the log reads once
    assert "can no longer be undone" not in status_text(window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the step is still there
    assert logged(meeting_id) == []


def test_an_imported_note_given_a_deleted_notes_row_id_is_never_written_by_undo(
    qtbot, window, ctx, sample_set, tmp_path
):
    from alcoach.data import interventions

    meeting_id = sample_set["meeting"].id
    log_intervention(qtbot, window, "Deleted elsewhere")
    qtbot.waitUntil(lambda: logged(meeting_id) == ["Deleted elsewhere"])
    (mine,) = interventions.list_interventions(meeting_id)
    doc = archive.export_archive()
    notes = notes_of(doc)
    gone = notes.pop()
    stamp = later_stamp()
    doc["tombstones"].append(
        {"uid": gone["uid"], "kind": "intervention", "deleted_at": "2026-11-02T10:00:00Z",
         "hlc": stamp, "lifted": False}
    )  # fmt: skip
    notes.append({**gone, "uid": "0f" * 16, "text": "Their own note", "hlc": stamp, "base": None})
    import_doc(qtbot, window, doc, tmp_path / "other.json")
    (theirs,) = interventions.list_interventions(meeting_id)
    assert theirs.id == mine.id  # the import gave the deleted note's row id to another note
    assert shown_in_log(window) == ["Their own note"]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert logged(meeting_id) == ["Their own note"]
