"""A member's consents in their dialog: one box per purpose, how it was obtained and the
wording's version; a change is kept as a new grant or withdrawal (alcoach.data.consent), never as
a flag on the member, and the history below says who agreed to what, when."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from alcoach.data import consent
from alcoach.vocabulary import CONSENT_PURPOSES, consent_label

HISTORY_SHOWN = 6


class ConsentBox(QGroupBox):
    def __init__(self, member_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__("Consent (none recorded: kept private)", parent)
        self.setObjectName("consent_box")
        self.member_id = member_id
        now = consent.consents_of(member_id) if member_id is not None else {}
        self.before = {p: now.get(p, False) for p in CONSENT_PURPOSES}
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        for purpose in CONSENT_PURPOSES:
            box = QCheckBox(consent_label(purpose), objectName=f"consent_{purpose}")
            box.setChecked(self.before[purpose])
            self.boxes[purpose] = box
            layout.addWidget(box)
        self.how = QLineEdit(objectName="consent_how")
        self.how.setPlaceholderText("How it was given or withdrawn, e.g. signed form")
        self.how.setAccessibleName("How consent was given")
        self.wording = QLineEdit(objectName="consent_wording")
        self.wording.setPlaceholderText("The consent wording's version, e.g. v2 2026")
        self.wording.setAccessibleName("Consent wording version")
        layout.addWidget(self.how)
        layout.addWidget(self.wording)
        self.history = QLabel(objectName="consent_history", wordWrap=True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.history)
        self._show_history()
        if any(self.before.values()):
            self.setTitle("Consent")

    def _show_history(self) -> None:
        if self.member_id is None:
            self.history.setText("")
            self.history.hide()
            return
        records = consent.consent_history(self.member_id)
        lines = [
            f"{r.at.astimezone().date().isoformat()} "
            f"{'agreed' if r.granted else 'withdrew'}: {consent_label(r.purpose).lower()}"
            + (f" ({', '.join(x for x in (r.how, r.wording) if x)})" if r.how or r.wording else "")
            for r in records[:HISTORY_SHOWN]
        ]
        if len(records) > HISTORY_SHOWN:
            lines.append(f"and {len(records) - HISTORY_SHOWN} earlier")
        self.history.setText("\n".join(lines))
        self.history.setVisible(bool(lines))

    def changes(self) -> dict[str, bool]:
        return {
            purpose: box.isChecked()
            for purpose, box in self.boxes.items()
            if box.isChecked() != self.before[purpose]
        }

    def keep(self, member_id: int) -> int:
        """Record each change as a grant or withdrawal of the member's; how many were kept."""
        changed = self.changes()
        for purpose, granted in changed.items():
            consent.record_consent(member_id, purpose, granted, how=self.how.text(),
                                   wording=self.wording.text())  # fmt: skip
        self.before.update(changed)
        return len(changed)
