"""A set's sponsor's brief (WIAL's one-page intake), printed at the front of the set report."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from alcoach.data.brief import Brief, get_brief, save_brief
from alcoach.data.records import SetRecord
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.context import AppContext

# (field, label, placeholder) in the order the report prints them
BRIEF_ROWS = (
    ("context", "&Context and history:", "The problem's background: how it came about"),
    ("matters", "&Why it matters:", "To the organisation, to the people it touches"),
    ("tried", "What has been &tried:", "Earlier attempts, and what came of them"),
    ("expected", "What is &expected:", "Of the set: options, a decision, a pilot…"),
    ("success", "How &success shows:", "What the sponsor will see when it has worked"),
)


class BriefDialog(FormDialog):
    def __init__(self, ctx: AppContext, learning_set: SetRecord, parent: QWidget | None = None):
        super().__init__(ctx, f"Sponsor's brief for {learning_set.name}", parent)
        self.setObjectName("brief_dialog")
        self.setMinimumWidth(620)
        self.set_id = learning_set.id
        brief = get_brief(learning_set.id)
        self.sponsor = QLineEdit(brief.sponsor, objectName="brief_sponsor")
        self.sponsor.setPlaceholderText(
            "The sponsor's name (the programme's, unless you change it)"
        )
        self.form.addRow("S&ponsor:", self.sponsor)
        self.fields: dict[str, QPlainTextEdit] = {}
        for name, label, placeholder in BRIEF_ROWS:
            edit = QPlainTextEdit(getattr(brief, name), objectName=f"brief_{name}")
            edit.setPlaceholderText(placeholder)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
            self.fields[name] = edit
            self.form.addRow(label, edit)
        self.fields["context"].setFocus()

    def store(self) -> bool:
        brief = Brief(**{k: e.toPlainText().strip() for k, e in self.fields.items()},
                      sponsor=self.sponsor.text())  # fmt: skip
        return self.attempt(save_brief, self.set_id, brief) is not None
