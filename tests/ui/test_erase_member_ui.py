"""Edit > Erase member… from the window: the dialog says what goes and offers the review words
and the backups; the erasure runs off the UI thread; the navigator, the open meeting and its undo
let go of the name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from windows import build_window

from alcoach.data import interventions, meetings, sets
from alcoach.data import models as m
from alcoach.data.erasure import plan_erasure
from alcoach.ui.meeting.meeting_undo import meeting_undo
from alcoach.ui.practice.erase_member import EraseDialog


def test_the_dialog_says_what_goes_and_cancel_is_the_default(qtbot, sample_set):
    kofi = sample_set["members"][1]
    interventions.log_intervention(sample_set["meeting"].id, "Kofis idea, from Kofi Mensah")
    dialog = EraseDialog(plan_erasure(kofi.id), backups=2)
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QLabel, "erase_summary").text()
    assert "Kofi Mensah" in summary and "Former member 1" in summary and "1 note" in summary
    assert dialog.review.count() == 1 and dialog.review.item(0).text().startswith("Kofis")
    assert "2 backups" in dialog.remove_backups.text()
    dialog.review.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.also() == {"Kofis"}
    assert not dialog.erase_button.hasFocus()


def test_erasing_from_the_window(qtbot, ctx, sample_set, monkeypatch):
    kofi = sample_set["members"][1]
    meeting = sample_set["meeting"].id
    interventions.log_intervention(meeting, "Ask Kofi Mensah about the owners")
    window = build_window(qtbot, ctx)
    window.open_meeting(meeting)
    undo = meeting_undo(ctx)
    undo.push("Log note", lambda: None, lambda: None, ())
    assert undo.stack.count() == 1
    erase = window.practice_actions.erase
    assert erase.action.shortcut().toString() == "Ctrl+Shift+F2"
    monkeypatch.setattr(EraseDialog, "exec", lambda self: 1)
    with qtbot.waitSignal(ctx.bus.status_message, timeout=20000,
                          check_params_cb=lambda said: said.startswith("Erased")):  # fmt: skip
        erase.ask(kofi.id)
    assert m.Member.get_by_id(kofi.id).name == "Former member 1"
    texts = [i.text for i in interventions.list_interventions(meeting)]
    assert "Ask Former member 1 about the owners" in texts
    assert undo.stack.count() == 0 and window.isEnabled()
    names = [mb.name for mb in sets.list_members(sample_set["set"].id)]
    assert "Kofi Mensah" not in names
    assert meetings.get_meeting(meeting).id == window.current_meeting_id
    said = []
    ctx.bus.status_message.connect(said.append)
    erase.ask(kofi.id)
    assert said and "erased already" in said[-1]
