"""Notifications inside Flatpak, through the portal (``org.freedesktop.portal.Notification``).

A sandboxed app does not talk to the notification server itself: it asks the portal, which
shows the notification under the app's id and emits ``ActionInvoked(id, action, parameter)``
when a button is pressed.

``AddNotification`` takes its buttons as ``aa{sv}``, a type QtDBus cannot build from Python
(PySide6 binds a str to its QStringList overload when writing a map's key). The call therefore
goes through ``gdbus call`` (GLib's tool, part of the Flatpak runtimes), with the notification
written in GVariant text; the answer is awaited without blocking the GUI thread. The signal is
received with QtDBus as usual.
"""

from __future__ import annotations

import logging
import shutil

from PySide6.QtCore import SLOT, QObject, QProcess, QProcessEnvironment, Signal, Slot
from PySide6.QtDBus import QDBusConnection

from wellbeing_app.platform.notifications import DesktopNotification, NotificationUnavailable

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.Notification"
_ACTION_SLOT = SLOT("_on_action_invoked(QString,QString,QVariantList)")
_PRIORITY = {"low": "low", "normal": "normal", "critical": "urgent"}


def gvariant_string(text: str) -> str:
    """``text`` as a GVariant text-format string literal."""
    escaped = []
    for char in text:
        if char in "\\'":
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return "'" + "".join(escaped) + "'"


def notification_text(notification: DesktopNotification) -> str:
    """The portal's ``a{sv}`` for ``notification``, in GVariant text format."""
    entries = [
        f"'title': <{gvariant_string(notification.title)}>",
        f"'body': <{gvariant_string(notification.body)}>",
        f"'priority': <{gvariant_string(_PRIORITY[notification.urgency])}>",
        "'default-action': <'default'>",
    ]
    if notification.buttons:
        buttons = ", ".join(
            f"{{'label': <{gvariant_string(label)}>, 'action': <{gvariant_string(action)}>}}"
            for action, label in notification.buttons
        )
        entries.append(f"'buttons': <[{buttons}]>")
    return "{" + ", ".join(entries) + "}"


class PortalNotifications(QObject):
    """Shows notifications through the notification portal, with working buttons.

    Args:
        bus: the bus to listen on (the session bus by default).
        bus_address: the address ``gdbus`` calls on (the session bus by default).
        gdbus: the ``gdbus`` program; found on ``PATH`` by default.
    """

    action_invoked = Signal(str, str)  # key, action id
    closed = Signal(str)  # key (the portal does not say when; kept for the interface)

    def __init__(
        self,
        bus: QDBusConnection | None = None,
        bus_address: str | None = None,
        gdbus: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self._bus_address = bus_address
        self._gdbus = gdbus or shutil.which("gdbus")
        self._listening = False
        self._calls: set[QProcess] = set()

    def show(self, notification: DesktopNotification) -> None:
        """Asks the portal to show ``notification``; raises ``NotificationUnavailable`` when
        it cannot be asked."""
        if self._gdbus is None:
            raise NotificationUnavailable("gdbus is not installed, so the portal cannot be asked")
        if not self._bus.isConnected():
            raise NotificationUnavailable("there is no session bus")
        if not self._listening:
            self._bus.connect(SERVICE, PATH, INTERFACE, "ActionInvoked", self, _ACTION_SLOT)  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes a str
            self._listening = True
        call = QProcess(self)
        if self._bus_address is not None:
            environment = QProcessEnvironment.systemEnvironment()
            environment.insert("DBUS_SESSION_BUS_ADDRESS", self._bus_address)
            call.setProcessEnvironment(environment)
        call.finished.connect(lambda code, _status, call=call: self._on_call_finished(call, code))
        self._calls.add(call)
        # The id is the key: the portal replaces a notification of the same id.
        call.start(
            self._gdbus,
            [
                "call",
                "--session",
                "--dest",
                SERVICE,
                "--object-path",
                PATH,
                "--method",
                f"{INTERFACE}.AddNotification",
                notification.key,
                notification_text(notification),
            ],
        )

    def close(self) -> None:
        if self._listening:
            self._bus.disconnect(SERVICE, PATH, INTERFACE, "ActionInvoked", self, _ACTION_SLOT)  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes a str
            self._listening = False
        for call in list(self._calls):
            call.waitForFinished(3000)
        self._calls.clear()

    def _on_call_finished(self, call: QProcess, code: int) -> None:
        if code != 0:
            log.warning("the notification portal refused a notification (gdbus exit %d)", code)
        self._calls.discard(call)
        call.deleteLater()

    @Slot(str, str, "QVariantList")
    def _on_action_invoked(self, key: str, action: str, _parameter: list[object]) -> None:
        log.debug("portal notification: action %s", action)
        self.action_invoked.emit(key, action)
