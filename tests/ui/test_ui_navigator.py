"""The navigator, its dialogs and note search, driven by keys and clicks."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from windows import build_window

from alcoach.data import interventions, meetings, sets
from alcoach.ui.shell import navigator_model as nm


@pytest.fixture
def empty_window(qtbot, ctx):
    return build_window(qtbot, ctx)


@pytest.fixture
def window(qtbot, ctx, sample_set):
    return build_window(qtbot, ctx)


def in_modal_dialog(qtbot, fill):
    """Run `fill(dialog)` on the next modal dialog once it shows (exec() blocks the test)."""

    tries = iter(range(250))

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if next(tries, None) is not None:
                QTimer.singleShot(20, attempt)
            return
        fill(dialog)

    QTimer.singleShot(0, attempt)


def test_new_set_through_the_dialog(qtbot, empty_window):
    window = empty_window

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Set Amber <&>")
        dialog.name.insert(" 🌍")  # QTest types ASCII only; a paste brings the rest
        dialog.cadence.setCurrentIndex(dialog.cadence.findData("every 6 weeks"))
        dialog.name.setFocus()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    in_modal_dialog(qtbot, fill)
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    [stored] = sets.list_sets()
    assert (stored.name, stored.cadence) == ("Set Amber <&> 🌍", "every 6 weeks")
    index = window.navigator.model.index_for(nm.SET, stored.id)
    assert index.data() == "Set Amber <&> 🌍"
    assert window.navigator.tree.currentIndex() == index
    assert "Ctrl+N" in window.welcome.text()


def test_a_set_needs_a_name_and_the_dialog_says_so(qtbot, empty_window):
    window = empty_window
    seen = {}

    def fill(dialog):
        dialog.name.setFocus()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    in_modal_dialog(qtbot, fill)
    window.navigator.new_set_action.trigger()
    assert seen == {"error": "A set needs a name.", "open": True}
    assert sets.list_sets() == []


def test_add_a_member_through_the_dialog(qtbot, window, sample_set):
    set_id = sample_set["set"].id
    nav = window.navigator
    nav.tree.setCurrentIndex(nav.model.index_for(nm.SET, set_id))

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Zhang Wei")
        dialog.name.insert(" 张伟")
        qtbot.keyClicks(dialog.role, "Ward manager")
        dialog.skill.setFocus()
        qtbot.keyClicks(dialog.skill.lineEdit(), "Holding silence")
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    in_modal_dialog(qtbot, fill)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    added = sets.list_members(set_id)[-1]
    assert (added.name, added.role, added.leadership_skill) == (
        "Zhang Wei 张伟",
        "Ward manager",
        "Holding silence",
    )
    assert nav.model.index_for(nm.MEMBER, added.id).data() == "Zhang Wei 张伟"
    assert nav.model.index_for(nm.MEMBERS, set_id).data() == "Members (5)"


def test_mark_a_member_inactive(qtbot, window, sample_set):
    member = sample_set["members"][0]
    nav = window.navigator
    nav.tree.setCurrentIndex(nav.model.index_for(nm.MEMBER, member.id))
    qtbot.keyClick(
        window,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not sets.get_member(member.id).active
    assert nav.model.index_for(nm.MEMBER, member.id).data() == "Dana Whitfield (inactive)"


def test_archive_a_set_moves_it_under_archived(qtbot, window, sample_set):
    set_id = sample_set["set"].id
    nav = window.navigator
    nav.tree.setFocus()
    nav.tree.setCurrentIndex(nav.model.index_for(nm.SET, set_id))
    qtbot.keyClick(
        nav.tree,
        Qt.Key.Key_F2,
        Qt.KeyboardModifier.ShiftModifier,
    )
    assert sets.get_set(set_id).archived
    index = nav.model.index_for(nm.SET, set_id)
    assert nm.kind_of(index.parent()) == nm.ARCHIVE


def test_clicking_a_meeting_opens_it(qtbot, ctx, sample_set):
    older = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 9, 1), title="Rotas")
    window = build_window(qtbot, ctx)
    assert window.current_meeting_id == sample_set["meeting"].id
    tree = window.navigator.tree
    index = window.navigator.model.index_for(nm.MEETING, older.id)
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    assert window.current_meeting_id == older.id
    assert window.windowTitle() == "Rotas — Set Blue — alcoach"


def test_meetings_are_listed_newest_first(qtbot, ctx, sample_set):
    older = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 9, 1), title="Rotas")
    window = build_window(qtbot, ctx)
    set_index = window.navigator.model.index_for(nm.SET, sample_set["set"].id)
    model = window.navigator.model
    labels = [
        model.index(row, 0, set_index).data()
        for row in range(model.rowCount(set_index))
        if nm.kind_of(model.index(row, 0, set_index)) == nm.MEETING
    ]
    assert [label.split(" · ")[1] for label in labels] == ["Empty homes backlog", "Rotas"]
    assert labels[0].startswith("2 Nov") and labels[1].startswith("1 Sep")
    assert nm.meeting_text(older, this_year=2030) == "1 Sep 2026 · Rotas"


def test_rename_and_delete_a_meeting(qtbot, window, sample_set, monkeypatch):
    meeting_id = sample_set["meeting"].id
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("Voids & repairs", True)
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert meetings.get_meeting(meeting_id).title == "Voids & repairs"
    assert window.windowTitle() == "Voids & repairs — Set Blue — alcoach"

    asked = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    window.navigator.delete_meeting_action.trigger()
    assert "Voids & repairs" in asked[0]
    assert meetings.list_meetings() == []
    assert window.current_meeting_id is None
    assert window.windowTitle() == "alcoach"


def test_search_finds_a_note_and_enter_opens_its_meeting(qtbot, ctx, sample_set, qtmodeltester):
    older = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 9, 1), title="Rotas")
    logged = interventions.log_intervention(older.id, "What is the zebra in the room?")
    window = build_window(qtbot, ctx)
    assert window.current_meeting_id == sample_set["meeting"].id
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.navigator.search
    assert search.line.hasFocus()
    qtbot.keyClicks(search.line, "zebr")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    qtmodeltester.check(search.model)
    assert "Rotas" in search.model.index(0).data()
    assert "[zebr]a" in search.model.index(0).data()  # exactly what was typed is marked
    qtbot.keyClick(search.line, Qt.Key.Key_Return)
    assert window.current_meeting_id == older.id
    log_panel = window.workspace.panels.get("interventions")
    if log_panel is not None:
        assert window.workspace.tabs.currentWidget() is log_panel
        if hasattr(log_panel, "view") and hasattr(log_panel, "proxy"):
            current = log_panel.proxy.mapToSource(log_panel.view.currentIndex())
            assert log_panel.model.record_at(current.row()).id == logged.id


def test_search_clears_with_escape(qtbot, window, sample_set):
    search = window.navigator.search
    search.focus_search()
    qtbot.keyClicks(search.line, "backlog")
    qtbot.waitUntil(lambda: search.model.rowCount() >= 1)
    assert search.results.isVisible()
    qtbot.keyClick(search.line, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not search.results.isVisible())
    assert search.line.text() == ""


def test_new_meeting_opens_the_meeting_it_made(qtbot, window, sample_set):
    pytest.importorskip("alcoach.ui.dialogs.new_meeting_dialog")
    before = {m.id for m in meetings.list_meetings()}

    def fill(dialog):
        dialog.accept()

    in_modal_dialog(qtbot, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    [made] = [m for m in meetings.list_meetings() if m.id not in before]
    assert made.set_id == sample_set["set"].id
    assert window.current_meeting_id == made.id
    assert window.navigator.model.index_for(nm.MEETING, made.id).isValid()
