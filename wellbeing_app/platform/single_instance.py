"""One app window per data folder: a second start raises the first window instead.

The first instance listens on a local socket (a Unix-domain socket, or a named pipe on Windows)
named after its data folder, so two folders can run side by side. A second instance connects,
says ``raise`` and exits; the first emits ``activation_requested``. A socket file left behind by
a crash is noticed (nobody answers on it) and removed.

Typical use in the composition root::

    instance = SingleInstance(instance_name(data_dir))
    if instance.notify_running():
        return 0
    instance.listen()
    instance.activation_requested.connect(window.bring_to_front)
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
_MAX_MESSAGE = 64


def instance_name(
    data_dir: Path, environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> str:
    """The local-socket name for the app running on ``data_dir``.

    A hash of the user and the folder's resolved path, so that the same folder always gives the
    same name and other folders (or users) never do. On Unix it is a full path under
    ``$XDG_RUNTIME_DIR`` when that is set: a private per-user directory that is emptied at logout,
    unlike ``/tmp`` where other users could take the name first.
    """
    env = os.environ if environ is None else environ
    folder = str(data_dir.expanduser().resolve())
    if platform == "win32":
        folder = folder.casefold()
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:24]
    name = f"wellbeing-{digest}"
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if platform != "win32" and runtime and Path(runtime).is_absolute() and Path(runtime).is_dir():
        return str(Path(runtime) / f"{name}.sock")
    return name


class SingleInstance(QObject):
    """Listens for, or notifies, the instance running under ``name`` (see ``instance_name``)."""

    activation_requested = Signal()  # a second start asked this instance to come forward

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None
        self._received: dict[QLocalSocket, bytes] = {}

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """Asks a running instance to come forward; ``True`` when one took the message.

        Only ever blocks on the kernel's socket buffer, never on the other side's event loop,
        so it also works when both ends live in one thread (as in the tests).
        """
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE)
        sent = socket.waitForBytesWritten(timeout_ms) or socket.bytesToWrite() == 0
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        return sent

    def listen(self) -> bool:
        """Starts answering second starts.

        Returns ``False`` when another live instance already listens under this name (then call
        ``notify_running`` and exit) or the OS refuses the socket; the app can run on either way.
        """
        if self.listening:
            return True
        # Asked first: with access options Qt binds elsewhere and renames the socket into place,
        # which would silently take the name from a live instance.
        if self._answered(self.name):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Nobody answered: a socket file left behind by a crash. Remove it and try again.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                server.deleteLater()
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        """Stops listening and removes the socket (also done when the process ends cleanly)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        for socket in list(self._received):
            socket.abort()
            socket.deleteLater()
        self._received.clear()

    @staticmethod
    def _answered(name: str) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(name)
        alive = probe.waitForConnected(300)
        probe.abort()
        return alive

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._received[socket] = b""
            socket.readyRead.connect(partial(self._on_client_ready_read, socket))
            socket.disconnected.connect(partial(self._on_client_disconnected, socket))
            # The message may have arrived with the connection, before readyRead was connected.
            self._on_client_ready_read(socket)

    def _on_client_ready_read(self, socket: QLocalSocket) -> None:
        if socket not in self._received:
            return
        data = self._received[socket] + bytes(socket.readAll().data())
        if RAISE in data:
            del self._received[socket]
            socket.disconnectFromServer()
            socket.deleteLater()
            self.activation_requested.emit()
        elif len(data) > _MAX_MESSAGE:
            del self._received[socket]  # not one of ours; ignore it
            socket.abort()
            socket.deleteLater()
        else:
            self._received[socket] = data

    def _on_client_disconnected(self, socket: QLocalSocket) -> None:
        if socket in self._received:
            self._on_client_ready_read(socket)
        if socket in self._received:
            del self._received[socket]
            socket.deleteLater()
