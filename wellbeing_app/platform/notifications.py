"""Desktop notifications through plyer (libnotify on Linux, toasts on Windows, macOS banners)."""

from __future__ import annotations


class DesktopNotifier:
    """Shows a notification with the OS's own mechanism; raises when it cannot."""

    name = "desktop"

    def notify(self, title: str, message: str) -> None:
        from plyer import notification

        # plyer raises NotImplementedError or an OS error when no backend works here.
        notification.notify(title=title, message=message, app_name="Wellbeing", timeout=10)
