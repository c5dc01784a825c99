"""The intervention log panel, driven with keys and clicks as a coach would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from alcoach.data import interventions as iv
from alcoach.data import meetings, sets
from alcoach.data.categories import category_for_phase
from alcoach.errors import AlcoachError
from alcoach.ui.meeting.intervention_log import InterventionLogPanel
from alcoach.ui.meeting.intervention_model import (
    COL_CATEGORY,
    COL_MEMBERS,
    COL_RATINGS,
    COL_RESPONSE,
    COL_TEXT,
    COL_TIME,
)
from alcoach.ui.meeting.intervention_view import MIN_TEXT_WIDTH

RATING_QUESTION = "How are we doing as a group, 1 to 10?"


@pytest.fixture
def panel(qtbot, ctx, sample_set):
    widget = InterventionLogPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.set_meeting(sample_set["meeting"].id)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def entry(panel: InterventionLogPanel) -> QLineEdit:
    return panel.findChild(QLineEdit)


def type_and_enter(qtbot, panel: InterventionLogPanel, text: str) -> None:
    line = entry(panel)
    line.setFocus()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def paste_and_enter(qtbot, panel: InterventionLogPanel, text: str) -> None:
    line = entry(panel)
    line.setFocus()
    QApplication.clipboard().setText(text)
    qtbot.keyClick(line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def shown_text(panel: InterventionLogPanel, row: int, col: int) -> str:
    return panel.view.model().index(row, col).data()


def test_enter_stores_with_time_phase_and_offset(qtbot, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    meetings.start_meeting(meeting_id, now=ctx.now())
    ctx.clock.advance(minutes=5, seconds=7)
    with qtbot.waitSignal(ctx.bus.interventions_changed) as changed:
        type_and_enter(qtbot, panel, "What are we noticing?")
    assert changed.args == [meeting_id]
    [stored] = iv.list_interventions(meeting_id)
    phase = meetings.current_phase(meeting_id)
    assert stored.text == "What are we noticing?"
    assert stored.at == ctx.now()
    assert stored.offset_seconds == pytest.approx(307)
    assert stored.phase_name == phase.name
    assert stored.category == category_for_phase(phase.name)
    assert entry(panel).text() == ""
    assert panel.view.model().rowCount() == 1
    assert shown_text(panel, 0, COL_TEXT) == "What are we noticing?"
    assert shown_text(panel, 0, COL_TIME) == "5:07"


def test_empty_enter_does_nothing(qtbot, panel, sample_set):
    type_and_enter(qtbot, panel, "   ")
    assert iv.list_interventions(sample_set["meeting"].id) == []
    assert meetings.get_meeting(sample_set["meeting"].id).started_at is None


def test_enter_in_a_meeting_not_started_starts_it(qtbot, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    with qtbot.waitSignal(ctx.bus.timer_changed) as started:
        type_and_enter(qtbot, panel, "Shall we begin?")
    assert started.args == [meeting_id]
    assert meetings.get_meeting(meeting_id).started_at == ctx.now()
    assert [r.text for r in iv.list_interventions(meeting_id)] == ["Shall we begin?"]


def test_enter_in_an_ended_meeting_is_added_afterwards(qtbot, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    meetings.start_meeting(meeting_id, now=ctx.now())
    meetings.end_meeting(meeting_id, now=ctx.clock.advance(minutes=60))
    ctx.clock.advance(minutes=10)
    type_and_enter(qtbot, panel, "Note for next time")
    [stored] = iv.list_interventions(meeting_id)
    assert stored.added_afterwards
    assert stored.at == ctx.now()
    assert "(after)" in shown_text(panel, 0, COL_TIME)
    tip = panel.view.model().index(0, COL_TIME).data(Qt.ItemDataRole.ToolTipRole)
    assert "Added afterwards" in tip
    assert panel.view.model().index(0, COL_TIME).data(Qt.ItemDataRole.FontRole).italic()


def test_a_renamed_member_shows_in_rows_already_there(qtbot, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    dana = sample_set["members"][0]
    panel.member_toggle(dana.id).click()
    type_and_enter(qtbot, panel, "Dana, what do you see?")
    assert shown_text(panel, 0, COL_MEMBERS) == "Dana Whitfield"
    sets.update_member(dana.id, name="Dana <Ward> & Co")
    ctx.bus.meeting_changed.emit(meeting_id)
    assert shown_text(panel, 0, COL_MEMBERS) == "Dana <Ward> & Co"
    assert shown_text(panel, 0, COL_TEXT) == "Dana, what do you see?"
    assert panel.view.model().index(0, COL_TEXT).data(Qt.ItemDataRole.FontRole) is None
    assert panel.view.model().index(0, COL_TEXT).data(Qt.ItemDataRole.UserRole + 40) is None


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold?</b> & <i>not</i> &amp;",
        "Good energy 🎉👍🏽 today",
        "מה אנחנו לומדים? ما الذي نتعلمه",
        "我们注意到了什么？ 私たちは何に気づいていますか",
        "long " * 1000,
    ],
    ids=["markup", "emoji", "rtl", "cjk", "5000-chars"],
)
def test_hostile_text_is_kept_exactly(qtbot, panel, sample_set, text):
    paste_and_enter(qtbot, panel, text)
    [stored] = iv.list_interventions(sample_set["meeting"].id)
    assert stored.text == text
    assert shown_text(panel, 0, COL_TEXT) == text
    assert entry(panel).text() == ""


@pytest.mark.parametrize("error", [AlcoachError("The database is locked."), OSError("disk full")])
def test_failed_write_keeps_the_text(qtbot, panel, ctx, sample_set, monkeypatch, error):
    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(iv, "log_intervention", failing)
    with qtbot.waitSignal(ctx.bus.save_failed) as failed:
        type_and_enter(qtbot, panel, "Keep me")
    assert failed.args and failed.args[0]
    assert entry(panel).text() == "Keep me"
    assert panel.view.model().rowCount() == 0


def test_ctrl_l_focuses_the_line_from_another_widget(qtbot, ctx, sample_set):
    window = QWidget()
    qtbot.addWidget(window)
    other = QLineEdit(window)
    log_panel = InterventionLogPanel(ctx, window)
    layout = QVBoxLayout(window)
    layout.addWidget(other)
    layout.addWidget(log_panel)
    log_panel.set_meeting(sample_set["meeting"].id)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClick(other, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(entry(log_panel).hasFocus)


def test_member_toggles_address_the_entry_and_clear(qtbot, panel, sample_set):
    dana, kofi = sample_set["members"][:2]
    qtbot.mouseClick(panel.member_toggle(kofi.id), Qt.MouseButton.LeftButton)
    type_and_enter(qtbot, panel, "Kofi, what did you hear?")
    [stored] = iv.list_interventions(sample_set["meeting"].id)
    assert stored.member_ids == (kofi.id,)
    assert shown_text(panel, 0, COL_MEMBERS) == "Kofi Mensah"
    assert not panel.member_toggle(kofi.id).isChecked()
    assert not panel.member_toggle(dana.id).isChecked()


def test_edit_text_in_place(qtbot, panel, sample_set):
    type_and_enter(qtbot, panel, "First wording")
    view = panel.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, COL_TEXT))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Better <wording> & more")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on a queued call after Enter
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    [stored] = iv.list_interventions(sample_set["meeting"].id)
    assert stored.text == "Better <wording> & more"
    assert shown_text(panel, 0, COL_TEXT) == "Better <wording> & more"


def test_delete_then_undo_restores(qtbot, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    type_and_enter(qtbot, panel, "Keep this one")
    type_and_enter(qtbot, panel, "Delete this one")
    view = panel.view
    view.setFocus()
    view.selectRow(1)
    with qtbot.waitSignal(ctx.bus.status_message) as message:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "Ctrl+Z" in message.args[0]
    assert [r.text for r in iv.list_interventions(meeting_id)] == ["Keep this one"]
    assert view.model().rowCount() == 1
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.text for r in iv.list_interventions(meeting_id)] == [
        "Keep this one",
        "Delete this one",
    ]
    assert view.model().rowCount() == 2
    assert shown_text(panel, 1, COL_TEXT) == "Delete this one"


def test_ratings_one_key_per_member_in_roster_order(qtbot, panel, sample_set):
    meeting_id = sample_set["meeting"].id
    type_and_enter(qtbot, panel, RATING_QUESTION)
    type_and_enter(qtbot, panel, "Something else after it")
    qtbot.keyClick(entry(panel), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert panel.strip.isVisible()
    qtbot.waitUntil(panel.strip.hasFocus)
    qtbot.keyClicks(panel.strip, "2873")
    rated = next(r for r in iv.list_interventions(meeting_id) if r.text == RATING_QUESTION)
    scores = {r.member_id: r.score for r in rated.ratings}
    assert [scores[m.id] for m in sample_set["members"]] == [2, 8, 7, 3]
    index = panel.view.model().index(0, COL_RATINGS)
    assert index.data() == "2–8"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    picture = icon.pixmap(16, 16).toImage()
    disc, corner = picture.pixelColor(3, 8), picture.pixelColor(0, 0)
    assert disc.red() > 150 and disc.blue() < 100  # the orange disc of a wide spread
    assert corner.alpha() == 0  # a disc on a clear ground
    assert iv.is_wide_spread(rated)
    assert not panel.strip.isVisible()


def test_rating_backspace_goes_back_and_zero_is_ten(qtbot, panel, sample_set):
    type_and_enter(qtbot, panel, RATING_QUESTION)
    qtbot.keyClick(entry(panel), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.strip.hasFocus)
    qtbot.keyClicks(panel.strip, "5")
    qtbot.keyClick(panel.strip, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.strip, "06")
    qtbot.keyClick(panel.strip, Qt.Key.Key_Escape)
    assert not panel.strip.isVisible()
    [rated] = iv.list_interventions(sample_set["meeting"].id)
    dana, kofi = sample_set["members"][:2]
    assert {r.member_id: r.score for r in rated.ratings} == {dana.id: 10, kofi.id: 6}
    assert shown_text(panel, 0, COL_RATINGS) == "6–10"


def test_change_elsewhere_appends_without_losing_typed_text(qtbot, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    qtbot.keyClicks(entry(panel), "half typed")
    record = iv.log_intervention(meeting_id, "From the bank", now=ctx.now())
    ctx.bus.interventions_changed.emit(meeting_id)
    assert shown_text(panel, 0, COL_TEXT) == "From the bank"
    assert entry(panel).text() == "half typed"
    assert panel.select_record(record.id)
    assert panel.view.selectionModel().selectedRows()[0].row() == 0


def test_model_passes_modeltester(qtbot, qtmodeltester, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    record = iv.log_intervention(meeting_id, RATING_QUESTION, now=ctx.now())
    iv.set_ratings(
        record.id, {m.id: s for m, s in zip(sample_set["members"], [2, 8, 7, 3], strict=True)}
    )
    iv.log_intervention(meeting_id, "Who else?", member_ids=[sample_set["members"][0].id])
    panel.set_meeting(meeting_id)
    qtmodeltester.check(panel.model)
    tip = panel.model.index(0, COL_RATINGS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Dana Whitfield: 2" in tip and "Ravi Patel: 3" in tip


def test_edit_category_and_members_in_place(qtbot, panel, sample_set):
    type_and_enter(qtbot, panel, "Whose problem is this?")
    view = panel.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, COL_CATEGORY))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("Reframing"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    view.setCurrentIndex(view.model().index(0, COL_MEMBERS))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "dana whitfield, Ravi")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    [stored] = iv.list_interventions(sample_set["meeting"].id)
    members = sample_set["members"]
    assert stored.category == "reframing"
    assert stored.member_ids == (members[0].id, members[3].id)
    assert shown_text(panel, 0, COL_CATEGORY) == "Reframing"
    assert shown_text(panel, 0, COL_MEMBERS) == "Dana Whitfield, Ravi Patel"


def test_unknown_member_name_is_refused(qtbot, panel, ctx, sample_set):
    type_and_enter(qtbot, panel, "Who else?")
    view = panel.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, COL_MEMBERS))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Nobody Known")
    with qtbot.waitSignal(ctx.bus.save_failed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    [stored] = iv.list_interventions(sample_set["meeting"].id)
    assert stored.member_ids == ()


def test_narrow_panel_keeps_the_text_readable(qtbot, panel):
    panel.resize(560, 400)
    qtbot.waitUntil(lambda: panel.view.horizontalHeader().isSectionHidden(COL_RESPONSE))
    # the header lays out the stretched Text column a moment later
    qtbot.waitUntil(lambda: panel.view.columnWidth(COL_TEXT) >= MIN_TEXT_WIDTH)
    assert not panel.view.horizontalHeader().isSectionHidden(COL_RATINGS)
    panel.resize(1200, 400)
    qtbot.waitUntil(lambda: not panel.view.horizontalHeader().isSectionHidden(COL_RESPONSE))


def test_the_newest_entry_is_scrolled_into_view(qtbot, panel, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    for n in range(30):
        iv.log_intervention(meeting_id, f"Earlier question {n}?", now=ctx.clock.advance(seconds=5))
    panel.set_meeting(meeting_id)
    panel.view.scrollToTop()
    type_and_enter(qtbot, panel, "And the newest?")
    view = panel.view
    last = view.model().index(view.model().rowCount() - 1, COL_TEXT)
    assert last.data() == "And the newest?"
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.visualRect(last)))
    assert not view.viewport().rect().contains(view.visualRect(view.model().index(0, COL_TEXT)))
