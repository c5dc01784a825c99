"""The window asks for an encrypted folder's passphrase in a small dialog naming the folder; a
refusal is shown in it; Quit gives none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from alcoach.ui.dialogs.passphrase_dialog import PassphraseDialog, ask_in_window


def _answer(qtbot, *, text: str | None, seen: dict) -> None:
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, act)
            return
        seen["labels"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        seen["open_enabled_empty"] = dialog.open_button.isEnabled()
        if text is None:
            dialog.reject()
            return
        dialog.field.insert(text)  # as typed (an input method's text arrives so)
        seen["echo"] = dialog.field.echoMode()
        dialog.open_button.click()

    QTimer.singleShot(0, act)


def test_the_dialog_names_the_folder_and_returns_what_was_typed(qtbot, tmp_path):
    seen: dict = {}
    _answer(qtbot, text="ünïcode passphrase 秘密", seen=seen)
    got = ask_in_window(tmp_path / "Coach <data>", "")
    assert got == "ünïcode passphrase 秘密"
    assert "Coach &lt;data&gt;" in seen["labels"] or "Coach <data>" in seen["labels"]
    assert seen["open_enabled_empty"] is False
    assert seen["echo"] == seen["echo"].Password


def test_a_refusal_is_shown_and_quit_gives_none(qtbot, tmp_path):
    seen: dict = {}
    _answer(qtbot, text=None, seen=seen)
    said = "That passphrase does not open this data folder; please try again."
    assert ask_in_window(Path(tmp_path), said) is None
    assert said in seen["labels"]
