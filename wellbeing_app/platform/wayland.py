"""Foreground window and idle time on GNOME's Wayland session, and the fallback without focus.

Wayland deliberately hides other apps' windows, so there are three probes here:

- ``MutterIdleProbe``: idle time from GNOME's compositor (``org.gnome.Mutter.IdleMonitor``).
- ``FocusedWindowProbe``: the focused window from the "Focused Window D-Bus" GNOME Shell
  extension (https://extensions.gnome.org/extension/5592/focused-window-d-bus/).
- ``ApproximateProcessProbe``: the fallback without that extension. It cannot see focus at all;
  it only knows that a community app is *running*, and says so with ``approximate=True``.

D-Bus is reached through a ``DBusCall`` (``QtSessionBus`` in the app, a plain function in
tests). The GNOME probes ask on a worker thread (``LatestAnswer``): the poll, on the GUI thread,
gets the latest answer at once, and a hung shell costs the worker a timeout, never the GUI.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Collection, Iterable

import psutil

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.dbus import (
    DEFAULT_TIMEOUT_MS,
    DBusCall,
    DBusCallFailed,
    DBusIdleProbe,
    LatestAnswer,
    QtSessionBus,
)
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames, strip_exe

__all__ = [
    "DEFAULT_TIMEOUT_MS",
    "ApproximateProcessProbe",
    "DBusCall",
    "DBusCallFailed",
    "FocusedWindowProbe",
    "MutterIdleProbe",
    "QtSessionBus",
    "running_processes",
]

logger = logging.getLogger(__name__)

MUTTER_SERVICE = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
MUTTER_INTERFACE = "org.gnome.Mutter.IdleMonitor"

FOCUSED_WINDOW_SERVICE = "org.gnome.Shell"
FOCUSED_WINDOW_PATH = "/org/gnome/shell/extensions/FocusedWindow"
FOCUSED_WINDOW_INTERFACE = "org.gnome.shell.extensions.FocusedWindow"


def _unavailable(what: str, error: DBusCallFailed) -> ProbeUnavailable:
    return ProbeUnavailable(f"{what} is not available on this desktop ({error}).")


class MutterIdleProbe(DBusIdleProbe):
    """Idle time from GNOME's compositor, the one program that sees all input on Wayland."""

    name = "GNOME idle monitor"
    what = "GNOME's idle monitor"
    service, path, interface, method = (
        MUTTER_SERVICE,
        MUTTER_PATH,
        MUTTER_INTERFACE,
        "GetIdletime",
    )


class FocusedWindowProbe:
    """The focused window from the "Focused Window D-Bus" GNOME Shell extension."""

    name = "GNOME extension"

    def __init__(
        self, call: DBusCall | None = None, *, process_names: ProcessNames | None = None
    ) -> None:
        """Checks that the extension answers, then keeps asking on a worker thread.

        Args:
            call: how to reach D-Bus; ``QtSessionBus()`` unless given.
            process_names: the pid -> executable name cache.

        Raises:
            ProbeUnavailable: when the extension is not installed or not enabled.
        """
        self._bus: QtSessionBus | None = None
        if call is None:
            call = self._bus = QtSessionBus()
        self._call = call
        self._process_names = process_names if process_names is not None else ProcessNames()
        self._parsed: tuple[str, ForegroundWindow | None] | None = None
        try:
            first = self._get()
        except DBusCallFailed as error:
            self._close_bus()
            raise _unavailable("The 'Focused Window D-Bus' GNOME Shell extension", error) from error
        self.answers = LatestAnswer(self._get, what="The Focused Window extension", first=first)

    def foreground(self) -> ForegroundWindow | None:
        """The focused window as last read (at most a poll ago), or ``None`` when none has
        focus or the shell stopped answering."""
        reply, _ = self.answers.get()
        if reply is None:
            return None
        parsed = self._parsed
        if parsed is not None and parsed[0] == reply:
            return parsed[1]  # the same answer as last poll: no JSON to read again
        window = self.parse(reply)
        self._parsed = (reply, window)
        return window

    def close(self) -> None:
        """Stops the worker and releases a private bus connection, if one was opened."""
        self.answers.close()
        self._close_bus()

    def _close_bus(self) -> None:
        if self._bus is not None:
            self._bus.close()

    def parse(self, reply: str) -> ForegroundWindow | None:
        """Turns the extension's JSON (``title``, ``wm_class``, ``pid``, ...) into a window.

        ``"{}"`` means no window has focus; anything unreadable is treated the same way.
        """
        try:
            details = json.loads(reply)
        except ValueError:
            logger.debug("Focused Window extension sent non-JSON (%d characters)", len(reply))
            return None
        if not isinstance(details, dict) or not details:
            return None
        raw_title = details.get("title")
        title = raw_title if isinstance(raw_title, str) else ""
        wm_class = details.get("wm_class")
        class_name = wm_class if isinstance(wm_class, str) else ""
        raw_pid = details.get("pid")
        pid = raw_pid if isinstance(raw_pid, int) and not isinstance(raw_pid, bool) else 0
        fullscreen = is_fullscreen(details)
        if pid <= 0:
            return ForegroundWindow(app=class_name, title=title, fullscreen=fullscreen)
        app = self._process_names.name(pid, hint=class_name) or class_name
        return ForegroundWindow(app=app, title=title, pid=pid, fullscreen=fullscreen)

    def _get(self) -> str:
        reply = self._call(
            FOCUSED_WINDOW_SERVICE, FOCUSED_WINDOW_PATH, FOCUSED_WINDOW_INTERFACE, "Get"
        )
        if not isinstance(reply, str):
            raise DBusCallFailed(f"Get returned {type(reply).__name__}, not a JSON string")
        return reply


def is_fullscreen(details: dict[str, object]) -> bool:
    """Whether the extension's window covers its whole monitor.

    A ``fullscreen`` field is taken as it is. The extension as published has none, so it is
    read from the window's size against its monitor's work area (the monitor less GNOME's top
    bar): a fullscreen window covers the bar too, a maximized one does not.
    """
    flag = details.get("fullscreen")
    if isinstance(flag, bool):
        return flag
    width, height, area = details.get("width"), details.get("height"), details.get("area")
    if not isinstance(area, dict):
        return False
    area_width, area_height = area.get("width"), area.get("height")
    numbers = (width, height, area_width, area_height)
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers):
        return False
    return width >= area_width > 0 and height > area_height > 0  # type: ignore[operator]


def running_processes() -> Iterable[tuple[int, str]]:
    """``(pid, name)`` of every process this user may see. Costly: call it rarely."""
    for process in psutil.process_iter(["name"]):
        name = process.info.get("name")
        if name:
            yield process.pid, name


class ApproximateProcessProbe:
    """Fallback without focus information: reports a community app while its process runs.

    Every window it reports has ``approximate=True`` and an empty title, so the sampler counts
    it only while the person is active at the computer. Listing all processes costs
    milliseconds, so the list is refreshed at most every ``refresh_seconds``, not every poll.
    When several community apps run, the first in ``community_process_names`` order is reported.
    """

    name = "approximate: running apps only"

    def __init__(
        self,
        community_process_names: Collection[str],
        *,
        refresh_seconds: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        list_processes: Callable[[], Iterable[tuple[int, str]]] = running_processes,
    ) -> None:
        """Remembers which process names to look for.

        Args:
            community_process_names: executable names of community apps (``Discord``,
                ``slack``, ``telegram-desktop``), matched without case and without ``.exe``.
            refresh_seconds: the longest a process list is reused.
            clock: monotonic seconds (tests pass a fake).
            list_processes: ``(pid, name)`` pairs of running processes (tests pass a fake).
        """
        # dict.fromkeys: de-duplicated, in the caller's order of preference.
        self._wanted = list(dict.fromkeys(strip_exe(n).casefold() for n in community_process_names))
        self._refresh_seconds = refresh_seconds
        self._clock = clock
        self._list_processes = list_processes
        self._scanned_at: float | None = None
        self._current: ForegroundWindow | None = None

    def foreground(self) -> ForegroundWindow | None:
        """A running community app as an approximate window, or ``None`` if none runs."""
        now = self._clock()
        if self._scanned_at is None or now - self._scanned_at >= self._refresh_seconds:
            self._current = self._scan()
            self._scanned_at = now
        return self._current

    def close(self) -> None:
        """Nothing to release."""

    def _scan(self) -> ForegroundWindow | None:
        if not self._wanted:
            return None
        running: dict[str, tuple[int, str]] = {}
        for pid, name in self._list_processes():
            running.setdefault(strip_exe(name).casefold(), (pid, name))
        for key in self._wanted:
            if key in running:
                pid, name = running[key]
                return ForegroundWindow(app=strip_exe(name), title="", pid=pid, approximate=True)
        return None
