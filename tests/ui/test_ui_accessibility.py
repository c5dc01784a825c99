"""Screen readers: every widget a coach can reach by keyboard has a name, in the window with all
its panels built and in its dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QWidget
from windows import build_window

from alcoach.data.demo import add_demo_programme
from alcoach.data.meetings import latest_meeting


def _unnamed(top: QWidget) -> list[str]:
    """Focusable widgets of `top`'s own window whose accessible name is empty.

    Parts Qt builds inside a composite widget (a spin box's line, a combo box's popup list, which
    is a window of its own) are named through that widget, so they are left out.
    """
    missing = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.window() is not top.window():
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


@pytest.fixture
def demo(store):
    add_demo_programme()
    return latest_meeting()


def test_every_focusable_widget_of_the_window_has_a_name(qtbot, ctx, demo):
    window = build_window(qtbot, ctx)
    for key in list(window.workspace.specs):
        window.workspace.panel(key)  # the tabs built late too
    assert _unnamed(window) == []


def test_the_dialogs_name_every_field(qtbot, ctx, demo):
    from alcoach.ui.dialogs.new_meeting_dialog import NewMeetingDialog
    from alcoach.ui.dialogs.preferences_dialog import PreferencesDialog
    from alcoach.ui.printing.documents import MEETING
    from alcoach.ui.printing.export_dialog import ExportDialog

    window = build_window(qtbot, ctx)
    dialogs = [
        PreferencesDialog(ctx, window),
        NewMeetingDialog(ctx, demo.set_id, window),
        ExportDialog(ctx, MEETING, demo.id, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert _unnamed(dialog) == [], type(dialog).__name__
        dialog.close()
