"""A small, non-blocking dialog to add or edit a question of the bank (built-in ones too)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from alcoach.data.records import QuestionRecord
from alcoach.vocabulary import INTERVENTION_CATEGORIES, category_label


def parse_tags(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class QuestionDialog(QDialog):
    """Emits `submitted(text, category, tags)` on OK; the bank stores it and closes the dialog."""

    submitted = Signal(str, str, list)

    def __init__(self, question: QuestionRecord | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setWindowTitle("Edit question" if question else "Add a question")
        self.setModal(False)  # the meeting goes on around it
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("The question, as you would ask it")
        self.text_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.category_combo = QComboBox(self)
        for key in INTERVENTION_CATEGORIES:
            self.category_combo.addItem(category_label(key), key)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText("Optional, separated by commas")
        if question is not None:
            self.text_edit.setPlainText(question.text)
            self.category_combo.setCurrentIndex(
                max(0, self.category_combo.findData(question.category))
            )
            self.tags_edit.setText(", ".join(question.tags))
        else:
            self.category_combo.setCurrentIndex(self.category_combo.findData("process"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.text_edit.textChanged.connect(self._update_ok)
        form = QFormLayout(self)
        form.addRow("&Question", self.text_edit)
        form.addRow("&Category", self.category_combo)
        form.addRow("&Tags", self.tags_edit)
        form.addRow(self.buttons)
        self.resize(460, self.sizeHint().height())
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text_edit.toPlainText().strip()))

    def values(self) -> tuple[str, str, list[str]]:
        return (
            self.text_edit.toPlainText(),
            self.category_combo.currentData(),
            parse_tags(self.tags_edit.text()),
        )

    def _submit(self) -> None:
        if not self.text_edit.toPlainText().strip():
            return
        self.submitted.emit(*self.values())
