"""Edit > Undo and Redo: the meeting's one undo, on the platform's standard keys.

The actions are made by the meeting's QUndoStack, so their text names the step ("Undo Log
“What did you…”"). Where the keys go: in a text field that has something of its own to undo
(or redo) the key is the field's, as in any editor; anywhere else it is the meeting's. Qt asks the
focused widget first (a ShortcutOverride event) and a line edit claims Ctrl+Z even with nothing to
undo; `FieldOrMeeting` lets it claim the key only when it can use it. The menu entries always
undo the meeting's step.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from alcoach.ui.kit.action_factory import shortcut_text
from alcoach.ui.kit.context import AppContext
from alcoach.ui.meeting.meeting_undo import meeting_undo

UNDO, REDO = QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo
TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit)
EXTRA_REDO = "Ctrl+Y"  # what coaches from other systems press; Qt's Redo on Linux lacks it


def field_can(widget: QWidget | None, key: QKeySequence.StandardKey) -> bool:
    """Whether a text field has something of its own to undo (or redo)."""
    undo = key == UNDO
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isUndoAvailable() if undo else widget.isRedoAvailable()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        if widget.isReadOnly():
            return False
        document = widget.document()
        return document.isUndoAvailable() if undo else document.isRedoAvailable()
    return False


def _key_of(event: QKeyEvent) -> QKeySequence.StandardKey | None:
    if event.matches(UNDO):
        return UNDO
    if event.matches(REDO) or QKeySequence(event.keyCombination()) == QKeySequence(EXTRA_REDO):
        return REDO
    return None


class FieldOrMeeting(QObject):
    """Undo and Redo go to the meeting from a focused text field with nothing of its own to undo.

    A line edit claims the keys itself (in C++) whenever it has focus, so this filter sits on the
    focused field only while the field has nothing to undo, and lets the keys through to the
    window there. Once the field has typing of its own, the filter steps aside: a Python filter
    sees every event of its widget, which made typing three times slower. While the field has
    typing to undo, Undo and Redo are the field's.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._field: QWidget | None = None
        self._watching: QMetaObject.Connection | None = None
        self._filtering = False

    def follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        old = self._field
        if self._watching is not None:
            QObject.disconnect(self._watching)
            self._watching = None
        if old is not None:
            with contextlib.suppress(RuntimeError):  # the field may be gone already
                old.removeEventFilter(self)
        self._field = None
        self._filtering = False
        if isinstance(new, TEXT_FIELDS) and not new.isReadOnly():
            self._field = new
            signal = new.textChanged if isinstance(new, QLineEdit) else new.document().undoAvailable
            self._watching = signal.connect(self.check)
            self.check()

    def check(self, *_: object) -> None:
        """The field's own undo came or went: the filter on while it has nothing to undo."""
        field = self._field
        if field is None:
            return
        wanted = not field_can(field, UNDO)
        if wanted != self._filtering:
            if wanted:
                field.installEventFilter(self)
            else:
                field.removeEventFilter(self)
            self._filtering = wanted

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        key = _key_of(event)
        if key is None or not isinstance(obj, TEXT_FIELDS) or field_can(obj, key):
            return False  # the field claims the key and undoes (or redoes) its own typing
        event.ignore()  # not claimed: the window's Undo/Redo shortcut takes it
        return True


def install_undo_actions(window: QWidget, ctx: AppContext, menu: QMenu) -> tuple[QAction, QAction]:
    """Put Undo and Redo at the top of `menu`, with their keys working anywhere in `window`."""
    stack = meeting_undo(ctx).stack
    undo = stack.createUndoAction(window, "Undo")
    undo.setObjectName("meeting_undo")
    undo.setShortcuts(QKeySequence.keyBindings(UNDO))
    undo.setStatusTip("Undo the meeting's last edit")
    redo = stack.createRedoAction(window, "Redo")
    redo.setObjectName("meeting_redo")
    redo_keys = QKeySequence.keyBindings(REDO)
    if QKeySequence(EXTRA_REDO) not in redo_keys:
        redo_keys.append(QKeySequence(EXTRA_REDO))
    redo.setShortcuts(redo_keys)
    redo.setStatusTip("Redo the meeting's edit just undone")
    for action in (undo, redo):
        shown = shortcut_text([k.toString() for k in action.shortcuts()])
        action.setToolTip(f"{action.statusTip()} ({shown})")  # kept: the stack sets only the text
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, [undo, redo])
    if first is not None:
        menu.insertSeparator(first)
    router = FieldOrMeeting(window)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(router.follow_focus)
        router.follow_focus(None, app.focusWidget())
    return undo, redo
