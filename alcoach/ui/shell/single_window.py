"""One window per data folder: the window that holds the folder answers a second one.

The first window listens on a local socket (QLocalServer) from after its first paint (QtNetwork
is not on the start-up path), at an address only its user can reach (alcoach.window_address). A
second alcoach on the same folder finds the folder's lock taken (alcoach.data.lock), and only
then imports QtNetwork and asks the first window to come forward.

Each end checks that the other is the same user. The window keeps at most MAX_CONNECTIONS open
and drops one that has not asked within IDLE_MS, so idle connections cannot use up its files.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from alcoach import window_address
from alcoach.window_address import NoPrivatePlace, peer_is_us, server_address

log = logging.getLogger(__name__)

REQUEST = b"come forward\n"
ANSWER = b"coming\n"
ASK_TIMEOUT_MS = 1500
MAX_CONNECTIONS = 8
IDLE_MS = 2000


class WindowServer(QObject):
    """Answers a second alcoach on this window's folder and brings this window forward."""

    asked_forward = Signal()

    def __init__(self, window: QWidget, data_dir) -> None:
        super().__init__(window)
        from PySide6.QtNetwork import QLocalServer

        self.window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.open_sockets: set = set()
        self.problem = ""  # one sentence when this window cannot be reached, said once
        self.listening = False
        try:
            name = server_address(data_dir)
        except NoPrivatePlace as exc:
            self._cannot_listen(str(exc))
            return
        # A killed window leaves its socket file behind; this process holds the folder's lock,
        # and the folder is this user's alone, so no live window of this folder listens on it.
        QLocalServer.removeServer(name)
        self.listening = self.server.listen(name)
        if not self.listening:
            self._cannot_listen(self.server.errorString())
            return
        self.server.newConnection.connect(self._accept)

    def _cannot_listen(self, reason: str) -> None:
        log.warning("a second window cannot reach this one: %s", reason)
        self.problem = (
            f"A second alcoach on this folder cannot bring this window forward ({reason}); "
            "it will say the folder is open instead."
        )

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            if len(self.open_sockets) >= MAX_CONNECTIONS or not peer_is_us(
                int(socket.socketDescriptor())
            ):
                socket.abort()
                socket.deleteLater()
                continue
            self.open_sockets.add(socket)
            idle = QTimer(socket)
            idle.setSingleShot(True)
            idle.timeout.connect(lambda s=socket: self._drop(s))
            idle.start(IDLE_MS)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _drop(self, socket) -> None:
        socket.abort()
        self._forget(socket)

    def _forget(self, socket) -> None:
        self.open_sockets.discard(socket)
        socket.deleteLater()

    def _read(self, socket) -> None:
        if socket.bytesAvailable() < len(REQUEST):
            return  # the rest is on its way (or the idle timer ends it)
        if not bytes(socket.readAll().data()).startswith(REQUEST):
            socket.abort()
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


def ask_first_window_forward(data_dir, timeout_ms: int = ASK_TIMEOUT_MS) -> bool:
    """Ask the window that holds `data_dir` to come forward; True only when that window, run by
    this user, answered."""
    from PySide6.QtNetwork import QLocalSocket

    try:
        name = server_address(data_dir)
    except NoPrivatePlace:
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    try:
        if not socket.waitForConnected(timeout_ms):
            return False
        if not window_address.peer_is_us(int(socket.socketDescriptor())):
            log.warning("the window's socket belongs to another user; it was not asked")
            return False
        socket.write(REQUEST)
        socket.waitForBytesWritten(timeout_ms)
        answered = b""
        while ANSWER not in answered and socket.waitForReadyRead(timeout_ms):
            answered += bytes(socket.readAll().data())
        return ANSWER in answered
    finally:
        socket.abort()
