"""3b. The meeting's undo: Ctrl+Z on the window, until the panel shows the state before the edit.

First the coach's edits, not timed: notes logged through the quick-entry line and tallies by
Ctrl+1 Q, as in the logging and tally rows. Then Ctrl+Z, one key press at a time (QTest.keyClick on
the focused widget, so Qt's shortcut map and the text field's claim on the key run as for a
coach): for a tally the clock runs until the member's row shows the count one lower, for a note
until its row has left the table model; each undo is a delete committed through the data
services inside the key press. Then Ctrl+Shift+Z puts everything back, timed the same way.
"""

from __future__ import annotations

import time

from benchmarks.common import Bench, Result
from benchmarks.facts import count_rows, newest_meeting
from benchmarks.window import open_window, qt_app

NAME = "undo"
GOAL_MS = 8.0


def _edits(win, count: int) -> None:
    """count tallies and count logged notes, interleaved: note, tally, note, tally, ..."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panel = win.panel("interventions")
    panel.focus_entry()
    entry = qt_app().focusWidget()
    for i in range(count):
        QTest.keyClicks(entry, f"What else would help? {i}")
        QTest.keyClick(entry, Qt.Key.Key_Return)
        QTest.keyClick(entry, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(qt_app().focusWidget(), Qt.Key.Key_Q)  # member 1 asked a question
    qt_app().processEvents()


def _press(win, count: int, *, redo: bool) -> tuple[list[float], list[float]]:
    """2 x count presses of Ctrl+Z (or Ctrl+Shift+Z); the times of tally and of note steps."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = qt_app()
    model = win.panel("interventions").model
    row = win.panel("members").rows[0]
    modifiers = Qt.KeyboardModifier.ControlModifier
    if redo:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    step = 1 if redo else -1
    tally_ms, note_ms = [], []
    for i in range(2 * count):
        tally_step = (i % 2 == 0) != redo  # undo goes newest first: the tally, then its note
        before = row.counts.question if tally_step else model.rowCount()
        target = app.focusWidget()
        t0 = time.perf_counter()
        QTest.keyClick(target, Qt.Key.Key_Z, modifiers)
        after = row.counts.question if tally_step else model.rowCount()
        t1 = time.perf_counter()
        if after != before + step:
            what = "tally count" if tally_step else "log rows"
            raise RuntimeError(f"press {i} did not change the {what} ({before} -> {after})")
        (tally_ms if tally_step else note_ms).append((t1 - t0) * 1000)
        app.processEvents()
    return tally_ms, note_ms


def run(bench: Bench) -> tuple[dict[str, list[float]], int, int]:
    count = bench.reps(full=250, quick=20)
    with bench.work_copy() as data_dir:
        meeting_id = newest_meeting(data_dir)
        notes = count_rows(data_dir, "intervention", meeting_id)
        marks = count_rows(data_dir, "tally", meeting_id)
        with open_window(data_dir, meeting_id, running=True) as win:
            _edits(win, count)
            undo_tally, undo_note = _press(win, count, redo=False)
            if count_rows(data_dir, "intervention", meeting_id) != notes:
                raise RuntimeError("the undone notes are still in the database")
            redo_tally, redo_note = _press(win, count, redo=True)
        if count_rows(data_dir, "tally", meeting_id) != marks + count:
            raise RuntimeError("the redone tallies are not all in the database")
    series = {
        "undo": undo_tally + undo_note,
        "undo_tally": undo_tally,
        "undo_note": undo_note,
        "redo": redo_tally + redo_note,
    }
    return series, notes, marks


def measure(bench: Bench) -> list[Result]:
    series, notes, marks = run(bench)
    n = len(series["undo"])
    where = (
        f"{n} undos (half tallies, half logged notes) in a meeting of {notes} interventions and "
        f"{marks} tallies; synchronous=FULL"
    )
    return [
        Result.of(NAME, "undo Ctrl+Z: key -> panel shows it, committed", series["undo"], "ms",
                  goal=GOAL_MS, note=where),
        Result.of(NAME, "undo Ctrl+Z of a tally", series["undo_tally"], "ms"),
        Result.of(NAME, "undo Ctrl+Z of a logged note", series["undo_note"], "ms"),
        Result.of(NAME, "redo Ctrl+Shift+Z: key -> panel shows it, committed", series["redo"],
                  "ms", note="the same steps put back, with their ids"),
    ]  # fmt: skip
