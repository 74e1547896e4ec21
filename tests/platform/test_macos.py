"""The macOS probes with AppKit and Quartz faked, so they run without pyobjc."""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.macos import MacForegroundProbe, MacIdleProbe
from wellbeing_app.platform.probes import ProbeUnavailable

ON_SCREEN_ONLY, EXCLUDE_DESKTOP, NULL_WINDOW = 1, 16, 0
HID_STATE, ANY_INPUT = 1, 0xFFFFFFFF


@dataclass
class FakeURL:
    last: str | None

    def lastPathComponent(self) -> str | None:
        return self.last


@dataclass
class FakeRunningApp:
    pid: int
    localized: str | None = None
    executable: str | None = None

    def processIdentifier(self) -> int:
        return self.pid

    def localizedName(self) -> str | None:
        return self.localized

    def executableURL(self) -> FakeURL | None:
        return FakeURL(self.executable) if self.executable is not None else None


@dataclass
class FakeQuartz:
    """The Quartz names the probes use; windows are plain dicts as pyobjc's NSDictionary."""

    windows: list[dict[str, Any]] | None = field(default_factory=list)
    idle: float = 0.0
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    kCGWindowListOptionOnScreenOnly: int = ON_SCREEN_ONLY
    kCGWindowListExcludeDesktopElements: int = EXCLUDE_DESKTOP
    kCGNullWindowID: int = NULL_WINDOW
    kCGWindowOwnerPID: str = "kCGWindowOwnerPID"
    kCGWindowLayer: str = "kCGWindowLayer"
    kCGWindowName: str = "kCGWindowName"
    kCGEventSourceStateHIDSystemState: int = HID_STATE
    kCGAnyInputEventType: int = ANY_INPUT

    def CGWindowListCopyWindowInfo(self, options: int, relative_to: int) -> Any:
        self.calls.append(("CGWindowListCopyWindowInfo", options, relative_to))
        return self.windows

    def CGEventSourceSecondsSinceLastEventType(self, state: int, event_type: int) -> float:
        self.calls.append(("CGEventSourceSecondsSinceLastEventType", state, event_type))
        return self.idle


def window(pid: int, name: str | None, layer: int = 0) -> dict[str, Any]:
    info: dict[str, Any] = {"kCGWindowOwnerPID": pid, "kCGWindowLayer": layer}
    if name is not None:  # absent without the Screen Recording permission
        info["kCGWindowName"] = name
    return info


class FakeAppKit:
    def __init__(self) -> None:
        self.front: FakeRunningApp | None = FakeRunningApp(42, "Discord", "Discord")
        workspace = SimpleNamespace(frontmostApplication=lambda: self.front)
        self.NSWorkspace = SimpleNamespace(sharedWorkspace=lambda: workspace)


@pytest.fixture
def appkit() -> FakeAppKit:
    return FakeAppKit()


@pytest.fixture
def quartz() -> FakeQuartz:
    return FakeQuartz()


@pytest.fixture
def probe(appkit: FakeAppKit, quartz: FakeQuartz) -> MacForegroundProbe:
    return MacForegroundProbe(appkit=appkit, quartz=quartz)


def test_reports_frontmost_app_and_its_first_normal_window_title(
    probe: MacForegroundProbe, quartz: FakeQuartz
) -> None:
    quartz.windows = [
        window(42, "Item-0", layer=25),  # Discord's menu bar extra, not a document window
        window(7, "Inbox - Mail"),
        window(42, "#general | Friends"),
        window(42, "Settings"),
    ]

    assert probe.foreground() == ForegroundWindow("Discord", "#general | Friends", 42)
    assert quartz.calls == [
        ("CGWindowListCopyWindowInfo", ON_SCREEN_ONLY | EXCLUDE_DESKTOP, NULL_WINDOW)
    ]


def test_title_is_empty_without_screen_recording_permission(
    probe: MacForegroundProbe, quartz: FakeQuartz
) -> None:
    quartz.windows = [window(42, None)]
    assert probe.foreground() == ForegroundWindow("Discord", "", 42)


@pytest.mark.parametrize("windows", [[], [window(7, "Inbox - Mail")], None])
def test_title_is_empty_when_the_app_shows_no_window(
    probe: MacForegroundProbe, quartz: FakeQuartz, windows: list[dict[str, Any]] | None
) -> None:
    quartz.windows = windows
    assert probe.foreground() == ForegroundWindow("Discord", "", 42)


def test_app_is_the_executable_name_not_the_localized_one(
    probe: MacForegroundProbe, appkit: FakeAppKit
) -> None:
    appkit.front = FakeRunningApp(50, localized="Aperçu", executable="Preview")
    assert probe.foreground() == ForegroundWindow("Preview", "", 50)


@pytest.mark.parametrize(("localized", "expected"), [("Telegram", "Telegram"), (None, "")])
def test_app_falls_back_to_the_localized_name(
    probe: MacForegroundProbe, appkit: FakeAppKit, localized: str | None, expected: str
) -> None:
    appkit.front = FakeRunningApp(51, localized=localized, executable=None)
    assert probe.foreground() == ForegroundWindow(expected, "", 51)


@pytest.mark.parametrize("front", [None, FakeRunningApp(-1, "Gone", "Gone")])
def test_no_frontmost_app_is_none(
    probe: MacForegroundProbe, appkit: FakeAppKit, front: FakeRunningApp | None
) -> None:
    appkit.front = front
    assert probe.foreground() is None
    probe.close()


def test_idle_seconds_come_from_the_hid_event_source(quartz: FakeQuartz) -> None:
    quartz.idle = 12.5
    idle = MacIdleProbe(quartz=quartz)

    assert idle.idle_seconds() == 12.5
    assert quartz.calls == [("CGEventSourceSecondsSinceLastEventType", HID_STATE, ANY_INPUT)]
    idle.close()


@pytest.mark.parametrize("nonsense", [-1.0, math.nan, math.inf])
def test_nonsense_idle_time_is_unknown(quartz: FakeQuartz, nonsense: float) -> None:
    quartz.idle = nonsense
    assert MacIdleProbe(quartz=quartz).idle_seconds() is None


@pytest.mark.parametrize("missing", ["AppKit", "Quartz"])
def test_without_pyobjc_the_probes_are_unavailable(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, "AppKit", FakeAppKit())
    monkeypatch.setitem(sys.modules, "Quartz", FakeQuartz())
    monkeypatch.setitem(sys.modules, missing, None)  # makes `import missing` fail

    with pytest.raises(ProbeUnavailable, match="pyobjc"):
        MacForegroundProbe()
    if missing == "Quartz":
        with pytest.raises(ProbeUnavailable, match="pyobjc"):
            MacIdleProbe()
    else:
        assert MacIdleProbe().idle_seconds() == 0.0


def test_pyobjc_is_imported_only_when_a_probe_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    appkit, quartz = FakeAppKit(), FakeQuartz(windows=[window(42, "general")])
    monkeypatch.setitem(sys.modules, "AppKit", appkit)
    monkeypatch.setitem(sys.modules, "Quartz", quartz)

    assert MacForegroundProbe().foreground() == ForegroundWindow("Discord", "general", 42)
