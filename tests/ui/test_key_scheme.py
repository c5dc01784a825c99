"""The whole key scheme against what text fields and keyboard layouts do with keys.

Two halves. First the data: every command in alcoach.ui.kit.commands and every QAction of the real
window is checked against the text-editing keys of Qt's line and text edits on every platform
(listed here from Qt's key-binding table, since a test run sees only its own platform's), against
the characters Windows layouts type with AltGr (which arrives as Ctrl+Alt) for US, German, French
and Polish, and against macOS, where Option (Qt's Alt) with any letter or digit types a character.
Then the behaviour: each window command, sent as a key while the cursor sits in each kind of text
field on each tab, does what it says.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)
from windows import build_window

from alcoach.ui.kit import commands as table

PORTABLE = QKeySequence.SequenceFormat.PortableText

# Qt's text-editing keys of QLineEdit, QTextEdit and QPlainTextEdit on Windows, X11 (KDE, GNOME)
# and macOS, as portable key strings (on macOS Qt's "Ctrl" is Command and "Meta" is Control).
TEXT_EDITING_KEYS = frozenset(
    {
        # every platform: clipboard, undo, select all, formatting keys of rich text
        "Ctrl+A", "Ctrl+C", "Ctrl+V", "Ctrl+X", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z",
        "Ctrl+B", "Ctrl+I", "Ctrl+U", "Ctrl+Insert", "Shift+Insert", "Shift+Del",
        "Ctrl+Shift+Insert", "Alt+Backspace", "Alt+Shift+Backspace",
        # moving and selecting by word, line and document (Windows, X11)
        "Ctrl+Left", "Ctrl+Right", "Ctrl+Up", "Ctrl+Down", "Ctrl+Home", "Ctrl+End",
        "Ctrl+Shift+Left", "Ctrl+Shift+Right", "Ctrl+Shift+Up", "Ctrl+Shift+Down",
        "Ctrl+Shift+Home", "Ctrl+Shift+End", "Home", "End", "Shift+Home", "Shift+End",
        "Left", "Right", "Up", "Down", "Shift+Left", "Shift+Right", "Shift+Up", "Shift+Down",
        "PgUp", "PgDown", "Shift+PgUp", "Shift+PgDown",
        "Backspace", "Del", "Ctrl+Backspace", "Ctrl+Del", "Return", "Enter",
        "Shift+Return", "Shift+Enter", "Tab", "Shift+Tab", "Backtab",
        # X11 and emacs-like keys of QLineEdit: delete, end of line, kill to end, kill line,
        # deselect
        "Ctrl+D", "Ctrl+E", "Ctrl+K", "Ctrl+Shift+A",
        # macOS (Control is Qt's Meta; Option is Alt): emacs-like keys and word moves
        "Meta+A", "Meta+B", "Meta+D", "Meta+E", "Meta+F", "Meta+H", "Meta+K", "Meta+N",
        "Meta+O", "Meta+P", "Meta+V", "Meta+Y", "Meta+Left", "Meta+Right", "Meta+Shift+Left",
        "Meta+Shift+Right", "Meta+Shift+A", "Meta+Shift+E", "Meta+PgUp", "Meta+PgDown",
        "Meta+Up", "Meta+Down", "Meta+Return", "Meta+Enter",
        "Alt+Left", "Alt+Right", "Alt+Up", "Alt+Down", "Alt+Shift+Left", "Alt+Shift+Right",
        "Alt+Shift+Up", "Alt+Shift+Down", "Alt+Del", "Alt+PgUp", "Alt+PgDown",
        "Ctrl+Shift+Backspace",
    }
)  # fmt: skip

# Keys the desktop or an input method takes before the application sees them.
SYSTEM_KEYS = frozenset(
    {
        "Ctrl+Space",  # input method switch (Command+Space: Spotlight)
        "Ctrl+Shift+U",  # IBus: type a character by its code
        "Ctrl+.",  # IBus emoji
        "Ctrl+;",  # IBus emoji
        "Ctrl+H",  # macOS: hide the application
        "F10",  # Windows: the menu bar
        "Shift+F10",  # the context menu
        "Alt+F4",  # close the window
        *(f"Ctrl+F{n}" for n in range(1, 13)),  # KDE desktops, macOS VoiceOver (Command+F5)
    }
)

# Windows AltGr layers (AltGr arrives as Ctrl+Alt): the key as Qt names it on that layout, and
# what it types. US has none; German, French AZERTY and Polish (programmer) do.
ALTGR = {
    "US": {},
    "German": {"Q": "@", "E": "€", "M": "µ", "2": "²", "3": "³", "7": "{", "8": "[", "9": "]",
               "0": "}", "ß": "\\", "+": "~", "<": "|"},
    "French": {"é": "~", '"': "#", "'": "{", "(": "[", "-": "|", "è": "`", "_": "\\",
               "ç": "^", "à": "@", ")": "]", "=": "}", "E": "€",
               # the same keys where Qt names them by their digit (Ctrl held: Qt's own mapping)
               "2": "~", "3": "#", "4": "{", "5": "[", "6": "|", "7": "`", "8": "\\", "9": "^",
               "0": "@"},
    "Polish": {"A": "ą", "C": "ć", "E": "ę", "L": "ł", "N": "ń", "O": "ó", "S": "ś", "X": "ź",
               "Z": "ż", "U": "€"},
}  # fmt: skip
LETTERS_AND_DIGITS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def portable(key: str) -> str:
    return QKeySequence(key).toString(PORTABLE)


def typed_character(key: str) -> tuple[str, str] | None:
    """(layout, character) when pressing `key` types a character on some keyboard, else None."""
    parts = portable(key).split("+")
    base = parts[-1] or "+"
    modifiers = set(parts[:-1]) if parts[-1] else set(parts[:-2])
    if {"Ctrl", "Alt"} <= modifiers:
        for layout, layer in ALTGR.items():
            if base.upper() in layer or base in layer:
                return layout, layer.get(base.upper(), layer.get(base, ""))
        return "Windows", "AltGr: any character a layout puts there"
    if "Alt" in modifiers and base.upper() in LETTERS_AND_DIGITS | set("`-=[];',./\\"):
        return "macOS", "Option types a character with every letter, digit and sign"
    if not modifiers - {"Shift"} and len(base) == 1:
        return "any", base
    return None


def test_the_layout_model_knows_the_keys_the_issue_names():
    assert typed_character("Ctrl+Alt+A") == ("Polish", "ą")
    assert typed_character("Ctrl+Alt+E")[1] in "€ę"
    assert typed_character("Ctrl+Alt+7") == ("German", "{")
    assert typed_character("Ctrl+Alt+Q") == ("German", "@")
    assert typed_character("Alt+1")[0] == "macOS"
    assert typed_character("Alt+N")[0] == "macOS"
    assert typed_character("Q") == ("any", "Q")
    assert typed_character("Ctrl+Shift+E") is None
    assert typed_character("F9") is None


def all_table_commands() -> list[table.Command]:
    return [c for commands in table.PANEL_COMMANDS.values() for c in commands] + list(
        table.MODE_COMMANDS
    )


def keys_of(command: table.Command) -> list[str]:
    from alcoach.ui.kit.action_factory import standard_keys

    return [portable(k) for k in (standard_keys(command.standard) or command.keys)]


@pytest.mark.parametrize("command", all_table_commands(), ids=lambda c: c.name)
def test_no_table_key_collides(command):
    for key in keys_of(command):
        assert key not in SYSTEM_KEYS, f"{command.name}: {key} is taken by the desktop"
        typed = typed_character(key)
        if command.scope in (table.WINDOW, table.PANEL):
            # these work while a text field has the cursor: neither an editing key nor one that
            # types, unless it is the standard key for the very same thing (Undo is Undo)
            assert key not in TEXT_EDITING_KEYS or command.standard, (command.name, key)
            assert typed is None, f"{command.name}: {key} types {typed}"
        else:
            # plain keys are fine on a list or the roster, never a layout's AltGr or Option key
            assert typed is None or typed[0] == "any", f"{command.name}: {key} types {typed}"


def test_no_key_twice_in_one_scope():
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for command in all_table_commands():
        scope = command.scope if command.scope in (table.WINDOW, table.MODE) else command.name
        for key in keys_of(command):
            seen[(scope, key)].append(command.name)
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


def test_every_tally_kind_has_a_roster_key():
    from alcoach.vocabulary import TALLY_KINDS

    assert set(table.TALLY_KEYS) == set(TALLY_KINDS)
    assert len(set(table.TALLY_KEYS.values())) == len(TALLY_KINDS)


TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


def window_actions(window) -> list[QAction]:
    return [a for a in window.findChildren(QAction) if any(not s.isEmpty() for s in a.shortcuts())]


def test_every_action_of_the_window_keeps_clear_of_text_keys_and_layouts(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    for key in list(window.workspace.specs):
        window.workspace.panel(key)  # every late panel built: their own actions too
    window_wide: dict[str, list[str]] = defaultdict(list)
    for action in window_actions(window):
        context = action.shortcutContext()
        keys = [s.toString(PORTABLE) for s in action.shortcuts() if not s.isEmpty()]
        widgets = [w for w in action.associatedObjects() if not isinstance(w, QAction)]
        for key in keys:
            typed = typed_character(key)
            assert key not in SYSTEM_KEYS, (action.objectName() or action.text(), key)
            if context in (
                Qt.ShortcutContext.WindowShortcut,
                Qt.ShortcutContext.ApplicationShortcut,
                Qt.ShortcutContext.WidgetWithChildrenShortcut,
            ):
                standard_meant = any(
                    keys == [s.toString(PORTABLE) for s in QKeySequence.keyBindings(std)]
                    for std in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
                )
                assert key not in TEXT_EDITING_KEYS or standard_meant, (action.text(), key)
                assert typed is None, (action.text(), key, typed)
                if context == Qt.ShortcutContext.WindowShortcut and action.isEnabled():
                    window_wide[key].append(action.text())
            else:
                assert typed is None or typed[0] == "any", (action.text(), key, typed)
                if typed is not None:  # a plain key: only on a widget that takes no text
                    assert widgets and not any(isinstance(w, TEXT_INPUTS) for w in widgets), (
                        action.text(),
                        key,
                    )
    assert {k: v for k, v in window_wide.items() if len(set(v)) > 1} == {}


# --- every command from every tab, with the cursor in each kind of text field ----------------


def focus_fields(window):
    """(tab page, a text field on it) for a QLineEdit, QPlainTextEdit and a QTextEdit."""
    ws = window.workspace
    log = ws.panel("interventions")
    yield log, log._entry
    notes = ws.panel("notes")
    yield ws._pages["notes"], notes.editor
    problem = ws.panel("problem")
    boxes = list(problem.editors.values())
    yield ws._pages["problem"], boxes[0]
    rich = QTextEdit()  # no tab has rich text yet; the keys must work there all the same
    rich.setObjectName("rich_probe")
    ws.tabs.addTab(rich, "Rich")
    yield rich, rich


def press_in(qtbot, field, key: str) -> None:
    combination = QKeySequence(key)[0]
    QTest.keyClick(field, combination.key(), combination.keyboardModifiers())


@pytest.fixture
def meeting_window(qtbot, ctx, sample_set):
    return build_window(qtbot, ctx)


def _bring(qtbot, window, page, field):
    window.workspace.tabs.setCurrentWidget(page)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def test_log_keys_bring_the_log_forward_from_every_field(qtbot, meeting_window):
    window = meeting_window
    log = window.workspace.panel("interventions")
    fields = list(focus_fields(window))
    for page, field in fields:
        _bring(qtbot, window, page, field)
        press_in(qtbot, field, "Ctrl+L")
        assert window.workspace.tabs.currentWidget() is log, field.objectName()
        assert log._entry.hasFocus()
    log._entry.setText("How are we doing as a group, 1 to 10?")
    QTest.keyClick(log._entry, Qt.Key.Key_Return)
    for page, field in fields:
        _bring(qtbot, window, page, field)
        press_in(qtbot, field, "Ctrl+R")
        assert window.workspace.tabs.currentWidget() is log
        assert log.strip.isVisible() and log.strip.record is not None
        log.strip.close_strip()


def test_export_and_meeting_keys_work_from_every_field(qtbot, meeting_window):
    window = meeting_window
    timer = window.workspace.panel("timer")
    for page, field in focus_fields(window):
        _bring(qtbot, window, page, field)
        press_in(qtbot, field, "Ctrl+Shift+E")
        dialog = window.export_actions.dialog
        assert dialog is not None and dialog.isVisible(), field.objectName()
        dialog.close()
        _bring(qtbot, window, page, field)
        if timer.state.state == "not started":
            press_in(qtbot, field, "F5")
        press_in(qtbot, field, "Shift+F5")
        assert timer.state.state == "ended", field.objectName()
        _bring(qtbot, window, page, field)
        press_in(qtbot, field, "Shift+F7")
        assert timer.state.state == "running", field.objectName()


def test_every_window_key_fires_from_a_text_field(qtbot, meeting_window):
    """Each enabled window-wide command's key, pressed in the quick line and in the notes: the
    text field lets it through (it fires) and the text stays as it was."""
    window = meeting_window
    fired: list[str] = []
    skip = {"&Quit", "&Full screen"}  # closing or resizing the window under the test
    actions = [
        a
        for a in window_actions(window)
        if a.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        and a.isEnabled()
        and a.text() not in skip
    ]
    for action in actions:
        action.triggered.disconnect()
        action.triggered.connect(lambda _c=False, a=action: fired.append(a.text()))
    log = window.workspace.panel("interventions")
    notes = window.workspace.panel("notes")
    for page, field in ((log, log._entry), (window.workspace._pages["notes"], notes.editor)):
        for action in actions:
            _bring(qtbot, window, page, field)
            if isinstance(field, QLineEdit):
                field.setText("some words")
            else:
                field.setPlainText("some words")
            fired.clear()
            press_in(qtbot, field, action.shortcut().toString(PORTABLE))
            assert fired == [action.text()], (action.text(), field.objectName())
            text = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
            assert text == "some words", action.text()
    QApplication.processEvents()
