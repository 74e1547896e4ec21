"""Foreground window and idle time on a Wayland desktop.

Wayland deliberately hides other apps' windows, so there are three probes here:

- ``MutterIdleProbe``: idle time from GNOME's compositor (``org.gnome.Mutter.IdleMonitor``).
- ``FocusedWindowProbe``: the focused window from the "Focused Window D-Bus" GNOME Shell
  extension (https://extensions.gnome.org/extension/5592/focused-window-d-bus/).
- ``ApproximateProcessProbe``: the fallback without that extension. It cannot see focus at all;
  it only knows that a community app is *running*, and says so with ``approximate=True``.

D-Bus is reached through a ``DBusCall``: ``QtSessionBus`` in the app, a plain function in tests.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Collection, Iterable
from typing import Protocol

import psutil

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames, strip_exe

logger = logging.getLogger(__name__)

MUTTER_SERVICE = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
MUTTER_INTERFACE = "org.gnome.Mutter.IdleMonitor"

FOCUSED_WINDOW_SERVICE = "org.gnome.Shell"
FOCUSED_WINDOW_PATH = "/org/gnome/shell/extensions/FocusedWindow"
FOCUSED_WINDOW_INTERFACE = "org.gnome.shell.extensions.FocusedWindow"

# GNOME Shell answers in milliseconds; a hung shell must not freeze the poll for long.
DEFAULT_TIMEOUT_MS = 500


class DBusCallFailed(Exception):
    """A D-Bus method call failed: no bus, no such service or method, or a timeout."""


class DBusCall(Protocol):
    """Calls a D-Bus method without arguments and returns its first result."""

    def __call__(self, service: str, path: str, interface: str, method: str) -> object:
        """The method's first return value (``None`` if it returns nothing).

        Raises:
            DBusCallFailed: when the call does not succeed.
        """
        ...


class QtSessionBus:
    """``DBusCall`` over the session bus with QtDBus (blocking, with a short timeout)."""

    def __init__(self, address: str | None = None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        """Uses the session bus, or the bus at ``address`` when given.

        Args:
            address: a D-Bus address such as ``unix:path=/run/user/1000/bus``.
            timeout_ms: how long one call may block.
        """
        from PySide6.QtDBus import QDBusConnection

        self._timeout_ms = timeout_ms
        self._connection_name: str | None = None
        self._closed = False
        if address is None:
            self._bus = QDBusConnection.sessionBus()
        else:
            self._connection_name = f"wellbeing-{id(self):x}"
            self._bus = QDBusConnection.connectToBus(address, self._connection_name)

    def __call__(self, service: str, path: str, interface: str, method: str) -> object:
        """Calls ``interface.method`` on ``service`` at ``path``; see ``DBusCall``."""
        from PySide6.QtDBus import QDBus, QDBusMessage

        if self._closed:
            raise DBusCallFailed("the D-Bus connection is closed")
        if not self._bus.isConnected():
            raise DBusCallFailed(f"not connected to D-Bus: {self._bus.lastError().message()}")
        message = QDBusMessage.createMethodCall(service, path, interface, method)
        reply = self._bus.call(message, QDBus.CallMode.Block, self._timeout_ms)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            error = f"{reply.errorName()} {reply.errorMessage()}"
            raise DBusCallFailed(f"{interface}.{method}: {error}")
        arguments = reply.arguments()
        return arguments[0] if arguments else None

    def close(self) -> None:
        """Disconnects a private bus connection (the shared session bus stays open)."""
        self._closed = True
        if self._connection_name is not None:
            from PySide6.QtDBus import QDBusConnection

            QDBusConnection.disconnectFromBus(self._connection_name)
            self._connection_name = None


def _unavailable(what: str, error: DBusCallFailed) -> ProbeUnavailable:
    return ProbeUnavailable(f"{what} is not available on this desktop ({error}).")


class MutterIdleProbe:
    """Idle time from GNOME's compositor, the one program that sees all input on Wayland."""

    name = "gnome-mutter"

    def __init__(self, call: DBusCall | None = None) -> None:
        """Checks that Mutter answers.

        Args:
            call: how to reach D-Bus; ``QtSessionBus()`` unless given.

        Raises:
            ProbeUnavailable: when Mutter's idle monitor does not answer (not GNOME, no bus).
        """
        self._bus: QtSessionBus | None = None
        if call is None:
            call = self._bus = QtSessionBus()
        self._call = call
        try:
            self._read()
        except DBusCallFailed as error:
            self.close()
            raise _unavailable("GNOME's idle monitor", error) from error

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or ``None`` when Mutter stops answering."""
        try:
            return self._read()
        except DBusCallFailed as error:
            logger.debug("Mutter idle monitor did not answer: %s", error)
            return None

    def close(self) -> None:
        """Releases a private bus connection, if one was opened."""
        if self._bus is not None:
            self._bus.close()

    def _read(self) -> float:
        milliseconds = self._call(MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, "GetIdletime")
        if isinstance(milliseconds, bool) or not isinstance(milliseconds, (int, float)):
            raise DBusCallFailed(f"GetIdletime returned {milliseconds!r}, not a number")
        return milliseconds / 1000.0


class FocusedWindowProbe:
    """The focused window from the "Focused Window D-Bus" GNOME Shell extension."""

    name = "gnome-focused-window"

    def __init__(
        self, call: DBusCall | None = None, *, process_names: ProcessNames | None = None
    ) -> None:
        """Checks that the extension answers.

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
        try:
            self._get()
        except DBusCallFailed as error:
            self.close()
            raise _unavailable("The 'Focused Window D-Bus' GNOME Shell extension", error) from error

    def foreground(self) -> ForegroundWindow | None:
        """The focused window, or ``None`` when none has focus or the shell does not answer."""
        try:
            reply = self._get()
        except DBusCallFailed as error:
            logger.debug("Focused Window extension did not answer: %s", error)
            return None
        return self.parse(reply)

    def close(self) -> None:
        """Releases a private bus connection, if one was opened."""
        if self._bus is not None:
            self._bus.close()

    def parse(self, reply: str) -> ForegroundWindow | None:
        """Turns the extension's JSON (``title``, ``wm_class``, ``pid``, ...) into a window.

        ``"{}"`` means no window has focus; anything unreadable is treated the same way.
        """
        try:
            details = json.loads(reply)
        except ValueError:
            logger.debug("Focused Window extension sent non-JSON: %.200r", reply)
            return None
        if not isinstance(details, dict) or not details:
            return None
        title = details.get("title")
        wm_class = details.get("wm_class")
        class_name = wm_class if isinstance(wm_class, str) else ""
        raw_pid = details.get("pid")
        pid = raw_pid if isinstance(raw_pid, int) and not isinstance(raw_pid, bool) else 0
        if pid <= 0:
            return ForegroundWindow(app=class_name, title=title if isinstance(title, str) else "")
        app = self._process_names.name(pid, hint=class_name) or class_name
        return ForegroundWindow(app=app, title=title if isinstance(title, str) else "", pid=pid)

    def _get(self) -> str:
        reply = self._call(
            FOCUSED_WINDOW_SERVICE, FOCUSED_WINDOW_PATH, FOCUSED_WINDOW_INTERFACE, "Get"
        )
        if not isinstance(reply, str):
            raise DBusCallFailed(f"Get returned {type(reply).__name__}, not a JSON string")
        return reply


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

    name = "approximate-process"

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
