"""Preferences keep meetings N years; File > Practice records > Remove old meetings offers an
archive export first, then removes them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox
from windows import build_window

from alcoach.data import meetings, retention
from alcoach.ui.dialogs.preferences_dialog import PreferencesDialog


def test_preferences_then_the_offer(qtbot, ctx, sample_set, monkeypatch):
    old = meetings.create_meeting(sample_set["set"].id, dt.date(2015, 4, 1), title="Long ago")
    window = build_window(qtbot, ctx)
    prefs = PreferencesDialog(ctx, window)
    qtbot.addWidget(prefs)
    assert prefs.keep_years.text() == "Always"
    prefs.keep_years.setValue(3)
    prefs.accept()
    assert retention.retention_years() == 3
    action = window.practice_actions.retention
    assert action.action.shortcut().toString() == "Ctrl+Shift+F4"
    exported = []
    monkeypatch.setattr(window.data_actions, "export_archive", lambda: exported.append(1))
    choice = {"text": "&Export an archive first…"}

    def answer(box):
        box.clickedButton = lambda: next(b for b in box.buttons() if b.text() == choice["text"])
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    action.offer()
    assert exported == [1] and "older than the 3 years" in action.box.text()
    assert meetings.get_meeting(old.id)
    choice["text"] = "&Remove 1"
    action.offer()
    assert [mt.id for mt in meetings.list_meetings()] == [sample_set["meeting"].id]
