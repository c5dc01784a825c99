"""One window per data folder: the window that holds the folder answers a second one.

The first window listens on a local socket (QLocalServer) named after its data folder and its
user, from after its first paint (QtNetwork is not on the start-up path). A second alcoach on the
same folder finds the folder's lock taken (alcoach.data.lock), and only then imports QtNetwork
and asks the first window to come forward.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

REQUEST = b"come forward\n"
ANSWER = b"coming\n"
ASK_TIMEOUT_MS = 1500


def server_name(data_dir: Path) -> str:
    """The same name for the same folder and user; a different one for another folder or user."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()
    return f"alcoach-{digest[:24]}"


class WindowServer(QObject):
    """Answers a second alcoach on this window's folder and brings this window forward."""

    asked_forward = Signal()

    def __init__(self, window: QWidget, data_dir: Path) -> None:
        super().__init__(window)
        from PySide6.QtNetwork import QLocalServer

        self.window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(data_dir)
        # A killed window leaves its socket file behind; this process holds the folder's lock,
        # so no live window of this folder is listening on it.
        QLocalServer.removeServer(name)
        self.listening = self.server.listen(name)
        if not self.listening:
            log.warning("a second window cannot reach this one: %s", self.server.errorString())
        self.server.newConnection.connect(self._answer)

    def _answer(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket) -> None:
        if not bytes(socket.readAll().data()).startswith(REQUEST):
            socket.disconnectFromServer()
            return
        socket.write(ANSWER)
        socket.flush()
        socket.disconnectFromServer()
        bring_forward(self.window)
        self.asked_forward.emit()


def bring_forward(window: QWidget) -> None:
    """Un-minimise, raise and activate (window managers may still keep the focus where it is)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def ask_first_window_forward(data_dir: Path, timeout_ms: int = ASK_TIMEOUT_MS) -> bool:
    """Ask the window that holds `data_dir` to come forward; True when it answered."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(REQUEST)
    socket.waitForBytesWritten(timeout_ms)
    answered = b""
    while ANSWER not in answered and socket.waitForReadyRead(timeout_ms):
        answered += bytes(socket.readAll().data())
    socket.abort()
    return ANSWER in answered
