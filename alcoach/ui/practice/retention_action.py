"""File > Practice records > Remove old meetings… (Ctrl+Shift+F4): the meetings older than the
years the coach keeps them (Preferences), removed after the offer of an archive export first.
The removal leaves no tombstone: another laptop keeps its own history."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.saving import guarded_write
from alcoach.ui.kit.window_host import WindowHost


class RetentionAction:
    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.box: QMessageBox | None = None
        self.action: QAction = make_action(
            window,  # type: ignore[arg-type]
            "Remove &old meetings…", "Ctrl+Shift+F4",
            "Remove the meetings older than the years you keep them (Preferences)",
            self.offer, name="remove_old_meetings",
        )  # fmt: skip

    def offer(self) -> None:
        from alcoach.data import retention

        ctx = self.window.ctx
        years, first = retention.retention_years(), retention.horizon(ctx.now().date())
        if not years or first is None:
            ctx.bus.status_message.emit(
                "You keep meetings for always: set how many years in Preferences."
            )
            return
        old = retention.past_horizon(ctx.now().date())
        if not old:
            ctx.bus.status_message.emit(f"No meeting is older than {years} years.")
            return
        self.box = box = QMessageBox(self.window)  # type: ignore[arg-type]
        box.setObjectName("retention_question")
        box.setWindowTitle("Remove old meetings")
        box.setIcon(QMessageBox.Icon.Question)
        are = "meetings are" if len(old) != 1 else "meeting is"
        box.setText(
            f"{len(old)} {are} dated before {first.isoformat()}, older than the {years} years "
            "you keep them."
        )
        box.setInformativeText(
            "Export an archive first to keep them outside alcoach. The removal cannot be undone "
            "here; another laptop keeps its own copy."
        )
        export = box.addButton("&Export an archive first…", QMessageBox.ButtonRole.ActionRole)
        remove = box.addButton(f"&Remove {len(old)}", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(export)
        box.exec()
        if box.clickedButton() is export:
            self.window.data_actions.export_archive()  # type: ignore[attr-defined]
        elif box.clickedButton() is remove:
            removed = guarded_write(ctx.bus, retention.remove_past_horizon, ctx.now().date())
            if removed is not None:
                self.window.data_actions._reload_window()  # type: ignore[attr-defined]
                ctx.bus.status_message.emit(
                    f"Removed {removed} meeting{'s' if removed != 1 else ''} older than "
                    f"{years} years."
                )
