"""Desktop notifications through plyer (libnotify on Linux, toasts on Windows, macOS banners)."""

from __future__ import annotations

import warnings


class NotificationUnavailable(RuntimeError):
    """No desktop notification backend works here."""


class DesktopNotifier:
    """Shows a notification with the OS's own mechanism; raises when it cannot.

    plyer does not always raise when it has no backend: on Linux without python-dbus and
    notify-send it only warns and shows nothing. A warning therefore counts as a failure, so
    the caller passes the message on instead of losing it.
    """

    name = "desktop"

    def notify(self, title: str, message: str) -> None:
        from plyer import notification

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            notification.notify(title=title, message=message, app_name="Wellbeing", timeout=10)
        if caught:
            raise NotificationUnavailable(str(caught[0].message))
