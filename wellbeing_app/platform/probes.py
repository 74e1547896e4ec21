"""Choosing the foreground and idle probes for this computer, and what every backend shares.

``create_probes`` looks at the operating system and the desktop session and imports only the
backend modules that fit (``x11``, ``windows``, ``macos``, ``wayland`` for GNOME, ``kde``,
``wlroots``), so no one pays for python-xlib, ctypes.windll, pyobjc or QtDBus they do not use.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Collection, Hashable, Mapping

import psutil

from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.probes import ForegroundProbe, IdleProbe
from wellbeing_app.platform.sessions import DesktopSession, desktop_session

logger = logging.getLogger(__name__)


class ProbeUnavailable(WellbeingError):
    """No probe can work here; ``str(error)`` is one sentence to show the person."""


class NullIdleProbe:
    """Stands in when the OS cannot report idle time, so focus tracking still works."""

    name = "none"

    def idle_seconds(self) -> float | None:
        """Always ``None``: idle time is unknown."""
        return None

    def close(self) -> None:
        """Nothing to release."""


def strip_exe(name: str) -> str:
    """``Discord.exe`` -> ``Discord``; other names are returned unchanged."""
    return name[:-4] if name.lower().endswith(".exe") else name


def executable_name(pid: int) -> str | None:
    """The base name of a process's executable without ``.exe``, or ``None`` if unreadable."""
    try:
        process = psutil.Process(pid)
        name = process.name()
        if not name:
            name = os.path.basename(process.exe())
    except (psutil.Error, OSError):
        return None
    return strip_exe(name) or None


class ProcessNames:
    """Executable names by process id, looked up once per process.

    Backends call this every poll, so a name is read from the OS only the first time a pid is
    seen. Process ids are reused after a process exits, so callers pass a cheap ``hint`` that
    tells two processes with the same pid apart (the X11 window class, the Windows thread id).
    """

    def __init__(
        self, lookup: Callable[[int], str | None] = executable_name, *, capacity: int = 256
    ) -> None:
        self._lookup = lookup
        self._capacity = capacity
        self._names: dict[tuple[int, Hashable], str | None] = {}

    def name(self, pid: int, hint: Hashable = None) -> str | None:
        """The executable name for ``pid``, or ``None`` when the OS will not say."""
        key = (pid, hint)
        if key in self._names:
            return self._names[key]
        name = self._lookup(pid)
        if len(self._names) >= self._capacity:
            # Dicts keep insertion order: forget the oldest process first.
            del self._names[next(iter(self._names))]
        self._names[key] = name
        return name


def create_probes(
    community_process_names: Collection[str],
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    idle_after_seconds: float = 300.0,
    bus_names: Callable[[], Collection[str]] | None = None,
) -> tuple[ForegroundProbe, IdleProbe]:
    """The foreground and idle probes that work on this computer, chosen by what the session
    offers (see ``sessions.desktop_session``).

    Args:
        community_process_names: process names of community apps, in order of preference; only
            used by the Wayland fallback that cannot see focus.
        platform: ``sys.platform`` unless given (tests pass another one).
        environ: ``os.environ`` unless given; read for the desktop session.
        idle_after_seconds: the person's idle threshold, for idle sources that only say when
            that much time without input has passed.
        bus_names: the names on the session bus, asked only on a Wayland desktop the
            environment does not name (tests pass a fake).

    Raises:
        ProbeUnavailable: when no backend can see the foreground window here; the message names
            the desktop and what would work there.
    """
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        return _windows_probes()
    if platform == "darwin":
        return _macos_probes()
    session = desktop_session(environ, platform)
    if session.display == "x11":
        return _x11_probes(environ["DISPLAY"])
    if session.display != "wayland":
        raise ProbeUnavailable(
            "Wellbeing found no graphical desktop session (neither X11 nor Wayland), "
            "so it cannot see which app you are using."
        )
    if not session.family:
        session = desktop_session(environ, platform, (bus_names or session_bus_names)())
    if session.family == "wlroots":
        from wellbeing_app.platform.wlroots import wlroots_probes

        return wlroots_probes(environ, idle_after_seconds=idle_after_seconds)
    if session.family == "kde":
        return _kde_probes(community_process_names, environ, idle_after_seconds)
    if session.family == "gnome":
        return _wayland_probes(community_process_names)
    return _other_wayland_probes(community_process_names, environ, idle_after_seconds, session)


def session_bus_names() -> Collection[str]:
    """The names on the session bus now (``org.kde.KWin``, ``org.gnome.Shell``, ...); none
    when the bus cannot be asked."""
    from wellbeing_app.platform.dbus import DBusCallFailed, QtSessionBus

    bus = QtSessionBus()
    try:
        names = bus(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames"
        )
    except DBusCallFailed as error:
        logger.info("Could not list the session bus's names: %s", error)
        return ()
    finally:
        bus.close()
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else ()


def _windows_probes() -> tuple[ForegroundProbe, IdleProbe]:
    from wellbeing_app.platform import windows

    return windows.WindowsForegroundProbe(), windows.WindowsIdleProbe()


def _macos_probes() -> tuple[ForegroundProbe, IdleProbe]:
    from wellbeing_app.platform import macos

    return macos.MacForegroundProbe(), macos.MacIdleProbe()


def _x11_probes(display_name: str) -> tuple[ForegroundProbe, IdleProbe]:
    from wellbeing_app.platform import x11

    foreground = x11.X11ForegroundProbe(display_name)
    idle: IdleProbe
    try:
        idle = x11.X11IdleProbe(display_name)
    except ProbeUnavailable as error:
        logger.warning("Idle time is unknown, every focused minute counts: %s", error)
        idle = NullIdleProbe()
    return foreground, idle


def _wayland_probes(community_process_names: Collection[str]) -> tuple[ForegroundProbe, IdleProbe]:
    """GNOME on Wayland: the Focused Window extension, or approximate without it."""
    from wellbeing_app.platform import wayland

    idle: IdleProbe
    try:
        idle = wayland.MutterIdleProbe()
    except ProbeUnavailable as error:
        logger.info("No Mutter idle monitor: %s", error)
        idle = NullIdleProbe()
    foreground: ForegroundProbe
    try:
        foreground = wayland.FocusedWindowProbe()
    except ProbeUnavailable as error:
        if isinstance(idle, NullIdleProbe):
            # Without focus *and* idle time, a chat app left running all day would count as
            # a day of use; a wrong number is worse than an honest "cannot track here".
            raise ProbeUnavailable(
                "On GNOME (Wayland) Wellbeing can see neither the app in front nor whether "
                "you are active; install the 'Focused Window D-Bus' GNOME Shell extension or "
                "log in to a 'GNOME on Xorg' session."
            ) from error
        logger.warning("Focused Window D-Bus extension missing, usage is approximate: %s", error)
        foreground = wayland.ApproximateProcessProbe(community_process_names)
    return foreground, idle


def _kde_probes(
    community_process_names: Collection[str], environ: Mapping[str, str], idle_after: float
) -> tuple[ForegroundProbe, IdleProbe]:
    """KDE Plasma on Wayland: Wellbeing's KWin script, or approximate when KWin refuses it."""
    from wellbeing_app.platform import kde

    idle = _kde_idle(environ, idle_after)
    version = environ.get("KDE_SESSION_VERSION", "")
    foreground: ForegroundProbe
    try:
        foreground = kde.KWinScriptProbe(plasma_version=int(version) if version.isdigit() else None)
    except ProbeUnavailable as error:
        if isinstance(idle, NullIdleProbe):
            idle.close()
            raise ProbeUnavailable(
                "On KDE Plasma (Wayland) Wellbeing could not load its KWin script and cannot "
                f"tell whether you are active ({str(error).rstrip('.')}); log in to a "
                "'Plasma (X11)' session to track there."
            ) from error
        logger.warning("KWin script unavailable, usage is approximate: %s", error)
        from wellbeing_app.platform.wayland import ApproximateProcessProbe

        foreground = ApproximateProcessProbe(community_process_names)
    return foreground, idle


def _kde_idle(environ: Mapping[str, str], idle_after: float) -> IdleProbe:
    """KWin's Wayland idle notifications first (exact at the threshold), else Plasma's
    ``org.freedesktop.ScreenSaver`` idle time, else unknown."""
    from wellbeing_app.platform.wlr_wire import socket_path

    path = socket_path(environ)
    if path is not None:
        from wellbeing_app.platform.wlr_idle import WaylandIdleProbe

        try:
            return WaylandIdleProbe(path, idle_after_seconds=idle_after)
        except ProbeUnavailable as error:
            logger.info("No Wayland idle notifications from KWin: %s", error)
    return _screensaver_idle()


def _screensaver_idle() -> IdleProbe:
    from wellbeing_app.platform import kde

    try:
        return kde.ScreenSaverIdleProbe()
    except ProbeUnavailable as error:
        logger.warning("Idle time is unknown: %s", error)
        return NullIdleProbe()


def _other_wayland_probes(
    community_process_names: Collection[str],
    environ: Mapping[str, str],
    idle_after: float,
    session: DesktopSession,
) -> tuple[ForegroundProbe, IdleProbe]:
    """A Wayland desktop Wellbeing does not know by name: the wlroots protocols if the
    compositor offers them, else approximate if it at least says when you are away."""
    from wellbeing_app.platform import wlroots

    try:
        return wlroots.wlroots_probes(environ, idle_after_seconds=idle_after)
    except ProbeUnavailable as error:
        logger.info("No wlroots protocols on %s: %s", session.named, error)
    idle = wlroots.idle_probe(environ, idle_after_seconds=idle_after)
    if isinstance(idle, NullIdleProbe):
        idle = _screensaver_idle()
    if isinstance(idle, NullIdleProbe):
        raise ProbeUnavailable(
            f"On {session.named} Wellbeing can see neither the app in front nor whether you "
            "are active; it tracks on X11 sessions, on GNOME, KDE Plasma, sway, Hyprland and "
            "other wlroots compositors."
        )
    from wellbeing_app.platform.wayland import ApproximateProcessProbe

    logger.warning("No focus on %s, usage is approximate", session.named)
    return ApproximateProcessProbe(community_process_names), idle
