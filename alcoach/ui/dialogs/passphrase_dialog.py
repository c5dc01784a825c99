"""The small dialog that asks for an encrypted folder's passphrase before its notes are opened.

The passphrase is handed to the data layer, which derives the key and forgets the text; nothing
here keeps it once the dialog is gone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alcoach.ui.kit.form_bits import error_label, secret_field


class PassphraseDialog(QDialog):
    def __init__(self, folder: Path, said: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Encrypted data folder")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"The notes in <b>{_escaped(str(folder))}</b> are encrypted. "
            "Type the folder's passphrase to open them."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(intro)
        self.field = secret_field("passphrase", "Passphrase")
        layout.addWidget(self.field)
        self.error = error_label(said)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.setEnabled(False)
        self.field.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))
        self.field.setFocus()

    def passphrase(self) -> str:
        return self.field.text()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ask_in_window(folder: Path, said: str) -> str | None:
    """An `alcoach.data.unlock.Ask` for the window: the dialog, modal, before any window shows."""
    dialog = PassphraseDialog(folder, said)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        passphrase = dialog.passphrase()
        dialog.field.clear()
    finally:
        dialog.deleteLater()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the key takes 0.3 s to derive
    QApplication.processEvents()
    _restore_cursor_soon()
    return passphrase


def _restore_cursor_soon() -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, QApplication.restoreOverrideCursor)
