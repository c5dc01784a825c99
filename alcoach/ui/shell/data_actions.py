"""File > Data: back up now, restore from a backup, export and import an archive.

`install_data_actions(window)` is the one call the main window makes. The archive code (and
jsonschema), the restore dialog, the file dialogs, the message box and the status bar's busy bar
are loaded (or made) only when a command is used: start-up stays fast.

The work runs off the UI thread (alcoach.ui.kit.tasks), with a busy bar in the status bar:
- a backup and an archive export only read, each on its own connection: under WAL the coach
  keeps typing meanwhile and every edit is saved as usual;
- an import is first read and checked without touching the database (the window stays fully
  usable), then written in one transaction. SQLite lets one connection write at a time, so for
  that transaction (a fraction of a second for a set, seconds for years of notes) the window is
  paused: what was typed is saved first, then the window takes no input until the import is
  written, and the focus goes back where it was. Without the pause an edit made meanwhile would
  wait for the lock on the UI thread (a frozen window) and, past busy_timeout (5 s), fail with
  "database is locked";
- a restore replaces the database file: the window is paused and the database closed, the file
  is replaced in the background, then the database is reopened and the window reloaded.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from shiboken6 import isValid

from alcoach.errors import AlcoachError, NotFoundError
from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.tasks import run_in_background
from alcoach.ui.kit.window_host import WindowHost
from alcoach.ui.shell.data_work import (
    check_archive,
    export_everything,
    make_backup,
    restore_file,
    sentence,
    write_archive,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from alcoach.data.archive import CheckedArchive
    from alcoach.data.op_changes import OpChanges
    from alcoach.data.store import Store
    from alcoach.ui.dialogs.restore_dialog import RestoreDialog
    from alcoach.ui.kit.busy_indicator import BusyIndicator
    from alcoach.ui.meeting.undo_after_import import UndoSnapshot

log = logging.getLogger(__name__)


# --- the window side -------------------------------------------------------------------------


class _Pause:
    """The window takes no input (keys, clicks, shortcuts) while the database is being written
    by a worker or replaced; it still repaints, and the meeting clock keeps running."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.active = False
        self._focus = None

    def start(self) -> None:
        if self.active:
            return
        self.window.workspace.flush()  # what was typed a moment ago is saved before the pause
        self._focus = QApplication.focusWidget()
        self.active = True
        self.window.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def end(self) -> None:
        if not self.active:
            return
        self.active = False
        QApplication.restoreOverrideCursor()
        self.window.setEnabled(True)
        focus, self._focus = self._focus, None
        if focus is not None and isValid(focus) and focus.isVisible() and focus.isEnabled():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)


class DataActions(QObject):
    backup_finished = Signal(str)  # the backup file
    backup_failed = Signal(str)  # a sentence for the coach
    restore_finished = Signal(str)  # the copy of the replaced database
    restore_failed = Signal(str)
    export_finished = Signal(str)  # the archive file
    export_failed = Signal(str)
    import_finished = Signal(str)  # what was imported, e.g. "1 set, 2 meetings, 9 interventions"
    import_failed = Signal(str)

    def __init__(self, ctx: AppContext, window: WindowHost) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._busy: BusyIndicator | None = None  # made when the first command runs
        self.pause = _Pause(window)
        self.dialog: RestoreDialog | None = None
        self.message_box: QMessageBox | None = None
        self.store: Store | None = None  # the database as reopened after a restore
        self._exclusive = ""  # "restore" or "import" while one runs: one at a time
        self._archive_folder: Path | None = None
        a = make_action
        self.backup_action = a(
            window,
            "&Back up now",
            "Ctrl+Shift+S",
            "Copy all your notes into the backups folder now",
            self.back_up_now,
            name="backup_now",
        )
        self.restore_action = a(
            window,
            "&Restore from backup…",
            "Ctrl+O",
            "Go back to your notes as they were when a backup was made",
            self.open_restore_dialog,
            name="restore_backup",
        )
        self.export_action = a(
            window,
            "E&xport archive…",
            "Ctrl+Shift+X",
            "Write everything into one archive file, to move to another computer",
            self.export_archive,
            name="export_archive",
        )
        self.import_action = a(
            window,
            "&Import archive…",
            "Ctrl+Shift+I",
            "Add the content of an archive file to your notes",
            self.import_archive,
            name="import_archive",
        )
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._close_reopened)

    @property
    def busy(self) -> BusyIndicator:
        if self._busy is None:
            from alcoach.ui.kit.busy_indicator import BusyIndicator

            self._busy = BusyIndicator(self.window, "data")
        return self._busy

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action, self.export_action, self.import_action]

    # --- back up ------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self.window.workspace.flush()  # what was typed a moment ago belongs in the backup
        db_path, now = self.ctx.db_path, self.ctx.now()
        self.busy.start("Backing up…")
        run_in_background(
            lambda: make_backup(db_path, now),
            on_success=self._backed_up,
            on_failure=lambda exc: self._failed(exc, "The backup", self.backup_failed),
        )

    def _backed_up(self, path: Path) -> None:
        self.busy.done()
        self.ctx.bus.status_message.emit(f"Backed up to {path}")
        self.backup_finished.emit(str(path))

    # --- restore ------------------------------------------------------------------------------

    def open_restore_dialog(self) -> RestoreDialog | None:
        from alcoach.data.backup import backup_dir_for, describe_backups
        from alcoach.ui.dialogs.restore_dialog import RestoreDialog

        if self._refuse_while_busy():
            return None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        folder = backup_dir_for(self.ctx.db_path)
        today = self.ctx.now().astimezone().date()
        dialog = RestoreDialog(describe_backups(folder), folder, today, self.window)
        dialog.restore_chosen.connect(self.restore_from)
        self.dialog = dialog
        dialog.show()  # not modal: the meeting window stays usable until the coach confirms
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def restore_from(self, backup_file: Path) -> None:
        """Keep the current database aside, put the backup in its place, reopen, reload."""
        from alcoach.data.db import close_open_database

        if self._refuse_while_busy():
            return
        self._exclusive = "restore"
        self._update_actions()
        self.pause.start()
        self.busy.start("Restoring the backup — one moment…")
        close_open_database()  # restore() wants the file closed; a refusal leaves it as it was
        db_path, now = self.ctx.db_path, self.ctx.now()
        run_in_background(
            lambda: restore_file(db_path, Path(backup_file), now),
            on_success=lambda aside: self._restored(Path(backup_file), aside),
            on_failure=self._restore_refused,
        )

    def _restored(self, backup_file: Path, aside: Path) -> None:
        problem = self._reopen()
        if problem is None:
            self._reload_window()
        self._end_exclusive()
        if problem is not None:
            self._tell("The backup was restored but cannot be opened.", problem)
            self.restore_failed.emit(problem)
            return
        self.ctx.bus.status_message.emit(
            f"Restored {backup_file.name}. Your notes from before are kept in {aside}."
        )
        self.restore_finished.emit(str(aside))

    def _restore_refused(self, exc: BaseException) -> None:
        problem = self._reopen()  # the same, untouched file
        self._end_exclusive()
        text = sentence(exc, "The restore")
        if problem is not None:
            text = f"{text} {problem}"
        self.ctx.bus.status_message.emit(f"Nothing was restored: {text}")
        self._tell("Nothing was restored; your notes are as they were.", text)
        self.restore_failed.emit(text)

    def _reopen(self) -> str | None:
        from alcoach.data.db import close_open_database
        from alcoach.data.store import open_store

        close_open_database()  # a stray read meanwhile may have opened the old file again
        try:
            # restore() has just checked the backup in full; a migration still checks first
            self.store = open_store(self.ctx.data_dir, defer_check=True)
        except AlcoachError as exc:
            return str(exc)
        return None

    def _reload_window(self) -> None:
        """Every panel and the navigator read the restored notes; the same meeting if it exists."""
        from alcoach.data import meetings
        from alcoach.ui.shell import window_state as ws

        window = self.window
        previous = window.current_meeting_id
        window.open_meeting(None, focus_entry=False)  # every panel lets go of the old rows
        self.ctx.bus.sets_changed.emit()
        self.ctx.bus.questions_changed.emit()
        target = None
        for candidate in (previous, ws.last_meeting_id()):
            if candidate is None:
                continue
            try:
                target = meetings.get_meeting(candidate).id
            except NotFoundError:
                continue
            break
        if target is None:
            latest = meetings.latest_meeting()
            target = latest.id if latest else None
        window.open_meeting(target, focus_entry=False)

    def _close_reopened(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # --- archives -----------------------------------------------------------------------------

    def _folder(self) -> str:
        from PySide6.QtCore import QStandardPaths

        if self._archive_folder is not None and self._archive_folder.is_dir():
            return str(self._archive_folder)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs if docs and Path(docs).is_dir() else str(Path.home())

    def export_archive(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        today = self.ctx.now().astimezone().date()
        suggested = Path(self._folder()) / f"alcoach-archive-{today.isoformat()}.json"
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export everything as an archive",
            str(suggested),
            "alcoach archives (*.json);;All files (*)",
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".json")
        self._archive_folder = path.parent
        self.window.workspace.flush()
        self.busy.start("Exporting the archive…")
        db_path = self.ctx.db_path
        run_in_background(
            lambda: export_everything(db_path, path),
            on_success=lambda summary: self._exported(path, summary),
            on_failure=lambda exc: self._failed(exc, "The archive export", self.export_failed),
        )

    def _exported(self, path: Path, summary: str) -> None:
        self.busy.done()
        self.ctx.bus.status_message.emit(f"Exported {summary}")  # with the path (data_work)
        self.export_finished.emit(str(path))

    def import_archive(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self._refuse_while_busy():
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import an archive",
            self._folder(),
            "alcoach archives (*.json);;All files (*)",
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Check the whole file in the background, then write it in one transaction."""
        if self._refuse_while_busy():
            return
        self._archive_folder = path.parent
        self._exclusive = "import"
        self._update_actions()
        self.busy.start(f"Checking {path.name}…")
        run_in_background(
            lambda: check_archive(path),
            on_success=lambda checked: self._write_checked(path, checked),
            on_failure=self._import_refused,
        )

    def _write_checked(self, path: Path, checked: CheckedArchive, allow: bool = False) -> None:
        from alcoach.ui.shell.after_import import undo_snapshot

        self.busy.say(f"Adding {path.name} to your notes — one moment…")
        self.pause.start()
        before = undo_snapshot(self.window)  # the window writes nothing until the import ends
        db_path = self.ctx.db_path
        run_in_background(
            lambda: write_archive(db_path, checked, allow_mass_delete=allow),
            on_success=lambda done: self._imported(path, *done, before),
            on_failure=lambda exc: self._mass_deletion(path, checked, exc),
        )

    def _mass_deletion(self, path: Path, checked: CheckedArchive, exc: BaseException) -> None:
        """An archive that deletes a set, a programme or many records: the coach decides."""
        from alcoach.data.archive import MassDeletion
        from alcoach.ui.shell.mass_delete import ask_mass_delete

        if not isinstance(exc, MassDeletion):
            self._import_refused(exc)
            return
        self.pause.end()
        if ask_mass_delete(self.window, path.name, str(exc)):
            self._write_checked(path, checked, allow=True)
        else:
            self._import_refused(exc)

    def _imported(self, path: Path, summary: str, changes: OpChanges, before: UndoSnapshot) -> None:
        from alcoach.ui.shell.after_import import follow_import

        self._end_exclusive()
        more = follow_import(self.window, changes, before)
        self.ctx.bus.status_message.emit(f"Imported {path.name}: {summary}.{more}")
        self.import_finished.emit(summary)

    def _import_refused(self, exc: BaseException) -> None:
        self._end_exclusive()
        text = sentence(exc, "The import")
        self.ctx.bus.status_message.emit(f"Nothing was imported: {text}")
        self._tell("Nothing was imported.", text)
        self.import_failed.emit(text)

    # --- shared -------------------------------------------------------------------------------

    def _refuse_while_busy(self) -> bool:
        if not self._exclusive:
            return False
        doing = {"restore": "a restore", "import": "an import", "erasure": "an erasure"}.get(
            self._exclusive, "encryption"
        )
        self.ctx.bus.status_message.emit(f"Please wait: {doing} is still running.")
        return True

    def _end_exclusive(self) -> None:
        restoring = self._exclusive == "restore"
        self._exclusive = ""
        self.busy.done()
        self.pause.end()
        self._update_actions()
        if restoring:  # the coach confirmed in a dialog that is gone: back to the window
            self.window.activateWindow()

    def _update_actions(self) -> None:
        free = not self._exclusive
        self.restore_action.setEnabled(free)
        self.import_action.setEnabled(free)

    def _failed(self, exc: BaseException, what: str, signal: Any) -> None:
        self.busy.done()
        text = sentence(exc, what)
        self.ctx.bus.status_message.emit(text)
        self._tell(f"{what} did not work.", text)
        signal.emit(text)

    def _tell(self, title: str, text: str) -> None:
        from alcoach.ui.kit.notice import show_notice  # QMessageBox: only when there is news

        self.message_box = show_notice(
            self.message_box, self.window, title, text,
            object_name="data_message", window_title="alcoach",
        )  # fmt: skip


def install_data_actions(window: WindowHost) -> DataActions:
    """Add File > Data (backup, restore, archive export and import, conflicts) and its keys."""
    from alcoach.ui.shell.conflicts_action import install_conflicts_action

    data = DataActions(window.ctx, window)
    menu = QMenu("&Data", window)
    menu.setToolTipsVisible(True)
    menu.addActions(data.actions()[:2])
    menu.addSeparator()
    menu.addActions(data.actions()[2:])
    data.conflicts_action = install_conflicts_action(window, menu)
    file_menu = window.menus["File"]
    file_menu.insertMenu(window.quit_action, menu)
    file_menu.insertSeparator(window.quit_action)
    window.menus["Data"] = menu  # all_actions() and the shortcuts sheet list them
    window.addActions(data.actions())  # the keys work in full screen, menu bar hidden
    return data
