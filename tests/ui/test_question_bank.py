"""The question bank dock, driven with keys and clicks as a coach would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from alcoach.data import interventions as iv
from alcoach.data import meetings
from alcoach.data import questions as qs
from alcoach.data.models import database_proxy
from alcoach.ui.bank.question_bank import QuestionBankDock
from alcoach.ui.bank.question_model import COL_CATEGORY, COL_QUESTION, STAR

RATING_QUESTION = "How are we doing as a group, 1 to 10?"


@pytest.fixture
def dock(qtbot, ctx, sample_set):
    widget = QuestionBankDock(ctx)
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.set_meeting(sample_set["meeting"].id)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.loaded)  # the bank is read just after the first paint
    return widget


def visible_texts(dock: QuestionBankDock) -> list[str]:
    proxy = dock.proxy
    return [proxy.index(r, COL_QUESTION).data() for r in range(proxy.rowCount())]


def question_named(text: str):
    return next(q for q in qs.list_questions(include_archived=True) if q.text == text)


def test_filter_narrows_as_you_type(qtbot, dock):
    total = dock.proxy.rowCount()
    assert total == len(qs.list_questions())
    qtbot.keyClicks(dock.filter, "WHAT")
    after_one_word = dock.proxy.rowCount()
    assert 0 < after_one_word < total
    qtbot.keyClicks(dock.filter, " we hear")
    shown = visible_texts(dock)
    assert 0 < len(shown) < after_one_word
    assert all(w in t.casefold() for t in shown for w in ("what", "we", "hear"))
    dock.filter.clear()
    assert dock.proxy.rowCount() == total


def test_category_filter(qtbot, dock):
    dock.category.setCurrentIndex(dock.category.findData("reporting_back"))
    proxy = dock.proxy
    assert 0 < proxy.rowCount() < len(qs.list_questions())
    assert {proxy.index(r, COL_CATEGORY).data() for r in range(proxy.rowCount())} == {
        "Reporting back"
    }
    qtbot.keyClicks(dock.filter, "zzzz-no-such-words")
    assert proxy.rowCount() == 0


def test_favourite_goes_first(qtbot, dock):
    target = qs.list_questions()[-1]
    qtbot.keyClicks(dock.filter, target.text)
    qtbot.keyClick(dock.filter, Qt.Key.Key_Down)
    assert dock.view.hasFocus()
    with qtbot.waitSignal(dock._ctx.bus.questions_changed):
        qtbot.keyClick(dock.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert qs.get_question(target.id).favourite
    dock.filter.clear()
    assert visible_texts(dock)[0] == STAR + target.text


def test_most_used_before_the_rest(qtbot, dock, sample_set):
    first_plain = qs.list_questions()[0]
    used = qs.list_questions()[5]
    qs.count_question_use(used.id)
    dock.reload()
    assert visible_texts(dock)[0] == used.text
    assert visible_texts(dock)[1] == first_plain.text


def test_enter_in_filter_logs_the_first_question_and_counts_it(qtbot, dock, ctx, sample_set):
    meeting_id = sample_set["meeting"].id
    question = question_named(RATING_QUESTION)
    qtbot.keyClicks(dock.filter, "how are we doing group")
    with (
        qtbot.waitSignal(ctx.bus.interventions_changed),
        qtbot.waitSignal(ctx.bus.timer_changed),
    ):
        qtbot.keyClick(dock.filter, Qt.Key.Key_Return)
    [logged] = iv.list_interventions(meeting_id)
    assert logged.question_id == question.id
    assert logged.text == RATING_QUESTION
    assert logged.at == ctx.now()
    assert qs.get_question(question.id).uses == question.uses + 1
    assert meetings.get_meeting(meeting_id).started_at == ctx.now()
    assert dock.filter.text() == ""


def test_down_then_enter_logs_the_selected_row(qtbot, dock, sample_set):
    qtbot.keyClicks(dock.filter, "what")
    second = visible_texts(dock)[1]
    qtbot.keyClick(dock.filter, Qt.Key.Key_Down)
    qtbot.keyClick(dock.view, Qt.Key.Key_Down)
    qtbot.keyClick(dock.view, Qt.Key.Key_Return)
    [logged] = iv.list_interventions(sample_set["meeting"].id)
    assert logged.text == second


def test_double_click_logs(qtbot, dock, sample_set):
    first = visible_texts(dock)[0]
    rect = dock.view.visualRect(dock.proxy.index(0, COL_QUESTION))
    # a real double-click starts with a click; QTest's mouseDClick sends only the second half
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [logged] = iv.list_interventions(sample_set["meeting"].id)
    assert logged.text == first
    assert logged.question_id is not None


def test_add_a_question_through_the_dialog(qtbot, dock):
    dock.filter.setFocus()
    qtbot.keyClick(dock.filter, Qt.Key.Key_Insert)
    dialog = dock.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.text_edit, "Who is <not> in the room & why?")
    dialog.text_edit.insertPlainText(" 🤔")  # QTest cannot type characters beyond the BMP
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("reframing"))
    qtbot.keyClicks(dialog.tags_edit, "outsiders, systems")
    with qtbot.waitSignal(dock._ctx.bus.questions_changed):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    added = question_named("Who is <not> in the room & why? 🤔")
    assert added.category == "reframing"
    assert added.tags == ("outsiders", "systems")
    assert not added.builtin
    qtbot.keyClicks(dock.filter, "outsiders")
    assert visible_texts(dock) == ["Who is <not> in the room & why? 🤔"]


def test_edit_a_builtin_question(qtbot, dock):
    target = next(q for q in qs.list_questions() if q.builtin)
    qtbot.keyClicks(dock.filter, target.text)
    qtbot.keyClick(dock.filter, Qt.Key.Key_Down)
    qtbot.keyClick(dock.view, Qt.Key.Key_F2)
    dialog = dock.dialog
    assert dialog.text_edit.toPlainText() == target.text
    dialog.text_edit.selectAll()
    qtbot.keyClicks(dialog.text_edit, "My own wording?")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert qs.get_question(target.id).text == "My own wording?"
    assert not dialog.isVisible()


def test_archive_hides_and_show_archived_puts_back(qtbot, dock):
    target = qs.list_questions()[0]
    qtbot.keyClicks(dock.filter, target.text)
    qtbot.keyClick(dock.filter, Qt.Key.Key_Down)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    assert qs.get_question(target.id).archived
    assert target.text not in visible_texts(dock)
    dock.view.setFocus()
    qtbot.keyClick(
        dock.view,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert dock.show_archived_action.isChecked()
    assert target.text in visible_texts(dock)
    assert dock.select_question(target.id)
    qtbot.keyClick(dock.view, Qt.Key.Key_Delete)
    assert not qs.get_question(target.id).archived


def test_ctrl_k_focuses_the_filter(qtbot, dock):
    dock.view.setFocus()
    qtbot.keyClick(
        dock.view,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(dock.filter.hasFocus)


def test_without_a_meeting_nothing_is_logged(qtbot, dock, ctx, sample_set):
    dock.set_meeting(None)
    with qtbot.waitSignal(ctx.bus.status_message):
        qtbot.keyClick(dock.filter, Qt.Key.Key_Return)
    assert iv.list_interventions(sample_set["meeting"].id) == []


def test_filter_over_two_thousand_questions(qtbot, dock):
    with database_proxy.atomic():
        for n in range(2000):
            qs.add_question(f"Generated question number {n} about teamwork", "process")
    dock.reload()
    qtbot.keyClicks(dock.filter, "number 199")
    expected = [f"Generated question number {n} about teamwork" for n in range(2000)]
    assert visible_texts(dock) == sorted((t for t in expected if "199" in t), key=str.casefold)


def test_models_pass_modeltester(qtmodeltester, dock):
    qtmodeltester.check(dock.model)
    dock.proxy.set_text("what")
    qtmodeltester.check(dock.proxy)
    dock.proxy.set_category("reporting_back")
    qtmodeltester.check(dock.proxy)


def test_the_bank_is_not_read_before_the_dock_is_shown(qtbot, ctx, sample_set, monkeypatch):
    reads = []
    real = qs.list_questions
    monkeypatch.setattr(qs, "list_questions", lambda **kw: reads.append(kw) or real(**kw))
    widget = QuestionBankDock(ctx)
    qtbot.addWidget(widget)
    assert reads == [] and widget.model.rowCount() == 0 and not widget.loaded
    widget.show()
    assert reads == []  # not inside show(): after the first paint
    qtbot.waitUntil(lambda: widget.loaded)
    assert len(reads) == 1
    assert widget.proxy.rowCount() == len(real())


def test_typing_into_a_dock_not_yet_read_filters_the_whole_bank(qtbot, ctx, sample_set):
    widget = QuestionBankDock(ctx)
    qtbot.addWidget(widget)
    widget.set_meeting(sample_set["meeting"].id)
    qtbot.keyClicks(widget.filter, "how are we doing group")
    assert visible_texts(widget) == [RATING_QUESTION]
    qtbot.keyClick(widget.filter, Qt.Key.Key_Return)
    [logged] = iv.list_interventions(sample_set["meeting"].id)
    assert logged.text == RATING_QUESTION


def test_a_question_edited_out_of_the_filter_leaves_the_list(qtbot, dock):
    target = qs.list_questions()[0]
    qtbot.keyClicks(dock.filter, target.text)
    assert visible_texts(dock) == [target.text]
    dock.model.replace_record(qs.update_question(target.id, text="Something else entirely?"))
    assert visible_texts(dock) == []
    dock.filter.clear()
    assert "Something else entirely?" in visible_texts(dock)


def test_logging_keeps_the_filtered_row_in_place(qtbot, dock, sample_set):
    qtbot.keyClicks(dock.filter, "what")
    before = visible_texts(dock)
    qtbot.keyClick(dock.filter, Qt.Key.Key_Down)
    qtbot.keyClick(dock.view, Qt.Key.Key_Down)
    qtbot.keyClick(dock.view, Qt.Key.Key_Return)
    [logged] = iv.list_interventions(sample_set["meeting"].id)
    assert logged.text == before[1]
    assert dock.filter.text() == ""  # the filter is cleared and the logged question selected
    assert dock.current_question().text == before[1]
