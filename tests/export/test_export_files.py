"""Files and failures of an export from the window: proposed names, never replacing a file without
asking, a missing PDF viewer, and an export that fails in a way nobody foresaw."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_export_ui import CTRL, SHIFT, build_window, held_meeting, open_dialog, set_path

from alcoach import logfile
from alcoach.export import meeting_summary

__all__ = ["build_window", "held_meeting"]  # fixtures used here


@pytest.fixture(autouse=True)
def _no_log_file_left():
    yield
    logfile.stop_log_file()


def _one_sentence(text: str) -> None:
    assert text.endswith(".") and "\n" not in text
    assert "0x" not in text and "Traceback" not in text and "<" not in text
    assert text.count(". ") == 0  # one sentence (paths here have no ". ")


def test_an_unforeseen_failure_is_one_sentence_and_the_log_has_the_traceback(
    qtbot, build_window, held_meeting, tmp_path, monkeypatch, ctx
):
    def broken(*_args, **_kwargs):
        raise ValueError("Splitting error(n==2) on page 3 in <KeepTogether at 0x7f1d2b331810>")

    monkeypatch.setattr(meeting_summary, "render", broken)
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    target = tmp_path / "summary.pdf"
    set_path(qtbot, dialog, target)
    worker = window.export_actions.worker
    with qtbot.waitSignal(worker.export_failed, timeout=20000) as failed:
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    sentence = failed.args[0]
    log_path = ctx.data_dir / "alcoach.log"
    assert sentence.startswith("The meeting summary could not be made")
    assert str(log_path) in sentence and "paper size" in sentence
    _one_sentence(sentence.replace(str(log_path), "LOG"))
    assert worker.message_box is not None and sentence in worker.message_box.informativeText()
    assert sentence in window.statusBar().currentMessage()
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "Splitting error(n==2)" in logged and "broken" in logged
    assert not target.exists()
    worker.message_box.close()


def test_an_existing_file_is_replaced_only_when_the_coach_says_so(
    qtbot, build_window, held_meeting, tmp_path
):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"last week's summary")
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    set_path(qtbot, dialog, target)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    question = dialog.replace_question
    assert question is not None and question.isVisible()
    assert question.windowModality() != Qt.WindowModality.ApplicationModal
    assert "summary.pdf already exists" in question.text()
    assert dialog.isVisible()  # nothing exported yet, the choices are still there
    keep = next(b for b in question.buttons() if "Keep" in b.text())
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and target.read_bytes() == b"last week's summary"

    worker = window.export_actions.worker
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    question = dialog.replace_question
    replace = next(b for b in question.buttons() if "Replace" in b.text())
    with qtbot.waitSignal(worker.export_finished, timeout=20000):
        qtbot.mouseClick(replace, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")


def test_per_member_files_are_checked_before_anything_is_written(
    qtbot, build_window, held_meeting, tmp_path
):
    there = tmp_path / "fb - Kofi Mensah.pdf"
    there.write_bytes(b"kept")
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_Y, CTRL | SHIFT)
    qtbot.mouseClick(dialog.per_member_radio, Qt.MouseButton.LeftButton)
    set_path(qtbot, dialog, tmp_path / "fb.pdf")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    question = dialog.replace_question
    assert question is not None and "fb - Kofi Mensah.pdf already exists" in question.text()
    question.reject()
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["fb - Kofi Mensah.pdf"]
    assert there.read_bytes() == b"kept"


def test_the_worker_refuses_a_file_that_appeared_meanwhile(tmp_path, held_meeting):
    from alcoach.errors import ExportError
    from alcoach.ui.printing.documents import MEETING
    from alcoach.ui.printing.export_worker import ExportRequest, run_export

    target = tmp_path / "summary.pdf"
    target.write_bytes(b"there")
    request = ExportRequest(MEETING, held_meeting["meeting"].id, target)
    with pytest.raises(ExportError, match=r"summary\.pdf already exists; export again"):
        run_export(request)
    assert target.read_bytes() == b"there"
    assert run_export(request._replace(replace_existing=True)) == [target]


def test_no_pdf_viewer_says_so_and_where_the_file_is(qtbot, build_window, held_meeting, tmp_path):
    window = build_window()
    worker = window.export_actions.worker
    worker.opener = lambda _path: False  # what QDesktopServices.openUrl says without a launcher
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    dialog.open_box.setChecked(True)
    target = tmp_path / "summary.pdf"
    set_path(qtbot, dialog, target)
    with qtbot.waitSignal(worker.export_finished, timeout=20000):
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    box = worker.message_box
    expected = f"No program to open PDFs was found on this computer; the PDF is saved as {target}."
    assert box is not None and box.isVisible() and box.informativeText() == expected
    assert window.statusBar().currentMessage() == expected
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


def test_the_log_file_rotates_and_is_opened_only_when_written(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = logfile.use_log_file(folder)
    assert path == folder / "alcoach.log" and not path.exists()
    assert logfile.log_file() == path
    for _ in range(30):
        logging.getLogger("alcoach.test").error("x" * 200_000)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["alcoach.log", "alcoach.log.1", "alcoach.log.2", "alcoach.log.3"]
    assert all(p.stat().st_size <= logfile.MAX_BYTES + 300_000 for p in folder.iterdir())
    logging.getLogger("elsewhere").error("not alcoach's")
    assert "not alcoach's" not in path.read_text(encoding="utf-8")
