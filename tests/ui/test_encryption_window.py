"""Encryption from the window (issue 18): Preferences' Security section and File > Data >
Encryption… (Shift+F9) encrypt the folder, change its passphrase and decrypt it, with progress,
the meeting still open and writable after; no word typed through the window is readable in any
file of the folder; a wrong current passphrase is refused in the dialog."""

from __future__ import annotations

import pytest
from data_window import WAIT_MS, log_intervention, logged, open_window, status_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from support.encrypted import readable_markers

from alcoach.data import cipher
from alcoach.data.backup import backup_now
from alcoach.data.encryption import is_encrypted
from alcoach.ui.dialogs.encryption_dialog import EncryptionDialog

TYPED = "Hvxq-typed-in-the-window"
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, ctx, sample_set):
    backup_now(ctx.db_path, reason="manual")
    yield from open_window(qtbot, ctx)


def _dialog(qtbot, win) -> EncryptionDialog:
    qtbot.keyClick(win, Qt.Key.Key_F9, SHIFT)
    qtbot.waitUntil(lambda: isinstance(win.security_actions.dialog, EncryptionDialog))
    dialog = win.security_actions.dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _markers(ctx) -> list[str]:
    return readable_markers(ctx.data_dir, (TYPED,))


def test_encrypt_change_and_decrypt_from_the_window(qtbot, window, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    log_intervention(qtbot, window, f"{TYPED} before")
    qtbot.waitUntil(lambda: f"{TYPED} before" in logged(meeting_id), timeout=WAIT_MS)
    window.workspace.flush()
    assert _markers(ctx)

    dialog = _dialog(qtbot, window)
    assert "cannot be recovered" in dialog.findChild(QLabel, "lost_passphrase_warning").text()
    dialog.new.setText("a passphrase for the set")
    dialog.again.setText("a passphrase for the set, typo")
    assert not dialog.confirm("encrypt")
    assert "differ" in dialog.error.text()
    dialog.again.setText("a passphrase for the set")
    with qtbot.waitSignal(window.security_actions.finished, timeout=WAIT_MS) as done:
        dialog.primary.click()
    assert "now encrypted: the database and 1 backup." in done.args[0]
    assert is_encrypted(ctx.data_dir)
    assert window.place_label.text().endswith("(encrypted)")
    assert _markers(ctx) == []
    # the meeting is still open and takes notes, which are encrypted too
    log_intervention(qtbot, window, f"{TYPED} after")
    qtbot.waitUntil(lambda: f"{TYPED} after" in logged(meeting_id), timeout=WAIT_MS)
    window.workspace.flush()
    assert _markers(ctx) == []

    dialog = _dialog(qtbot, window)
    dialog.current.setText("not the passphrase")
    dialog.new.setText("the second passphrase")
    dialog.again.setText("the second passphrase")
    assert not dialog.confirm("change")
    assert "does not open" in dialog.error.text()
    dialog.current.setText("a passphrase for the set")
    with qtbot.waitSignal(window.security_actions.finished, timeout=WAIT_MS) as done:
        dialog.primary.click()
    assert "passphrase is changed" in done.args[0]
    cipher.forget_keys()
    assert cipher.unlock(ctx.db_path, cipher.file_salt(ctx.db_path), "the second passphrase")

    dialog = _dialog(qtbot, window)
    dialog.current.setText("the second passphrase")
    dialog.decrypt_button.click()
    question = window.security_actions.question
    qtbot.waitUntil(lambda: question is not None and question.isVisible())
    assert "anyone who gets the disk" in question.text()
    decrypt = next(b for b in question.buttons() if b.text() == "Decrypt")
    with qtbot.waitSignal(window.security_actions.finished, timeout=WAIT_MS):
        decrypt.click()
    assert not is_encrypted(ctx.data_dir)
    assert not window.place_label.text().endswith("(encrypted)")
    assert len(logged(meeting_id)) >= 2 and _markers(ctx)
    assert "plain files again" in status_text(window)


def test_preferences_show_the_state_and_open_encryption(qtbot, window, ctx):
    window.edit_prefs()
    prefs = window.preferences_dialog
    qtbot.waitUntil(prefs.isVisible)
    assert prefs.findChild(QLabel, "security_state").text() == "Not encrypted"
    prefs.findChild(QPushButton, "security_button").click()
    qtbot.waitUntil(lambda: isinstance(window.security_actions.dialog, EncryptionDialog))
    dialog = window.security_actions.dialog
    state = dialog.findChild(QLabel, "encryption_state").text()
    assert state.startswith("Your notes are stored unencrypted")
    dialog.reject()
    prefs.reject()
