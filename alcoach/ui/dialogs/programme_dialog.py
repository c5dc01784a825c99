"""Create or edit a programme (its name, client organisation, sponsor, paid or pro bono, notes)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

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
        self.name.setPlaceholderText("The programme's name")
        self.organisation = QLineEdit(programme.organisation if programme else "")
        self.organisation.setPlaceholderText("The client organisation, for the hours log")
        self.sponsor = QLineEdit(programme.sponsor if programme else "")
        self.pro_bono = QCheckBox("Pro &bono (unpaid) work")
        self.pro_bono.setChecked(bool(programme) and not programme.paid)
        self.pro_bono.setToolTip("Each meeting can still say otherwise, in the hours log")
        self.notes = QPlainTextEdit(programme.notes if programme else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Organisation:", self.organisation)
        self.form.addRow("&Sponsor:", self.sponsor)
        self.form.addRow("", self.pro_bono)
        self.form.addRow("No&tes:", self.notes)
        self.saved_programme: ProgrammeRecord | None = None
        self.name.setFocus()

    def store(self) -> bool:
        fields = {
            "sponsor": self.sponsor.text(), "notes": self.notes.toPlainText(),
            "organisation": self.organisation.text(), "paid": not self.pro_bono.isChecked(),
        }  # fmt: skip
        if self.programme is None:
            result = self.attempt(sets.create_programme, self.name.text(), **fields)
        else:
            result = self.attempt(
                sets.update_programme, self.programme.id, name=self.name.text(), **fields
            )
        self.saved_programme = result
        return result is not None
