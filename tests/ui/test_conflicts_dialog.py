"""File > Data > Conflicts: both versions side by side, a key to keep either, Tab leaves the
list, and the choice reaches the open meeting at once."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from alcoach.data import archive, conflicts, hlc, interventions
from alcoach.data import models as m


@pytest.fixture
def two_versions(ctx, sample_set, tmp_path):
    """A note edited here and, beside it, on another laptop whose archive came in later."""
    note = interventions.log_intervention(sample_set["meeting"].id, "Words typed on the laptop")
    doc = archive.export_archive()
    item = next(i for mt in doc["meetings"] for i in mt["interventions"] if i["uid"] == note.uid)
    item.update(
        text="Words typed at home", hlc=hlc.format_stamp(hlc.wall_micros() + 10**6, 0, "c" * 16)
    )
    interventions.update_intervention(note.id, text="Words typed on the laptop, edited")
    path = tmp_path / "home.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    said = archive.import_archive_file(path)
    assert "1 text changed on both sides kept as a conflict" in said
    return note


def test_the_service_lists_and_keeps_either_version(two_versions):
    (record,) = conflicts.list_conflicts()
    assert record.what == "Note" and record.fields == ["text"]
    assert record.kept["text"] == "Words typed at home"
    assert record.lost["text"] == "Words typed on the laptop, edited"
    conflicts.resolve_conflict(record.id, "restored")
    assert m.Intervention.get_by_id(two_versions.id).text == "Words typed on the laptop, edited"
    assert conflicts.list_conflicts() == []
    (done,) = conflicts.list_conflicts(include_resolved=True)
    assert done.resolution == "restored"


def test_the_dialog_shows_both_and_a_key_keeps_the_other(qtbot, ctx, two_versions):
    from alcoach.ui.dialogs.conflicts_dialog import ConflictsDialog

    changed = []
    dialog = ConflictsDialog(None, changed.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.current.toPlainText() == "Words typed at home"
    assert dialog.other.toPlainText() == "Words typed on the laptop, edited"
    assert dialog.restore_button.text() == "&Use the other version"  # Alt+U
    assert dialog.keep_button.text() == "&Keep the one in my notes"  # Alt+K
    dialog.restore_button.click()  # (what Alt+U does in a real window; offscreen Qt has none)
    assert [c.changed for c in changed] == [{("intervention", two_versions.uid)}]
    assert m.Intervention.get_by_id(two_versions.id).text == "Words typed on the laptop, edited"
    assert dialog.model.rowCount() == 0
    assert "No conflicts" in dialog.other.toPlainText()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)  # Tab leaves the table
    assert QApplication.focusWidget() is not dialog.table


def test_the_data_menu_has_conflicts(qtbot, ctx, sample_set):
    from alcoach.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    names = [a.objectName() for a in window.menus["Data"].actions()]
    assert "show_conflicts" in names
    window.close()
