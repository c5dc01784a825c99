"""Note search by keyboard: Ctrl+F, type, Down into the hits, Return opens one, Esc goes back;
each hit readable (date, set, kind, the context with the match) and named for screen readers."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_typing import type_text
from windows import build_window

from alcoach.data import interventions, meetings, problems
from alcoach.ui.shell.search_results import HIT_ROLE


def test_keyboard_from_the_line_into_the_hits_and_back(qtbot, ctx, sample_set, qtmodeltester):
    older = meetings.create_meeting(sample_set["set"].id, dt.date(2026, 9, 1), title="Rotas")
    long_text = (
        "Context " * 12 + "我们公司的承运商经常延误交货时间 and the carrier was late again " * 2
    )
    problem = problems.add_problem_statement(older.id, "presenter", long_text)
    newer = interventions.log_intervention(sample_set["meeting"].id, "Is the 承运商 the issue?")
    window = build_window(qtbot, ctx)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.navigator.search
    assert search.line.hasFocus()
    type_text(search.line, "承运商")
    qtbot.waitUntil(lambda: search.model.rowCount() == 2)
    qtmodeltester.check(search.model)
    first, second = (search.model.index(r).data(HIT_ROLE) for r in range(2))
    assert (first.source_id, second.source_id) == (newer.id, problem.id)  # newest meeting first
    shown = search.model.index(1).data()
    assert "2026-09-01 — Rotas · Set Blue · Problem" in shown and "[承运商]" in shown
    assert len(second.snippet) > 35  # the context, not a cut-off line
    spoken = search.model.index(1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Problem in Set Blue, 2026-09-01 — Rotas: ")
    assert search.results.accessibleName() == "Search results"
    assert search.count_label.text() == "2 notes"

    qtbot.keyClick(search.line, Qt.Key.Key_Down)  # into the list, on the first hit
    assert search.results.hasFocus() and search.results.currentIndex().row() == 0
    qtbot.keyClick(search.results, Qt.Key.Key_Down)
    assert search.results.currentIndex().row() == 1
    qtbot.keyClick(search.results, Qt.Key.Key_Escape)  # back to the line, the search kept
    assert search.line.hasFocus() and search.line.text() == "承运商"
    qtbot.keyClick(search.line, Qt.Key.Key_Down)
    assert search.results.currentIndex().row() == 1
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    question = window.running.question  # logging started this meeting's clock: asked once
    assert question is not None and question.isVisible()
    qtbot.keyClick(question, Qt.Key.Key_Return)  # leave it running
    assert window.current_meeting_id == older.id


def test_up_from_the_first_hit_returns_to_the_line_and_each_hit_gets_room(qtbot, ctx, sample_set):
    for i in range(6):
        interventions.log_intervention(
            sample_set["meeting"].id, f"Naïve question {i} about the budget and its many lines"
        )
    window = build_window(qtbot, ctx)
    window.resize(1280, 720)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.navigator.search
    qtbot.keyClicks(search.line, "naive")
    qtbot.waitUntil(lambda: search.model.rowCount() == 6)
    QApplication.processEvents()
    assert "[Naïve]" in search.model.index(0).data()
    row_height = search.results.visualRect(search.model.index(0)).height()
    assert row_height >= 2 * search.results.fontMetrics().height()  # heading and context
    assert search.results.viewport().height() >= 3 * row_height  # more than 2.5 hits in view
    qtbot.keyClick(search.line, Qt.Key.Key_Down)
    assert search.results.hasFocus()
    qtbot.keyClick(search.results, Qt.Key.Key_Up)
    assert search.line.hasFocus()
    qtbot.keyClick(search.line, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not search.results.isVisible())
    assert search.line.text() == ""
