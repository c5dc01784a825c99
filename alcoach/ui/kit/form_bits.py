"""Small pieces of forms shared by dialogs and panels: the refusal line and a passphrase field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit


def error_label(text: str = "", name: str = "dialog_error") -> QLabel:
    """The red line under a form that says why the last try was refused (hidden when empty)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #d33c3c; font-weight: bold;")
    label.setVisible(bool(text))
    return label


def secret_field(name: str, placeholder: str) -> QLineEdit:
    """A field for a passphrase: its typing is not shown."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(placeholder)
    return field
