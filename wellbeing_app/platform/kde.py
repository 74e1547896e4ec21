"""Foreground window and idle time on KDE Plasma 5 and 6 (Wayland).

KWin shows no other app's windows to a Wayland client, but it runs scripts. Wellbeing loads
its own (``resources/kwin/wellbeing-active-window.js``) over D-Bus; the script calls back
``Report`` on Wellbeing's D-Bus object with the active window as JSON whenever it changes, and
``foreground()`` hands the poll the last report. Nothing is asked of KWin per poll.

The object that receives the reports lives on a worker ``QThread`` with its own event loop, so
reports arrive whether or not the caller runs one (``wellbeing track`` does not).

Idle time comes from ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (milliseconds), which
Plasma's screen locker serves; ``platform.probes`` prefers the Wayland idle protocols where
the compositor offers them.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.dbus import (
    DBusCall,
    DBusCallFailed,
    DBusIdleProbe,
    QtSessionBus,
    ensure_qt_core_application,
)
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames

logger = logging.getLogger(__name__)

KWIN_SERVICE = "org.kde.KWin"
SCRIPTING_PATH = "/Scripting"
SCRIPTING_INTERFACE = "org.kde.kwin.Scripting"
SCRIPT_INTERFACE = "org.kde.kwin.Script"
SCRIPT_NAME = "wellbeing-active-window"

# Where the script reports; the same names are written in the script.
REPORT_SERVICE = "org.wellbeing.Tracker"
REPORT_PATH = "/org/wellbeing/Tracker/ActiveWindow"
REPORT_INTERFACE = "org.wellbeing.Tracker.ActiveWindow"
REPORT_METHOD = "Report"

# Report threads that did not stop in time, kept so they are never destroyed while running.
_STUCK: list[Any] = []

SCREENSAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATH = "/ScreenSaver"
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"


def script_path(
    *, flatpak_info: Path = Path("/.flatpak-info"), environ: Mapping[str, str] | None = None
) -> Path:
    """The KWin script as KWin can read it: the shipped file, or inside a Flatpak (whose
    ``/app`` the host's KWin cannot see) a copy in the app's data folder, which has the same
    path inside the sandbox and on the host (``~/.var/app/<id>/data``)."""
    from wellbeing_app.resources import resource_path

    shipped = resource_path("kwin", f"{SCRIPT_NAME}.js")
    if not flatpak_info.exists():
        return shipped
    environ = os.environ if environ is None else environ
    data_home = Path(environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    copy = data_home / "kwin-script" / shipped.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(shipped.read_bytes())
    return copy


def script_object_paths(number: int, plasma_version: int | None) -> list[str]:
    """Where KWin puts a loaded script's object: ``/Scripting/Script<N>`` since Plasma 6,
    ``/<N>`` before. The session's own version is tried first, the other after."""
    paths = [f"{SCRIPTING_PATH}/Script{number}", f"/{number}"]
    return paths[::-1] if plasma_version == 5 else paths


def parse_report(
    details: str, process_names: ProcessNames | None = None
) -> ForegroundWindow | None:
    """The script's JSON as a window; ``None`` for no active window or anything unreadable.

    On Wayland the app is named by its app id (``resourceClass``, else its desktop file name):
    the process may be a wrapper, a terminal or a Flatpak sandbox. The pid is kept as a hint,
    and its executable names the app only when KWin gives neither.
    """
    try:
        found = json.loads(details)
    except ValueError:
        logger.debug("the KWin script sent non-JSON (%d characters)", len(details))
        return None
    if not isinstance(found, dict) or not found:
        return None

    def text(key: str) -> str:
        value = found.get(key)
        return value if isinstance(value, str) else ""

    raw_pid = found.get("pid")
    pid = int(raw_pid) if isinstance(raw_pid, (int, float)) and not isinstance(raw_pid, bool) else 0
    app = text("resourceClass") or text("desktopFileName")
    if not app and pid > 0 and process_names is not None:
        app = process_names.name(pid) or ""
    return ForegroundWindow(
        app=app,
        title=text("caption"),
        pid=pid if pid > 0 else None,
        fullscreen=found.get("fullScreen") is True,
    )


def _receiver_class() -> type[Any]:
    """The QObject class KWin's script calls, made on first use so Qt loads only here."""
    from PySide6.QtCore import ClassInfo, QObject, Slot

    # The stubs declare ClassInfo keyword-only, but "D-Bus Interface" is no Python identifier.
    @ClassInfo({"D-Bus Interface": REPORT_INTERFACE})  # type: ignore[call-arg]
    class ActiveWindowReceiver(QObject):  # type: ignore[operator]
        def __init__(self, on_report: Callable[[str], None]) -> None:
            super().__init__()
            self._on_report = on_report

        @Slot(str)
        def Report(self, details: str) -> None:  # the D-Bus method's name
            self._on_report(details)

    return ActiveWindowReceiver


class KWinScriptProbe:
    """The active window as KWin's script reports it."""

    name = "KWin script"

    def __init__(
        self,
        bus: QtSessionBus | None = None,
        *,
        script: Path | None = None,
        plasma_version: int | None = None,
        process_names: ProcessNames | None = None,
        first_report_seconds: float = 3.0,
    ) -> None:
        """Registers the object the script calls, then loads and starts the script in KWin.

        Args:
            bus: the session bus (a private one in tests).
            script: the script file; the shipped one unless given.
            plasma_version: ``KDE_SESSION_VERSION``, to try the right script path first.
            process_names: the pid -> executable name cache.
            first_report_seconds: how long to wait for the script's first report, which it
                sends as soon as it runs (``{}`` when no window is active).

        Raises:
            ProbeUnavailable: when KWin cannot be reached or refuses the script, or another
                Wellbeing tracker already receives its reports.
        """
        from PySide6.QtCore import QThread
        from PySide6.QtDBus import QDBusConnection

        # Kept: the headless tracker has no application of its own to keep this one alive.
        self._application = ensure_qt_core_application()
        self._bus = bus if bus is not None else QtSessionBus()
        self._call: DBusCall = self._bus
        self._process_names = process_names if process_names is not None else ProcessNames()
        self._lock = threading.Condition()
        self._window: ForegroundWindow | None = None
        self.reports = 0
        self._loaded = False
        self._registered = False
        self._thread = QThread()
        self._thread.setObjectName("wellbeing-kwin-reports")
        self._receiver = _receiver_class()(self._on_report)
        self._receiver.moveToThread(self._thread)
        # Qt's pattern for a worker object: deleted in its own thread as that thread ends.
        self._thread.finished.connect(self._receiver.deleteLater)
        self._thread.start()
        connection = self._bus.connection
        try:
            if not connection.registerObject(
                REPORT_PATH, self._receiver, QDBusConnection.RegisterOption.ExportAllSlots
            ):
                raise ProbeUnavailable(
                    "Wellbeing could not offer KWin's script a place to report "
                    f"({connection.lastError().message() or 'not connected to D-Bus'})."
                )
            self._registered = True
            if not connection.registerService(REPORT_SERVICE):
                raise ProbeUnavailable(
                    "Another Wellbeing tracker already receives KWin's reports on this desktop."
                )
            self._load(script or script_path(), plasma_version)
            if not self.wait_for_reports(1, first_report_seconds):
                raise ProbeUnavailable(
                    "KWin ran Wellbeing's window script, but the script did not report back."
                )
        except BaseException:
            self.close()
            raise

    def _load(self, script: Path, plasma_version: int | None) -> None:
        try:
            if self._call(
                KWIN_SERVICE, SCRIPTING_PATH, SCRIPTING_INTERFACE, "isScriptLoaded", SCRIPT_NAME
            ):
                # Left behind by a Wellbeing that did not stop cleanly: start afresh.
                self._call(
                    KWIN_SERVICE, SCRIPTING_PATH, SCRIPTING_INTERFACE, "unloadScript", SCRIPT_NAME
                )
            number = self._call(
                KWIN_SERVICE,
                SCRIPTING_PATH,
                SCRIPTING_INTERFACE,
                "loadScript",
                str(script),
                SCRIPT_NAME,
            )
        except DBusCallFailed as error:
            raise ProbeUnavailable(f"KWin's scripting is not available here ({error}).") from error
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise ProbeUnavailable(f"KWin refused Wellbeing's window script ({number!r}).")
        self._loaded = True
        errors = []
        for path in script_object_paths(number, plasma_version):
            try:
                self._call(KWIN_SERVICE, path, SCRIPT_INTERFACE, "run")
                return
            except DBusCallFailed as error:
                errors.append(str(error))
        raise ProbeUnavailable(
            f"KWin loaded Wellbeing's window script but did not run it ({errors[-1]})."
        )

    def _on_report(self, details: str) -> None:
        window = parse_report(details, self._process_names)
        with self._lock:
            self._window = window
            self.reports += 1
            self._lock.notify_all()

    def foreground(self) -> ForegroundWindow | None:
        """The active window KWin reported last (``None`` before the first report)."""
        with self._lock:
            return self._window

    def wait_for_reports(self, count: int, timeout: float = 5.0) -> bool:
        """Waits until ``count`` reports have come in all (for tests); False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: self.reports >= count, timeout)

    def close(self) -> None:
        """Unloads the script from KWin, stops receiving and releases the bus."""
        if self._loaded:
            self._loaded = False
            try:
                self._call(
                    KWIN_SERVICE, SCRIPTING_PATH, SCRIPTING_INTERFACE, "unloadScript", SCRIPT_NAME
                )
            except DBusCallFailed as error:
                logger.info("KWin did not unload Wellbeing's window script: %s", error)
        connection = self._bus.connection
        if self._registered:
            self._registered = False
            connection.unregisterService(REPORT_SERVICE)
            connection.unregisterObject(REPORT_PATH)
        if self._thread.isRunning():
            self._thread.quit()
            if not self._thread.wait(5000):
                # A QThread destroyed while it runs aborts the process: keep it instead.
                logger.warning("the KWin report thread did not stop; leaving it be")
                _STUCK.append(self._thread)
        self._bus.close()


class ScreenSaverIdleProbe(DBusIdleProbe):
    """Idle time from ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (Plasma serves it;
    GNOME does not)."""

    name = "KDE idle time"
    what = "The screen saver's idle time"
    service, path, interface = SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE
    method = "GetSessionIdleTime"
