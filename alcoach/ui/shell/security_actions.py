"""Encrypt, change the passphrase, decrypt: from the window, with progress.

Each rewrites the database and every backup (alcoach.data.encryption), so it runs as a restore
does: the window's writes wait (File > Data's pause), its connection closes, the work runs on a
background thread and says how far it has got in the status bar, and the folder is opened again
(its key is known to this process by then) and every panel reloads.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.tasks import ProgressRelay, run_in_background

DOING = {"encrypt": "Encrypting", "change": "Re-keying", "decrypt": "Decrypting"}
DONE = {
    "encrypt": "Your notes are now encrypted: the database and {backups}.",
    "change": "The passphrase is changed: the database and {backups} were re-keyed.",
    "decrypt": "Your notes are plain files again: the database and {backups}.",
}


class SecurityActions(QObject):
    finished = Signal(str)  # the sentence said when it worked
    failed = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.dialog = None
        self.question = None  # the decrypt question (a QMessageBox, made when asked)
        self.encryption_action: QAction = make_action(
            window,
            "&Encryption…",
            "Shift+F9",
            "Encrypt your notes on disk, change the passphrase, or decrypt them",
            self.open_dialog,
            name="encryption",
        )

    def open_dialog(self):
        from alcoach.ui.dialogs.encryption_dialog import EncryptionDialog

        if self.window.data_actions._refuse_while_busy():
            return None
        self.dialog = EncryptionDialog(self.ctx.data_dir, self.window)
        self.dialog.chosen.connect(self.chosen)
        self.dialog.open()
        return self.dialog

    def chosen(self, kind: str, passphrase: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if kind != "decrypt":
            self.run(kind, passphrase)
            return
        self.question = QMessageBox(
            QMessageBox.Icon.Warning,
            "Decrypt your notes?",
            "The database and every backup become plain files again: anyone who gets the disk "
            "can then read every note. Decrypt them?",
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        decrypt = self.question.addButton("Decrypt", QMessageBox.ButtonRole.DestructiveRole)
        self.question.setObjectName("decrypt_question")
        decrypt.clicked.connect(lambda: self.run("decrypt", ""))
        self.question.open()

    def run(self, kind: str, passphrase: str) -> None:
        from alcoach.data import encryption
        from alcoach.data.db import close_open_database

        data = self.window.data_actions
        if data._refuse_while_busy():
            return
        folder = self.ctx.data_dir
        work = {
            "encrypt": lambda progress: encryption.encrypt_folder(folder, passphrase, progress),
            "change": lambda progress: encryption.change_passphrase(folder, passphrase, progress),
            "decrypt": lambda progress: encryption.decrypt_folder(folder, progress),
        }[kind]
        progress = ProgressRelay(self)
        progress.moved.connect(
            lambda done, total: data.busy.say(f"{DOING[kind]} your notes: {done} of {total} files")
        )
        data._exclusive = kind
        data._update_actions()
        data.pause.start()
        self.window.workspace.flush()
        data.busy.start(f"{DOING[kind]} your notes…")
        close_open_database()
        run_in_background(
            lambda: work(progress.moved.emit),
            on_success=lambda outcome: self._done(kind, outcome.backups_text),
            on_failure=self._refused,
        )

    def _done(self, kind: str, backups: str) -> None:
        data = self.window.data_actions
        problem = data._reopen()
        if problem is None:
            data._reload_window()
        data._end_exclusive()
        self.window.activateWindow()  # the coach confirmed in a dialog that is gone
        if problem is not None:
            data._tell("Your notes cannot be opened again.", problem)
            self.failed.emit(problem)
            return
        from alcoach.ui.shell.status_bar import show_place

        show_place(self.window.place_label, self.ctx.db_path)
        said = DONE[kind].format(backups=backups)
        self.ctx.bus.status_message.emit(said)
        self.finished.emit(said)

    def _refused(self, exc: BaseException) -> None:
        from alcoach.ui.shell.data_work import sentence

        data = self.window.data_actions
        problem = data._reopen()  # every file is whole: the old or the new (file_cipher)
        if problem is None:
            data._reload_window()
        data._end_exclusive()
        self.window.activateWindow()
        text = sentence(exc, "The change of encryption")
        data._tell("The change of encryption did not finish.", text)
        self.ctx.bus.status_message.emit(text)
        self.failed.emit(text)


def install_security_actions(window) -> SecurityActions:
    """File > Data > Encryption… (Shift+F9), also from Preferences' Security section."""
    security = SecurityActions(window)
    menu = window.menus["Data"]
    menu.addSeparator()
    menu.addAction(security.encryption_action)
    window.addAction(security.encryption_action)
    return security
