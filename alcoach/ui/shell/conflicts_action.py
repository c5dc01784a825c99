"""File > Data > Conflicts… (Shift+F11). The dialog and the data it
reads load when it is first opened: start-up stays as it was."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.window_host import WindowHost


def install_conflicts_action(window: WindowHost, menu: QMenu) -> QAction:
    def show() -> None:
        from alcoach.ui.dialogs.conflicts_dialog import ConflictsDialog
        from alcoach.ui.shell.after_import import refresh_open_meeting

        dialog = ConflictsDialog(window, lambda changes: refresh_open_meeting(window, changes))  # type: ignore[arg-type]
        window.conflicts_dialog = dialog  # type: ignore[attr-defined]
        dialog.exec()

    action = make_action(
        window,  # type: ignore[arg-type]
        "&Conflicts…", "Shift+F11", "Texts changed on two copies at once: see both, keep either",
        show,
        name="show_conflicts",
    )  # fmt: skip
    menu.addSeparator()
    menu.addAction(action)
    return action
