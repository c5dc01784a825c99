"""The commands of the meeting's panels, declared once: text, keys, tip, and where the keys work.

A panel makes its QActions from its entries here (`alcoach.ui.kit.action_factory.make_command`), and
the workspace makes the stand-ins of a panel built late (on first use) from the same entries, so
a command's text and keys are written in one place. A command's `name` is its QAction's
objectName. Plain data, no Qt: a test can read the whole table.

Scopes: WINDOW keys work anywhere in the window; PANEL keys inside the panel's widgets (two
panels may share such a key, e.g. Delete); WIDGET keys only in the widget the panel names (the
table whose rows they act on).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

WINDOW, PANEL, WIDGET = "window", "panel", "widget"


class Command(NamedTuple):
    name: str
    text: str
    keys: tuple[str, ...]
    tip: str
    scope: str = WINDOW
    checkable: bool = False
    short: str = ""  # what a small tool button shows instead of the text ("+", "★")


def _command(
    name: str,
    text: str,
    keys: str | Sequence[str],
    tip: str,
    scope: str = WINDOW,
    *,
    checkable: bool = False,
    short: str = "",
) -> Command:
    keys = (keys,) if isinstance(keys, str) else tuple(keys)
    return Command(name, text, keys, tip, scope, checkable, short)


PANEL_COMMANDS: dict[str, tuple[Command, ...]] = {
    "timer": (
        _command("timer_start", "Start meeting", "F5", "Start the clock and the first phase"),
        _command("timer_next", "Next phase", "F6", "End this phase and start the next"),
        _command("timer_previous", "Previous phase", "Shift+F6", "Go back to the previous phase"),
        _command("timer_pause", "Pause meeting", "F7", "Pause or resume the meeting clock"),
        _command(
            "timer_room_clock", "Room clock", "F8", "Show or close the full-screen room clock"
        ),
        _command(
            "timer_end",
            "End meeting",
            "Ctrl+Shift+End",
            "End the meeting (Reopen meeting undoes it)",
        ),
        _command(
            "timer_reopen",
            "Reopen meeting",
            "Ctrl+Shift+Home",
            "Undo the end: the clock runs on, the gap counts as a pause",
        ),
        _command(
            "timer_attendance",
            "Attendance and presenters…",
            "Ctrl+Shift+A",
            "Change who attends and who presents",
        ),
    ),
    "interventions": (
        _command(
            "interventions_focus",
            "Log an intervention",
            "Ctrl+L",
            "Put the cursor in the quick-entry line",
        ),
        _command(
            "interventions_rate",
            "Enter ratings",
            "Ctrl+R",
            'Type each member\'s 1-10 for the latest "How are we doing?" (or the selected row)',
        ),
        _command(
            "interventions_delete",
            "Delete intervention",
            "Delete",
            "Delete the selected intervention",
            WIDGET,
        ),
    ),
    "problem": (
        _command(
            "problem_new_round",
            "New problem round",
            "Ctrl+Alt+N",
            "Start the next round of problem statements and a fresh poll",
        ),
    ),
    "actions": (
        _command("actions_new", "New action", "Ctrl+Alt+A", "Type a new action"),
        _command(
            "actions_delete", "Delete action", "Delete", "Delete the selected new action", PANEL
        ),
    ),
    "learnings": (
        _command("learnings_new", "New learning", "Ctrl+Alt+W", "Write down a learning"),
        _command(
            "learnings_delete", "Delete learning", "Delete", "Delete the selected learning", PANEL
        ),
    ),
    "feedback": (
        _command(
            "feedback_focus",
            "Write feedback",
            "Ctrl+Alt+F",
            "Go to the feedback of the member picked in the roster",
        ),
    ),
    "notes": (
        _command(
            "coach_notes_focus",
            "Coach notes",
            "Ctrl+Alt+J",
            "Write in this meeting's private coach notes",
        ),
    ),
    "bank": (
        _command("bank_find", "Find a question", "Ctrl+K", "Filter the question bank"),
        _command(
            "bank_log",
            "Log question",
            ("Return", "Enter"),
            "Log the selected question as an intervention",
            WIDGET,
        ),
        _command("bank_add", "Add a question", "Insert", "Add a question", WIDGET, short="+"),
        _command(
            "bank_edit", "Edit question", "F2", "Edit the selected question", WIDGET, short="✎"
        ),
        _command(
            "bank_favourite",
            "Favourite question",
            "Ctrl+D",
            "Mark or unmark the selected question as favourite",
            PANEL,
            short="★",
        ),
        _command(
            "bank_archive",
            "Archive",
            "Delete",
            "Archive the selected question (or put an archived one back)",
            WIDGET,
        ),
        _command(
            "bank_show_archived",
            "Archived",
            "Ctrl+Shift+H",
            "Show archived questions too",
            PANEL,
            checkable=True,
        ),
    ),
}

_BY_NAME = {c.name: c for commands in PANEL_COMMANDS.values() for c in commands}


def command(name: str) -> Command:
    """The command of that name (a KeyError names a command missing from the table)."""
    return _BY_NAME[name]


def panel_commands(key: str) -> tuple[Command, ...]:
    return PANEL_COMMANDS.get(key, ())
