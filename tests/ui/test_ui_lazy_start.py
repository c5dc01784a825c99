"""What the window leaves for later at start-up, and that nothing a coach does notices it: the
hidden tabs are built when shown or when one of their commands is used; the navigator reads a set's
meetings when the set is opened."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_clock import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from windows import build_window

from alcoach.data import learnings, meetings, sets
from alcoach.ui.kit.commands import command
from alcoach.ui.kit.commands import panel_commands as panel_commands_table
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.panel_contract import Panel, panel_commands
from alcoach.ui.shell import navigator_model as nm
from alcoach.ui.shell.workspace import PANELS, load_panel_class

LATE = [spec for spec in PANELS if spec.lazy]


@pytest.fixture(autouse=True)
def _keep_app_font():
    font = QApplication.font()
    yield
    QApplication.setFont(font)


def _keys(action) -> list[str]:
    return [k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()]


def _described(action) -> tuple:
    return (
        action.objectName(),
        action.text(),
        _keys(action),
        action.toolTip(),
        action.shortcutContext(),
    )


@pytest.mark.parametrize("spec", PANELS, ids=[s.key for s in PANELS])
def test_every_panel_builds_keeps_the_contract_and_makes_its_commands_from_the_table(
    qtbot, ctx, spec
):
    panel = load_panel_class(spec)(ctx)  # a panel that fails to build fails here
    qtbot.addWidget(panel)
    assert isinstance(panel, Panel)
    table = [c.name for c in panel_commands_table(spec.key)]
    own = [a.objectName() for a in panel_commands(panel)]
    assert table or spec.key == "members"  # the roster's keys are all per member (below)
    assert [name for name in own if name in table] == table
    extra = [name for name in own if name not in table]
    assert all(name.startswith("tally_") for name in extra)  # the roster's per-member keys
    for action in panel_commands(panel):
        if action.objectName() in table:
            entry = command(action.objectName())
            assert action.text() == entry.text
            assert _keys(action) == [
                QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText)
                for k in entry.keys
            ]
            assert action.toolTip().startswith(entry.tip)


@pytest.mark.parametrize("spec", LATE, ids=[s.key for s in LATE])
def test_the_stand_ins_say_what_each_panel_s_own_actions_say(qtbot, ctx, spec):
    window = build_window(qtbot, ctx)
    stand_ins = [_described(a) for a in window.workspace.commands(spec.key)]
    panel = load_panel_class(spec)(ctx)
    qtbot.addWidget(panel)
    assert stand_ins == [_described(a) for a in panel_commands(panel)]


def test_hidden_tabs_wait_yet_their_commands_are_in_the_menus(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    ws = window.workspace
    assert set(ws.built) == {"timer", "interventions", "members", "bank"} & set(ws.specs)
    assert all(spec.key in ws.panels for spec in LATE)  # `in` does not build
    listed = {a.text(): (menu, a) for menu, a in window.all_actions()}
    menu, new_action = listed["New action"]
    assert menu == "Edit" and _keys(new_action) == ["Ctrl+Shift+C"]
    assert "Ctrl+Shift+C" in new_action.toolTip()
    assert "actions" not in ws.built


def test_a_command_of_a_hidden_tab_builds_it_and_runs(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.workspace.built["actions"]
    assert window.workspace.tabs.currentWidget().isAncestorOf(panel)
    assert panel.isEnabled() and panel.meeting_id == sample_set["meeting"].id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.new.text)
    qtbot.keyClicks(panel.new.text, "Call the housing lead <by Friday> & report")
    qtbot.keyClick(panel.new.text, Qt.Key.Key_Return)
    from alcoach.data import actions

    texts = [a.text for a in actions.list_actions(sample_set["meeting"].id)]
    assert texts == ["Call the housing lead <by Friday> & report"]
    # the key now reaches the panel through the stand-in, once: no ambiguous shortcut
    panel.new.text.clear()
    window.workspace.focus_entry()
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.new.text)


def test_showing_a_hidden_tab_builds_it_with_the_meeting(qtbot, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    meetings.set_coach_notes(meeting_id, "Watch the energy after the break 🤫 <i>")
    window = build_window(qtbot, ctx)
    ws = window.workspace
    index = next(i for i in range(ws.tabs.count()) if ws.tabs.tabText(i) == "Coach notes")
    ws.tabs.setCurrentIndex(index)
    notes = ws.built["notes"]
    assert notes.editor.toPlainText() == "Watch the energy after the break 🤫 <i>"
    assert ws.panels["notes"] is notes
    window.open_meeting(None)
    assert notes.editor.toPlainText() == ""


def test_a_roster_name_click_opens_the_feedback_tab_for_that_member(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    members = window.workspace.built["members"]
    member = sample_set["members"][2]
    row = next(r for r in members.rows if r.member.id == member.id)
    qtbot.mouseClick(row.name, Qt.MouseButton.LeftButton)
    editor = window.workspace.built["feedback"]
    assert window.workspace.tabs.currentWidget().isAncestorOf(editor)
    assert editor.picker.currentData() == member.id


def test_a_search_hit_in_a_hidden_tab_opens_it(qtbot, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    learning = learnings.add_learning(meeting_id, "team", "Silence helps the presenter think")
    window = build_window(qtbot, ctx)
    window.open_meeting(meeting_id, ("learning", learning.id))
    panel = window.workspace.built["learnings"]
    assert window.workspace.tabs.currentWidget().isAncestorOf(panel)


def test_navigator_reads_only_the_open_meeting_s_set(qtbot, store, sample_set):
    other = sets.create_set("Set Green", programme_id=sample_set["programme"].id)
    sets.add_member(other.id, "Zhang Wei 张伟")
    away = meetings.create_meeting(other.id, dt.date(2026, 10, 1), title="Rotas")
    ctx = AppContext(data_dir=store.data_dir, db_path=store.db_path, clock=FakeClock())
    window = build_window(qtbot, ctx)
    nav = window.navigator
    model = nav.model
    green = model.index_for(nm.SET, other.id)
    blue = model.index_for(nm.SET, sample_set["set"].id)
    assert nav.tree.isExpanded(blue) and model.rowCount(blue) > 1
    assert not nav.tree.isExpanded(green)
    assert model.is_unread(other.id) and model.hasChildren(green)  # read when opened
    assert [nm.kind_of(model.index(r, 0, green)) for r in range(model.rowCount(green))] == [
        nm.PENDING
    ]

    nav.tree.expand(green)
    assert not model.is_unread(other.id)
    labels = [model.index(r, 0, green).data() for r in range(model.rowCount(green))]
    assert labels[0] == "Members (1)" and labels[1].endswith("Rotas")

    # a meeting of a set not read yet is still found (search hits, the window's open meeting)
    third = sets.create_set("Set Amber", programme_id=sample_set["programme"].id)
    late = meetings.create_meeting(third.id, dt.date(2026, 9, 1), title="Budgets")
    ctx.bus.sets_changed.emit()
    assert model.index_for(nm.MEETING, away.id).isValid()  # expanded before: read again
    assert model.index_for(nm.MEETING, late.id).data().endswith("Budgets")
    window.open_meeting(late.id)
    assert nav.tree.currentIndex() == model.index_for(nm.MEETING, late.id)
