"""Create or edit a programme (client organisation, sponsor, notes)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from alcoach.data import sets
from alcoach.data.records import ProgrammeRecord
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.context import AppContext


class ProgrammeDialog(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        programme: ProgrammeRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Edit programme" if programme else "New programme", parent)
        self.programme = programme
        self.name = QLineEdit(programme.name if programme else "")
        self.name.setPlaceholderText("Client organisation or programme")
        self.sponsor = QLineEdit(programme.sponsor if programme else "")
        self.notes = QPlainTextEdit(programme.notes if programme else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Sponsor:", self.sponsor)
        self.form.addRow("N&otes:", self.notes)
        self.saved_programme: ProgrammeRecord | None = None
        self.name.setFocus()

    def store(self) -> bool:
        fields = {"sponsor": self.sponsor.text(), "notes": self.notes.toPlainText()}
        if self.programme is None:
            result = self.attempt(sets.create_programme, self.name.text(), **fields)
        else:
            result = self.attempt(
                sets.update_programme, self.programme.id, name=self.name.text(), **fields
            )
        self.saved_programme = result
        return result is not None
