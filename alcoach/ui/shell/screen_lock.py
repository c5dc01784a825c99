"""Lock now (Shift+F8), and on waking from sleep if the coach chooses: a cover over the whole
window hides every note and name until the folder's passphrase is typed again.

It is a screen lock, not a re-encryption: the key stays in this process's memory, the meeting
clock goes on underneath, and the room clock (a window of its own, which shows only the time)
may stay showing. While locked, every action and every widget of the window but the cover's
passphrase field is disabled, so no shortcut or Tab reaches a note; floating panels are hidden
and the window's title, which names the meeting, says only that alcoach is locked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import settings
from alcoach.data.dbfile import file_salt
from alcoach.data.settings import LOCK_ON_WAKE_KEY
from alcoach.errors import AlcoachError
from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.form_bits import error_label, secret_field
from alcoach.wake import SleepWatch, system_clocks

WAKE_CHECK_MS = 5000


class LockCover(QFrame):
    """The opaque cover: what is locked, the passphrase field, and why a try was refused."""

    unlock_asked = Signal(str)

    def __init__(self, window: QWidget, folder: str) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setAccessibleName("alcoach is locked")
        title = QLabel("<h2>alcoach is locked</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel("Type the passphrase of your notes to see them again.")
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setToolTip(folder)
        self.field = secret_field("lock_passphrase", "Passphrase")
        self.field.setMinimumWidth(320)
        self.error = error_label(name="lock_error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.show()  # keeps its place under the field, empty until a refusal
        self.button = QPushButton("Unlock")
        self.button.setObjectName("unlock_button")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, intro, self.field, self.button, self.error):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.field.returnPressed.connect(self._ask)
        self.button.clicked.connect(self._ask)

    def _ask(self) -> None:
        text = self.field.text()
        self.field.clear()
        if text:
            self.unlock_asked.emit(text)


class ScreenLock(QObject):
    locked_changed = Signal(bool)

    def __init__(self, window, clocks=None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.cover: LockCover | None = None
        self._disabled: list[QObject] = []
        self._hidden: list[QWidget] = []
        self._title = ""
        self.action: QAction = make_action(
            window,
            "&Lock now",
            "Shift+F8",
            "Hide every note until the passphrase is typed again (an encrypted folder)",
            self.lock,
            name="lock_now",
            context=Qt.ShortcutContext.ApplicationShortcut,
        )
        self.watch = SleepWatch(system_clocks() if clocks is None else clocks)
        self.timer = QTimer(self)
        self.timer.setInterval(WAKE_CHECK_MS)
        self.timer.timeout.connect(self.check_wake)
        self.timer.start()
        window.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.cover is not None

    def _salt(self) -> bytes | None:
        return file_salt(self.ctx.db_path)

    def lock(self) -> bool:
        """Cover the window; False (and said why) on a folder that is not encrypted."""
        if self.locked:
            return True
        if self._salt() is None:
            self.ctx.bus.status_message.emit(
                "Lock now needs an encrypted folder: File > Data > Encryption… (Shift+F9)."
            )
            return False
        window = self.window
        self._disabled = [
            item
            for item in (*window.findChildren(QAction), *self._window_parts())
            if item is not self.action and item.isEnabled()
        ]
        for item in self._disabled:
            item.setEnabled(False)
        self._hidden = [
            d for d in window.findChildren(QDockWidget) if d.isFloating() and d.isVisible()
        ]
        for dock in self._hidden:
            dock.hide()
        self._title = window.windowTitle()
        window.setWindowTitle("Locked")  # the display name follows: "Locked — alcoach"
        self.cover = LockCover(window, str(self.ctx.data_dir))
        self.cover.unlock_asked.connect(self.try_unlock)
        self._place()
        self.cover.show()
        self.cover.raise_()
        self.cover.field.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.instance().focusChanged.connect(self._keep_focus)
        self.locked_changed.emit(True)
        return True

    def _window_parts(self) -> list[QWidget]:
        return [
            child
            for child in self.window.children()
            if isinstance(child, QWidget)
            and not isinstance(child, LockCover)
            and not child.isWindow()
        ]

    def try_unlock(self, passphrase: str) -> bool:
        salt = self._salt()
        if self.cover is None or salt is None:
            return False
        from alcoach.data.cipher import unlock

        try:
            unlock(self.ctx.db_path, salt, passphrase)
        except AlcoachError as exc:
            self.cover.error.setText(str(exc))
            return False
        self._uncover()
        return True

    def _keep_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Whatever takes the focus in this window while it is locked gives it back to the
        passphrase field (a panel's deferred focus, a timer's)."""
        cover = self.cover
        if cover is None or new is None or new is cover.field:
            return
        if new.window() is self.window:
            cover.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _uncover(self) -> None:
        QApplication.instance().focusChanged.disconnect(self._keep_focus)
        cover, self.cover = self.cover, None
        if cover is not None:
            cover.hide()
            cover.deleteLater()
        for item in self._disabled:
            item.setEnabled(True)
        for dock in self._hidden:
            dock.show()
        self._disabled, self._hidden = [], []
        self.window.setWindowTitle(self._title)
        self.window.activateWindow()
        self.locked_changed.emit(False)

    def check_wake(self) -> None:
        """Lock after a sleep when the coach chose so (Preferences, Security)."""
        if not self.watch.slept() or self.locked or self._salt() is None:
            return
        if settings.get_setting(LOCK_ON_WAKE_KEY, False):
            self.lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        if self.cover is not None:
            self.cover.setGeometry(self.window.rect())


def install_screen_lock(window) -> ScreenLock:
    """File > Lock now (Shift+F8)."""
    lock = ScreenLock(window)
    menu = window.menus["File"]
    menu.insertAction(window.quit_action, lock.action)
    window.addAction(lock.action)
    return lock
