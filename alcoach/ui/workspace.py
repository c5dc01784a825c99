"""The meeting workspace: the timer across the top, the notes tabs beside the members.

Panels are found by module and class name, so the workspace holds whichever panels exist; each
follows the contract in notes/ui-contract.md (`Panel(ctx)`, `set_meeting`, `flush`, `actions`).

What the first paint shows (timer, intervention log, roster, question bank) is built at once; the
other tabs are built when first shown, or when one of their commands or a search hit needs them.
Their commands are in the menus from the start: `commands(key)` gives stand-in actions with the
same text, keys and tooltip (LAZY_COMMANDS, checked against the panels by a test) that build the
panel and run its own action; once built, the panel's window-wide actions leave their keys to the
stand-ins, so no key is claimed twice.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from alcoach.ui.action_factory import make_action
from alcoach.ui.context import AppContext

log = logging.getLogger(__name__)


class PanelSpec(NamedTuple):
    key: str
    module: str
    class_name: str
    title: str  # the tab's label; also the name used in menus and the shortcuts sheet
    place: str  # "top", "tab", "side" or "dock"
    menu: str  # "Meeting" or "Edit"
    lazy: bool = False  # built when first needed, not at start-up


PANELS = (
    PanelSpec("timer", "alcoach.ui.timer_panel", "TimerPanel", "Timer", "top", "Meeting"),
    PanelSpec(
        "interventions",
        "alcoach.ui.intervention_log",
        "InterventionLogPanel",
        "Interventions",
        "tab",
        "Meeting",
    ),
    PanelSpec(
        "problem", "alcoach.ui.problem_panel", "ProblemPanel", "Problem", "tab", "Edit", True
    ),
    PanelSpec(
        "actions", "alcoach.ui.actions_panel", "ActionsPanel", "Actions", "tab", "Edit", True
    ),
    PanelSpec(
        "learnings",
        "alcoach.ui.learnings_panel",
        "LearningsPanel",
        "Learnings",
        "tab",
        "Edit",
        True,
    ),
    PanelSpec(
        "feedback", "alcoach.ui.feedback_editor", "FeedbackEditor", "Feedback", "tab", "Edit", True
    ),
    PanelSpec(
        "notes", "alcoach.ui.coach_notes", "CoachNotesPanel", "Coach notes", "tab", "Edit", True
    ),
    PanelSpec("members", "alcoach.ui.members_panel", "MembersPanel", "Members", "side", "Edit"),
    PanelSpec(
        "bank", "alcoach.ui.question_bank", "QuestionBankDock", "Question bank", "dock", "Edit"
    ),
)

LOCAL = Qt.ShortcutContext.WidgetWithChildrenShortcut
# The commands of the panels built late, as each panel makes them: (text, keys, tip, local).
LAZY_COMMANDS: dict[str, tuple[tuple[str, str, str, bool], ...]] = {
    "problem": (
        (
            "New problem round",
            "Ctrl+Alt+N",
            "Start the next round of problem statements and a fresh poll",
            False,
        ),
    ),
    "actions": (
        ("New action", "Ctrl+Alt+A", "Type a new action", False),
        ("Delete action", "Delete", "Delete the selected new action", True),
        ("Undo delete action", "Alt+Backspace", "Put back the last deleted action", True),
    ),
    "learnings": (
        ("New learning", "Ctrl+Alt+W", "Write down a learning", False),
        ("Delete learning", "Delete", "Delete the selected learning", True),
        ("Undo delete learning", "Alt+Backspace", "Put back the last deleted learning", True),
    ),
    "feedback": (
        (
            "Write feedback",
            "Ctrl+Alt+F",
            "Go to the feedback of the member picked in the roster",
            False,
        ),
    ),
    "notes": (("Coach notes", "Ctrl+Alt+J", "Write in this meeting's private coach notes", False),),
}

# Where a search hit lives: note source -> panel key.
SOURCE_PANELS = {
    "intervention": "interventions",
    "problem": "problem",
    "action": "actions",
    "learning": "learnings",
    "feedback": "feedback",
    "meeting": "notes",
}


def load_panel_class(spec: PanelSpec) -> type | None:
    """The panel's class, or None while its module is not written yet (or fails to import)."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        if exc.name == spec.module:
            return None
        log.exception("panel %s cannot be imported", spec.module)
        return None
    except Exception:
        log.exception("panel %s cannot be imported", spec.module)
        return None
    return getattr(module, spec.class_name, None)


def panel_actions(panel: QWidget) -> list[QAction]:
    return [a for a in panel.actions() if isinstance(a, QAction) and not a.isSeparator()]


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
            cls = load_panel_class(spec)
            if cls is None:
                continue
            try:
                self.built[spec.key] = cls(ctx)
            except Exception:
                log.exception("panel %s could not be built", spec.class_name)
                continue
            self.specs[spec.key] = spec

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if "timer" in self.built:
            layout.addWidget(self.built["timer"])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspace_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
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
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        if "feedback" in self.specs:
            from alcoach.ui.panel_kit import member_selection

            member_selection(ctx).member_selected.connect(self._member_picked)

    @property
    def dock(self) -> QWidget | None:
        return self.built.get("bank")

    # --- late panels ----------------------------------------------------------------------------

    def panel(self, key: str) -> QWidget | None:
        """The panel under `key`, built now if it was left for later (None if it cannot be)."""
        if key in self.built:
            return self.built[key]
        spec = self.specs.get(key)
        if spec is None or not spec.lazy:
            return None
        cls = load_panel_class(spec)
        try:
            panel = cls(self.ctx) if cls is not None else None
        except Exception:
            log.exception("panel %s could not be built", spec.class_name)
            panel = None
        if panel is None:
            del self.specs[key]
            return None
        self.built[key] = panel
        page = self._pages.get(key)
        if page is not None:
            page.layout().addWidget(panel)
        self._adopt_actions(key, panel)
        try:
            panel.set_meeting(self.meeting_id)
        except Exception:
            log.exception("panel %s could not show meeting %s", key, self.meeting_id)
        self.panel_built.emit(key)
        return panel

    def commands(self, key: str) -> list[QAction]:
        """The actions the menus list for a panel: its own, or stand-ins until it is built."""
        if key in self._stand_ins:
            return self._stand_ins[key]
        if key in self.built:
            return panel_actions(self.built[key])
        if key not in LAZY_COMMANDS:
            return []
        stand_ins = []
        for text, keys, tip, local in LAZY_COMMANDS[key]:
            action = make_action(
                self,
                text,
                keys,
                tip,
                lambda _checked=False, k=key, t=text: self._run(k, t),
                context=LOCAL if local else Qt.ShortcutContext.WindowShortcut,
            )
            stand_ins.append(action)
        self._stand_ins[key] = stand_ins
        return stand_ins

    def _run(self, key: str, text: str) -> None:
        panel = self.panel(key)
        if panel is None:
            return
        for action in panel_actions(panel):
            if action.text() == text:
                action.trigger()
                return

    def _adopt_actions(self, key: str, panel: QWidget) -> None:
        """The stand-ins keep the keys and the menu places; they now follow the panel's actions."""
        own = {a.text(): a for a in panel_actions(panel)}
        for stand_in in self._stand_ins.get(key, []):
            action = own.get(stand_in.text())
            if action is None:
                continue
            if action.shortcutContext() != LOCAL:
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
        for key, panel in list(self.built.items()):
            try:
                panel.set_meeting(meeting_id)
            except Exception:
                log.exception("panel %s could not show meeting %s", key, meeting_id)

    def flush(self) -> None:
        for key, panel in list(self.built.items()):
            try:
                panel.flush()
            except Exception:
                log.exception("panel %s could not flush", key)

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
