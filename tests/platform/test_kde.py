"""The KDE Plasma probes against a fake KWin on a private D-Bus that runs our real KWin script.

The fake (``fake_kwin.py``) serves KWin's scripting interface as Plasma 5 or 6 does, loads the
script from the path Wellbeing gives it and runs it in Qt's JavaScript engine against a
``workspace`` with that version's names; the script's ``callDBus`` reaches the probe over the
bus as KWin's would. Real Plasma is not run here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.platform.dbus_session import private_bus_or_skip, read_line, stop
from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.dbus import DBusCallFailed, QtSessionBus
from wellbeing_app.platform.kde import (
    REPORT_INTERFACE,
    REPORT_METHOD,
    REPORT_PATH,
    REPORT_SERVICE,
    SCREENSAVER_INTERFACE,
    SCREENSAVER_PATH,
    SCREENSAVER_SERVICE,
    KWinScriptProbe,
    ScreenSaverIdleProbe,
    parse_report,
    script_object_paths,
    script_path,
)
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames

FAKE_KWIN = Path(__file__).with_name("fake_kwin.py")
CONTROL = ("org.wellbeing.test.FakeKWin", "/Control", "org.wellbeing.test.FakeKWin")
IDLE = (SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE, "GetSessionIdleTime")


# --- the script and its reports -----------------------------------------------------------------


def test_the_shipped_script_reports_to_the_names_the_probe_serves() -> None:
    source = script_path().read_text(encoding="utf-8")
    for name in (REPORT_SERVICE, REPORT_PATH, REPORT_INTERFACE, REPORT_METHOD):
        assert f'"{name}"' in source


def test_the_shipped_script_is_valid_javascript() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; the fake KWin below still runs the script")
    subprocess.run([node, "--check", str(script_path())], check=True, timeout=30)


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        (
            {
                "resourceClass": "discord",
                "caption": "#general | Discord",
                "pid": 31,
                "fullScreen": False,
            },
            ForegroundWindow("discord", "#general | Discord", 31),
        ),
        # A Flatpak's app id names the app, whatever its process is called.
        (
            {"resourceClass": "com.slack.Slack", "caption": "Slack", "pid": 40, "fullScreen": True},
            ForegroundWindow("com.slack.Slack", "Slack", 40, fullscreen=True),
        ),
        (
            {"resourceClass": "", "desktopFileName": "org.telegram.desktop", "caption": "T"},
            ForegroundWindow("org.telegram.desktop", "T"),
        ),
        # Without any app id, the pid's executable.
        ({"resourceClass": "", "caption": "x", "pid": 7}, ForegroundWindow("Discord", "x", 7)),
        ({"caption": 5, "pid": "7", "fullScreen": "yes"}, ForegroundWindow("", "")),
        ({"resourceClass": "a", "pid": 12.0}, ForegroundWindow("a", "", 12)),
    ],
)
def test_reports_become_windows(details: dict[str, Any], expected: ForegroundWindow) -> None:
    names = ProcessNames(lambda pid: "Discord" if pid == 7 else None)
    assert parse_report(json.dumps(details), names) == expected


@pytest.mark.parametrize("details", ["{}", "[]", "null", "not json", '"text"'])
def test_no_window_or_nonsense_is_none(details: str) -> None:
    assert parse_report(details) is None


def test_the_script_object_path_follows_the_plasma_version() -> None:
    assert script_object_paths(3, 6) == ["/Scripting/Script3", "/3"]
    assert script_object_paths(3, None) == ["/Scripting/Script3", "/3"]
    assert script_object_paths(3, 5) == ["/3", "/Scripting/Script3"]


# --- against the fake KWin ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def private_bus() -> Iterator[str]:
    with private_bus_or_skip() as address:
        yield address


class FakeKWin:
    def __init__(self, address: str, version: int, *extra: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(FAKE_KWIN), address, str(version), *extra],
            stdout=subprocess.PIPE,
        )
        assert read_line(self.process, "the fake KWin") == "ready"
        self.control = QtSessionBus(address, timeout_ms=5000)

    def __call__(self, method: str, *args: object) -> object:
        return self.control(*CONTROL, method, *args)

    def activate(self, **details: object) -> None:
        self("Activate", json.dumps(details))

    def log(self) -> list[list[str]]:
        reply = self("Log")
        assert isinstance(reply, str)
        return json.loads(reply)

    def stop(self) -> None:
        self.control.close()
        stop(self.process)


@pytest.fixture(params=[5, 6], ids=["plasma5", "plasma6"])
def kwin(request: pytest.FixtureRequest, private_bus: str) -> Iterator[FakeKWin]:
    fake = FakeKWin(private_bus, request.param, "--with-window")
    yield fake
    fake.stop()


def test_the_script_reports_the_active_window_on_each_change(
    kwin: FakeKWin, private_bus: str
) -> None:
    probe = KWinScriptProbe(QtSessionBus(private_bus, timeout_ms=5000))
    try:
        # Run at load: the window active already.
        assert probe.wait_for_reports(1)
        assert probe.foreground() == ForegroundWindow("org.kde.konsole", "~ : bash", 77)

        kwin.activate(resourceClass="discord", caption="#general | Friends - Discord", pid=31)
        assert probe.wait_for_reports(2)
        assert probe.foreground() == ForegroundWindow("discord", "#general | Friends - Discord", 31)

        kwin("SetCaption", "#random | Friends - Discord")
        assert probe.wait_for_reports(3)
        assert probe.foreground() == ForegroundWindow("discord", "#random | Friends - Discord", 31)

        # A second window with the same caption: KWin shows "… <2>"; the app's own caption
        # is reported, so the browser or app suffix still matches.
        kwin.activate(
            resourceClass="discord", caption="#random | Friends - Discord", duplicate=2, pid=32
        )
        assert probe.wait_for_reports(4)
        assert probe.foreground() == ForegroundWindow("discord", "#random | Friends - Discord", 32)

        kwin("SetFullScreen", True)
        assert probe.wait_for_reports(5)
        window = probe.foreground()
        assert window is not None and window.fullscreen

        kwin("Deactivate")  # the desktop, or the lock screen
        assert probe.wait_for_reports(6)
        assert probe.foreground() is None
    finally:
        probe.close()
    log = kwin.log()
    assert ["error"] not in [entry[:1] for entry in log]
    assert [entry[0] for entry in log] == ["load", "run", "unload"]
    assert log[0][1] == str(script_path())  # KWin loads the shipped file from its path


def test_a_script_left_loaded_by_a_crash_is_replaced(kwin: FakeKWin, private_bus: str) -> None:
    first = KWinScriptProbe(QtSessionBus(private_bus, timeout_ms=5000))
    first._loaded = False  # as if the process had died without unloading it
    first.close()
    second = KWinScriptProbe(QtSessionBus(private_bus, timeout_ms=5000))
    try:
        assert second.wait_for_reports(1)
        assert second.foreground() == ForegroundWindow("org.kde.konsole", "~ : bash", 77)
    finally:
        second.close()
    assert [entry[0] for entry in kwin.log()] == ["load", "run", "unload", "load", "run", "unload"]


def test_a_second_tracker_on_the_same_desktop_is_refused(kwin: FakeKWin, private_bus: str) -> None:
    probe = KWinScriptProbe(QtSessionBus(private_bus, timeout_ms=5000))
    try:
        with pytest.raises(ProbeUnavailable, match="Another Wellbeing tracker"):
            KWinScriptProbe(QtSessionBus(private_bus, timeout_ms=5000))
    finally:
        probe.close()


def test_without_kwin_the_probe_is_unavailable_and_leaves_nothing_behind(
    private_bus: str,
) -> None:
    with pytest.raises(ProbeUnavailable, match="KWin's scripting is not available"):
        KWinScriptProbe(QtSessionBus(private_bus, timeout_ms=2000))
    # The report name was given back: a probe built later can take it.
    bus = QtSessionBus(private_bus)
    try:
        owner = bus(
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameHasOwner",
            REPORT_SERVICE,
        )
        assert owner is False
    finally:
        bus.close()


def test_a_script_that_never_reports_is_unavailable_and_unloaded(
    kwin: FakeKWin, private_bus: str, tmp_path: Path
) -> None:
    # The fake runs what it is given: a script with a syntax error reports nothing.
    broken = tmp_path / "broken.js"
    broken.write_text("function (", encoding="utf-8")
    with pytest.raises(ProbeUnavailable, match="did not report back"):
        KWinScriptProbe(
            QtSessionBus(private_bus, timeout_ms=5000), script=broken, first_report_seconds=0.5
        )
    log = kwin.log()
    assert "error" in [entry[0] for entry in log]
    assert log[-1] == ["unload", "wellbeing-active-window"]


def test_idle_time_from_the_screen_saver_service(kwin: FakeKWin, private_bus: str) -> None:
    bus = QtSessionBus(private_bus, timeout_ms=5000)
    idle = ScreenSaverIdleProbe(bus, monotonic=lambda: 100.0)
    try:
        assert idle.idle_seconds() == 4.2
    finally:
        idle.close()
        bus.close()


def test_no_screen_saver_service_is_unavailable() -> None:
    def nobody(*args: object) -> object:
        raise DBusCallFailed("org.freedesktop.DBus.Error.ServiceUnknown")

    with pytest.raises(ProbeUnavailable, match="idle time is not available"):
        ScreenSaverIdleProbe(nobody)
    with pytest.raises(ProbeUnavailable):
        ScreenSaverIdleProbe(lambda *args: "4200")
    assert IDLE[3] == "GetSessionIdleTime"


HEADLESS = """
import sys
from PySide6.QtCore import QCoreApplication
from wellbeing_app.platform.dbus import QtSessionBus
from wellbeing_app.platform.kde import KWinScriptProbe
assert QCoreApplication.instance() is None  # as in `wellbeing track`
probe = KWinScriptProbe(QtSessionBus(sys.argv[1], timeout_ms=5000))
assert probe.wait_for_reports(1), "no report"
print(probe.foreground())
probe.close()
"""


def test_reports_arrive_without_an_application_of_the_callers_own(
    kwin: FakeKWin, private_bus: str
) -> None:
    # The headless tracker runs no Qt event loop; the probe's own thread receives the reports.
    result = subprocess.run(
        [sys.executable, "-c", HEADLESS, private_bus],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "org.kde.konsole" in result.stdout
    assert [entry[0] for entry in kwin.log()] == ["load", "run", "unload"]


def test_inside_a_flatpak_kwin_gets_a_copy_it_can_read(tmp_path: Path) -> None:
    info = tmp_path / "flatpak-info"
    outside = script_path(flatpak_info=info, environ={})
    info.write_text("[Application]\nname=org.wellbeing.Wellbeing\n")
    data_home = tmp_path / "var-app-data"
    inside = script_path(flatpak_info=info, environ={"XDG_DATA_HOME": str(data_home)})
    assert inside.is_relative_to(data_home)  # not under /app, which the host cannot see
    assert inside.read_bytes() == outside.read_bytes()
