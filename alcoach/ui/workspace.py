"""The meeting workspace: the timer across the top, the notes tabs beside the members.

Panels are found by module and class name, so the workspace holds whichever panels exist; each
follows the contract in notes/ui-contract.md (`Panel(ctx)`, `set_meeting`, `flush`, `actions`).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from alcoach.ui.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PanelSpec:
    key: str
    module: str
    class_name: str
    title: str  # the tab's label; also the name used in menus and the shortcuts sheet
    place: str  # "top", "tab", "side" or "dock"
    menu: str  # "Meeting" or "Edit"


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
    PanelSpec("problem", "alcoach.ui.problem_panel", "ProblemPanel", "Problem", "tab", "Edit"),
    PanelSpec("actions", "alcoach.ui.actions_panel", "ActionsPanel", "Actions", "tab", "Edit"),
    PanelSpec(
        "learnings", "alcoach.ui.learnings_panel", "LearningsPanel", "Learnings", "tab", "Edit"
    ),
    PanelSpec(
        "feedback", "alcoach.ui.feedback_editor", "FeedbackEditor", "Feedback", "tab", "Edit"
    ),
    PanelSpec("notes", "alcoach.ui.coach_notes", "CoachNotesPanel", "Coach notes", "tab", "Edit"),
    PanelSpec("members", "alcoach.ui.members_panel", "MembersPanel", "Members", "side", "Edit"),
    PanelSpec(
        "bank", "alcoach.ui.question_bank", "QuestionBankDock", "Question bank", "dock", "Edit"
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


class MeetingWorkspace(QWidget):
    """Holds the panels; `panels` maps a spec key to its widget (docks included)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.panels: dict[str, QWidget] = {}
        self.specs: dict[str, PanelSpec] = {}
        for spec in PANELS:
            cls = load_panel_class(spec)
            if cls is None:
                continue
            try:
                self.panels[spec.key] = cls(ctx)
            except Exception:
                log.exception("panel %s could not be built", spec.class_name)
                continue
            self.specs[spec.key] = spec

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if "timer" in self.panels:
            layout.addWidget(self.panels["timer"])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspace_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        for key, panel in self.panels.items():
            if self.specs[key].place == "tab":
                self.tabs.addTab(panel, self.specs[key].title)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("workspace_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        if "members" in self.panels:
            self.splitter.addWidget(self.panels["members"])
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

    @property
    def dock(self) -> QWidget | None:
        return self.panels.get("bank")

    def set_meeting(self, meeting_id: int | None) -> None:
        for key, panel in self.panels.items():
            try:
                panel.set_meeting(meeting_id)
            except Exception:
                log.exception("panel %s could not show meeting %s", key, meeting_id)

    def flush(self) -> None:
        for key, panel in self.panels.items():
            try:
                panel.flush()
            except Exception:
                log.exception("panel %s could not flush", key)

    def focus_entry(self) -> None:
        log_panel = self.panels.get("interventions")
        if log_panel is None:
            return
        self.tabs.setCurrentWidget(log_panel)
        if hasattr(log_panel, "focus_entry"):
            log_panel.focus_entry()

    def show_source(self, source: str, source_id: int) -> None:
        """Bring the panel holding a note forward and select the note if the panel can."""
        panel = self.panels.get(SOURCE_PANELS.get(source, ""))
        if panel is None:
            return
        if self.tabs.indexOf(panel) >= 0:
            self.tabs.setCurrentWidget(panel)
        if hasattr(panel, "select_record"):
            panel.select_record(source_id)

    def step_tab(self, step: int) -> None:
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)
