"""Foreground app, window title and idle time on macOS, through pyobjc.

pyobjc is imported when a probe is built, never when this module is imported, and the
``AppKit``/``Quartz`` modules can be passed in: tests on any OS hand in fakes. pyobjc has no type
information, so the module objects are typed ``Any`` at this boundary.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable


def _import_pyobjc(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ProbeUnavailable(
            "Wellbeing needs pyobjc (pyobjc-framework-Cocoa and pyobjc-framework-Quartz) "
            "to see the app in front on macOS."
        ) from error


class MacForegroundProbe:
    """The frontmost app from NSWorkspace and its front window's title from Quartz.

    Window titles of other apps are only visible with the Screen Recording permission; without
    it the title is ``""`` and the app name still counts.
    """

    name = "macos"

    def __init__(self, *, appkit: Any = None, quartz: Any = None) -> None:
        """Imports ``AppKit`` and ``Quartz`` unless they are given.

        Raises:
            ProbeUnavailable: when pyobjc is not installed.
        """
        appkit = appkit if appkit is not None else _import_pyobjc("AppKit")
        self._quartz = quartz if quartz is not None else _import_pyobjc("Quartz")
        self._workspace = appkit.NSWorkspace.sharedWorkspace()
        self._window_options = (
            self._quartz.kCGWindowListOptionOnScreenOnly
            | self._quartz.kCGWindowListExcludeDesktopElements
        )

    def foreground(self) -> ForegroundWindow | None:
        """The frontmost app and its front window's title, or ``None`` when no app is in front."""
        app = self._workspace.frontmostApplication()
        if app is None:
            return None
        pid = int(app.processIdentifier())
        if pid <= 0:  # -1: the app has already quit
            return None
        return ForegroundWindow(app=self._app_name(app), title=self._window_title(pid), pid=pid)

    def close(self) -> None:
        """Nothing to release."""

    @staticmethod
    def _app_name(app: Any) -> str:
        # The executable name first: it is what ForegroundWindow.app promises and, unlike the
        # localized name, the same in every language.
        url = app.executableURL()
        executable = url.lastPathComponent() if url is not None else None
        return str(executable or app.localizedName() or "")

    def _window_title(self, pid: int) -> str:
        quartz = self._quartz
        windows = quartz.CGWindowListCopyWindowInfo(self._window_options, quartz.kCGNullWindowID)
        for window in windows or ():
            # The list is front to back; layer 0 holds normal windows (menus and the Dock live
            # on other layers).
            if window.get(quartz.kCGWindowOwnerPID) == pid and not window.get(
                quartz.kCGWindowLayer, 0
            ):
                return str(window.get(quartz.kCGWindowName) or "")
        return ""


class MacIdleProbe:
    """Seconds since the last keyboard, mouse or trackpad event, from Quartz event sources."""

    name = "macos-hid"

    def __init__(self, *, quartz: Any = None) -> None:
        """Imports ``Quartz`` unless it is given.

        Raises:
            ProbeUnavailable: when pyobjc is not installed.
        """
        self._quartz = quartz if quartz is not None else _import_pyobjc("Quartz")

    def idle_seconds(self) -> float | None:
        """Seconds since the last input event, or ``None`` if Quartz returns nonsense."""
        quartz = self._quartz
        seconds = float(
            quartz.CGEventSourceSecondsSinceLastEventType(
                quartz.kCGEventSourceStateHIDSystemState, quartz.kCGAnyInputEventType
            )
        )
        return seconds if math.isfinite(seconds) and seconds >= 0 else None

    def close(self) -> None:
        """Nothing to release."""
