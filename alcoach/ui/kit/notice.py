"""A warning the coach can read and dismiss; it never blocks the window and is reused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_notice(
    box: QMessageBox | None,
    parent: QWidget,
    title: str,
    text: str,
    *,
    object_name: str,
    window_title: str = "alcoach",
) -> QMessageBox:
    """Show `title` and `text` in `box` (made on first use); return the box to keep."""
    if box is None:
        box = QMessageBox(parent)
        box.setObjectName(object_name)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(window_title)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setText(title)
    box.setInformativeText(text)
    box.show()
    return box
