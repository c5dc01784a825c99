"""Tagging members from the quick-entry line: `@`, the first letters of a name, Tab."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_typing import type_text

from alcoach.data import interventions as iv
from alcoach.data import meetings, sets
from alcoach.ui.meeting.intervention_log import InterventionLogPanel
from alcoach.ui.meeting.member_tags import matching, tag_at


@pytest.fixture
def roster(sample_set):
    """The sample set with a Chinese and an Arabic name, at a meeting all of them attend."""
    wang = sets.add_member(sample_set["set"].id, "王小明")
    fatima = sets.add_member(sample_set["set"].id, "فاطمة الزهراء")
    members = [*sample_set["members"], wang, fatima]
    meeting = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 12, 7), title="Dec")
    return meeting, {m.name: m.id for m in members}


@pytest.fixture
def line(qtbot, ctx, roster):
    panel = InterventionLogPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_meeting(roster[0].id)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.focus_entry()
    entry = panel._entry
    qtbot.waitUntil(entry.hasFocus)
    return panel, entry


def logged(meeting_id: int):
    return iv.list_interventions(meeting_id)[-1]


def test_at_and_tab_tag_several_members(qtbot, line, roster):
    panel, entry = line
    meeting, ids = roster
    type_text(entry, "@Ko")
    assert panel.tagger.completer.popup().isVisible()
    QTest.keyClick(entry, Qt.Key.Key_Tab)
    assert entry.text() == "Kofi Mensah " and entry.hasFocus()
    assert panel.member_toggle(ids["Kofi Mensah"]).isChecked()
    type_text(entry, "and @whit")  # a surname's first letters, any case
    QTest.keyClick(entry, Qt.Key.Key_Tab)
    type_text(entry, "to pair")
    QTest.keyClick(entry, Qt.Key.Key_Return)
    record = logged(meeting.id)
    assert record.text == "Kofi Mensah and Dana Whitfield to pair"
    assert set(record.member_ids) == {ids["Kofi Mensah"], ids["Dana Whitfield"]}
    assert not any(panel.member_toggle(i).isChecked() for i in record.member_ids)


def test_chinese_and_arabic_names_and_the_popup_choice(qtbot, line, roster):
    panel, entry = line
    meeting, ids = roster
    type_text(entry, "@王")
    QTest.keyClick(entry, Qt.Key.Key_Tab)
    type_text(entry, "@فا")
    popup = panel.tagger.completer.popup()
    assert popup.isVisible() and popup.currentIndex().data() == "فاطمة الزهراء"
    QTest.keyClick(popup, Qt.Key.Key_Tab)  # the popup has the keyboard while it shows
    QTest.keyClick(entry, Qt.Key.Key_Return)
    record = logged(meeting.id)
    assert record.text.rstrip() == "王小明 فاطمة الزهراء"
    assert set(record.member_ids) == {ids["王小明"], ids["فاطمة الزهراء"]}


def test_choosing_the_second_match_with_the_arrow_keys(qtbot, line, roster):
    panel, entry = line
    meeting, _ids = roster
    sets.add_member(meetings.get_meeting(meeting.id).set_id, "Kofi Annan")
    type_text(entry, "@K")
    popup = panel.tagger.completer.popup()
    names = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert names == ["Kofi Mensah"]  # only who attends this meeting is offered
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert entry.text() == "@K"


def test_deleting_the_name_takes_the_tag_off(qtbot, line, roster):
    panel, entry = line
    meeting, ids = roster
    type_text(entry, "@In")
    QTest.keyClick(entry, Qt.Key.Key_Tab)
    assert panel.member_toggle(ids["Ines Duarte"]).isChecked()
    for _ in range(len("Ines Duarte ")):
        QTest.keyClick(entry, Qt.Key.Key_Backspace)
    assert not panel.member_toggle(ids["Ines Duarte"]).isChecked()
    type_text(entry, "mail me at a@b.org")  # an @ inside a word is no tag
    assert not panel.tagger.completer.popup().isVisible()
    QTest.keyClick(entry, Qt.Key.Key_Return)
    record = logged(meeting.id)
    assert (record.text, record.member_ids) == ("mail me at a@b.org", ())


def test_tab_without_a_tag_moves_on_as_ever(qtbot, line):
    _panel, entry = line
    type_text(entry, "no tag here")
    QTest.keyClick(entry, Qt.Key.Key_Tab)
    assert not entry.hasFocus()


NAMES = st.lists(st.tuples(st.integers(1, 50), st.text(min_size=1, max_size=30)), max_size=8)


@given(text=st.text(max_size=80), data=st.data(), members=NAMES)
def test_tags_in_any_text(text, data, members):
    cursor = data.draw(st.integers(0, len(text)))
    found = tag_at(text, cursor)
    if found is None:
        return
    start, prefix = found
    assert text[start] == "@" and text[start + 1 : cursor] == prefix
    for _mid, name in matching(prefix, members):
        words = [name, *name.split()]
        assert any(w.casefold().startswith(prefix.casefold()[:1]) for w in words) or not prefix
