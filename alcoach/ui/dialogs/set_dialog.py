"""Create or edit a set: name, programme, cadence, ground rules, and its sponsor's brief."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from alcoach.data import sets
from alcoach.data.cadence import Cadence, cadence_text, parse_cadence
from alcoach.data.records import SetRecord
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.context import AppContext

CADENCES = (
    *(Cadence(weeks, "week") for weeks in (1, 2, 3, 4, 6, 8)),
    *(Cadence(months, "month") for months in (1, 2, 3)),
)


class SetDialog(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        learning_set: SetRecord | None = None,
        parent: QWidget | None = None,
        *,
        programme_id: int | None = None,
    ) -> None:
        super().__init__(ctx, "Edit set" if learning_set else "New set", parent)
        self.learning_set = learning_set
        self.name = QLineEdit(learning_set.name if learning_set else "")
        self.name.setPlaceholderText("e.g. Set Blue")
        self.programme = QComboBox()
        self.programme.addItem("(no programme)", None)
        for programme in sets.list_programmes():
            self.programme.addItem(programme.name, programme.id)
        wanted = learning_set.programme_id if learning_set else programme_id
        self.programme.setCurrentIndex(max(0, self.programme.findData(wanted)))
        self.cadence = QComboBox()
        self.cadence.setObjectName("set_cadence")
        self.cadence.setToolTip("How often the set meets: a new meeting is proposed on that date")
        self._fill_cadences(learning_set.cadence if learning_set else "")
        self.ground_rules = QPlainTextEdit(learning_set.ground_rules if learning_set else "")
        self.ground_rules.setTabChangesFocus(True)
        self.ground_rules.setFixedHeight(110)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Programme:", self.programme)
        self.form.addRow("&Cadence:", self.cadence)
        self.form.addRow("&Ground rules:", self.ground_rules)
        if learning_set is not None:
            self.brief_button = QPushButton("Sponsor's &brief…", objectName="set_brief")
            self.brief_button.setAutoDefault(False)
            self.brief_button.setToolTip(
                "The problem's context, why it matters, what was tried and is expected, how "
                "success shows: printed at the front of the set report"
            )
            self.brief_button.clicked.connect(self.edit_brief)
            self.form.addRow("", self.brief_button)
        self.saved_set: SetRecord | None = None
        self.name.setFocus()

    def edit_brief(self) -> None:
        from alcoach.ui.dialogs.brief_dialog import BriefDialog

        assert self.learning_set is not None
        BriefDialog(self.ctx, self.learning_set, self).exec()

    def _fill_cadences(self, current: str) -> None:
        self.cadence.addItem("No fixed cadence", "")
        for cadence in CADENCES:
            self.cadence.addItem(cadence_text(cadence).capitalize(), cadence_text(cadence))
        parsed = parse_cadence(current)
        wanted = cadence_text(parsed) if parsed else current
        if wanted and self.cadence.findData(wanted) < 0:
            self.cadence.addItem(wanted if parsed else f"As typed: {current}", wanted)
        self.cadence.setCurrentIndex(max(0, self.cadence.findData(wanted)))

    def store(self) -> bool:
        fields = {
            "programme_id": self.programme.currentData(),
            "cadence": self.cadence.currentData(),
            "ground_rules": self.ground_rules.toPlainText(),
        }
        if self.learning_set is None:
            result = self.attempt(sets.create_set, self.name.text(), **fields)
        else:
            result = self.attempt(
                sets.update_set, self.learning_set.id, name=self.name.text(), **fields
            )
        self.saved_set = result
        return result is not None
