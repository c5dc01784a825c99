"""Encryption in Preferences' Security section: encrypt the data folder, change its passphrase,
or decrypt it, each confirmed here and run by alcoach.ui.shell.security_actions.

What a forgotten passphrase means is said before the coach confirms. Changing or decrypting asks
for the current passphrase too: an unlocked window alone is not enough to take the protection
away. Nothing here keeps a passphrase once the dialog is gone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import cipher
from alcoach.data.encryption import LOST_PASSPHRASE, check_passphrase, is_encrypted
from alcoach.errors import AlcoachError, ValidationError
from alcoach.ui.kit.form_bits import error_label, secret_field

PLAIN_STATE = (
    "Your notes are stored unencrypted: anyone who gets this computer's disk, or the stick the "
    "folder is on, can read them."
)
ENCRYPTED_STATE = (
    "Your notes are encrypted on disk (SQLCipher, AES-256): without the passphrase, the database "
    "and its backups cannot be read."
)


class EncryptionDialog(QDialog):
    """`chosen` carries "encrypt", "change" or "decrypt" and the new passphrase ("" to decrypt)."""

    chosen = Signal(str, str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.encrypted = is_encrypted(self.data_dir)
        self.setWindowTitle("Encryption")
        self.setObjectName("encryption_dialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        state = QLabel(ENCRYPTED_STATE if self.encrypted else PLAIN_STATE)
        state.setObjectName("encryption_state")
        state.setWordWrap(True)
        layout.addWidget(state)
        warning = QLabel(f"<b>{LOST_PASSPHRASE}</b>")
        warning.setObjectName("lost_passphrase_warning")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        form = QFormLayout()
        self.current = secret_field("current_passphrase", "Current passphrase")
        self.new = secret_field("new_passphrase", "New passphrase (8 characters or more)")
        self.again = secret_field("new_passphrase_again", "The new passphrase again")
        if self.encrypted:
            form.addRow("&Current passphrase:", self.current)
        form.addRow("&New passphrase:", self.new)
        form.addRow("&Again:", self.again)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        if self.encrypted:
            self.primary = self._button(buttons, "Change passphrase", "change")
            self.decrypt_button = self._button(buttons, "Decrypt…", "decrypt")
        else:
            self.primary = self._button(buttons, "Encrypt", "encrypt")
        layout.addWidget(buttons)
        (self.current if self.encrypted else self.new).setFocus()

    def _button(self, buttons: QDialogButtonBox, text: str, kind: str) -> QPushButton:
        button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(f"{kind}_button")
        button.clicked.connect(lambda: self.confirm(kind))
        return button

    def confirm(self, kind: str) -> bool:
        """Check what was typed for `kind`; emit `chosen` and close when it holds."""
        try:
            if self.encrypted:
                self._check_current()
            new = ""
            if kind != "decrypt":
                new = self.new.text()
                check_passphrase(new)
                if new != self.again.text():
                    raise ValidationError("The two new passphrases typed differ.")
        except AlcoachError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        for field in (self.current, self.new, self.again):
            field.clear()
        self.chosen.emit(kind, new)
        self.accept()
        return True

    def _check_current(self) -> None:
        db_path = self.data_dir / "alcoach.db"
        salt = cipher.file_salt(db_path)
        if not self.current.text():
            raise ValidationError("Type the current passphrase first.")
        if salt is not None:
            cipher.unlock(db_path, salt, self.current.text())  # WrongPassphrase when it is not
