"""Desktop notifications, each by the best path its system offers.

- Linux: the notification server itself (``org.freedesktop.Notifications`` over QtDBus), with
  buttons that call back into the app (``dbus_notifications``).
- Inside Flatpak: the notification portal (``portal_notifications``).
- Windows and macOS: plyer (toasts, banners), without buttons.

Each backend emits ``action_invoked(key, action)`` when the person presses a button (or the
notification itself: action ``"default"``) and ``closed(key)`` when the notification went away,
where ``key`` is the one given to ``show``. A backend raises ``NotificationUnavailable`` when it
cannot show anything, so the caller can pass the message on to the next way.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

Urgency = Literal["low", "normal", "critical"]
FLATPAK_INFO = Path("/.flatpak-info")


class NotificationUnavailable(RuntimeError):
    """No desktop notification backend works here (right now)."""


@dataclass(frozen=True, slots=True)
class DesktopNotification:
    """One notification as the desktop shows it.

    ``key`` names what it is about (a reminder's slot): showing another notification with the
    same key replaces the first instead of stacking a second one.
    """

    key: str
    title: str
    body: str
    buttons: tuple[tuple[str, str], ...] = ()  # (action id, label)
    urgency: Urgency = "normal"
    category: str = ""


class NotificationBackend(Protocol):
    action_invoked: SignalInstance  # (key, action id)
    closed: SignalInstance  # (key)

    def show(self, notification: DesktopNotification) -> None:
        """Shows ``notification``; raises ``NotificationUnavailable`` when it cannot."""
        ...

    def close(self) -> None:
        """Stops listening to the desktop; nothing is emitted afterwards."""
        ...


class PlyerNotifications(QObject):
    """Shows a notification with the OS's own mechanism through plyer; no buttons.

    plyer does not always raise when it has no backend: it may only warn (and on Linux even
    show the notification with ``notify-send`` first, then warn). A warning therefore counts
    as a failure, so the caller passes the message on instead of losing it; the Linux path
    does not use plyer, so nothing is shown twice.
    """

    action_invoked = Signal(str, str)
    closed = Signal(str)

    def show(self, notification: DesktopNotification) -> None:
        from plyer import notification as plyer_notification

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            plyer_notification.notify(
                title=notification.title,
                message=notification.body,
                app_name="Wellbeing",
                timeout=10,
            )
        if caught:
            raise NotificationUnavailable(str(caught[0].message))

    def close(self) -> None:
        """Nothing to stop: plyer keeps no connection."""


def desktop_notifications(
    platform: str = sys.platform,
    flatpak_info: Path = FLATPAK_INFO,
    linux_backend: Callable[[], NotificationBackend] | None = None,
    portal_backend: Callable[[], NotificationBackend] | None = None,
) -> NotificationBackend:
    """The best notification backend for this system (see the module docstring)."""
    if platform.startswith("linux") or platform.startswith("freebsd"):
        if flatpak_info.exists():
            if portal_backend is not None:
                return portal_backend()
            from wellbeing_app.platform.portal_notifications import PortalNotifications

            return PortalNotifications()
        if linux_backend is not None:
            return linux_backend()
        from wellbeing_app.platform.dbus_notifications import FreedesktopNotifications

        return FreedesktopNotifications()
    return PlyerNotifications()
