"""The window opens before the full integrity check; when the check then fails, the coach is told
(status bar and a message that does not block the window), nothing more is written, no backup of
the damaged file pushes a sound one out, and the next start refuses the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from damaged_db import _damage_a_page, _filled_database

from alcoach import app
from alcoach.data.backup import backup_dir_for, backup_now, list_backups
from alcoach.data.db import session_marker


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run_until(predicate_then_close) -> None:
    from PySide6.QtCore import QTimer

    tries = iter(range(500))

    def poll() -> None:
        if predicate_then_close() or next(tries, None) is None:
            return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _main_window():
    from PySide6.QtWidgets import QApplication

    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window"]
    return found[0] if found and found[0].isVisible() else None


def test_damage_found_after_the_window_opens_is_reported_and_stops_writing(tmp_path, qapp):
    from PySide6.QtWidgets import QMessageBox

    path = _filled_database(tmp_path)
    newest = backup_now(path, reason="manual")
    _damage_a_page(path)
    seen: dict[str, object] = {}

    def damage_shown() -> bool:
        window = _main_window()
        box = window.findChild(QMessageBox, "damage_message") if window else None
        if box is None or not box.isVisible():
            return False
        seen["box"] = box.text()
        seen["modal"] = box.isModal()
        seen["status"] = window.save_label.text()
        seen["window_enabled"] = window.isEnabled()
        window.close()
        return True

    _run_until(damage_shown)
    assert app.run_app(str(path.parent)) == 0
    assert str(path) in str(seen["box"]) and str(newest) in str(seen["box"])
    assert "stopped saving" in str(seen["box"])
    assert seen["modal"] is False and seen["window_enabled"] is True
    assert "integrity check" in str(seen["status"]) or "damaged" in str(seen["status"])
    assert list_backups(backup_dir_for(path)) == [newest]  # no daily or closing copy of it
    assert session_marker(path).exists()

    before = sha256(path)
    assert app.run_app(str(path.parent), startup_check=True) == 1  # refused before opening
    assert sha256(path) == before


def test_a_sound_file_is_checked_then_backed_up_and_the_marker_goes(tmp_path, qapp):
    path = _filled_database(tmp_path)
    _run_until(lambda: (w := _main_window()) is not None and (w.close() or True))
    assert app.run_app(str(path.parent)) == 0
    names = [p.name for p in list_backups(backup_dir_for(path))]
    assert any(n.endswith("_daily.db") for n in names), names
    assert not session_marker(path).exists()
