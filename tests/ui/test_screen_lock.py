"""Lock now (Shift+F8) and lock on waking (issue 18): the cover hides every note and name, only
its passphrase field takes keys, a wrong passphrase is refused on it, the right one gives the
window back as it was; a sleep is noticed by two clocks drifting apart."""

from __future__ import annotations

import pytest
from fake_clock import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from support.encrypted import PASSPHRASE, fill_folder
from windows import build_window

from alcoach.data import encryption, interventions, search, settings
from alcoach.data.settings import LOCK_ON_WAKE_KEY
from alcoach.data.store import open_store
from alcoach.data.unlock import from_secret
from alcoach.ui.kit.context import AppContext
from alcoach.ui.kit.tasks import wait_for_background
from alcoach.wake import SleepWatch

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def encrypted_window(qtbot, tmp_path):
    data_dir = tmp_path / "data"
    fill_folder(data_dir, backups=0)
    encryption.encrypt_folder(data_dir, PASSPHRASE)
    store = open_store(data_dir, ask=from_secret(PASSPHRASE))
    ctx = AppContext(data_dir=store.data_dir, db_path=store.db_path, clock=FakeClock())
    window = build_window(qtbot, ctx)
    yield window
    wait_for_background()
    window.close()
    store.close()


def test_on_a_plain_folder_lock_now_says_what_it_needs(qtbot, ctx, sample_set):
    window = build_window(qtbot, ctx)
    qtbot.keyClick(window, Qt.Key.Key_F8, SHIFT)
    assert not window.screen_lock.locked
    assert "needs an encrypted folder" in window.statusBar().currentMessage()
    window.close()


def test_the_cover_hides_everything_until_the_passphrase(qtbot, encrypted_window):
    window = encrypted_window
    meeting_id = search.search_notes("Qzxv-note-marker")[0].meeting_id
    window.open_meeting(meeting_id, focus_entry=False)
    title = window.windowTitle()
    assert "Backlog" in title
    qtbot.keyClick(window, Qt.Key.Key_F8, SHIFT)
    lock = window.screen_lock
    assert lock.locked
    cover = lock.cover
    qtbot.waitUntil(cover.field.hasFocus)
    assert cover.geometry() == window.rect()
    assert "Backlog" not in window.windowTitle()
    # no other action or widget takes a key: the log's entry cannot be reached or typed into
    assert not window.preferences_action.isEnabled()
    assert not window.workspace.isEnabled() and not window.menuBar().isEnabled()
    # the meeting clock goes on under the cover
    ticks: list[int] = []
    window.workspace.built["timer"]._tick.timeout.connect(lambda: ticks.append(1))
    qtbot.waitUntil(lambda: len(ticks) >= 2, timeout=5000)
    # back at the window (the offscreen platform lets a panel's pop-up take it meanwhile): the
    # focus is the passphrase field's, not the log entry's it had before the lock
    window.windowHandle().requestActivate()
    qtbot.waitUntil(cover.field.hasFocus)
    entry = window.workspace.panels["interventions"].findChild(QLineEdit)
    before = len(interventions.list_interventions(meeting_id))
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert not entry.hasFocus() and cover.field.hasFocus()
    qtbot.keyClicks(cover.field, "not the passphrase")
    qtbot.keyClick(cover.field, Qt.Key.Key_Return)
    assert lock.locked and "does not open" in cover.error.text()
    assert cover.field.text() == ""  # nothing typed stays in the field
    qtbot.keyClicks(cover.field, PASSPHRASE)
    qtbot.keyClick(cover.field, Qt.Key.Key_Return)
    assert not lock.locked
    assert window.windowTitle() == title
    assert window.preferences_action.isEnabled() and window.workspace.isEnabled()
    assert len(interventions.list_interventions(meeting_id)) == before
    assert QApplication.activeWindow() is window


def test_a_sleep_is_noticed_once_by_two_clocks_drifting_apart():
    clocks = {"with_sleep": 0, "without": 0}
    watch = SleepWatch((lambda: clocks["with_sleep"], lambda: clocks["without"]), threshold_s=20)
    clocks["with_sleep"] += 5_000_000_000
    clocks["without"] += 5_000_000_000
    assert not watch.slept()  # awake: both ran on together
    clocks["with_sleep"] += 3600 * 10**9  # an hour asleep: only one clock counted it
    clocks["without"] += 1_000_000_000
    assert watch.slept()
    assert not watch.slept()
    assert not SleepWatch(None).slept()  # a platform that cannot tell


def test_waking_locks_only_when_the_coach_chose_it(qtbot, encrypted_window):
    lock = encrypted_window.screen_lock
    lock.watch.slept = lambda: True  # type: ignore[method-assign] - the clocks say: it slept
    lock.check_wake()
    assert not lock.locked
    settings.set_setting(LOCK_ON_WAKE_KEY, True)
    lock.check_wake()
    assert lock.locked
    assert lock.try_unlock(PASSPHRASE)
