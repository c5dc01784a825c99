"""The first-run sheet: the coach's name for the printed documents, asked once, never in the way.

It is a panel over the top of the window, not a dialog: the window behind works and keeps its
keys, and the sheet is offered only after the first paint (by alcoach.app, which does not offer it
under `--startup-check`, so the benchmark and the bundle's smoke check never see it). Saving or
"Not now" both end the asking; Preferences (Ctrl+,) changes the name later.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
)

from alcoach.data import settings
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import guarded_write

ASKED_KEY = "first_run.coach_name_asked"
SHEET_WIDTH = 460
MARGIN = 12


def should_ask() -> bool:
    """No name on the documents yet, and the coach has not answered the sheet before."""
    return not settings.coach_profile()["name"] and not settings.get_setting(ASKED_KEY, False)


class FirstRunSheet(QFrame):
    """Asks the coach's name and credentials; Return saves, Esc says not now."""

    closed = Signal()

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.setObjectName("first_run_sheet")
        self.setAccessibleName("Welcome: your name for the documents")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        title = QLabel("<b>Welcome to alcoach</b>")
        intro = QLabel(
            "Your name goes on the summaries, feedback sheets and reports you print. "
            "Preferences (Ctrl+,) changes it later."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("first_run_name")
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("As it should appear on the documents")
        self.credentials = QLineEdit()
        self.credentials.setObjectName("first_run_credentials")
        self.credentials.setAccessibleName("Your credentials")
        self.credentials.setPlaceholderText("e.g. Action Learning coach (optional)")
        self.encrypt = QCheckBox("&Encrypt my notes on disk (you choose a passphrase next)")
        self.encrypt.setObjectName("first_run_encrypt")
        self.encrypt.setToolTip("Anyone who finds a lost laptop or stick cannot read them")
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        form.addRow("&Credentials:", self.credentials)
        form.addRow("", self.encrypt)
        self.error = QLabel()
        self.error.setObjectName("first_run_error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)
        self.later_button = QPushButton("Not now")
        self.later_button.setToolTip("Close this (Esc); Preferences (Ctrl+,) has your name")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        for field in (self.name, self.credentials):
            field.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.later_button.clicked.connect(self.not_now)
        window.installEventFilter(self)

    def offer(self) -> None:
        """Show the sheet and put the cursor in the name field."""
        self._place()
        self.show()
        self.raise_()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        name, credentials = self.name.text().strip(), self.credentials.text().strip()
        if not name:
            self.error.setText("Type your name, or choose Not now (Esc).")
            self.error.show()
            self.name.setFocus()
            return
        if guarded_write(self._ctx.bus, self._store, name, credentials) is None:
            self.error.setText("Your name was not saved; the status bar says why.")
            self.error.show()
            return
        self._ctx.bus.settings_changed.emit("coach.name")
        self._ctx.bus.status_message.emit(f"Documents will say they are by {name}.")
        encrypt = self.encrypt.isChecked()
        self._finish()
        security = getattr(self._window, "security_actions", None)
        if encrypt and security is not None:
            security.open_dialog()

    def not_now(self) -> None:
        guarded_write(self._ctx.bus, settings.set_setting, ASKED_KEY, True)
        self._finish()

    @staticmethod
    def _store(name: str, credentials: str) -> bool:
        settings.set_coach_profile(name, credentials)
        settings.set_setting(ASKED_KEY, True)
        return True

    def _finish(self) -> None:
        self._window.removeEventFilter(self)
        self.hide()
        self.closed.emit()
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.not_now()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        """Top centre of the window's working area, below the menu and tool bars."""
        area = self._window.centralWidget().geometry()
        width = min(SHEET_WIDTH, max(area.width() - 2 * MARGIN, 200))
        self.resize(width, self.sizeHint().height())
        self.move(area.x() + (area.width() - width) // 2, area.y() + MARGIN)


def offer_first_run(window: QMainWindow, ctx: AppContext) -> FirstRunSheet | None:
    """Show the sheet if the coach has not given a name yet; the sheet, or None."""
    if not should_ask():
        return None
    sheet = FirstRunSheet(window, ctx)
    sheet.offer()
    return sheet
