"""The question before an import deletes a set, a programme or many records here."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_mass_delete(parent: QWidget, name: str, refusal: str) -> bool:
    """True when the coach confirms; the refusal's first clause says what would go."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Delete what the archive deleted?",
        f"{name} would delete a lot here.", parent=parent,
    )  # fmt: skip
    box.setObjectName("mass_delete_question")
    what = refusal.split("; ")[0].replace("The archive would delete a lot here (", "").rstrip(")")
    box.setInformativeText(f"It deleted {what.removesuffix(' deleted')}. Delete them here too?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
