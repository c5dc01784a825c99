"""A progress dialog for a schema migration at start-up, made only when a migration reports."""

from __future__ import annotations

from typing import Any


class MigrationProgressDialog:
    """Called as a migrations.Progress: the first report makes the dialog (so an ordinary start
    builds nothing), each report moves its bar and lets Qt paint it."""

    def __init__(self) -> None:
        self.dialog: Any = None

    def __call__(self, what: str, done: int, total: int) -> None:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QProgressDialog

        if self.dialog is None:
            self.dialog = QProgressDialog()
            self.dialog.setWindowTitle("alcoach is updating its data")
            self.dialog.setObjectName("migration_progress")
            self.dialog.setCancelButton(None)  # a migration is one transaction: it cannot stop
            self.dialog.setMinimumDuration(0)
            self.dialog.setAutoReset(False)  # closed by the caller once the store is open
            self.dialog.setAutoClose(False)
            self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        self.dialog.setLabelText(f"{what}: {done:,} of {total:,} records…")
        QCoreApplication.processEvents()

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
