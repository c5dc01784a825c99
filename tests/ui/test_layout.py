"""The window at laptop sizes, and reading long texts: driven by keyboard on the real window.

tests/support/screens.json gives the offscreen platform four screens: a 1920x1080 desk screen
(the primary), a 1280x720 laptop, a 1366x768 one, and 1024x576 (what a 1280x720 screen at 125%
scaling leaves in logical pixels).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from support.windows import build_window

from alcoach.data import questions as qs
from alcoach.data.settings import get_setting
from alcoach.ui.bank.match_delegate import ELLIPSIS, excerpt, marked_html, match_spans
from alcoach.ui.meeting.intervention_model import COL_MEMBERS
from alcoach.ui.shell import navigator_model as nm
from alcoach.ui.shell.screen_fit import clamp_to, fold_until_fits

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
RATING_QUESTION = "How are we doing as a group, 1 to 10?"


def screen_named(name: str):
    return next(s for s in QGuiApplication.screens() if s.name() == name)


def move_to(qtbot, window, name: str) -> None:
    screen = screen_named(name)
    window.windowHandle().setScreen(screen)
    window.move(screen.availableGeometry().topLeft())
    qtbot.waitUntil(lambda: window.screen() is screen)
    window.screen_fit.check()


def inside(window, area: QRect) -> bool:
    frame = window.frameGeometry()
    return area.contains(frame.topLeft()) and area.contains(frame.bottomRight())


def log_by_keyboard(qtbot, window, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    line = QApplication.focusWidget()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def open_ratings(qtbot, window) -> None:
    log_by_keyboard(qtbot, window, RATING_QUESTION)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)
    strip = window.workspace.built["interventions"].strip
    qtbot.waitUntil(strip.isVisible)


@pytest.fixture
def laptop_window(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    window.showNormal()
    window.resize(1600, 900)
    move_to(qtbot, window, "laptop")
    return window


@pytest.mark.parametrize("text_step", [0, 3], ids=["100%", "about 125%"])
def test_ratings_strip_never_widens_the_window_past_a_laptop_screen(
    qtbot, laptop_window, text_step
):
    window = laptop_window
    for _ in range(text_step):  # Ctrl+= makes all text a point larger: 10 -> 13 pt at 3
        qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)
    window.screen_fit.check()
    area = screen_named("laptop").availableGeometry()
    qtbot.waitUntil(lambda: inside(window, area))
    width = window.width()
    open_ratings(qtbot, window)
    # the strip's layout request is answered on a later turn of the event loop
    qtbot.waitUntil(lambda: window.minimumSizeHint().width() <= area.width())
    assert window.width() == width
    assert inside(window, area)
    qtbot.keyClick(window.workspace.built["interventions"].strip, Qt.Key.Key_Escape)
    for _ in range(text_step):
        qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)


def test_at_a_laptop_size_tabs_show_whole_labels_and_the_log_keeps_members(qtbot, laptop_window):
    window = laptop_window
    tabs = window.workspace.tabs
    bar = tabs.tabBar()
    assert not tabs.usesScrollButtons()
    for i in range(tabs.count()):
        needed = bar.fontMetrics().horizontalAdvance(tabs.tabText(i))
        assert bar.tabRect(i).width() >= needed
        assert bar.tabRect(i).right() <= bar.width()
    view = window.workspace.built["interventions"].view
    assert not view.horizontalHeader().isSectionHidden(COL_MEMBERS)
    assert view.horizontalScrollBar().maximum() == 0  # no sideways scrolling in the log


def test_a_too_wide_minimum_folds_the_navigator_first_then_the_bank(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    bank = window.workspace.dock
    assert window.navigator.isVisible() and bank.isVisible()
    needed = window.minimumSizeHint().width()
    folded = fold_until_fits(window, [window.navigator, bank], QRect(0, 0, needed - 1, 700))
    assert folded[0] is window.navigator
    assert not window.navigator.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)  # its key brings it back
    assert window.navigator.isVisible()


def test_the_window_is_clamped_into_the_screen(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    window.showNormal()
    window.resize(1500, 1000)
    area = QRect(100, 50, 1280, 720)
    clamp_to(window, area)
    assert inside(window, area)


def test_the_layout_is_remembered_per_screen_size(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    assert window.navigator.isVisible()  # the desk screen leaves room for it
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL | SHIFT)  # fold the bank away on the desk
    assert not window.workspace.dock.isVisible()
    window.close()
    assert get_setting("window.state@1920x1080")
    again = build_window(qtbot, ctx)
    assert not again.workspace.dock.isVisible()
    assert again.navigator.isVisible()
    move_to(qtbot, again, "small")
    again.close()
    assert get_setting("window.state@1366x768")  # the other size keeps its own layout
    assert get_setting("window.state@1920x1080") != get_setting("window.state@1366x768")


def test_maximised_on_the_desk_screen_the_notes_take_the_room(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    window.showMaximized()
    qtbot.waitUntil(lambda: window.width() >= 1800)
    tabs, roster = window.workspace.splitter.sizes()
    assert tabs > roster
    assert roster >= window.workspace.built["members"].minimumSizeHint().width()


# --- reading ----------------------------------------------------------------------------------


def test_the_current_log_row_shows_its_whole_text(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    long_text = "What would change for the families " * 8 + "if the letter came a day sooner?"
    log_by_keyboard(qtbot, window, "A short one?")
    log_by_keyboard(qtbot, window, long_text)
    view = window.workspace.built["interventions"].view
    one_line = view.verticalHeader().defaultSectionSize()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)  # to the newest row: the long one
    qtbot.waitUntil(lambda: view.rowHeight(1) > 2 * one_line)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: view.rowHeight(1) == one_line)
    assert view.rowHeight(0) == one_line  # short texts stay one line high


def test_the_bank_shows_the_words_typed_to_filter(qtbot, ctx, sample_set):
    marker = "quorumship"
    text = "When you think about the people around this problem, who holds the " + marker + "?"
    qs.add_question(text, "clarifying")
    window = build_window(qtbot, ctx)
    bank = window.workspace.dock
    qtbot.waitUntil(lambda: bank.loaded)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL | SHIFT)
    qtbot.keyClicks(QApplication.focusWidget(), "QUORUM")
    qtbot.waitUntil(lambda: bank.proxy.rowCount() == 1)
    index = bank.proxy.index(0, 0)
    shown, spans = excerpt(index.data(), bank.proxy.words)
    assert shown.startswith(ELLIPSIS) and marker in shown
    assert [shown[s:e].casefold() for s, e in spans] == ["quorum"]
    assert not bank.view.grab().isNull()  # the row paints through the delegate


def test_navigator_titles_elide_in_the_middle_with_the_whole_title_in_the_tooltip(
    qtbot, ctx, sample_set
):
    window = build_window(qtbot, ctx)
    tree = window.navigator.tree
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    tree.setFocus()
    index = window.navigator.model.index_for(nm.MEETING, sample_set["meeting"].id)
    tree.setCurrentIndex(index.parent())
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    current = tree.currentIndex()
    assert current.data(nm.KIND_ROLE) in (nm.MEMBERS, nm.MEETING)
    meeting_tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert sample_set["meeting"].title in meeting_tip


@given(
    st.text(min_size=0, max_size=400),
    st.lists(st.text(min_size=1, max_size=12).filter(str.strip), max_size=3),
)
def test_excerpts_keep_every_shown_match_and_mark_only_matches(text, words):
    shown, spans = excerpt(text, words)
    folded = [w.casefold() for w in words]
    for start, end in spans:
        assert 0 <= start < end <= len(shown)
        piece = shown[start:end].casefold()
        assert any(w in piece for w in folded) or any(piece in w for w in folded)
    if match_spans(text, words):
        assert spans  # the first match is always in what is shown
    assert "<script" not in marked_html(shown, spans).casefold()


def test_find_a_question_brings_a_folded_bank_back(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    bank = window.workspace.dock
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL | SHIFT)
    assert not bank.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL | SHIFT)
    qtbot.waitUntil(bank.isVisible)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bank.filter)


def test_at_125_percent_everything_fits_and_the_bank_floats_when_asked_for(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    window.showNormal()
    move_to(qtbot, window, "laptop at 125%")
    area = screen_named("laptop at 125%").availableGeometry()
    bank = window.workspace.dock
    qtbot.waitUntil(lambda: inside(window, area) and not bank.isVisible())
    open_ratings(qtbot, window)
    qtbot.waitUntil(lambda: window.minimumSizeHint().width() <= area.width())
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL | SHIFT)  # find a question: the bank comes back
    qtbot.waitUntil(lambda: bank.isVisible() and bank.isFloating())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bank.filter)
    assert area.contains(bank.frameGeometry().topLeft())
    qtbot.waitUntil(lambda: inside(window, area))
    assert window.minimumSizeHint().width() <= area.width()
