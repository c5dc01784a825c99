"""The first-run sheet: the coach's name, asked once after the first paint, never blocking."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from windows import build_window

from alcoach.data import settings as stored
from alcoach.ui.shell.first_run import ASKED_KEY, FirstRunSheet, offer_first_run, should_ask

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sheet(qtbot, ctx) -> tuple[object, FirstRunSheet]:
    window = build_window(qtbot, ctx)
    offered = offer_first_run(window, ctx)
    assert offered is not None
    qtbot.waitUntil(offered.name.hasFocus)
    return window, offered


def test_typing_a_name_and_return_saves_it_and_the_sheet_goes(qtbot, ctx, sheet):
    window, offered = sheet
    assert QApplication.activeModalWidget() is None  # the window behind is not blocked
    assert offered.geometry().right() <= window.width()
    qtbot.keyClicks(offered.name, "Morgan Ellis")
    qtbot.keyClick(offered.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Action Learning coach")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not offered.isVisible())
    assert stored.coach_profile() == {
        "name": "Morgan Ellis",
        "credentials": "Action Learning coach",
    }
    assert not should_ask()
    assert offer_first_run(window, ctx) is None


def test_esc_says_not_now_and_it_is_not_asked_again(qtbot, ctx, sheet):
    window, offered = sheet
    qtbot.keyClick(offered.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not offered.isVisible())
    assert stored.coach_profile()["name"] == ""
    assert stored.get_setting(ASKED_KEY) is True
    assert offer_first_run(window, ctx) is None


def test_an_empty_name_is_said_in_one_sentence_and_nothing_is_saved(qtbot, ctx, sheet):
    _window, offered = sheet
    qtbot.keyClicks(offered.name, "   ")
    qtbot.keyClick(offered.name, Qt.Key.Key_Return)
    assert offered.isVisible() and offered.error.isVisible()
    assert offered.error.text() == "Type your name, or choose Not now (Esc)."
    assert should_ask()


def test_the_window_keeps_its_keys_while_the_sheet_is_open(qtbot, ctx, sheet):
    window, offered = sheet
    qtbot.keyClick(offered.name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Search
    qtbot.waitUntil(lambda: window.navigator.search.line.hasFocus())
    assert offered.isVisible()  # still there to come back to


def test_the_sheet_stays_inside_a_small_window(qtbot, ctx, sheet):
    window, offered = sheet
    before = offered.x()
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: offered.x() != before)  # it follows the window
    assert offered.x() >= 0 and offered.geometry().right() <= window.width()
    assert offered.y() >= window.centralWidget().y()  # below the menu and tool bars


def test_a_name_already_given_is_not_asked(qtbot, ctx):
    stored.set_coach_profile("Aiko Tanaka")
    window = build_window(qtbot, ctx)
    assert offer_first_run(window, ctx) is None


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
        min_size=1,
        max_size=300,
    ).filter(lambda text: text.strip())
)
def test_any_name_in_any_script_is_kept_as_typed(qtbot, ctx, name):
    stored.delete_setting(ASKED_KEY)
    stored.set_coach_profile("")
    window = build_window(qtbot, ctx)
    offered = offer_first_run(window, ctx)
    offered.name.setText(name)  # typed text: keyClicks cannot send every script
    qtbot.keyClick(offered.name, Qt.Key.Key_Return)
    assert stored.coach_profile()["name"] == name.strip()
    window.close()


def _run(script: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", script.replace("DATA", repr(str(data)))],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_first_start_offers_the_sheet_after_the_first_paint(tmp_path):
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "qt = QApplication(sys.argv[:1])\n"
        "from alcoach import app\n"
        "def look():\n"
        "    window = next(w for w in qt.topLevelWidgets() if w.objectName() == 'main_window')\n"
        "    sheet = window.findChild(QWidget, 'first_run_sheet')\n"
        "    print('sheet', sheet is not None and sheet.isVisible(),\n"
        "          'modal', qt.activeModalWidget() is not None)\n"
        "    window.close()\n"
        "QTimer.singleShot(2000, look)\n"
        "sys.exit(app.run_app(DATA))\n"
    )
    done = _run(script, tmp_path / "d")
    assert done.returncode == 0, done.stderr
    assert "sheet True modal False" in done.stdout


def test_the_startup_check_never_offers_the_sheet(tmp_path):
    script = (
        "import sys\n"
        "from alcoach.app import run_app\n"
        "code = run_app(DATA, startup_check=True)\n"
        "print('sheet module', 'alcoach.ui.shell.first_run' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    done = _run(script, tmp_path / "d")
    assert done.returncode == 0, done.stderr
    assert "sheet module False" in done.stdout
