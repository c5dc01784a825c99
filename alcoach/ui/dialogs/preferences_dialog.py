"""The coach's preferences: name, credentials and date style for the printed documents, the
quiet alert, and whether the notes are encrypted on disk (its Security section)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from alcoach.data import settings
from alcoach.data.encryption import is_encrypted
from alcoach.data.settings import LOCK_ON_WAKE_KEY
from alcoach.formatting import DATE_STYLE_HINTS, DATE_STYLES
from alcoach.ui.dialogs.base import FormDialog
from alcoach.ui.kit.context import AppContext

QUIET_KEY = "alerts.quiet_minutes"
DEFAULT_QUIET_MINUTES = 10


class PreferencesDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Preferences", parent)
        profile = settings.coach_profile()
        self.coach_name = QLineEdit(profile["name"])
        self.coach_name.setPlaceholderText("Shown on the documents you print")
        self.credentials = QLineEdit(profile["credentials"])
        self.credentials.setPlaceholderText("e.g. Action Learning coach")
        self.quiet_minutes = QSpinBox()
        self.quiet_minutes.setRange(0, 120)
        self.quiet_minutes.setSuffix(" min")
        self.quiet_minutes.setSpecialValueText("Off")
        quiet = settings.get_setting(QUIET_KEY, DEFAULT_QUIET_MINUTES)
        self.quiet_minutes.setValue(int(quiet) if isinstance(quiet, int | float) else 10)
        self.quiet_minutes.setToolTip(
            "Show a quiet reminder when no intervention has been logged for this long (0: off)"
        )
        self.date_style = QComboBox()
        self.date_style.setObjectName("date_style")
        for key, example in DATE_STYLES.items():
            hint = DATE_STYLE_HINTS.get(key)
            self.date_style.addItem(f"{example} ({hint})" if hint else example, key)
        self.date_style.setCurrentIndex(self.date_style.findData(settings.document_date_style()))
        self.date_style.setToolTip("How dates are written in the PDFs you export and print")
        self.form.addRow("Your &name:", self.coach_name)
        self.form.addRow("&Credentials:", self.credentials)
        self.form.addRow("&Dates in documents:", self.date_style)
        self.form.addRow("&Quiet-stretch alert after:", self.quiet_minutes)
        self.form.addRow("Security:", self._security_row(ctx))
        self.lock_on_wake = QCheckBox("&Lock when the computer wakes from sleep")
        self.lock_on_wake.setObjectName("lock_on_wake")
        self.lock_on_wake.setToolTip(
            "Ask for the passphrase again after a sleep (Lock now: Shift+F8)"
        )
        self.lock_on_wake.setChecked(bool(settings.get_setting(LOCK_ON_WAKE_KEY, False)))
        self.lock_on_wake.setEnabled(is_encrypted(ctx.data_dir))
        self.form.addRow("", self.lock_on_wake)
        from alcoach.data.retention import MAX_YEARS, retention_years

        self.keep_years = QSpinBox(objectName="keep_years")
        self.keep_years.setRange(0, MAX_YEARS)
        self.keep_years.setSuffix(" years")
        self.keep_years.setSpecialValueText("Always")
        self.keep_years.setValue(retention_years())
        self.keep_years.setToolTip(
            "Older meetings can then be removed (File > Practice records > Remove old meetings), "
            "and imports leave them out"
        )
        self.form.addRow("&Keep meetings for:", self.keep_years)
        self.coach_name.setFocus()

    def _security_row(self, ctx: AppContext) -> QHBoxLayout:
        """Whether the notes are encrypted on disk, and the way to change it (Shift+F9)."""
        encrypted = is_encrypted(ctx.data_dir)
        state = QLabel("Encrypted on disk" if encrypted else "Not encrypted")
        state.setObjectName("security_state")
        button = QPushButton("Encryption…")
        button.setObjectName("security_button")
        button.setToolTip(
            "Encrypt your notes on disk, change the passphrase, or decrypt (Shift+F9)"
        )
        button.clicked.connect(self._open_encryption)
        row = QHBoxLayout()
        row.addWidget(state, 1)
        row.addWidget(button)
        return row

    def _open_encryption(self) -> None:
        security = getattr(self.parent(), "security_actions", None)
        if security is not None:
            security.open_dialog()

    def store(self) -> bool:
        # Both services return None; a failure shows itself in the error line.
        self.error.hide()
        name, credentials = self.coach_name.text().strip(), self.credentials.text().strip()
        self.attempt(settings.set_coach_profile, name, credentials)
        if self.error.isHidden():
            self.attempt(settings.set_document_date_style, self.date_style.currentData())
        if self.error.isHidden():
            self.attempt(settings.set_setting, QUIET_KEY, self.quiet_minutes.value())
        if self.error.isHidden():
            self.attempt(settings.set_setting, LOCK_ON_WAKE_KEY, self.lock_on_wake.isChecked())
        if self.error.isHidden():
            from alcoach.data.retention import set_retention_years

            self.attempt(set_retention_years, self.keep_years.value())
        if self.error.isHidden():
            self.ctx.bus.settings_changed.emit(QUIET_KEY)
        return self.error.isHidden()
