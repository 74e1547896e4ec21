"""Notifications through the desktop's notification server (``org.freedesktop.Notifications``).

GNOME Shell, KDE Plasma, XFCE (xfce4-notifyd), dunst, mako and others serve this interface on
the session bus. Talking to it with QtDBus needs nothing a pip install lacks (plyer would need
dbus-python), and gives buttons: the server emits ``ActionInvoked(id, action)`` when one is
pressed and ``NotificationClosed(id, reason)`` when the notification goes away.

The calls block, with a short timeout: a server answers in milliseconds, and a failure must be
known at once so the message can go another way.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    SLOT,
    ClassInfo,
    QMetaObject,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtDBus import QDBusConnection, QDBusInterface

from wellbeing_app import APP_ID
from wellbeing_app.platform.notifications import DesktopNotification, NotificationUnavailable

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
TIMEOUT_MS = 3000
_URGENCY = {"low": 0, "normal": 1, "critical": 2}


_EXPORTED_AS = ClassInfo({"D-Bus Interface": INTERFACE})  # type: ignore[call-arg]  # stubs: kwargs


@_EXPORTED_AS
class _TypedInterface(QObject):  # type: ignore[operator]  # the stubs miss ClassInfo.__call__
    """The interface as the specification types it, for QtDBus to learn its types from."""

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return []

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, *_arguments: object) -> int:
        return 0


def _learn_types(bus: QDBusConnection) -> None:
    """Teaches ``bus`` the D-Bus types of ``org.freedesktop.Notifications``.

    A Python int goes on the bus as an int32, but ``Notify`` takes its ``replaces_id`` as a
    uint32, and servers refuse a call of the wrong signature; Python cannot make a uint32
    argument for a message by hand. Calls through a ``QDBusInterface`` are typed, from the
    server's introspection data, but a server's data types ``hints`` (``a{sv}``) in a way
    QtDBus cannot call (only Qt's own servers annotate it). QtDBus keeps the types it learnt
    per connection and interface name, so they are learnt first from a local object that has
    them right; the server's interface then uses them. If a Qt version stops doing so, the
    call fails, and the message goes to the tray instead.
    """
    path = "/org/wellbeing/NotificationTypes"
    template = _TypedInterface()
    if not bus.registerObject(path, template, QDBusConnection.RegisterOption.ExportAllSlots):
        return
    try:
        QDBusInterface(bus.baseService(), path, INTERFACE, bus)
    finally:
        bus.unregisterObject(path)


class FreedesktopNotifications(QObject):
    """Shows notifications on the session bus's notification server, with working buttons.

    Args:
        bus: the bus to use (the session bus by default; tests pass a private one).
        app_id: the app id: the icon name and the ``desktop-entry`` hint, so the desktop shows
            the notification under the app's own name and icon.
    """

    action_invoked = Signal(str, str)  # key, action id
    closed = Signal(str)  # key

    def __init__(
        self,
        bus: QDBusConnection | None = None,
        app_id: str = APP_ID,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self._app_id = app_id
        self._server: QDBusInterface | None = None
        self._capabilities: frozenset[str] | None = None
        self._ids: dict[int, str] = {}  # notification id -> key, while it is shown
        self._listening = False

    # --- showing ---------------------------------------------------------------------------

    def capabilities(self) -> frozenset[str]:
        """What the server can do ("actions", "body-markup", ...); asked once per server."""
        if self._capabilities is None:
            server = self._connect()
            try:
                found = QMetaObject.invokeMethod(
                    server,
                    "GetCapabilities",
                    Qt.ConnectionType.DirectConnection,
                    Q_RETURN_ARG("QStringList"),
                )
            except RuntimeError:  # the server's interface has no such method (or types)
                found = None
            error = server.lastError()
            if error.isValid() or not isinstance(found, list):
                self._forget_server()
                raise NotificationUnavailable(
                    f"the notification server does not answer ({error.name()})"
                )
            self._capabilities = frozenset(str(item) for item in found)
        return self._capabilities

    def show(self, notification: DesktopNotification) -> None:
        """Shows ``notification``; raises ``NotificationUnavailable`` when there is no server
        or it refuses."""
        capabilities = self.capabilities()
        actions: list[str] = []
        if "actions" in capabilities:
            # "default" is the notification itself being clicked: it opens the app.
            actions = ["default", "Open Wellbeing"]
            for action, label in notification.buttons:
                actions += [action, label]
        body = notification.body
        if "body-markup" in capabilities:
            body = html.escape(body, quote=False)
        hints: dict[str, object] = {
            "desktop-entry": self._app_id,
            "urgency": _URGENCY[notification.urgency],
        }
        if notification.category:
            hints["category"] = notification.category
        replaces = next((id_ for id_, key in self._ids.items() if key == notification.key), 0)
        server = self._connect()
        # Q_ARG gives each argument its D-Bus type (replaces_id is a uint32, which a Python int
        # passed to QDBusMessage would not be).
        try:
            new_id = QMetaObject.invokeMethod(
                server,
                "Notify",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("uint"),
                Q_ARG("QString", "Wellbeing"),
                Q_ARG("uint", replaces),
                Q_ARG("QString", self._app_id),
                Q_ARG("QString", notification.title),
                Q_ARG("QString", body),
                Q_ARG("QStringList", actions),
                Q_ARG("QVariantMap", hints),
                Q_ARG("int", -1),
            )
        except RuntimeError:  # see _learn_types
            new_id = None
        error = server.lastError()
        if error.isValid() or not isinstance(new_id, int):
            self._forget_server()
            raise NotificationUnavailable(f"the notification server refused: {error.name()}")
        self._ids.pop(replaces, None)
        self._ids[new_id] = notification.key
        log.debug("notification %d shown (%d buttons)", new_id, len(notification.buttons))

    def close(self) -> None:
        """Stops listening for the server's signals; nothing is emitted afterwards."""
        if self._listening:
            for name, slot in self._signals():
                self._bus.disconnect(SERVICE, PATH, INTERFACE, name, self, slot)  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes a str
            self._listening = False
        self._ids.clear()
        self._server = None

    # --- the server ------------------------------------------------------------------------

    def _connect(self) -> QDBusInterface:
        """The server's typed interface, listened to."""
        if self._server is None:
            if not self._bus.isConnected():
                raise NotificationUnavailable("there is no session bus")
            _learn_types(self._bus)
            server = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus, self)
            if not server.isValid():
                raise NotificationUnavailable(
                    f"no notification server answers on the session bus "
                    f"({server.lastError().name()})"
                )
            server.setTimeout(TIMEOUT_MS)
            self._server = server
        if not self._listening:
            for name, slot in self._signals():
                self._bus.connect(SERVICE, PATH, INTERFACE, name, self, slot)  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes a str
            self._listening = True
        return self._server

    def _forget_server(self) -> None:
        """Asks afresh next time: the server may have restarted or been replaced."""
        self._server = None
        self._capabilities = None

    @staticmethod
    def _signals() -> list[tuple[str, str]]:
        return [
            ("ActionInvoked", SLOT("_on_action_invoked(uint,QString)")),
            ("NotificationClosed", SLOT("_on_notification_closed(uint,uint)")),
        ]

    @Slot("uint", str)
    def _on_action_invoked(self, notification_id: int, action: str) -> None:
        key = self._ids.get(notification_id)
        if key is not None:  # another app's notification, or one from an earlier run
            log.debug("notification %d: action %s", notification_id, action)
            self.action_invoked.emit(key, action)

    @Slot("uint", "uint")
    def _on_notification_closed(self, notification_id: int, reason: int) -> None:
        key = self._ids.pop(notification_id, None)
        if key is not None:
            log.debug("notification %d closed (reason %d)", notification_id, reason)
            self.closed.emit(key)
