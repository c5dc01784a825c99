"""The single-window socket is the coach's alone: it lives in a folder only they can enter, each
end checks the other's user, idle connections are bounded and dropped, and a window that cannot
listen says so once (and a second alcoach never claims it brought that window forward)."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QMainWindow

from alcoach.ui.shell import single_window
from alcoach.ui.shell.single_window import MAX_CONNECTIONS, WindowServer
from alcoach.window_address import NoPrivatePlace, peer_uid, server_address

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534

ASK = """
    import sys
    from pathlib import Path
    from alcoach.ui.shell.single_window import ask_first_window_forward
    print(ask_first_window_forward(Path(sys.argv[1])))
"""

RAW_ASK = """
    import socket, sys
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(sys.argv[1])
    try:  # the window may drop the connection before the request is even sent
        s.sendall(b"come forward\\n")
        print(s.recv(100) == b"coming\\n")
    except OSError:
        print(False)
"""

HOLD = """
    import socket, sys, time
    held = []
    for _ in range(int(sys.argv[2])):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(2)
        try:
            s.connect(sys.argv[1])
        except OSError:
            s.close()
            continue
        held.append(s)
    print(len(held), flush=True)
    time.sleep(30)
"""


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def _python(code: str, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*prefix, sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ask(qtbot, data_dir: Path, prefix: tuple[str, ...] = ()) -> str:
    asker = _python(ASK, str(data_dir), prefix=prefix)
    qtbot.waitUntil(lambda: asker.poll() is not None, timeout=30000)
    return asker.stdout.read().strip() + asker.stderr.read()


def _window(qtbot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def test_the_socket_is_in_a_folder_only_its_user_enters(runtime, tmp_path):
    address = Path(server_address(tmp_path / "data"))
    assert address.parent == runtime / "alcoach"
    assert stat.S_IMODE(address.parent.stat().st_mode) == 0o700


def test_without_a_runtime_folder_it_is_a_private_folder_in_the_temporary_one(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    address = Path(server_address(tmp_path / "data"))
    assert address.parent == tmp_path / f"alcoach-{os.getuid()}"
    assert stat.S_IMODE(address.parent.stat().st_mode) == 0o700


def test_a_folder_others_may_enter_is_never_used(tmp_path, monkeypatch, qtbot):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    (tmp_path / f"alcoach-{os.getuid()}").mkdir(mode=0o755)
    os.chmod(tmp_path / f"alcoach-{os.getuid()}", 0o755)
    with pytest.raises(NoPrivatePlace, match="other users may enter"):
        server_address(tmp_path / "data")
    server = WindowServer(_window(qtbot), tmp_path / "data")
    assert not server.listening
    assert "cannot bring this window forward" in server.problem


@pytest.mark.skipif(not IS_ROOT, reason="handing a folder to another user needs root (CI is root)")
def test_another_users_folder_made_first_is_refused_and_never_claimed(tmp_path, qtbot, monkeypatch):
    """The attack the issue found: another user makes the shared name first and listens there."""
    tmp = tmp_path / "tmp"
    tmp.mkdir(mode=0o1777)
    os.chmod(tmp, 0o1777)
    squatted = tmp / f"alcoach-{os.getuid()}"
    squatted.mkdir(mode=0o777)
    os.chown(squatted, NOBODY, NOBODY)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", None)
    data_dir = tmp_path / "data"
    server = WindowServer(_window(qtbot), data_dir)
    assert not server.listening
    assert "belongs to another user" in server.problem
    assert _ask(qtbot, data_dir).startswith("False")


@pytest.mark.skipif(
    not IS_ROOT or shutil.which("setpriv") is None, reason="setpriv needs root (CI is root)"
)
def test_another_user_who_reaches_the_socket_is_not_answered(qtbot, monkeypatch):
    import tempfile

    runtime = Path(tempfile.mkdtemp(prefix="alcoach-test-run-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    data_dir = runtime / "data"
    try:
        window = _window(qtbot)
        window.showMinimized()
        server = WindowServer(window, data_dir)
        assert server.listening
        address = Path(server_address(data_dir))
        # open the way on purpose, so that only the window's own check stands between them
        for path in (runtime, address.parent):
            os.chmod(path, 0o755)
        os.chmod(address, 0o777)
        prefix = ("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")
        asker = _python(RAW_ASK, str(address), prefix=prefix)
        qtbot.waitUntil(lambda: asker.poll() is not None, timeout=30000)
        out, err = asker.stdout.read(), asker.stderr.read()
        assert out.strip() == "False", err
        assert window.isMinimized()
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_a_socket_pair_knows_its_peer(tmp_path):
    one, two = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with one, two:
        assert peer_uid(one.fileno()) == os.getuid()


def test_a_peer_of_another_user_is_refused(runtime, tmp_path, qtbot, monkeypatch):
    window = _window(qtbot)
    server = WindowServer(window, tmp_path / "data")
    monkeypatch.setattr(single_window, "peer_is_us", lambda descriptor: False)
    assert _ask(qtbot, tmp_path / "data").startswith("False")
    assert not server.open_sockets


def test_idle_connections_are_bounded_and_dropped(runtime, tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr(single_window, "IDLE_MS", 600)
    window = _window(qtbot)
    window.showMinimized()
    server = WindowServer(window, tmp_path / "data")
    holder = _python(HOLD, server_address(tmp_path / "data"), "300")
    try:
        seen = []
        qtbot.waitUntil(lambda: seen.append(len(server.open_sockets)) or len(seen) > 20)
        assert max(seen) <= MAX_CONNECTIONS
        qtbot.waitUntil(lambda: not server.open_sockets, timeout=10000)
        # the idle ones still hold their ends, yet the window answers the next alcoach
        assert holder.poll() is None
        with qtbot.waitSignal(server.asked_forward, timeout=30000):
            asker = _python(ASK, str(tmp_path / "data"))
        qtbot.waitUntil(lambda: asker.poll() is not None, timeout=30000)
        assert asker.stdout.read().strip() == "True", asker.stderr.read()
    finally:
        holder.kill()
        holder.wait()


def test_the_window_says_once_that_it_cannot_listen(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    (tmp_path / f"alcoach-{os.getuid()}").mkdir(mode=0o755)
    os.chmod(tmp_path / f"alcoach-{os.getuid()}", 0o755)
    said = []
    outcome: dict[str, object] = {}

    bus = SimpleNamespace(status_message=SimpleNamespace(emit=said.append))
    ctx = SimpleNamespace(bus=bus, data_dir=tmp_path / "data")

    from alcoach.app import _answer_second_windows

    window = QMainWindow()
    window.ctx = ctx  # type: ignore[attr-defined]
    _answer_second_windows(window, outcome)
    _answer_second_windows(window, outcome)
    assert len(said) == 1 and "cannot bring this window forward" in said[0]
    window.deleteLater()
