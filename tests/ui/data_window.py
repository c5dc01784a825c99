"""The main window for File > Data tests, and how they type a note and read the log back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from ui_typing import type_text
from windows import build_window

from alcoach.data import interventions
from alcoach.ui.kit.tasks import wait_for_background

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WAIT_MS = 20_000


def open_window(qtbot, ctx):
    """The main window on the latest meeting, active; closed (with what it started) after."""
    win = build_window(qtbot, ctx)
    yield win
    wait_for_background()
    box = win.data_actions.message_box
    if box is not None:
        box.close()
    win.close()  # saves the window state into whichever database is open now
    win.data_actions._close_reopened()  # the database a restore reopened


def log_intervention(qtbot, win, text: str) -> None:
    """Type into the intervention log's quick-entry line, as a coach would, and press Enter."""
    line = win.workspace.panels["interventions"].findChild(QLineEdit)
    qtbot.keyClick(win, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(line.hasFocus)
    type_text(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def logged(meeting_id: int) -> list[str]:
    return [i.text for i in interventions.list_interventions(meeting_id)]


def shown_in_log(win) -> list[str]:
    model = win.workspace.panels["interventions"].model
    return [model.record_at(row).text for row in range(model.rowCount())]


def status_text(win) -> str:
    return win.statusBar().currentMessage()
