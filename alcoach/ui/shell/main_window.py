"""The main window: navigator, meeting workspace, question bank, menus and the status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from alcoach.data import meetings, sets
from alcoach.data.records import MeetingRecord
from alcoach.errors import NotFoundError
from alcoach.ui.kit.action_factory import make_action, use_standard_keys
from alcoach.ui.kit.context import AppContext
from alcoach.ui.practice.practice_actions import install_practice_actions
from alcoach.ui.printing.export_actions import install_export_actions
from alcoach.ui.shell import window_state as ws
from alcoach.ui.shell.data_actions import install_data_actions
from alcoach.ui.shell.navigator import NavigatorDock
from alcoach.ui.shell.running_meetings import RunningMeetings
from alcoach.ui.shell.screen_fit import install_screen_fit
from alcoach.ui.shell.screen_lock import install_screen_lock
from alcoach.ui.shell.security_actions import install_security_actions
from alcoach.ui.shell.status_bar import build_status_bar
from alcoach.ui.shell.undo_keys import install_undo_actions
from alcoach.ui.shell.workspace import MeetingWorkspace

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, when the window has first been drawn on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._painted = False
        self._meeting_id: int | None = None
        self._remembered: int | None = None  # the last meeting as kept in the settings
        self._sheet = None
        self.setObjectName("main_window")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        self.workspace = MeetingWorkspace(ctx)
        self.welcome = QLabel()
        self.welcome.setObjectName("welcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.welcome.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)

        self.navigator = NavigatorDock(ctx, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator)
        bank = self.workspace.dock
        if bank is not None:
            if not bank.objectName():
                bank.setObjectName("question_bank")
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, bank)
        self.screen_fit = install_screen_fit(self, [self.navigator] + ([bank] if bank else []))

        self.first_painted.connect(self._after_first_paint)
        self.save_label, self.place_label, self.mode_label = build_status_bar(self, ctx)
        self.running = RunningMeetings(self, ctx)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._connect()
        self.export_actions = install_export_actions(self)
        self.data_actions = install_data_actions(self)
        self.security_actions = install_security_actions(self)
        self.practice_actions = install_practice_actions(self)
        self.screen_lock = install_screen_lock(self)
        ws.apply_text_step(ws.text_step())
        # the welcome text (it reads the sets) waits until no meeting is to be shown
        self.setWindowTitle("alcoach")
        self.stack.setCurrentWidget(self.welcome)

    # --- construction ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        a = make_action
        self.quit_action = a(self, "&Quit", "Ctrl+Q", "Close alcoach", self.close)
        self.preferences_action = a(
            self, "&Preferences…", "Ctrl+,", "Your name for the documents; alerts", self.edit_prefs
        )
        self.search_action = a(
            self, "&Search notes", "Ctrl+F", "Find text in any note", self.focus_search
        )
        self.next_tab_action = a(
            self,
            "Next tab",
            "Ctrl+PgDown",
            "Show the next workspace tab",
            lambda: self.workspace.step_tab(1),
        )
        self.prev_tab_action = a(
            self,
            "Previous tab",
            "Ctrl+PgUp",
            "Show the previous workspace tab",
            lambda: self.workspace.step_tab(-1),
        )
        self.larger_action = a(
            self,
            "&Larger text",
            ["Ctrl+=", "Ctrl++"],
            "Make all text larger",
            lambda: ws.change_text_step(1),
        )
        self.smaller_action = a(
            self,
            "S&maller text",
            "Ctrl+-",
            "Make all text smaller",
            lambda: ws.change_text_step(-1),
        )
        self.reset_text_action = a(
            self,
            "&Normal text size",
            "Ctrl+0",
            "Go back to the normal text size",
            lambda: ws.change_text_step(0, reset=True),
        )
        self.navigator_action = self.navigator.toggleViewAction()
        self.navigator_action.setText("Show &navigator")
        self.navigator_action.setShortcut("Ctrl+Shift+F")
        self.navigator_action.setToolTip("Show or hide the navigator (Ctrl+Shift+F)")
        self.navigator_action.setStatusTip("Show or hide the navigator")
        self.full_screen_action = a(
            self,
            "&Full screen",
            "F11",
            "Use the whole screen for the window",
            self.toggle_full_screen,
            checkable=True,
        )
        self.shortcuts_action = a(
            self,
            "&Keyboard shortcuts",
            "F1",
            "List every command and its keys",
            self.show_shortcuts,
        )
        standard = {"Quit": self.quit_action, "Preferences": self.preferences_action}
        standard |= {"Find": self.search_action, "HelpContents": self.shortcuts_action}
        for name, action in standard.items():  # the platform's own keys where it has them
            use_standard_keys(action, name)
        self.about_action = a(
            self,
            "&About alcoach",
            "Ctrl+Shift+F1",
            "Version and where the data live",
            self.show_about,
        )

    def _build_menus(self) -> None:
        nav = self.navigator
        bar = self.menuBar()
        self.menus: dict[str, object] = {}
        file_menu = bar.addMenu("&File")
        file_menu.addActions([nav.new_programme_action, nav.new_set_action])
        file_menu.addSeparator()
        file_menu.addActions([self.preferences_action, self.quit_action])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions(
            [
                nav.edit_item_action,
                nav.add_member_action,
                nav.edit_member_action,
                nav.member_active_action,
                nav.archive_set_action,
            ]
        )
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        self.undo_action, self.redo_action = install_undo_actions(self, self.ctx, edit_menu)
        meeting_menu = bar.addMenu("&Meeting")
        meeting_menu.addActions(
            [nav.new_meeting_action, nav.rename_meeting_action, nav.delete_meeting_action]
        )
        meeting_menu.addSeparator()
        meeting_menu.addActions([self.next_tab_action, self.prev_tab_action])
        self.menus = {"File": file_menu, "Edit": edit_menu, "Meeting": meeting_menu}
        for key, spec in self.workspace.specs.items():
            actions = self.workspace.commands(key)  # stand-ins for a panel not built yet
            if not actions:
                continue
            menu = self.menus[spec.menu]
            menu.addSeparator()
            menu.addActions(actions)
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.larger_action, self.smaller_action, self.reset_text_action])
        view_menu.addSeparator()
        view_menu.addAction(self.navigator_action)
        bank = self.workspace.dock
        if bank is not None:
            self.bank_action = bank.toggleViewAction()
            self.bank_action.setText("Show &question bank")
            self.bank_action.setShortcut("Ctrl+Shift+B")
            self.bank_action.setToolTip("Show or hide the question bank (Ctrl+Shift+B)")
            self.bank_action.setStatusTip("Show or hide the question bank")
            view_menu.addAction(self.bank_action)
        view_menu.addAction(self.full_screen_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])
        self.menus.update({"View": view_menu, "Help": help_menu})  # ok-ui
        for menu in self.menus.values():
            menu.setToolTipsVisible(True)
        # Window shortcuts work even when the menu bar is hidden (full screen); a shortcut meant
        # for one widget stays with the widget that added it.
        self.addActions(
            [
                act
                for _menu, act in self.all_actions()
                if act.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut
                and act.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
            ]
        )

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        nav = self.navigator
        bar.addActions([nav.new_meeting_action, nav.new_set_action, nav.add_member_action])
        bar.addSeparator()
        bar.addActions([self.search_action, self.navigator_action, self.shortcuts_action])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    def _connect(self) -> None:
        bus = self.ctx.bus
        bus.meeting_changed.connect(self._meeting_changed)
        bus.sets_changed.connect(self._sets_changed)
        self.navigator.meeting_selected.connect(
            lambda mid: self.open_meeting(mid, focus_entry=False)
        )
        self.navigator.meeting_activated.connect(self.open_meeting)
        self.navigator.meeting_deleted.connect(self._meeting_deleted)
        self.navigator.search.hit_activated.connect(
            lambda mid, source, sid: self.open_meeting(mid, (source, sid))
        )

    def all_actions(self) -> list[tuple[str, QAction]]:
        """Every command of the window as (menu name, action), in menu order."""
        seen: set[int] = set()
        listed = []
        for name, menu in self.menus.items():
            for action in menu.actions():
                if action.isSeparator() or action.menu() is not None or id(action) in seen:
                    continue
                seen.add(id(action))
                listed.append((name, action))
        return listed

    # --- meetings ---------------------------------------------------------------------------

    @property
    def current_meeting_id(self) -> int | None:
        return self._meeting_id

    def restore_or_open_latest(self) -> None:
        """Put the window back as the coach left it; on a first start open the newest meeting."""
        docks = [self.navigator] + ([self.workspace.dock] if self.workspace.dock else [])
        ws.restore_layout(self, self.workspace.splitter, docks)
        self._remembered = ws.last_meeting_id()
        meeting = self._record(self._remembered) if self._remembered is not None else None
        if meeting is None:
            meeting = meetings.latest_meeting()
        self.open_meeting(meeting.id if meeting else None, record=meeting)

    @staticmethod
    def _record(meeting_id: int) -> MeetingRecord | None:
        try:
            return meetings.get_meeting(meeting_id)
        except NotFoundError:
            return None

    @classmethod
    def _exists(cls, meeting_id: int) -> bool:
        return cls._record(meeting_id) is not None

    def open_meeting(
        self,
        meeting_id: int | None,
        focus: tuple[str, int] | None = None,
        *,
        focus_entry: bool = True,
        record: MeetingRecord | None = None,
    ) -> None:
        """Show a meeting in every panel; `focus` = (note source, record id) to bring forward.
        `record`: the meeting as just read, when the caller has it (saves reading it again)."""
        if record is None or record.id != meeting_id:
            record = meetings.get_meeting(meeting_id) if meeting_id is not None else None
        if meeting_id != self._meeting_id and not self.running.may_leave(
            self._meeting_id,
            meeting_id,
            lambda: self.open_meeting(meeting_id, focus, focus_entry=focus_entry, record=record),
        ):
            self.navigator.show_meeting(self._meeting_id)  # the selection goes back meanwhile
            return
        if meeting_id != self._meeting_id:
            self.workspace.flush()
            self._meeting_id = meeting_id
            self.workspace.set_meeting(meeting_id)
            if meeting_id is not None:
                if meeting_id != self._remembered:  # a write (and an fsync) only for a change
                    ws.remember_meeting(meeting_id)
                    self._remembered = meeting_id
                self.ctx.bus.meeting_opened.emit(meeting_id)
        self._show_meeting(meeting_id, record)
        self.navigator.show_meeting(meeting_id, record.set_id if record else None)
        if meeting_id is None:
            return
        if focus is not None:
            self.workspace.show_source(*focus)
        elif focus_entry:
            self.workspace.focus_entry()

    def _show_meeting(self, meeting_id: int | None, meeting: MeetingRecord | None = None) -> None:
        if meeting_id is None:
            self.setWindowTitle("alcoach")
            self.welcome.setText(self._welcome_text())
            self.stack.setCurrentWidget(self.welcome)
            return
        if meeting is None or meeting.id != meeting_id:
            meeting = meetings.get_meeting(meeting_id)
        title = meeting.title or meeting.date.strftime("%d %b %Y")
        self.setWindowTitle(f"{title} — {meeting.set_name} — alcoach")
        self.stack.setCurrentWidget(self.workspace)

    @staticmethod
    def _welcome_text() -> str:
        if not sets.list_sets(include_archived=False):
            return (
                "Welcome to alcoach.\n\nCreate a set (Ctrl+Shift+N), add its members (Ctrl+M), "
                "then start a meeting (Ctrl+N).\n\nTo look around first, run: alcoach demo"
            )
        return "Pick a meeting in the navigator, or start a new one (Ctrl+N)."

    def _meeting_changed(self, meeting_id: int) -> None:
        if meeting_id == self._meeting_id:
            self._show_meeting(meeting_id)

    def _sets_changed(self) -> None:
        if self._meeting_id is not None and not self._exists(self._meeting_id):
            self._meeting_deleted(self._meeting_id)
        else:
            self._show_meeting(self._meeting_id)

    def _meeting_deleted(self, meeting_id: int) -> None:
        if meeting_id != self._meeting_id:
            return
        self._meeting_id = None
        self.workspace.set_meeting(None)
        latest = meetings.latest_meeting()
        self.open_meeting(latest.id if latest else None, focus_entry=False)

    # --- view -----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.navigator.show()
        self.navigator.raise_()
        self.navigator.search.focus_search()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    def show_shortcuts(self) -> None:
        from alcoach.ui.shell.shortcuts_sheet import ShortcutsSheet

        rows = self.all_actions() + self.workspace.mode_commands()
        if self._sheet is None:
            self._sheet = ShortcutsSheet(rows, self)
        else:
            self._sheet.refresh(rows)
        self._sheet.show()
        self._sheet.raise_()
        self._sheet.activateWindow()

    def edit_prefs(self) -> None:
        from alcoach.ui.dialogs.preferences_dialog import PreferencesDialog

        self.preferences_dialog = PreferencesDialog(self.ctx, self)
        self.preferences_dialog.open()

    def show_about(self) -> None:
        from alcoach import __version__

        self.statusBar().showMessage(
            f"alcoach {__version__} — your notes are kept in {self.ctx.db_path}", 10000
        )

    # --- closing --------------------------------------------------------------------------------

    def save_window_state(self) -> None:
        ws.save_layout(self, self.workspace.splitter)
        if self._meeting_id is not None and self._meeting_id != self._remembered:
            ws.remember_meeting(self._meeting_id)
            self._remembered = self._meeting_id

    def _after_first_paint(self) -> None:
        from PySide6.QtCore import QTimer

        from alcoach.ui.kit.bundled_fonts import register_bundled_fonts

        QTimer.singleShot(0, register_bundled_fonts)  # once the whole paint pass is over
        QTimer.singleShot(0, self.running, self.running.refresh)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.running.may_quit(self.close):
            event.ignore()
            return
        self.workspace.flush()
        try:
            self.save_window_state()
        except Exception:  # never keep the coach from closing the window
            log.exception("window state not saved")
        if self._sheet is not None:
            self._sheet.close()
        super().closeEvent(event)
