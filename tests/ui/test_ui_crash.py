"""Kill the window mid-meeting (SIGKILL) and reopen: nothing logged or typed half a second
before the kill is lost, the file is sound, and the meeting clock is right."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alcoach.data import feedback, interventions, meetings, sets, tallies, templates
from alcoach.data.store import open_store
from alcoach.data.timer import compute_timer

SURVIVING_STRENGTHS = "Listened fully 👂 then asked «what else?» — <b>&amp;</b> 傾聴 استمع"
SURVIVING_NOTES = "Energy dropped after the break; try a round of silence 🤫 & <i>check</i>"
LATE_NOTES = " plus words typed just before the crash"

SCRIPT = r"""
import datetime as dt, json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTabWidget

from alcoach.data import meetings
from alcoach.data.store import open_store
from alcoach.ui.meeting.coach_notes import CoachNotesPanel
from alcoach.ui.kit.context import AppContext
from alcoach.ui.meeting.feedback_editor import FeedbackEditor
from alcoach.ui.meeting.members_panel import MembersPanel

args = json.loads(sys.argv[1])
store = open_store(Path(args["data_dir"]))
app = QApplication([])
ctx = AppContext(data_dir=store.data_dir, db_path=store.db_path)
meeting_id = args["meeting_id"]

def type_text(widget, text):
    for char in text:
        if char.isascii() and char.isprintable():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)

window = QMainWindow()
tabs = QTabWidget()
panels = []
try:
    from alcoach.ui.meeting.intervention_log import InterventionLogPanel
    log_panel = InterventionLogPanel(ctx)
    tabs.addTab(log_panel, "Interventions")
    panels.append(log_panel)
except ImportError:
    log_panel = None
editor = FeedbackEditor(ctx)
notes = CoachNotesPanel(ctx)
members = MembersPanel(ctx)
tabs.addTab(editor, "Feedback")
tabs.addTab(notes, "Coach notes")
panels += [editor, notes, members]
splitter = QSplitter()
splitter.addWidget(tabs)
splitter.addWidget(members)
window.setCentralWidget(splitter)
for panel in panels:
    window.addActions(panel.commands())
    panel.set_meeting(meeting_id)
window.resize(1200, 700)
window.show()
window.activateWindow()
QTest.qWaitForWindowActive(window, 5000)

started = ctx.now()
meetings.start_meeting(meeting_id, now=started)
print("STARTED", started.isoformat(), flush=True)

for text in args["interventions"]:
    if log_panel is not None:
        log_panel.focus_entry()
        target = QApplication.focusWidget()
        type_text(target, text)
        QTest.keyClick(target, Qt.Key.Key_Return)
    else:
        from alcoach.data.interventions import log_intervention
        log_intervention(meeting_id, text, now=ctx.now())

for n, kind in args["tally_keys"]:  # Ctrl+n picks member n for one tally, then its letter
    QTest.keyClick(
        QApplication.focusWidget() or window,
        getattr(Qt.Key, f"Key_{n}"),
        Qt.KeyboardModifier.ControlModifier,
    )
    QTest.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{kind}"))
    note = members.rows[n - 1].note
    if note.isVisible():
        type_text(note, "named the assumption")
        QTest.keyClick(note, Qt.Key.Key_Return)

strengths = editor.fields["strengths"]
tabs.setCurrentWidget(editor)
strengths.setFocus()
type_text(strengths, args["strengths"])
tabs.setCurrentWidget(notes)
notes.editor.setFocus()   # focus leaves strengths: saved at once
type_text(notes.editor, args["notes"])
QTest.qWait(600)          # past the debounce: this must survive
print("READY", flush=True)
type_text(notes.editor, args["late"])
QTest.qWait(120000)
"""


@pytest.fixture
def meeting_folder(tmp_path: Path):
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    learning_set = sets.create_set("Set Green")
    people = [
        sets.add_member(learning_set.id, name, leadership_skill=skill)
        for name, skill in [
            ("Amira Haddad", "Listening"),
            ("Tom Becker", "Summarising"),
            ("Li Wen", "Challenging"),
        ]
    ]
    template = templates.list_templates()[0]
    meeting = meetings.create_meeting(
        learning_set.id, dt.date.today(), template_id=template.id, presenter_ids=[people[0].id]
    )
    store.close()
    return data_dir, meeting.id, people


@pytest.mark.slow
def test_sigkill_loses_nothing_older_than_half_a_second(meeting_folder):
    data_dir, meeting_id, people = meeting_folder
    tally_keys = [
        (1, "Q"),
        (2, "S"),
        (3, "I"),
        (1, "K"),
        (2, "Q"),
        (2, "Q"),
    ]
    args = {
        "data_dir": str(data_dir),
        "meeting_id": meeting_id,
        "interventions": ["What are you noticing about how we ask?", "Who has not spoken yet?"],
        "tally_keys": tally_keys,
        "strengths": SURVIVING_STRENGTHS,
        "notes": SURVIVING_NOTES,
        "late": LATE_NOTES,
    }
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, json.dumps(args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    started_at = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("STARTED"):
                started_at = dt.datetime.fromisoformat(line.split()[1])
            if line.strip() == "READY":
                break
        else:
            pytest.fail("the window script never became ready")
        assert proc.poll() is None, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert started_at is not None, proc.stderr.read()

    con = sqlite3.connect(data_dir / "alcoach.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()

    store = open_store(data_dir)
    try:
        amira, tom, li = (p.id for p in people)
        logged = [(t.member_id, t.kind, t.note) for t in tallies.list_tallies(meeting_id)]
        assert logged == [
            (amira, "question", ""),
            (tom, "statement", ""),
            (li, "insightful", ""),
            (amira, "skill", "named the assumption"),
            (tom, "question", ""),
            (tom, "question", ""),
        ]
        texts = [i.text for i in interventions.list_interventions(meeting_id)]
        assert texts == ["What are you noticing about how we ask?", "Who has not spoken yet?"]
        stored = feedback.get_feedback(meeting_id, amira)
        assert stored.strengths == SURVIVING_STRENGTHS
        assert stored.skill == "Listening"
        notes = meetings.get_meeting(meeting_id).coach_notes
        # what came after READY may or may not have been saved, but only as a prefix of it
        assert notes.startswith(SURVIVING_NOTES)
        assert LATE_NOTES.startswith(notes[len(SURVIVING_NOTES) :])

        now = dt.datetime.now(dt.UTC)
        state = compute_timer(meetings.meeting_timing(meeting_id), now)
        assert state.state == "running"
        expected = (now - started_at).total_seconds()
        assert abs(state.elapsed_seconds - expected) < 1.0
        assert state.current is not None and state.current.position == 0
    finally:
        store.close()
