"""What the workspace asks of every panel of the meeting (the timer, the log, the roster, the tabs
and the question bank).

A panel is a QWidget built as `Panel(ctx)` that shows one meeting at a time; it stores what the
coach does as it happens (through the data services, never SQL) and announces it on the bus.
Its commands are made from its entries in alcoach.ui.kit.commands, so the workspace can offer them
before a late panel is built. Optional: `select_record(id)` (a search hit) and `focus_entry()`.
To add a panel: write the class, give its commands a place in alcoach.ui.kit.commands, and add a
PanelSpec to alcoach.ui.shell.workspace.PANELS; the panel tests build every spec.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction


@runtime_checkable
class Panel(Protocol):
    def set_meeting(self, meeting_id: int | None) -> None:
        """Show this meeting (None: no meeting; the panel disables itself)."""

    def flush(self) -> None:
        """Store at once anything still waiting for the save delay (before a switch or quit)."""

    def commands(self) -> list[QAction]:
        """The panel's commands, as the menus and the shortcuts sheet list them."""


def panel_commands(panel: Panel) -> list[QAction]:
    return [a for a in panel.commands() if not a.isSeparator()]
