"""QActions the way alcoach wants them: a shortcut, and a tooltip that names it.

`make_action` is the one factory; `make_command` makes a panel's command from its entry in
alcoach.ui.kit.commands (text, keys, tip and scope written once there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from alcoach.ui.kit.commands import MODE, PANEL, WIDGET, command

SCOPES = {
    PANEL: Qt.ShortcutContext.WidgetWithChildrenShortcut,
    WIDGET: Qt.ShortcutContext.WidgetShortcut,
    MODE: Qt.ShortcutContext.WidgetShortcut,
}


def shortcut_text(keys: Sequence[str]) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def standard_keys(standard: str) -> list[str]:
    """The platform's keys for a QKeySequence.StandardKey by name ([] for none or no name)."""
    if not standard:
        return []
    bindings = QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, standard))
    return [seq.toString(QKeySequence.SequenceFormat.PortableText) for seq in bindings if seq]


def use_standard_keys(action: QAction, standard: str) -> None:
    """Give `action` the platform's keys for that StandardKey, if the platform has any."""
    keys = standard_keys(standard)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
        tip = action.statusTip()
        action.setToolTip(f"{tip} ({shortcut_text(keys)})")


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
    standard: str = "",
) -> QAction:
    """`standard` names a QKeySequence.StandardKey (Quit, Find, Print...): the platform's keys
    for it are used, and `shortcuts` only where the platform binds none (Quit on Windows)."""
    action = QAction(text, parent)
    keys = [shortcuts] if isinstance(shortcuts, str) else list(shortcuts)
    keys = standard_keys(standard) or [k for k in keys if k]
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
        standard=spec.standard,
    )
    if spec.short:
        action.setIconText(spec.short)  # a tool button shows it; menus and the keys sheet the text
    for widget in on or (parent,):
        widget.addAction(action)
    return action
