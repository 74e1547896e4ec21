"""The Wayland probes: D-Bus faked by a function, plus one run against a real private bus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import psutil
import pytest

from tests.platform.dbus_session import private_bus_or_skip, read_line, stop
from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames
from wellbeing_app.platform.wayland import (
    FOCUSED_WINDOW_INTERFACE,
    FOCUSED_WINDOW_PATH,
    FOCUSED_WINDOW_SERVICE,
    MUTTER_INTERFACE,
    MUTTER_PATH,
    MUTTER_SERVICE,
    ApproximateProcessProbe,
    DBusCallFailed,
    FocusedWindowProbe,
    MutterIdleProbe,
    QtSessionBus,
    running_processes,
)

MUTTER = (MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, "GetIdletime")
FOCUSED = (FOCUSED_WINDOW_SERVICE, FOCUSED_WINDOW_PATH, FOCUSED_WINDOW_INTERFACE, "Get")

DISCORD_JSON = json.dumps(
    {
        "title": "#general | Friends - Discord",
        "wm_class": "discord",
        "wm_class_instance": "discord",
        "pid": 3141,
        "id": 2274918779,
        "focus": True,
    }
)


class FakeBus:
    """A ``DBusCall``: replies by (service, path, interface, method); missing ones fail."""

    def __init__(self, replies: dict[tuple[str, str, str, str], object] | None = None) -> None:
        self.replies = dict(replies or {})
        self.calls: list[tuple[str, str, str, str]] = []

    def __call__(self, service: str, path: str, interface: str, method: str) -> object:
        key = (service, path, interface, method)
        self.calls.append(key)
        if key not in self.replies:
            raise DBusCallFailed(f"org.freedesktop.DBus.Error.ServiceUnknown {service}")
        return self.replies[key]


class CountingLookup:
    def __init__(self, names: dict[int, str | None]) -> None:
        self.names = names
        self.calls: list[int] = []

    def __call__(self, pid: int) -> str | None:
        self.calls.append(pid)
        return self.names.get(pid)


# --- Mutter idle monitor ------------------------------------------------------------------------


def test_mutter_idle_time_is_milliseconds_from_get_idletime() -> None:
    bus = FakeBus({MUTTER: 90_500})
    clock = FakeClock()
    idle = MutterIdleProbe(bus, monotonic=clock)

    assert idle.idle_seconds() == 90.5  # the answer from the check, at once
    assert idle.answers.wait_for_reads(1)  # the poll asked the worker for a fresh one
    bus.replies[MUTTER] = 1_000
    clock.now += 2.5
    assert idle.idle_seconds() == 90.5 + 2.5  # the latest answer, plus the time since
    assert idle.answers.wait_for_reads(2)
    assert idle.idle_seconds() == 1.0
    idle.close()
    assert bus.calls == [MUTTER] * 3  # one check when built, one per poll on the worker


def test_no_mutter_is_probe_unavailable() -> None:
    with pytest.raises(ProbeUnavailable, match="idle monitor is not available"):
        MutterIdleProbe(FakeBus())


@pytest.mark.parametrize("reply", ["1500", None, True])
def test_mutter_answering_nonsense_is_probe_unavailable(reply: object) -> None:
    with pytest.raises(ProbeUnavailable):
        MutterIdleProbe(FakeBus({MUTTER: reply}))


def test_mutter_going_away_later_makes_idle_unknown() -> None:
    bus = FakeBus({MUTTER: 0})
    idle = MutterIdleProbe(bus)
    bus.replies.clear()

    idle.idle_seconds()
    assert idle.answers.wait_for_reads(1)
    assert idle.idle_seconds() is None
    idle.close()


# --- Focused Window D-Bus extension -------------------------------------------------------------


@pytest.fixture
def lookup() -> CountingLookup:
    return CountingLookup({3141: "Discord"})


OPENED: list[FocusedWindowProbe] = []


@pytest.fixture(autouse=True)
def _close_probes() -> Iterator[None]:
    """Stops the worker of every probe ``focused_probe`` built."""
    yield
    while OPENED:
        OPENED.pop().close()


def focused_probe(reply: object, lookup: CountingLookup) -> tuple[FocusedWindowProbe, FakeBus]:
    bus = FakeBus({FOCUSED: reply})
    probe = FocusedWindowProbe(bus, process_names=ProcessNames(lookup))
    OPENED.append(probe)
    return probe, bus


def test_focused_window_from_the_extension(lookup: CountingLookup) -> None:
    probe, bus = focused_probe(DISCORD_JSON, lookup)

    assert probe.foreground() == ForegroundWindow("Discord", "#general | Friends - Discord", 3141)
    assert probe.answers.wait_for_reads(1)
    assert probe.foreground() == ForegroundWindow("Discord", "#general | Friends - Discord", 3141)
    assert probe.answers.wait_for_reads(2)
    probe.close()
    assert bus.calls == [FOCUSED] * 3
    assert lookup.calls == [3141]


class HangingBus(FakeBus):
    """A shell that stops answering: calls wait until released (or five seconds)."""

    def __init__(self, replies: dict[tuple[str, str, str, str], object]) -> None:
        super().__init__(replies)
        self.hang = False
        self.hanging = threading.Event()
        self.release = threading.Event()

    def __call__(self, service: str, path: str, interface: str, method: str) -> object:
        if self.hang:
            self.hanging.set()
            if not self.release.wait(5):
                raise DBusCallFailed("org.freedesktop.DBus.Error.NoReply")
        return super().__call__(service, path, interface, method)


def test_a_hung_shell_never_holds_up_the_poll(lookup: CountingLookup) -> None:
    bus = HangingBus({FOCUSED: DISCORD_JSON, MUTTER: 1500})
    probe = FocusedWindowProbe(bus, process_names=ProcessNames(lookup))
    idle = MutterIdleProbe(bus, monotonic=FakeClock())
    bus.hang = True

    window = probe.foreground()  # asks the worker, which now hangs in the call
    assert bus.hanging.wait(5)
    # The poll goes on with the latest answers while the worker waits for the shell.
    assert (
        probe.foreground()
        == window
        == ForegroundWindow("Discord", "#general | Friends - Discord", 3141)
    )
    assert idle.idle_seconds() == 1.5
    bus.release.set()
    probe.close()
    idle.close()


@pytest.mark.parametrize(
    ("details", "fullscreen"),
    [
        ({"fullscreen": True}, True),
        ({"fullscreen": False, "width": 1920, "height": 1080}, False),
        # The published extension: a window covering GNOME's top bar is fullscreen ...
        ({"width": 1920, "height": 1080, "area": {"width": 1920, "height": 1048}}, True),
        # ... a maximized one fills only the work area.
        ({"width": 1920, "height": 1048, "area": {"width": 1920, "height": 1048}}, False),
        ({"width": 800, "height": 1080, "area": {"width": 1920, "height": 1048}}, False),
        ({"width": 1920, "height": 1080, "area": None}, False),
        ({"width": "wide", "height": 1080, "area": {"width": 1920, "height": 1048}}, False),
    ],
)
def test_fullscreen_is_read_from_the_extension(
    lookup: CountingLookup, details: dict[str, Any], fullscreen: bool
) -> None:
    reply = json.dumps({"title": "film", "wm_class": "mpv", **details})
    probe, _ = focused_probe(reply, lookup)
    window = probe.foreground()
    assert window is not None
    assert window.fullscreen is fullscreen
    probe.close()


def test_no_focused_window_is_none(lookup: CountingLookup) -> None:
    probe, _ = focused_probe("{}", lookup)
    assert probe.foreground() is None


@pytest.mark.parametrize("reply", ["not json", "[1, 2]", "null", '"text"'])
def test_unreadable_replies_are_none(lookup: CountingLookup, reply: str) -> None:
    probe, _ = focused_probe(reply, lookup)
    assert probe.foreground() is None


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        ({"title": "chat", "wm_class": "Slack", "pid": 0}, ForegroundWindow("Slack", "chat")),
        ({"title": "chat", "wm_class": "Slack"}, ForegroundWindow("Slack", "chat")),
        ({"title": "chat", "wm_class": "Slack", "pid": True}, ForegroundWindow("Slack", "chat")),
        ({"title": None, "wm_class": None, "pid": -1}, ForegroundWindow("", "")),
        ({"title": 12, "wm_class": 12}, ForegroundWindow("", "")),
        (
            {"title": "chat", "wm_class": "Slack", "pid": 999},
            ForegroundWindow("Slack", "chat", 999),
        ),
    ],
)
def test_missing_or_odd_fields_fall_back(
    lookup: CountingLookup, details: dict[str, Any], expected: ForegroundWindow
) -> None:
    probe, _ = focused_probe(json.dumps(details), lookup)
    assert probe.foreground() == expected


def test_extension_missing_is_probe_unavailable() -> None:
    with pytest.raises(ProbeUnavailable, match="Focused Window D-Bus"):
        FocusedWindowProbe(FakeBus())


def test_extension_answering_something_else_is_probe_unavailable() -> None:
    with pytest.raises(ProbeUnavailable, match="Focused Window D-Bus"):
        FocusedWindowProbe(FakeBus({FOCUSED: 42}))


def test_shell_going_away_later_is_none(lookup: CountingLookup) -> None:
    probe, bus = focused_probe(DISCORD_JSON, lookup)
    bus.replies.clear()
    probe.foreground()
    assert probe.answers.wait_for_reads(1)
    assert probe.foreground() is None
    probe.close()


# --- Approximate fallback -----------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeProcessList:
    def __init__(self, processes: Iterable[tuple[int, str]]) -> None:
        self.processes = list(processes)
        self.scans = 0

    def __call__(self) -> list[tuple[int, str]]:
        self.scans += 1
        return list(self.processes)


def test_reports_a_running_community_app_as_approximate() -> None:
    processes = FakeProcessList([(1, "systemd"), (3141, "Discord"), (3150, "Discord")])
    probe = ApproximateProcessProbe(["Discord"], clock=FakeClock(), list_processes=processes)

    assert probe.foreground() == ForegroundWindow("Discord", "", 3141, approximate=True)
    probe.close()


def test_scans_processes_at_most_every_ten_seconds() -> None:
    clock = FakeClock()
    processes = FakeProcessList([(3141, "Discord")])
    probe = ApproximateProcessProbe(["Discord"], clock=clock, list_processes=processes)

    for second in range(10):
        clock.now = 1000.0 + second
        assert probe.foreground() is not None
    assert processes.scans == 1

    processes.processes = []  # Discord quit; noticed at the next scan, not before
    clock.now = 1009.9
    assert probe.foreground() is not None
    clock.now = 1010.0
    assert probe.foreground() is None
    assert processes.scans == 2


def test_matches_names_without_case_or_exe_and_prefers_the_given_order() -> None:
    processes = FakeProcessList([(10, "Discord.exe"), (20, "slack")])

    first = ApproximateProcessProbe(["Slack", "discord"], list_processes=processes)
    second = ApproximateProcessProbe(["DISCORD.EXE", "Slack"], list_processes=processes)

    assert first.foreground() == ForegroundWindow("slack", "", 20, approximate=True)
    assert second.foreground() == ForegroundWindow("Discord", "", 10, approximate=True)


def test_nothing_running_or_nothing_wanted_is_none() -> None:
    processes = FakeProcessList([(1, "bash")])
    assert ApproximateProcessProbe(["Discord"], list_processes=processes).foreground() is None

    assert ApproximateProcessProbe([], list_processes=processes).foreground() is None
    assert processes.scans == 1  # with nothing to look for, no scan at all


def test_finds_a_real_running_process() -> None:
    me = psutil.Process()
    assert (os.getpid(), me.name()) in set(running_processes())

    window = ApproximateProcessProbe([me.name()]).foreground()

    assert window is not None
    assert window.approximate
    assert window.app == me.name()


# --- QtDBus against a real private bus ----------------------------------------------------------

FAKE_GNOME_SHELL = """
import sys
from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

@ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
class IdleMonitor(QObject):
    @Slot(result="qulonglong")
    def GetIdletime(self):
        return 2**40 + 250

@ClassInfo({"D-Bus Interface": "org.gnome.shell.extensions.FocusedWindow"})
class FocusedWindow(QObject):
    @Slot(result=str)
    def Get(self):
        return sys.argv[2]

app = QCoreApplication([])
bus = QDBusConnection.connectToBus(sys.argv[1], "fake-gnome-shell")
objects = IdleMonitor(), FocusedWindow()
slots = QDBusConnection.RegisterOption.ExportAllSlots
bus.registerObject("/org/gnome/Mutter/IdleMonitor/Core", objects[0], slots)
bus.registerObject("/org/gnome/shell/extensions/FocusedWindow", objects[1], slots)
bus.registerService("org.gnome.Mutter.IdleMonitor")
bus.registerService("org.gnome.Shell")
print("ready", flush=True)
app.exec()
"""


@pytest.fixture(scope="module")
def private_bus() -> Iterator[str]:
    """The address of a throw-away D-Bus daemon."""
    with private_bus_or_skip() as address:
        yield address


def test_qt_bus_calls_a_real_method_and_reports_failures(private_bus: str) -> None:
    bus = QtSessionBus(private_bus)
    try:
        bus_id = bus(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId"
        )
        assert isinstance(bus_id, str)
        assert len(bus_id) == 32
        with pytest.raises(DBusCallFailed, match="ServiceUnknown"):
            bus(*MUTTER)
        with pytest.raises(ProbeUnavailable):
            MutterIdleProbe(bus)
        with pytest.raises(ProbeUnavailable):
            FocusedWindowProbe(bus)
    finally:
        bus.close()
    with pytest.raises(DBusCallFailed, match="closed"):
        bus(*MUTTER)


def test_qt_bus_without_a_daemon_fails_cleanly(tmp_path: Any) -> None:
    bus = QtSessionBus(f"unix:path={tmp_path}/no-bus-here")
    with pytest.raises(DBusCallFailed, match="not connected"):
        bus(*MUTTER)
    bus.close()


def test_probes_talk_to_a_real_gnome_shell_over_qtdbus(private_bus: str) -> None:
    details = {"title": "general | Discord", "wm_class": "discord", "pid": os.getpid()}
    shell = subprocess.Popen(
        [sys.executable, "-c", FAKE_GNOME_SHELL, private_bus, json.dumps(details)],
        stdout=subprocess.PIPE,
    )
    try:
        assert read_line(shell, "the fake GNOME Shell") == "ready"
        started = time.monotonic()
        bus = QtSessionBus(private_bus)
        idle = MutterIdleProbe(bus)
        focused = FocusedWindowProbe(bus)

        # uint64 arrives whole (plus the moments since it was read)
        assert idle.idle_seconds() == pytest.approx((2**40 + 250) / 1000, abs=5)
        assert focused.foreground() == ForegroundWindow(
            psutil.Process().name(), "general | Discord", os.getpid()
        )
        assert time.monotonic() - started < 5
        idle.close()
        focused.close()
        bus.close()
    finally:
        stop(shell)


HEADLESS = """
import sys
from PySide6.QtCore import QCoreApplication
from wellbeing_app.platform.wayland import FocusedWindowProbe, MutterIdleProbe, QtSessionBus
assert QCoreApplication.instance() is None  # as in `wellbeing track`
bus = QtSessionBus(sys.argv[1])
focused, idle = FocusedWindowProbe(bus), MutterIdleProbe(bus)
focused.foreground()
idle.idle_seconds()
assert focused.answers.wait_for_reads(1) and idle.answers.wait_for_reads(1)
print(focused.foreground().title, round(idle.idle_seconds()))
focused.close(), idle.close(), bus.close()
"""


def test_the_worker_reads_without_an_application_of_the_callers_own(private_bus: str) -> None:
    details = {"title": "general | Discord", "wm_class": "discord", "pid": os.getpid()}
    shell = subprocess.Popen(
        [sys.executable, "-c", FAKE_GNOME_SHELL, private_bus, json.dumps(details)],
        stdout=subprocess.PIPE,
    )
    try:
        assert read_line(shell, "the fake GNOME Shell") == "ready"
        result = subprocess.run(
            [sys.executable, "-c", HEADLESS, private_bus],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        stop(shell)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["general", "|", "Discord"]
