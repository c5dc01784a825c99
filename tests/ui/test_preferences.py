"""Preferences: the coach's name for the documents and the quiet-stretch alert."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from alcoach.data import settings
from alcoach.ui.dialogs.preferences_dialog import PreferencesDialog


def test_typed_preferences_are_stored(qtbot, ctx):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.coach_name, "Morgan Ellis")
    qtbot.keyClicks(dialog.credentials, "WIAL <certified> & co")
    dialog.quiet_minutes.selectAll()
    qtbot.keyClicks(dialog.quiet_minutes, "15")
    with qtbot.waitSignal(ctx.bus.saved):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert settings.coach_profile() == {
        "name": "Morgan Ellis",
        "credentials": "WIAL <certified> & co",
    }
    assert settings.get_setting("alerts.quiet_minutes") == 15
    assert dialog.result() == dialog.DialogCode.Accepted


def test_preferences_open_with_what_is_stored(qtbot, ctx):
    settings.set_coach_profile("Aroha Ngata", "Set adviser")
    settings.set_setting("alerts.quiet_minutes", 0)
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.coach_name.text() == "Aroha Ngata"
    assert dialog.credentials.text() == "Set adviser"
    assert dialog.quiet_minutes.text() == "Off"


def test_ctrl_comma_opens_preferences_from_the_window(qtbot, ctx):
    from PySide6.QtWidgets import QApplication

    from alcoach.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.preferences_dialog
    assert isinstance(dialog, PreferencesDialog) and dialog.isVisible()
    assert (
        dialog.isModal() is False or dialog.windowModality() != Qt.WindowModality.ApplicationModal
    )
    dialog.reject()


def test_saving_preferences_announces_the_quiet_setting(qtbot, ctx):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.quiet_minutes.setValue(7)
    with qtbot.waitSignal(ctx.bus.settings_changed) as announced:
        dialog.accept()
    assert announced.args == ["alerts.quiet_minutes"]
    assert settings.get_setting("alerts.quiet_minutes") == 7


def test_the_date_style_for_documents_is_chosen_here(qtbot, ctx):
    from alcoach.formatting import DEFAULT_DATE_STYLE

    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.date_style.currentData() == DEFAULT_DATE_STYLE
    assert dialog.date_style.currentText() == "3 Oct 2026"
    items = [dialog.date_style.itemText(i) for i in range(dialog.date_style.count())]
    assert "2026-10-03" in items and "Oct 3, 2026" in items
    dialog.date_style.setCurrentIndex(items.index("2026-10-03"))
    with qtbot.waitSignal(ctx.bus.saved):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert settings.document_date_style() == "iso"
    again = PreferencesDialog(ctx)
    qtbot.addWidget(again)
    assert again.date_style.currentText() == "2026-10-03"
