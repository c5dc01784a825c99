"""QActions the way alcoach wants them: a shortcut, and a tooltip that names it.

`make_action` is the one factory; `make_command` makes a panel's command from its entry in
alcoach.ui.kit.commands (text, keys, tip and scope written once there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from alcoach.ui.kit.commands import PANEL, WIDGET, command

SCOPES = {
    PANEL: Qt.ShortcutContext.WidgetWithChildrenShortcut,
    WIDGET: Qt.ShortcutContext.WidgetShortcut,
}


def shortcut_text(keys: Sequence[str]) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def make_action(
    parent: QObject,
    text: str,
    shortcuts: str | Sequence[str],
    tip: str,
    slot: Callable[..., object] | None = None,
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    checkable: bool = False,
    name: str = "",
) -> QAction:
    action = QAction(text, parent)
    keys = [shortcuts] if isinstance(shortcuts, str) else list(shortcuts)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(context)
    shown = shortcut_text(keys)
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    if name:
        action.setObjectName(name)
    if slot is not None:  # a checkable action's slot is told the new state
        action.triggered.connect(slot if checkable else (lambda _checked=False: slot()))
    return action


def make_command(
    parent: QWidget,
    name: str,
    slot: Callable[[], object] | None,
    *,
    on: Sequence[QWidget] = (),
) -> QAction:
    """The QAction of a command in the table, added to `on` (default: `parent`) so its keys
    work there; a WIDGET-scoped command names the widget its keys belong to in `on`."""
    spec = command(name)
    action = make_action(
        parent,
        spec.text,
        spec.keys,
        spec.tip,
        slot,
        context=SCOPES.get(spec.scope, Qt.ShortcutContext.WindowShortcut),
        checkable=spec.checkable,
        name=spec.name,
    )
    if spec.short:
        action.setIconText(spec.short)  # a tool button shows it; menus and the keys sheet the text
    for widget in on or (parent,):
        widget.addAction(action)
    return action
