"""Several members at once: paste a list into the name, or "Several at once…"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from alcoach.data import sets
from alcoach.ui.dialogs.member_dialog import MemberDialog

LIST = "Ana Lima, Nurse\n\nBen Okafor, Porter <night>\n李明\n"


def _dialog(qtbot, ctx, set_id):
    dialog = MemberDialog(ctx, set_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # its mnemonics answer
    return dialog


def test_a_list_pasted_into_the_name_adds_every_member(qtbot, ctx, sample_set):
    set_id = sample_set["set"].id
    dialog = _dialog(qtbot, ctx, set_id)
    QGuiApplication.clipboard().setText(LIST)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.in_list_mode() and not dialog.name.isVisible()
    assert dialog.listed.text() == "3 members: Ana Lima (Nurse), Ben Okafor (Porter <night>), 李明"
    dialog.accept()
    names = [(m.name, m.role) for m in sets.list_members(set_id)][-3:]
    assert names == [("Ana Lima", "Nurse"), ("Ben Okafor", "Porter <night>"), ("李明", "")]
    assert dialog.saved_member.name == "Ana Lima"


def test_one_name_pasted_stays_one_name(qtbot, ctx, sample_set):
    dialog = _dialog(qtbot, ctx, sample_set["set"].id)
    QGuiApplication.clipboard().setText("Ana Lima")
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.in_list_mode() and dialog.name.text() == "Ana Lima"


def test_several_at_once_and_an_empty_list_is_refused(qtbot, ctx, sample_set):
    set_id = sample_set["set"].id
    count = len(sets.list_members(set_id))
    dialog = _dialog(qtbot, ctx, set_id)
    qtbot.keyClicks(dialog.name, "Ana")
    dialog._several.click()  # (Alt+S in a real window; offscreen Qt ignores mnemonics)
    assert dialog.in_list_mode() and dialog.names.toPlainText() == "Ana"
    dialog.names.clear()
    dialog.accept()
    assert dialog.isVisible() and "at least one name" in dialog.error.text()
    qtbot.keyClicks(dialog.names, "Ana Lima")
    dialog.accept()
    assert len(sets.list_members(set_id)) == count + 1
