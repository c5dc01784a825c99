"""File > Data in the window: back up, restore, export and import an archive, off the UI thread."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from data_window import (
    CTRL,
    SHIFT,
    WAIT_MS,
    log_intervention,
    logged,
    open_window,
    shown_in_log,
    status_text,
)
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from alcoach.data import sets
from alcoach.data.backup import backup_dir_for, describe_backups
from alcoach.ui.kit.tasks import wait_for_background
from alcoach.ui.shell import navigator_model as nm

SAMPLE_ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "sample-archive.json"


@pytest.fixture
def window(qtbot, ctx, sample_set):
    yield from open_window(qtbot, ctx)


def row_counts(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [  # a contentless FTS5 table cannot be counted, and its rows are the notes' own
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE '%fts5%'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def navigator_sets(win) -> list[str]:
    model = win.navigator.model
    found: list[str] = []

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(nm.KIND_ROLE) == nm.SET:
                found.append(index.data())
            elif index.data(nm.KIND_ROLE) in (nm.PROGRAMME, nm.ARCHIVE):
                walk(index)

    walk(QModelIndex())
    return found


def back_up(qtbot, win) -> Path:
    with qtbot.waitSignal(win.data_actions.backup_finished, timeout=WAIT_MS) as signal:
        qtbot.keyClick(win, Qt.Key.Key_S, CTRL | SHIFT)
    return Path(signal.args[0])


def test_back_up_now_writes_a_backup_and_says_where(qtbot, window, ctx, sample_set):
    made = back_up(qtbot, window)
    assert made.parent == backup_dir_for(ctx.db_path)
    assert made.is_file() and made.name.endswith("_manual.db")
    assert status_text(window) == f"Backed up to {made}"
    assert not window.data_actions.busy.bar.isVisible()
    assert row_counts(made)["learning_set"] == 1
    [info] = describe_backups(backup_dir_for(ctx.db_path))
    assert info.path == made and info.reason == "manual" and info.size > 0


def test_restore_dialog_lists_backups_newest_first(qtbot, qtmodeltester, window, ctx):
    first = back_up(qtbot, window)
    ctx.clock.advance(hours=2)
    second = back_up(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    dialog = window.data_actions.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    qtmodeltester.check(dialog.model)
    assert [dialog.model.backup_at(r).path for r in range(2)] == [second, first]
    assert dialog.model.index(0, 0).data().startswith("Today ")
    assert dialog.model.index(0, 2).data() == "Backed up by you"
    assert dialog.model.index(0, 1).data().endswith("KB")
    assert dialog.selected_backup().path == second
    dialog.close()


def test_restore_brings_back_the_earlier_notes_and_keeps_the_replaced_ones(
    qtbot, window, ctx, sample_set
):
    meeting_id = sample_set["meeting"].id
    log_intervention(qtbot, window, "Kept in the backup")
    qtbot.waitUntil(lambda: logged(meeting_id) == ["Kept in the backup"])
    made = back_up(qtbot, window)
    ctx.clock.advance(minutes=5)
    log_intervention(qtbot, window, "Written after the backup <b>&</b>")
    qtbot.waitUntil(lambda: len(logged(meeting_id)) == 2)

    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    dialog = window.data_actions.dialog
    assert dialog.selected_backup().path == made
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert "as they are now" in box.informativeText()
    with qtbot.waitSignal(window.data_actions.restore_finished, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(box.findChild(type(dialog.restore_button), "confirm_restore"),
                         Qt.MouseButton.LeftButton)  # fmt: skip
    assert not dialog.isVisible()

    assert logged(meeting_id) == ["Kept in the backup"]
    assert shown_in_log(window) == ["Kept in the backup"]
    assert window.current_meeting_id == meeting_id
    assert window.isEnabled()
    aside = Path(signal.args[0])
    assert aside.parent == backup_dir_for(ctx.db_path)
    assert aside.name.endswith("_before-restore.db")
    assert row_counts(aside)["intervention"] == 2
    assert "Restored" in status_text(window) and str(aside) in status_text(window)

    log_intervention(qtbot, window, "After the restore")  # the reopened database takes writes
    qtbot.waitUntil(lambda: logged(meeting_id) == ["Kept in the backup", "After the restore"])
    assert shown_in_log(window) == ["Kept in the backup", "After the restore"]


def test_a_corrupt_backup_is_refused_and_the_notes_stay_writable(
    qtbot, window, ctx, sample_set, tmp_path, monkeypatch
):
    meeting_id = sample_set["meeting"].id
    log_intervention(qtbot, window, "Still here")
    qtbot.waitUntil(lambda: logged(meeting_id) == ["Still here"])
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    before = row_counts(ctx.db_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))

    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    dialog = window.data_actions.dialog
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert "broken.db" in box.text()
    with qtbot.waitSignal(window.data_actions.restore_failed, timeout=WAIT_MS) as signal:
        box.findChild(type(dialog.restore_button), "confirm_restore").click()
    text = signal.args[0]
    assert "broken.db" in text and "damaged" in text and text.endswith("left as it is.")
    message = window.data_actions.message_box
    assert message.isVisible() and not message.isModal()
    assert message.informativeText() == text
    assert "Nothing was restored" in status_text(window)

    assert row_counts(ctx.db_path) == before
    assert not any(b.reason == "before-restore" for b in describe_backups(bad.parent))
    assert not list(backup_dir_for(ctx.db_path).glob("*before-restore*"))
    assert window.isEnabled()
    qtbot.keyClick(message, Qt.Key.Key_Return)  # the coach reads it and dismisses it
    assert not message.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    log_intervention(qtbot, window, "Written after the refusal")
    qtbot.waitUntil(lambda: logged(meeting_id) == ["Still here", "Written after the refusal"])
    assert window.save_label.text() == "All changes saved"


def test_export_archive_writes_a_file_another_store_imports(
    qtbot, window, ctx, sample_set, tmp_path, monkeypatch
):
    log_intervention(qtbot, window, "Ünïcode ✓ <kept> & exact")
    meeting_id = sample_set["meeting"].id
    qtbot.waitUntil(lambda: len(logged(meeting_id)) == 1)
    target = tmp_path / "out" / "everything"
    target.parent.mkdir()
    offered: list[str] = []

    def save_name(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(window.data_actions.export_finished, timeout=WAIT_MS) as signal:
        qtbot.keyClick(window, Qt.Key.Key_X, CTRL | SHIFT)
    assert Path(offered[0]).name == "alcoach-archive-2026-11-02.json"
    written = Path(signal.args[0])
    assert written == target.with_suffix(".json")
    assert "1 set" in status_text(window) and str(written) in status_text(window)
    doc = json.loads(written.read_text(encoding="utf-8"))
    texts = [i["text"] for m in doc["meetings"] for i in m.get("interventions", [])]
    assert texts == ["Ünïcode ✓ <kept> & exact"]

    fresh = tmp_path / "fresh"
    run = subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(fresh), "archive", "import",
         str(written)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "1 set" in run.stdout
    assert row_counts(fresh / "alcoach.db")["intervention"] == 1


def test_importing_an_archive_adds_its_set_to_the_navigator(qtbot, window, ctx, monkeypatch):
    assert navigator_sets(window) == ["Set Blue"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(SAMPLE_ARCHIVE), ""))
    with qtbot.waitSignal(window.data_actions.import_finished, timeout=WAIT_MS) as signal:
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    # the archive's "Set Blue" is this database's (a version-1 set is found by its name)
    assert signal.args[0] == "2 meetings added, 0 already here, 0 updated; 2 questions added"
    assert navigator_sets(window) == ["Set Blue"]
    assert len(sets.list_sets()) == 1
    assert status_text(window) == f"Imported sample-archive.json: {signal.args[0]}."
    assert window.isEnabled() and not window.data_actions.busy.bar.isVisible()
    with qtbot.waitSignal(window.data_actions.import_finished, timeout=WAIT_MS) as signal:
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    assert signal.args[0] == "0 meetings added, 2 already here, 0 updated"
    assert status_text(window) == f"Imported sample-archive.json: {signal.args[0]}."


def test_importing_the_windows_own_export_adds_nothing(qtbot, window, ctx, tmp_path, monkeypatch):
    own = tmp_path / "own.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(own), ""))
    with qtbot.waitSignal(window.data_actions.export_finished, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_X, CTRL | SHIFT)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(own), ""))
    with qtbot.waitSignal(window.data_actions.import_finished, timeout=WAIT_MS) as signal:
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    assert signal.args[0] == "0 meetings added, 1 already here, 0 updated"
    assert status_text(window) == f"Imported own.json: {signal.args[0]}."
    assert navigator_sets(window) == ["Set Blue"]


def test_a_broken_archive_names_the_place_and_changes_nothing(
    qtbot, window, ctx, tmp_path, monkeypatch
):
    doc = json.loads(SAMPLE_ARCHIVE.read_text(encoding="utf-8"))
    meeting_index, action_index = next(
        (i, j)
        for i, m in enumerate(doc["meetings"])
        for j, a in enumerate(m.get("actions", []))
        if a.get("owner")
    )
    doc["meetings"][meeting_index]["actions"][action_index]["owner"] = "nobody-here"
    broken = tmp_path / "broken-archive.json"
    broken.write_text(json.dumps(doc), encoding="utf-8")
    before = row_counts(ctx.db_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))

    with qtbot.waitSignal(window.data_actions.import_failed, timeout=WAIT_MS) as signal:
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    place = f"meetings[{meeting_index}].actions[{action_index}].owner"
    assert place in signal.args[0] and "nobody-here" in signal.args[0]
    message = window.data_actions.message_box
    assert message.isVisible() and not message.isModal()
    assert place in message.informativeText()
    assert place in status_text(window) and status_text(window).startswith("Nothing was imported")
    assert row_counts(ctx.db_path) == before
    assert navigator_sets(window) == ["Set Blue"]
    assert window.isEnabled() and window.data_actions.import_action.isEnabled()


def test_the_window_keeps_ticking_during_a_large_import(qtbot, window, ctx, tmp_path, monkeypatch):
    from benchmarks.generate import generate_archive

    big = tmp_path / "big.json"
    doc = generate_archive(sets=3, meetings_per_set=4, interventions_per_meeting=60, questions=200)
    big.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(big), ""))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    at_finish: list[int] = []
    window.data_actions.import_finished.connect(lambda _s: at_finish.append(len(ticks)))
    timer.start()
    with qtbot.waitSignal(window.data_actions.import_finished, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
        started = len(ticks)
    timer.stop()
    assert at_finish[0] - started >= 1
    assert len(sets.list_sets()) == 4
    assert window.isEnabled()


def test_menu_and_keys(qtbot, window):
    data = window.data_actions
    menu = window.menus["Data"]
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        *(a.text() for a in data.actions()),
        "&Conflicts…",  # (installed beside the data actions, Shift+F11)
        "&Encryption…",  # alcoach.ui.shell.security_actions, Shift+F9
    ]
    for action in data.actions():
        key = action.shortcut().toString()
        assert key and key in action.toolTip()


def test_data_actions_load_no_archive_code_at_start(tmp_path):
    code = (
        "import sys; import alcoach.ui.shell.main_window; "
        "print(any(m in sys.modules for m in ('jsonschema', 'alcoach.data.archive', "
        "'alcoach.ui.dialogs.restore_dialog', 'reportlab')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_backups_of_the_same_minute_are_told_apart_by_their_seconds(qtbot, window, ctx):
    back_up(qtbot, window)
    ctx.clock.advance(seconds=20)
    back_up(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    dialog = window.data_actions.dialog
    shown = [dialog.model.index(row, 0).data() for row in range(2)]
    assert shown[0] != shown[1] and all(text.count(":") == 2 for text in shown)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert shown[0].split(" ")[1] in dialog.confirm_box.text()
    dialog.confirm_box.reject()
    assert dialog.isVisible()  # cancelled: nothing restored, the list stays
    dialog.close()


def test_an_archive_that_deletes_a_set_asks_first(qtbot, window, ctx, tmp_path, monkeypatch):
    from alcoach.data import archive
    from alcoach.data import models as m
    from alcoach.ui.shell import mass_delete

    doc = archive.export_archive()
    set_uid = doc["sets"][0]["uid"]
    doc["tombstones"].append(
        {"uid": set_uid, "kind": "set", "deleted_at": "2026-11-02T10:00:00Z",
         "hlc": doc["sets"][0]["hlc"][:27] + "-0001-" + "cd" * 8, "lifted": False}
    )  # fmt: skip
    doc["sets"], doc["meetings"] = [], []
    path = tmp_path / "deletes-a-set.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    asked: list[str] = []
    answers = iter([False, True])

    def answer(parent, name, refusal):
        asked.append(refusal)
        return next(answers)

    monkeypatch.setattr(mass_delete, "ask_mass_delete", answer)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    wait_for_background()
    assert asked and "1 set with 1 meeting" in asked[0], asked
    assert m.LearningSet.select().count() == 1  # no: nothing was written
    window.data_actions.message_box.close()
    with qtbot.waitSignal(window.data_actions.import_finished, timeout=WAIT_MS) as signal:
        window.data_actions.import_file(path)  # again; this time the coach says yes
    assert len(asked) == 2
    assert "1 set with 1 meeting deleted as in the archive" in signal.args[0]
    assert m.LearningSet.select().count() == 0
