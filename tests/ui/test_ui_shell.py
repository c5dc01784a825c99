"""The main window as a whole: opening, title, state, status bar, shortcuts, text size."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_clock import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from windows import build_window

from alcoach.data import meetings, sets
from alcoach.data.settings import get_setting
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.saving import guarded_write


@pytest.fixture(autouse=True)
def _keep_app_font():
    font = QApplication.font()
    yield
    QApplication.setFont(font)


@pytest.fixture
def two_meetings(sample_set):
    older = meetings.create_meeting(
        sample_set["set"].id, dt.date(2026, 10, 5), title="Hiring freeze"
    )
    return {**sample_set, "older": older}


def test_window_shows_on_an_empty_database(qtbot, ctx):
    window = build_window(qtbot, ctx)
    assert window.isVisible()
    assert window.windowTitle() == "alcoach"
    assert window.current_meeting_id is None
    assert "Create a set" in window.welcome.text()
    assert str(ctx.db_path) in window.place_label.text()


def test_the_window_says_once_when_it_is_first_drawn(qtbot, ctx, sample_set):
    from alcoach.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen: list[bool] = []
    window.first_painted.connect(lambda: seen.append(True))
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    window.repaint()
    QApplication.processEvents()  # any second announcement would be delivered by now
    assert seen == [True]


def test_first_start_with_data_opens_the_newest_meeting(qtbot, ctx, two_meetings):
    window = build_window(qtbot, ctx)
    newest = two_meetings["meeting"]
    assert window.current_meeting_id == newest.id
    assert window.windowTitle() == "Empty homes backlog — Set Blue — alcoach"
    assert window.stack.currentWidget() is window.workspace
    assert get_setting("window.last_meeting") == newest.id


def test_title_follows_a_renamed_meeting(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    meeting_id = sample_set["meeting"].id
    guarded_write(ctx.bus, meetings.update_meeting, meeting_id, title="Voids <& repairs> 🏠")
    ctx.bus.meeting_changed.emit(meeting_id)
    assert window.windowTitle() == "Voids <& repairs> 🏠 — Set Blue — alcoach"


def test_window_state_and_last_meeting_come_back(qtbot, ctx, two_meetings):
    older = two_meetings["older"]
    first = build_window(qtbot, ctx)
    first.open_meeting(older.id)
    first.showNormal()
    first.resize(first.width(), 700)  # offscreen's screen is narrower than the window
    first.navigator.hide()
    first.close()

    second_ctx = AppContext(data_dir=ctx.data_dir, db_path=ctx.db_path, clock=FakeClock())
    second = build_window(qtbot, second_ctx)
    assert second.current_meeting_id == older.id
    assert "Hiring freeze" in second.windowTitle()
    assert second.height() == 700
    assert not second.navigator.isVisible()


def test_status_bar_reports_saves_and_failures(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    set_id = sample_set["set"].id
    guarded_write(ctx.bus, sets.rename_set, set_id, "Set Green")
    assert window.save_label.text() == "All changes saved"
    guarded_write(ctx.bus, sets.rename_set, set_id, "   ")
    assert window.save_label.text() == "A set needs a name."
    assert sets.get_set(set_id).name == "Set Green"
    guarded_write(ctx.bus, sets.rename_set, set_id, "Set Red")
    assert window.save_label.text() == "All changes saved"


def _shortcut_actions(window: QWidget) -> list[QAction]:
    found = {id(a): a for a in window.findChildren(QAction)}
    for _menu, action in window.all_actions():
        found[id(action)] = action
    for panel in window.workspace.panels.values():
        for action in panel.commands():
            found[id(action)] = action
    return [a for a in found.values() if any(not s.isEmpty() for s in a.shortcuts())]


def test_no_two_commands_share_a_key(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    window_wide: dict[str, str] = {}
    local: list[tuple[str, str]] = []
    for action in _shortcut_actions(window):
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            if action.shortcutContext() in (
                Qt.ShortcutContext.WindowShortcut,
                Qt.ShortcutContext.ApplicationShortcut,
            ):
                assert text not in window_wide, f"{text}: {window_wide[text]} / {action.text()}"
                window_wide[text] = action.text()
            else:
                local.append((text, action.text()))
    for text, name in local:
        assert text not in window_wide, f"{text} of {name} is also {window_wide[text]}"
    for key in ("Ctrl+N", "Ctrl+Shift+N", "Ctrl+M", "Ctrl+F", "Ctrl+Q", "F1", "F11"):
        assert key in window_wide


def test_every_command_has_a_tooltip_naming_its_key(qtbot, ctx):
    window = build_window(qtbot, ctx)
    for _menu, action in window.all_actions():
        first = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert first, f"{action.text()} has no shortcut"
        assert first in action.toolTip(), action.text()


def test_shortcuts_sheet_lists_every_command(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window._sheet
    assert sheet is not None and sheet.isVisible()
    assert not sheet.isModal()
    rows = sheet.commands()
    listed = {keys for _name, keys, _tip in rows}
    for _menu, action in window.all_actions():
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        assert keys in listed or not action.isVisible(), action.text()
    assert ("New meeting", "Ctrl+N", "Start a new meeting of the set") in rows


def test_the_shortcuts_sheet_names_real_commands_and_the_members_present(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window._sheet
    names = [name for name, _keys, _tip in sheet.commands()]
    assert all(len(name) > 2 for name in names), names  # no "+", "✎" or "★"
    assert "Add a question" in names and "Favourite question" in names
    members = [m.name for m in sample_set["members"]]  # four attend this meeting
    tally_rows = [n for n in names if n.startswith("Tally for ")]
    assert tally_rows == [f"Tally for {name}" for name in members]
    assert "Pick member 1" in names and "Tally: asked a question" in names  # roster keys
    assert not any(n.startswith("Member ") for n in names)
    bank = window.workspace.dock
    assert bank.add_action.iconText() == "+"  # the bank's small buttons keep their signs


def test_the_shortcuts_sheet_closes_with_escape(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window._sheet
    qtbot.waitExposed(sheet)
    sheet.activateWindow()
    sheet.filter.setFocus()
    qtbot.keyClicks(sheet.filter, "phase")
    qtbot.keyClick(sheet.filter, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_text_size_keys_change_the_font_and_are_kept(qtbot, ctx):
    window = build_window(qtbot, ctx)
    before = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == before + 2
    assert get_setting("view.text_step") == 2
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert get_setting("view.text_step") == 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == before
    assert get_setting("view.text_step") == 0


def test_navigator_toggle_and_tabs_by_keyboard(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    assert window.navigator.isVisible()
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not window.navigator.isVisible()
    tabs = window.workspace.tabs
    if tabs.count() > 1:
        start = tabs.currentIndex()
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert tabs.currentIndex() == (start + 1) % tabs.count()


def test_window_fits_a_1366_by_768_screen(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740
    window.showNormal()
    window.resize(1366, 740)
    assert window.width() == 1366 and window.height() == 740


def test_meeting_opens_with_focus_in_the_quick_entry_line(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    log_panel = window.workspace.panels.get("interventions")
    if log_panel is None:
        pytest.skip("the intervention log is not part of this tree yet")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert log_panel.isAncestorOf(QApplication.focusWidget())
