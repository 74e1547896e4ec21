"""A private D-Bus daemon and fake notification servers on it, for the notification tests.

The fake servers are real D-Bus services: they live on their own connection and their own
thread (as a real server lives in its own process), so the app's blocking calls are answered
while the test's thread waits for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import ClassInfo, QMetaObject, QObject, Qt, QThread, Signal, Slot
from PySide6.QtDBus import QDBusConnection

from tests.platform.dbus_session import private_bus_or_skip

# The notification tests' bus is the same throw-away daemon the other D-Bus tests use.
private_bus_address = private_bus_or_skip


@dataclass
class Received:
    """What a fake server was sent, guarded for the two threads that touch it."""

    calls: list[tuple[Any, ...]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, call: tuple[Any, ...]) -> None:
        with self.lock:
            self.calls.append(call)

    def all(self) -> list[tuple[Any, ...]]:
        with self.lock:
            return list(self.calls)


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class FakeNotificationServer(QObject):
    """``org.freedesktop.Notifications`` as dunst or GNOME Shell serve it (the parts we use)."""

    def __init__(self, capabilities: list[str]) -> None:
        super().__init__()
        self.capabilities = capabilities
        self.received = Received()
        self._next_id = 0

    # Qt signals exported on the bus keep their D-Bus types (uint32), which a message built by
    # hand from Python ints would not.
    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return self.capabilities

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(
        self,
        app_name: str,
        replaces_id: int,
        app_icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, object],
        expire_timeout: int,
    ) -> int:
        self._next_id += 1
        new_id = replaces_id or self._next_id
        self.received.add(
            (new_id, app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
        )
        return new_id


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Notification"})
class FakePortal(QObject):
    """``org.freedesktop.portal.Notification`` as xdg-desktop-portal serves it."""

    def __init__(self) -> None:
        super().__init__()
        self.received = Received()

    ActionInvoked = Signal(str, str, "QVariantList")

    @Slot(str, "QVariantMap")
    def AddNotification(self, notification_id: str, notification: dict[str, Any]) -> None:
        self.received.add((notification_id, notification))

    @Slot(str)
    def RemoveNotification(self, notification_id: str) -> None:
        self.received.add(("removed", notification_id))


class _InThread(QObject):
    """Runs a function on the thread it lives on, waiting for it to finish."""

    def __init__(self) -> None:
        super().__init__()
        self._work: Callable[[], object] | None = None

    def run(self, work: Callable[[], object]) -> None:
        self._work = work
        QMetaObject.invokeMethod(self, "_run", Qt.ConnectionType.BlockingQueuedConnection)

    @Slot()
    def _run(self) -> None:
        assert self._work is not None
        self._work()


class ServedObject:
    """A fake server registered on its own bus connection and thread."""

    def __init__(
        self, address: str, server: QObject, service: str, path: str, interface: str
    ) -> None:
        self.service, self.path, self.interface = service, path, interface
        self.name = f"fake-{service}-{id(server):x}"
        self.connection = QDBusConnection.connectToBus(address, self.name)
        assert self.connection.isConnected(), self.connection.lastError().message()
        self.thread = QThread()
        self.thread.start()
        self.server = server
        server.moveToThread(self.thread)
        self._in_thread = _InThread()
        self._in_thread.moveToThread(self.thread)
        # Registered on its own thread: exporting signals gives the object a child there.
        options = (
            QDBusConnection.RegisterOption.ExportAllSlots
            | QDBusConnection.RegisterOption.ExportAllSignals
        )
        registered: list[bool] = []
        self._in_thread.run(
            lambda: registered.append(self.connection.registerObject(path, server, options))
        )
        assert registered == [True]
        assert self.connection.registerService(service)

    def emit(self, name: str, *arguments: object) -> None:
        """Sends the signal ``name`` from the server, as the real one would."""
        # QtDBus relays a signal only when it is emitted on the object's own thread.
        self._in_thread.run(lambda: getattr(self.server, name).emit(*arguments))

    def stop(self) -> None:
        self.connection.unregisterService(self.service)
        self.connection.unregisterObject(self.path)
        # Destroyed on their own thread, never by the garbage collector on another one.
        server, self.server = self.server, QObject()
        self._in_thread.run(server.deleteLater)
        self._in_thread.deleteLater()
        self.thread.quit()
        self.thread.wait()
        QDBusConnection.disconnectFromBus(self.name)
