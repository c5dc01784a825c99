"""What the File menu's command groups (export, Data) need of the window they are installed in.

They take the main window as this Protocol, so they never import the main window's module (which
imports them to install them): no import cycle, and a test can give them a smaller window.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from alcoach.ui.kit.context import AppContext


class WindowHost(Protocol):
    ctx: AppContext
    menus: dict[str, QMenu]
    toolbar: QToolBar
    quit_action: QAction
    workspace: Any  # alcoach.ui.shell.workspace.MeetingWorkspace
    navigator: Any  # alcoach.ui.shell.navigator.NavigatorDock

    @property
    def current_meeting_id(self) -> int | None: ...

    def open_meeting(self, meeting_id: int) -> None: ...
