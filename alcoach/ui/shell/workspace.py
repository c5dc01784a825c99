"""The meeting workspace: the timer across the top, the notes tabs beside the members.

Each panel follows the contract in alcoach.ui.kit.panel_contract (`Panel(ctx)`, `set_meeting`,
`flush`, `commands`); PANELS says where each one goes. A panel that fails to import or build is a
bug, and fails loudly (a test builds every one).

What the first paint shows (timer, intervention log, roster, question bank) is built at once; the
other tabs are built when first shown, or when one of their commands or a search hit needs them.
Their commands are in the menus from the start: `commands(key)` gives stand-in actions made from
the same entries of alcoach.ui.kit.commands that the panel makes its own from; a stand-in builds the
panel and runs the panel's action. Once built, the panel's window-wide actions leave their keys
to the stand-ins, so no key is claimed twice.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from alcoach.ui.kit import commands as command_table
from alcoach.ui.kit.action_factory import make_command
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_contract import Panel, panel_commands
from alcoach.ui.meeting.meeting_undo import meeting_undo


class PanelSpec(NamedTuple):
    key: str
    module: str
    class_name: str
    title: str  # the tab's label; also the name used in menus and the shortcuts sheet
    place: str  # "top", "tab", "side" or "dock"
    menu: str  # "Meeting" or "Edit"
    lazy: bool = False  # built when first needed, not at start-up


PANELS = (
    PanelSpec("timer", "alcoach.ui.meeting.timer_panel", "TimerPanel", "Timer", "top", "Meeting"),
    PanelSpec(
        "interventions",
        "alcoach.ui.meeting.intervention_log",
        "InterventionLogPanel",
        "Interventions",
        "tab",
        "Meeting",
    ),
    PanelSpec(
        "problem",
        "alcoach.ui.meeting.problem_panel",
        "ProblemPanel",
        "Problem",
        "tab",
        "Edit",
        True,
    ),
    PanelSpec(
        "actions",
        "alcoach.ui.meeting.actions_panel",
        "ActionsPanel",
        "Actions",
        "tab",
        "Edit",
        True,
    ),
    PanelSpec(
        "learnings",
        "alcoach.ui.meeting.learnings_panel",
        "LearningsPanel",
        "Learnings",
        "tab",
        "Edit",
        True,
    ),
    PanelSpec(
        "feedback",
        "alcoach.ui.meeting.feedback_editor",
        "FeedbackEditor",
        "Feedback",
        "tab",
        "Edit",
        True,
    ),
    PanelSpec(
        "notes",
        "alcoach.ui.meeting.coach_notes",
        "CoachNotesPanel",
        "Coach notes",
        "tab",
        "Edit",
        True,
    ),
    PanelSpec(
        "members", "alcoach.ui.meeting.members_panel", "MembersPanel", "Members", "side", "Edit"
    ),
    PanelSpec(
        "bank", "alcoach.ui.bank.question_bank", "QuestionBankDock", "Question bank", "dock", "Edit"
    ),
)

# Where a search hit lives: note source -> panel key.
SOURCE_PANELS = {
    "intervention": "interventions",
    "problem": "problem",
    "action": "actions",
    "learning": "learnings",
    "feedback": "feedback",
    "meeting": "notes",
}


def load_panel_class(spec: PanelSpec) -> type[Panel]:
    return getattr(importlib.import_module(spec.module), spec.class_name)


class PanelMap(Mapping):
    """`workspace.panels`: key -> panel widget, building a late panel when it is looked up.
    `in` and `len` never build; iterating values or items builds them all."""

    def __init__(self, workspace: MeetingWorkspace) -> None:
        self._workspace = workspace

    def __getitem__(self, key: str) -> QWidget:
        panel = self._workspace.panel(key)
        if panel is None:
            raise KeyError(key)
        return panel

    def __contains__(self, key: object) -> bool:
        return key in self._workspace.specs

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._workspace.specs))

    def __len__(self) -> int:
        return len(self._workspace.specs)


class _LatePage(QWidget):
    """A tab's page that receives its panel when the tab is first shown."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.setObjectName(f"{key}_page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


class MeetingWorkspace(QWidget):
    """Holds the panels; `panels` maps a spec key to its widget (docks included)."""

    panel_built = Signal(str)  # a late panel was built (its key)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.built: dict[str, QWidget] = {}
        self.specs: dict[str, PanelSpec] = {}
        self.panels = PanelMap(self)
        self._pages: dict[str, _LatePage] = {}
        self._stand_ins: dict[str, list[QAction]] = {}
        for spec in PANELS:
            if spec.lazy:
                self.specs[spec.key] = spec
                continue
            self.built[spec.key] = load_panel_class(spec)(ctx)
            self.specs[spec.key] = spec

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if "timer" in self.built:
            layout.addWidget(self.built["timer"])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspace_tabs")
        self.tabs.setAccessibleName("Meeting tabs")
        self.tabs.setDocumentMode(True)
        # every label whole, no scroll arrows: the labels are short and the window leaves room
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        for key, spec in self.specs.items():
            if spec.place != "tab":
                continue
            if spec.lazy:
                self._pages[key] = _LatePage(key)
                self.tabs.addTab(self._pages[key], spec.title)
            else:
                self.tabs.addTab(self.built[key], spec.title)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("workspace_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        if "members" in self.built:
            self.splitter.addWidget(self.built["members"])
            self.splitter.setStretchFactor(0, 1)  # room the window gains goes to the notes
            self.splitter.setStretchFactor(1, 0)
        layout.addWidget(self.splitter, 1)
        if "feedback" in self.specs:
            from alcoach.ui.kit.panel_kit import member_selection

            member_selection(ctx).member_selected.connect(self._member_picked)

    @property
    def dock(self) -> QWidget | None:
        return self.built.get("bank")

    # --- late panels ----------------------------------------------------------------------------

    def panel(self, key: str) -> QWidget | None:
        """The panel under `key`, built now if it was left for later (None for no such key)."""
        if key in self.built:
            return self.built[key]
        spec = self.specs.get(key)
        if spec is None or not spec.lazy:
            return None
        panel = load_panel_class(spec)(self.ctx)
        self.built[key] = panel
        page = self._pages.get(key)
        if page is not None:
            page.layout().addWidget(panel)
        self._adopt_actions(key, panel)
        panel.set_meeting(self.meeting_id)
        self.panel_built.emit(key)
        return panel

    def commands(self, key: str) -> list[QAction]:
        """The actions the menus list for a panel: its own, or stand-ins until it is built."""
        if key in self._stand_ins:
            return self._stand_ins[key]
        if key in self.built:
            return panel_commands(self.built[key])
        spec = self.specs.get(key)
        if spec is None or not spec.lazy:
            return []
        stand_ins = []
        for c in command_table.panel_commands(key):
            stand_in = make_command(self, c.name, lambda k=key, n=c.name: self._run(k, n))
            if c.scope != command_table.WINDOW:
                # a panel's own keys (Delete) work inside the panel once it is built; on the
                # workspace they made Delete ambiguous in every other panel
                self.removeAction(stand_in)
            stand_ins.append(stand_in)
        self._stand_ins[key] = stand_ins
        return stand_ins

    def mode_commands(self) -> list[tuple[str, QAction]]:
        """The roster keys mode's plain keys, for the keys sheet (they are in no menu)."""
        mode = getattr(self.built.get("members"), "mode", None)
        return [("Roster keys (F9)", action) for action in getattr(mode, "actions", [])]

    def _run(self, key: str, name: str) -> None:
        panel = self.panel(key)
        if panel is None:
            return
        for action in panel_commands(panel):
            if action.objectName() == name:
                action.trigger()
                return

    def _adopt_actions(self, key: str, panel: QWidget) -> None:
        """The stand-ins keep the keys and the menu places; they now follow the panel's actions."""
        own = {a.objectName(): a for a in panel_commands(panel)}
        for stand_in in self._stand_ins.get(key, []):
            action = own.get(stand_in.objectName())
            if action is None:
                continue
            if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
                action.setShortcuts([])  # the stand-in on the window answers the key
            stand_in.setEnabled(action.isEnabled())
            action.changed.connect(lambda a=action, s=stand_in: s.setEnabled(a.isEnabled()))

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, _LatePage) and page.key not in self.built:
            self.panel(page.key)

    def _member_picked(self, member_id: int) -> None:
        # The feedback editor follows the roster's name clicks itself once it exists.
        if "feedback" not in self.built and self.meeting_id is not None:
            editor = self.panel("feedback")
            if editor is not None and editor.isEnabled():
                editor.select_member(member_id)
                self.tabs.setCurrentWidget(self._pages.get("feedback", editor))

    # --- the contract, for every panel built --------------------------------------------------

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        for panel in list(self.built.values()):
            panel.set_meeting(meeting_id)  # a panel's last edit, flushed here, is still pushed
        meeting_undo(self.ctx).open(meeting_id)  # ... and the old meeting's steps go

    def flush(self) -> None:
        for panel in list(self.built.values()):
            panel.flush()

    def focus_entry(self) -> None:
        log_panel = self.built.get("interventions")
        if log_panel is None:
            return
        self.tabs.setCurrentWidget(log_panel)
        if hasattr(log_panel, "focus_entry"):
            log_panel.focus_entry()

    def show_source(self, source: str, source_id: int) -> None:
        """Bring the panel holding a note forward and select the note if the panel can."""
        key = SOURCE_PANELS.get(source, "")
        panel = self.panel(key)
        if panel is None:
            return
        page = self._pages.get(key, panel)
        if self.tabs.indexOf(page) >= 0:
            self.tabs.setCurrentWidget(page)
        if hasattr(panel, "select_record"):
            panel.select_record(source_id)

    def step_tab(self, step: int) -> None:
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)
