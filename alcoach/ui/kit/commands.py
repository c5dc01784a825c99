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

from alcoach.vocabulary import REPORT_BACK_ORDER, status_label

WINDOW, PANEL, WIDGET = "window", "panel", "widget"
MODE = "mode"  # plain keys on the roster while its keys mode is on (alcoach.ui.meeting.roster_mode)
ROSTER_KEYED = 8  # members 1-8 have keys
# On a French (AZERTY) keyboard the digit row types these without Shift: they pick members too.
AZERTY_DIGITS = "&é\"'(-è_"
# the roster mode's tally keys: kind -> key (alcoach.vocabulary.TALLY_KINDS)
TALLY_KEYS = {"question": "Q", "statement": "S", "insightful": "I", "skill": "K"}
# report-back on an earlier action, in the report-back table: status -> key (then its note)
REPORT_KEYS = {"done": "D", "partly": "P", "not_done": "N", "dropped": "X", "committed": "O"}


class Command(NamedTuple):
    name: str
    text: str
    keys: tuple[str, ...]
    tip: str
    scope: str = WINDOW
    checkable: bool = False
    short: str = ""  # what a small tool button shows instead of the text ("+", "★")
    standard: str = ""  # a QKeySequence.StandardKey whose platform keys replace `keys`


def _command(
    name: str,
    text: str,
    keys: str | Sequence[str],
    tip: str,
    scope: str = WINDOW,
    *,
    checkable: bool = False,
    short: str = "",
    standard: str = "",
) -> Command:
    keys = (keys,) if isinstance(keys, str) else tuple(keys)
    return Command(name, text, tuple(k for k in keys if k), tip, scope, checkable, short, standard)


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
            "Shift+F5",
            "End the meeting (Reopen meeting undoes it)",
        ),
        _command(
            "timer_reopen",
            "Reopen meeting",
            "Shift+F7",
            "Undo the end: the clock runs on, the gap counts as a pause",
        ),
        _command(
            "timer_attendance",
            "Attendance and presenters…",
            "Ctrl+Shift+T",
            "Change who attends and who presents",
        ),
    ),
    "interventions": (
        _command(
            "interventions_focus",
            "Log an intervention",
            "Ctrl+L",
            "Show the interventions and put the cursor in the quick-entry line",
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
            "Ctrl+Shift+Q",
            "Start the next round of problem statements and a fresh poll",
        ),
    ),
    "actions": (
        _command(
            "actions_report_back",
            "Report back on actions",
            "Ctrl+Shift+O",
            "Go to the earlier actions still open: D done, P partly, N not done, X dropped, "
            "O still open, then type the note and press Enter",
        ),
        *(
            _command(
                f"report_{status}",
                f"Report back: {status_label(status)}",
                REPORT_KEYS[status],
                f"The selected earlier action is {status_label(status).lower()}; type the note",
                WIDGET,
            )
            for status in REPORT_BACK_ORDER
        ),
        _command("actions_new", "New action", "Ctrl+Shift+C", "Type a new action"),
        _command(
            "actions_delete", "Delete action", "Delete", "Delete the selected new action", WIDGET
        ),
    ),
    "learnings": (
        _command("learnings_new", "New learning", "Ctrl+Shift+L", "Write down a learning"),
        _command(
            "learnings_delete", "Delete learning", "Delete", "Delete the selected learning", WIDGET
        ),
    ),
    "feedback": (
        _command(
            "feedback_focus",
            "Write feedback",
            "Ctrl+Shift+D",
            "Go to the feedback of the member picked in the roster",
        ),
    ),
    "notes": (
        _command(
            "coach_notes_focus",
            "Coach notes",
            "Ctrl+Shift+J",
            "Write in this meeting's private coach notes",
        ),
    ),
    "members": (
        _command(
            "roster_mode",
            "Roster keys",
            "F9",
            "Roster keys on or off: 1-8 pick a member, Q S I K tally, Esc leaves",
            checkable=True,
        ),
        *(
            _command(
                f"roster_member_{n}",
                f"Tally for member {n}",
                f"Ctrl+{n}",
                f"Pick member {n} for one tally: then Q, S, I or K",
            )
            for n in range(1, ROSTER_KEYED + 1)
        ),
    ),
    "bank": (
        _command("bank_find", "Find a question", "Ctrl+Shift+K", "Filter the question bank"),
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
            WIDGET,
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

# Keys that act only while the roster's keys mode is on (the roster has the focus then).
MODE_COMMANDS: tuple[Command, ...] = (
    *(
        _command(
            f"roster_pick_{n}",
            f"Pick member {n}",
            (str(n), AZERTY_DIGITS[n - 1]),
            f"Member {n} is picked (and marked as speaking now)",
            MODE,
        )
        for n in range(1, ROSTER_KEYED + 1)
    ),
    *(
        _command(
            f"roster_{kind}",
            f"Tally: {label}",
            TALLY_KEYS[kind],
            f"The picked member {label}",
            MODE,
        )
        for kind, label in (
            ("question", "asked a question"),
            ("statement", "made a statement"),
            ("insightful", "asked an insightful question"),
            ("skill", "used their leadership skill (a note line opens)"),
        )
    ),
    _command("roster_leave", "Leave roster keys", "Esc", "Back to where the cursor was", MODE),
)

_BY_NAME = {c.name: c for commands in (*PANEL_COMMANDS.values(), MODE_COMMANDS) for c in commands}


def command(name: str) -> Command:
    """The command of that name (a KeyError names a command missing from the table)."""
    return _BY_NAME[name]


def panel_commands(key: str) -> tuple[Command, ...]:
    return PANEL_COMMANDS.get(key, ())
