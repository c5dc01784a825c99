"""File > Practice records (the hours log) and File > Export and print > Export a table (CSV).
The dialogs and the data they read load when first opened: start-up stays as it was."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from alcoach.ui.kit.action_factory import make_action
from alcoach.ui.kit.window_host import WindowHost


class PracticeActions:
    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self._csv = None
        self._log = None
        # Shift+F3: not Ctrl+Shift+U, which Linux input methods take for typing by code point
        self.hours_action = make_action(
            window,  # type: ignore[arg-type]
            "&Hours log…", "Shift+F3",
            "Your coaching hours: each meeting and hand-added hour, totals, targets",
            self.show_hours, name="show_hours",
        )  # fmt: skip
        self.csv_action = make_action(
            window,  # type: ignore[arg-type]
            "Export a &table (CSV)…", "Ctrl+Shift+F12",
            "Write interventions, tallies, ratings, actions, learnings or hours as a CSV file",
            self.export_csv, name="export_csv",
        )  # fmt: skip

        self.log_action = make_action(
            window,  # type: ignore[arg-type]
            "Export the &coaching log (PDF)…", "Ctrl+Shift+F3",
            "Your hours for a credential application, members named only where they agreed",
            self.export_log, name="export_coaching_log",
        )  # fmt: skip

    def actions(self) -> list[QAction]:
        return [self.hours_action, self.log_action, self.csv_action]

    def export_log(self, which=None, parent=None) -> None:
        from alcoach.data.hours import HoursFilter
        from alcoach.ui.practice.log_export import LogExport

        if self._log is None:
            self._log = LogExport(self.window.ctx, self.window)  # type: ignore[arg-type]
        self._log.run(which or HoursFilter(), parent)

    def show_hours(self) -> None:
        from alcoach.ui.practice.hours_view import HoursView

        view = HoursView(self.window.ctx, self.window, on_log=self.export_log)  # type: ignore[arg-type]
        self.window.hours_view = view  # type: ignore[attr-defined]
        view.exec()

    def export_csv(self) -> None:
        from alcoach.ui.practice.csv_export import CsvExport

        if self._csv is None:
            self._csv = CsvExport(self.window.ctx, self.window)  # type: ignore[arg-type]
        self._csv.run()


def install_practice_actions(window: WindowHost) -> PracticeActions:
    practice = PracticeActions(window)
    file_menu = window.menus["File"]
    menu = QMenu("P&ractice records", window)  # type: ignore[arg-type]
    menu.setToolTipsVisible(True)
    menu.addActions([practice.hours_action, practice.log_action])
    file_menu.insertMenu(window.quit_action, menu)
    window.menus["Practice"] = menu  # all_actions() and the shortcuts sheet list it
    export = window.menus["Export"]
    export.addSeparator()
    export.addAction(practice.csv_action)
    window.addActions(practice.actions())  # type: ignore[attr-defined]
    from alcoach.ui.practice.erase_member import install_erase_action

    practice.erase = install_erase_action(window)
    from alcoach.ui.practice.retention_action import RetentionAction

    practice.retention = RetentionAction(window)
    menu.addSeparator()
    menu.addAction(practice.retention.action)
    window.addActions([practice.retention.action])  # type: ignore[attr-defined]
    return practice
