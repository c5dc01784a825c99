"""Starting the app: platform checks, refusing a newer database, and `--startup-check`."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from alcoach import app
from alcoach.data.dbfile import ALCOACH_APPLICATION_ID

ROOT = Path(__file__).resolve().parents[2]


def run_alcoach(
    *args: str, timeout: float = 120, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("ALCOACH_DATA_DIR", None)
    env.pop("ALCOACH_STARTUP_TRACE", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "alcoach", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_missing_xcb_libraries_name_the_packages(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    monkeypatch.setattr(app, "_loadable", lambda soname: soname not in absent)
    assert app.run_app(None) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert err.count(".") <= 3 and "\n" not in err


def test_no_check_when_qt_does_not_use_xcb(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(app, "_loadable", lambda soname: False)
    assert app.platform_problem() is None


def _newer_database(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "alcoach.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE later (x)")
    conn.execute("PRAGMA user_version = 999")
    conn.execute(f"PRAGMA application_id = {ALCOACH_APPLICATION_ID}")  # as every alcoach's
    conn.commit()
    conn.close()
    return path


def test_a_newer_database_is_refused_untouched(tmp_path, monkeypatch, capsys, qapp):
    path = _newer_database(tmp_path / "data")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shown = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.critical", lambda parent, title, text: shown.append(text)
    )
    assert app.run_app(str(tmp_path / "data")) == 1
    err = capsys.readouterr().err
    assert "newer alcoach" in err and "left untouched" in err
    assert shown and "newer alcoach" in shown[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["alcoach.db"]


def test_startup_check_on_an_empty_folder(tmp_path):
    done = run_alcoach("--data-dir", str(tmp_path / "fresh"), "--startup-check")
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert words[:2] == ["startup-check", "ok"] and int(words[2]) > 0


def test_startup_trace_says_where_the_milliseconds_went(tmp_path):
    done = run_alcoach(
        "--data-dir", str(tmp_path / "fresh"), "--startup-check",
        env_extra={"ALCOACH_STARTUP_TRACE": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    total = int(done.stdout.split()[2])
    phases = re.findall(r"startup-trace (.+?): (\d+) ms \(at (\d+)\)", done.stdout)
    names = [name for name, _, _ in phases]
    assert names[0] == "interpreter and cli" and names[-1] == "first paint"
    assert {"import data layer", "build window", "open meeting"} <= set(names)
    assert sum(int(ms) for _, ms, _ in phases) == int(phases[-1][2]) == total
    peak = re.search(r"^startup-peak-rss-kb (\d+)$", done.stdout, re.M)
    assert peak and 10_000 < int(peak.group(1)) < 2_000_000  # kB: between 10 MB and 2 GB


@pytest.mark.skipif(not (ROOT / "alcoach/data/demo.py").exists(), reason="no demo yet")
def test_startup_check_after_demo_opens_the_newest_meeting(tmp_path):
    folder = str(tmp_path / "demo")
    assert run_alcoach("--data-dir", folder, "demo").returncode == 0
    done = run_alcoach("--data-dir", folder, "--startup-check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("startup-check ok ")


def test_startup_check_quits_with_a_meeting_running_and_leaves_it_running(tmp_path):
    """The quit question is the coach's; a check quits without it (Qt's quit stops at a window
    that refuses to close, and the check hung there)."""
    import datetime as dt

    from alcoach.data import meetings, sets
    from alcoach.data.store import open_store

    folder = tmp_path / "data"
    store = open_store(folder)
    meeting = meetings.create_meeting(sets.create_set("Set Blue").id, dt.date.today())
    meetings.start_meeting(meeting.id)
    store.close()

    done = run_alcoach("--data-dir", str(folder), "--startup-check", timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("startup-check ok ")
    store = open_store(folder)
    try:
        assert [m.id for m in meetings.running_meetings()] == [meeting.id]
    finally:
        store.close()


def test_startup_check_refuses_a_newer_database(tmp_path):
    _newer_database(tmp_path / "data")
    done = run_alcoach("--data-dir", str(tmp_path / "data"), "--startup-check")
    assert done.returncode != 0
    assert "newer alcoach" in done.stderr
    assert "startup-check ok" not in done.stdout


def test_the_cycle_collector_waits_for_the_first_paint_then_resumes(tmp_path):
    script = (
        "import gc, sys\n"
        "from alcoach import app\n"
        "seen = {}\n"
        "mark, after_paint = app.mark, app._check_then_back_up\n"
        "def noting(label, *rest):\n"
        "    seen.setdefault(label, gc.isenabled())\n"
        "    mark(label, *rest)\n"
        "def noting_after_paint(*args):\n"
        "    seen['after paint'] = gc.isenabled()\n"
        "    after_paint(*args)\n"
        "app.mark, app._check_then_back_up = noting, noting_after_paint\n"
        f"code = app.run_app({str(tmp_path / 'd')!r}, startup_check=True)\n"
        "print('collector', *(seen[k] for k in ('import data layer', 'build window',\n"
        "      'after paint')), gc.isenabled())\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # off while the window is made; on again once it has painted, and after the run
    assert "collector False False True True" in done.stdout, done.stdout


def test_start_up_imports_no_pdf_or_schema_library(tmp_path):
    script = (
        "import sys\n"
        "from alcoach.app import run_app\n"
        f"code = run_app({str(tmp_path / 'd')!r}, startup_check=True)\n"
        "print('loaded', [m for m in ('reportlab', 'jsonschema') if m in sys.modules])\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "loaded []" in done.stdout


def test_backups_at_start_and_on_close(tmp_path, qapp):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from alcoach.data.backup import backup_dir_for, list_backups

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window"]
        if windows and windows[0].isVisible():
            QTimer.singleShot(200, windows[0].close)
        else:
            QTimer.singleShot(20, close_when_shown)

    QTimer.singleShot(0, close_when_shown)
    assert app.run_app(str(tmp_path / "data")) == 0
    names = [p.name for p in list_backups(backup_dir_for(tmp_path / "data" / "alcoach.db"))]
    assert any(n.endswith("_daily.db") for n in names), names
    assert any(n.endswith("_close.db") for n in names), names
