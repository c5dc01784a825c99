"""Background work (alcoach.ui.kit.tasks): off the UI thread, answered on it, the window quick."""

from __future__ import annotations

import sys
import threading

from alcoach.ui.kit.tasks import UI_SWITCH_INTERVAL_S, run_in_background, wait_for_background


def test_work_runs_off_the_ui_thread_and_answers_on_it(qtbot):
    ui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["answered_on"] = threading.get_ident()

    run_in_background(work, on_success=done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["worker"] != ui_thread and seen["answered_on"] == ui_thread


def test_a_failure_reaches_the_ui_thread(qtbot):
    failures: list[BaseException] = []

    def work() -> None:
        raise OSError("No space left on device")

    run_in_background(work, on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], OSError) and "No space" in str(failures[0])
    assert wait_for_background()


def test_the_ui_thread_waits_at_most_a_millisecond_for_the_interpreter(qtbot):
    run_in_background(lambda: None)
    assert wait_for_background()
    assert sys.getswitchinterval() <= UI_SWITCH_INTERVAL_S
