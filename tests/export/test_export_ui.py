"""Export, preview and print from the window: the dialog, the background export, the preview."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from windows import build_window as open_main_window

from alcoach.data import consent, feedback, interventions, meetings, tallies
from alcoach.data.settings import get_setting
from alcoach.ui.kit.tasks import wait_for_background

NAMES = ("Dana Whitfield", "Kofi Mensah", "Ines Duarte", "Ravi Patel")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def held_meeting(sample_set):
    """The sample meeting with everyone present, interventions, tallies and private feedback."""
    meeting_id = sample_set["meeting"].id
    members = sample_set["members"]
    for member in members:
        meetings.set_attendance(meeting_id, member.id, attended=True)
        consent.record_consent(member.id, "feedback_sheet", True)
    interventions.log_intervention(
        meeting_id, "What is the real question here, Dana?", member_ids=[members[0].id]
    )
    interventions.log_intervention(meeting_id, "How are we doing as a group, 1 to 10?")
    for member, kind in zip(
        members, ("question", "statement", "insightful", "question"), strict=True
    ):
        tallies.record_tally(meeting_id, member.id, kind)
    feedback.save_feedback(
        meeting_id, members[0].id, strengths="Calm listening", coach_notes="SECRET coach remark"
    )
    return sample_set


@pytest.fixture
def build_window(qtbot, ctx):
    """Build the main window on demand; afterwards close the preview too (it has no parent)."""
    built = []

    def build():
        window = open_main_window(qtbot, ctx)
        opened: list[Path] = []

        def opener(path: Path) -> bool:  # never start a real PDF viewer
            opened.append(path)
            return True

        window.export_actions.worker.opener = opener
        window.opened_files = opened
        built.append(window)
        return window

    yield build
    wait_for_background()
    for window in built:
        preview = window.export_actions.preview
        if preview is not None:
            preview.close()
            preview.deleteLater()


def pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(str(path))
    if password is not None:
        reader.decrypt(password)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return "\n".join(page.extract_text() for page in reader.pages) + "\n" + meta


def open_dialog(qtbot, window, key, modifiers):
    qtbot.keyClick(window, key, modifiers)
    dialog = window.export_actions.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()
    return dialog


def set_path(qtbot, dialog, path: Path) -> None:
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(path))


def test_ctrl_shift_e_exports_an_anonymised_summary_off_the_ui_thread(
    qtbot, build_window, held_meeting, tmp_path, monkeypatch
):
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    assert dialog.path_edit.text().endswith(
        "2026-11-02 Set Blue - Empty homes backlog - meeting summary.pdf"
    )
    assert not dialog.private_box.isChecked() and not dialog.feedback_box.isChecked()
    assert "stay with you" in dialog.findChild(type(dialog.problem_label), "privacy_note").text()

    target = tmp_path / "out" / "summary.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target.with_suffix("")), "")
    )
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.path() == target  # ".pdf" is added to a name without it
    qtbot.mouseClick(dialog.anonymise_box, Qt.MouseButton.LeftButton)
    assert dialog.open_box.isChecked()

    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    worker = window.export_actions.worker
    with qtbot.waitSignal(worker.export_finished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert worker.busy and worker.indicator.bar.isVisible()
        assert "Exporting meeting summary" in worker.indicator.label.text()
    timer.stop()
    assert ticks, "the window's event loop did not run during the export"
    assert finished.args == [str(target)]
    assert not worker.busy and not worker.indicator.bar.isVisible()
    assert not dialog.isVisible()

    text = pdf_text(target)
    assert "Empty homes backlog" in text
    assert "Member A" in text
    for name in NAMES:
        assert name not in text
        assert name.split()[0] not in text
    assert "SECRET coach remark" not in text
    assert window.opened_files == [target]
    assert str(target) in window.statusBar().currentMessage()
    assert get_setting("export.page_size") == "A4"
    assert get_setting("export.folder") == str(target.parent)
    assert get_setting("export.open_when_done") is True
    assert not list(target.parent.glob("*.part"))


def test_a_failed_export_says_why_and_leaves_no_file(qtbot, build_window, held_meeting, tmp_path):
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    target = tmp_path / "no such folder" / "summary.pdf"
    set_path(qtbot, dialog, target)
    worker = window.export_actions.worker
    with qtbot.waitSignal(worker.export_failed, timeout=20000) as failed:
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    sentence = failed.args[0]
    assert "does not exist" in sentence and sentence.endswith(".")
    assert not target.exists() and not target.parent.exists()
    assert sentence in window.statusBar().currentMessage()
    box = worker.message_box
    assert box is not None and box.isVisible() and not box.isModal()
    assert sentence in box.informativeText()
    assert window.opened_files == []
    box.close()


def test_the_window_keeps_writing_while_the_export_reads(
    qtbot, build_window, held_meeting, tmp_path, monkeypatch
):
    """The export reads on its own thread and connection; under WAL the window's write goes on."""
    from alcoach.data import report_builder

    real = report_builder.build_meeting_report
    reading, release = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def slow_build(meeting_id: int):
        report = real(meeting_id)  # inside the export's read snapshot
        seen["thread"] = threading.get_ident()
        reading.set()
        release.wait(15)
        return report

    monkeypatch.setattr(report_builder, "build_meeting_report", slow_build)
    window = build_window()
    meeting_id = held_meeting["meeting"].id
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    target = tmp_path / "snapshot.pdf"
    set_path(qtbot, dialog, target)
    worker = window.export_actions.worker
    with qtbot.waitSignal(worker.export_finished, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(reading.is_set, timeout=15000)
        logged = interventions.log_intervention(meeting_id, "Written while the export read")
        release.set()
    assert seen["thread"] != threading.get_ident()
    assert logged.id in [i.id for i in interventions.list_interventions(meeting_id)]
    text = pdf_text(target)
    assert "What is the real question here" in text
    assert "Written while the export read" not in text  # the export saw one consistent snapshot


def test_preview_shows_the_summary_and_prints_the_same_pages(
    qtbot, build_window, held_meeting, tmp_path
):
    window = build_window()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)
    actions = window.export_actions
    qtbot.waitUntil(
        lambda: actions.preview is not None and actions.preview.is_ready(), timeout=20000
    )
    preview = actions.preview
    count = preview.document.pageCount()
    assert count > 0
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.isVisible()
    assert preview.page_label.text() == f"Page 1 of {count}"
    assert "Meeting summary" in preview.windowTitle()
    assert len(PdfReader(io.BytesIO(preview.data)).pages) == count

    exported = tmp_path / "exported.pdf"
    window.activateWindow()  # the coach goes back to the main window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    set_path(qtbot, dialog, exported)
    dialog.open_box.setChecked(False)
    with qtbot.waitSignal(actions.worker.export_finished, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    printed = tmp_path / "printed.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert preview.print_document(printer) == count
    assert len(PdfReader(str(printed)).pages) == len(PdfReader(str(exported)).pages) == count

    fitted = preview._fitted_zoom()
    preview.zoom_in()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    preview.zoom_out()
    assert preview.view.zoomFactor() == pytest.approx(fitted)
    preview.fit_width()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_print_opens_the_print_dialog_over_the_preview(qtbot, build_window, held_meeting):
    from PySide6.QtPrintSupport import QPrintDialog

    window = build_window()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    actions = window.export_actions

    def dialog_shown():
        preview = actions.preview
        return preview is not None and preview.findChild(QPrintDialog, "print_dialog")

    qtbot.waitUntil(lambda: bool(dialog_shown()), timeout=20000)
    dialog = dialog_shown()
    assert dialog.isVisible()
    assert dialog.windowModality() != Qt.WindowModality.ApplicationModal
    dialog.reject()


def test_feedback_sheets_one_file_per_member(qtbot, build_window, held_meeting, tmp_path):
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_Y, CTRL | SHIFT)
    assert dialog.windowTitle() == "Export feedback sheets"
    assert not dialog.feedback_box.isVisible()  # member feedback is what these sheets are
    qtbot.mouseClick(dialog.per_member_radio, Qt.MouseButton.LeftButton)
    set_path(qtbot, dialog, tmp_path / "feedback.pdf")
    assert "feedback - <member>.pdf" in dialog.names_label.text()
    with qtbot.waitSignal(window.export_actions.worker.export_finished, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    files = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert files == sorted(f"feedback - {name}.pdf" for name in NAMES)
    dana = pdf_text(tmp_path / "feedback - Dana Whitfield.pdf")
    assert "Calm listening" in dana and "SECRET coach remark" not in dana
    assert window.opened_files == [tmp_path]  # several files: the folder is opened


def test_password_must_be_typed_twice_and_protects_the_file(
    qtbot, build_window, held_meeting, tmp_path
):
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    set_path(qtbot, dialog, tmp_path / "locked.pdf")
    qtbot.keyClicks(dialog.password_edit, "s3cret <&>")
    assert not dialog.export_button.isEnabled()
    assert dialog.problem_label.text() == "The two passwords differ."
    qtbot.keyClicks(dialog.confirm_edit, "s3cret <&>")
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(window.export_actions.worker.export_finished, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(str(tmp_path / "locked.pdf"))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    assert "Empty homes backlog" in pdf_text(tmp_path / "locked.pdf", "s3cret <&>")


def test_set_report_for_the_meetings_set_with_a_date_range(
    qtbot, build_window, held_meeting, tmp_path
):
    from PySide6.QtCore import QDate

    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier)
    assert dialog.target_id == held_meeting["set"].id
    assert not dialog.from_date.isEnabled()
    qtbot.mouseClick(dialog.from_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.to_box, Qt.MouseButton.LeftButton)
    dialog.from_date.setDate(QDate(2026, 12, 1))
    assert not dialog.export_button.isEnabled()
    dialog.from_date.setDate(QDate(2026, 10, 1))
    assert dialog.export_button.isEnabled()
    request = dialog.request()
    assert (str(request.date_from), str(request.date_to)) == ("2026-10-01", "2026-11-02")
    set_path(qtbot, dialog, tmp_path / "set.pdf")
    with qtbot.waitSignal(window.export_actions.worker.export_finished, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Set Blue" in pdf_text(tmp_path / "set.pdf")


def test_commands_need_an_open_meeting(qtbot, build_window):
    window = build_window()
    actions = window.export_actions.actions()
    assert len(actions) == 7
    assert not any(a.isEnabled() for a in actions)
    listed = {a.text() for _menu, a in window.all_actions()}
    assert {a.text() for a in actions} <= listed
    keys = {a.shortcut().toString() for a in actions}
    assert {"Ctrl+Shift+E", "Ctrl+Shift+Y", "F12", "Ctrl+Shift+P", "Ctrl+P"} <= keys
    for action in actions:
        assert action.shortcut().toString() in action.toolTip()


def test_commands_follow_the_open_meeting(qtbot, build_window, sample_set):
    window = build_window()
    assert all(a.isEnabled() for a in window.export_actions.actions())
    meetings.delete_meeting(sample_set["meeting"].id)
    window.navigator.meeting_deleted.emit(sample_set["meeting"].id)
    qtbot.waitUntil(lambda: window.current_meeting_id is None)
    assert not any(a.isEnabled() for a in window.export_actions.actions())


def test_blank_sheet_export(qtbot, build_window, held_meeting, tmp_path):
    window = build_window()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F12, SHIFT)
    assert not dialog.private_box.isVisible()
    qtbot.mouseClick(dialog.anonymise_box, Qt.MouseButton.LeftButton)
    dialog.page_combo.setCurrentText("Letter")
    set_path(qtbot, dialog, tmp_path / "blank.pdf")
    with qtbot.waitSignal(window.export_actions.worker.export_finished, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(str(tmp_path / "blank.pdf"))
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == 612  # US Letter
    assert get_setting("export.page_size") == "Letter"
    assert "Member A" in pdf_text(tmp_path / "blank.pdf")
