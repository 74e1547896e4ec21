"""The Windows probes with user32/kernel32 faked, so they run on any OS."""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform import windows
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames
from wellbeing_app.platform.windows import (
    LASTINPUTINFO,
    WindowsForegroundProbe,
    WindowsIdleProbe,
    load_kernel32,
    load_user32,
)

DISCORD = 0x10_0A2C
DISCORD_PID = 4120
DISCORD_THREAD = 7711


class FakeUser32:
    """user32.dll as the probes see it: windows by handle, each with a title and an owner."""

    def __init__(self) -> None:
        self.foreground: int | None = DISCORD
        self.titles = {DISCORD: "#general | Friends - Discord"}
        self.owners = {DISCORD: (DISCORD_THREAD, DISCORD_PID)}
        self.last_input: int | None = 0
        self.calls: list[str] = []

    def GetForegroundWindow(self) -> int | None:
        return self.foreground

    def GetWindowTextLengthW(self, hwnd: int) -> int:
        return len(self.titles.get(hwnd, ""))

    def GetWindowTextW(self, hwnd: int, buffer: ctypes.Array[ctypes.c_wchar], count: int) -> int:
        text = self.titles.get(hwnd, "")[: count - 1]
        buffer.value = text
        return len(text)

    def GetWindowThreadProcessId(self, hwnd: int, process_id: Any) -> int:
        thread, pid = self.owners.get(hwnd, (0, 0))
        process_id.contents.value = pid
        return thread

    def GetLastInputInfo(self, info: Any) -> int:
        self.calls.append("GetLastInputInfo")
        assert info.contents.cbSize == ctypes.sizeof(LASTINPUTINFO)
        if self.last_input is None:
            return 0
        info.contents.dwTime = self.last_input
        return 1


class FakeKernel32:
    def __init__(self, user32: FakeUser32) -> None:
        self.tick = 0
        self._calls = user32.calls

    def GetTickCount(self) -> int:
        self._calls.append("GetTickCount")
        return self.tick


class CountingLookup:
    def __init__(self, names: dict[int, str | None]) -> None:
        self.names = names
        self.calls: list[int] = []

    def __call__(self, pid: int) -> str | None:
        self.calls.append(pid)
        return self.names.get(pid)


@pytest.fixture
def user32() -> FakeUser32:
    return FakeUser32()


@pytest.fixture
def lookup() -> CountingLookup:
    return CountingLookup({DISCORD_PID: "Discord"})


@pytest.fixture
def probe(user32: FakeUser32, lookup: CountingLookup) -> WindowsForegroundProbe:
    return WindowsForegroundProbe(user32=user32, process_names=ProcessNames(lookup))


def test_reports_title_process_name_and_pid(probe: WindowsForegroundProbe) -> None:
    assert probe.foreground() == ForegroundWindow(
        "Discord", "#general | Friends - Discord", DISCORD_PID
    )


@pytest.mark.parametrize("handle", [0, None])
def test_no_foreground_window_is_none(
    probe: WindowsForegroundProbe, user32: FakeUser32, handle: int | None
) -> None:
    # 0 (or NULL as ctypes' HWND gives it back) on the lock screen and the UAC secure desktop.
    user32.foreground = handle
    assert probe.foreground() is None


def test_window_destroyed_after_it_was_returned_is_none(
    probe: WindowsForegroundProbe, user32: FakeUser32
) -> None:
    user32.owners.clear()  # GetWindowThreadProcessId fails on a dead handle: thread id 0
    assert probe.foreground() is None


def test_untitled_window_has_an_empty_title(
    probe: WindowsForegroundProbe, user32: FakeUser32
) -> None:
    user32.titles.clear()
    assert probe.foreground() == ForegroundWindow("Discord", "", DISCORD_PID)


def test_title_that_shrank_between_length_and_text_is_what_was_copied(
    probe: WindowsForegroundProbe, user32: FakeUser32
) -> None:
    user32.GetWindowTextLengthW = lambda hwnd: 40  # type: ignore[method-assign]
    assert probe.foreground() == ForegroundWindow(
        "Discord", "#general | Friends - Discord", DISCORD_PID
    )


def test_unreadable_process_keeps_title_with_empty_app(
    probe: WindowsForegroundProbe, lookup: CountingLookup
) -> None:
    lookup.names.clear()  # psutil.AccessDenied for an elevated process, say
    assert probe.foreground() == ForegroundWindow("", "#general | Friends - Discord", DISCORD_PID)


def test_unknown_pid_has_empty_app_and_no_pid(
    probe: WindowsForegroundProbe, user32: FakeUser32, lookup: CountingLookup
) -> None:
    user32.owners[DISCORD] = (DISCORD_THREAD, 0)
    assert probe.foreground() == ForegroundWindow("", "#general | Friends - Discord", None)
    assert lookup.calls == []


def test_process_name_is_looked_up_once_per_process(
    probe: WindowsForegroundProbe, user32: FakeUser32, lookup: CountingLookup
) -> None:
    for _ in range(5):
        probe.foreground()
    assert lookup.calls == [DISCORD_PID]

    # The same pid on another thread is a new process that reused the pid: look it up again.
    user32.owners[DISCORD] = (DISCORD_THREAD + 1, DISCORD_PID)
    lookup.names[DISCORD_PID] = "Slack"
    window = probe.foreground()

    assert window is not None
    assert window.app == "Slack"
    assert lookup.calls == [DISCORD_PID, DISCORD_PID]


def test_idle_is_tick_count_minus_last_input(user32: FakeUser32) -> None:
    kernel32 = FakeKernel32(user32)
    idle = WindowsIdleProbe(user32=user32, kernel32=kernel32)
    user32.last_input, kernel32.tick = 4_000, 10_500

    assert idle.idle_seconds() == 6.5
    # The clock is read after the last input, never before (see the probe's comment).
    assert user32.calls == ["GetLastInputInfo", "GetTickCount"]


def test_idle_survives_the_49_day_tick_wrap_around(user32: FakeUser32) -> None:
    kernel32 = FakeKernel32(user32)
    idle = WindowsIdleProbe(user32=user32, kernel32=kernel32)
    user32.last_input, kernel32.tick = 2**32 - 1_000, 500

    assert idle.idle_seconds() == 1.5


@given(last_input=st.integers(0, 2**32 - 1), elapsed_ms=st.integers(0, 2**31))
def test_idle_is_elapsed_time_wherever_the_counter_stands(last_input: int, elapsed_ms: int) -> None:
    user32 = FakeUser32()
    kernel32 = FakeKernel32(user32)
    user32.last_input, kernel32.tick = last_input, (last_input + elapsed_ms) % 2**32

    assert WindowsIdleProbe(user32=user32, kernel32=kernel32).idle_seconds() == elapsed_ms / 1000


def test_idle_unknown_when_last_input_info_fails(user32: FakeUser32) -> None:
    user32.last_input = None
    idle = WindowsIdleProbe(user32=user32, kernel32=FakeKernel32(user32))
    assert idle.idle_seconds() is None
    idle.close()


def test_close_is_harmless(probe: WindowsForegroundProbe) -> None:
    probe.close()
    probe.close()


def test_not_on_windows_is_probe_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(ctypes, "WinDLL", raising=False)
    with pytest.raises(ProbeUnavailable, match="only work on Windows"):
        WindowsForegroundProbe()
    with pytest.raises(ProbeUnavailable, match="only work on Windows"):
        WindowsIdleProbe(user32=FakeUser32())


class FakeWinDLL:
    """Stands in for ctypes.WinDLL: every attribute is a function object taking types."""

    loaded: ClassVar[list[tuple[str, bool]]] = []

    def __init__(self, name: str, use_last_error: bool = False) -> None:
        self.loaded.append((name, use_last_error))
        self._functions: dict[str, SimpleNamespace] = {}

    def __getattr__(self, name: str) -> SimpleNamespace:
        return self._functions.setdefault(name, SimpleNamespace())


def test_dlls_are_loaded_with_handle_and_unsigned_tick_types(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    FakeWinDLL.loaded = []
    monkeypatch.setattr(ctypes, "WinDLL", FakeWinDLL, raising=False)

    user32: Any = load_user32()
    kernel32: Any = load_kernel32()

    assert FakeWinDLL.loaded == [("user32", True), ("kernel32", True)]
    # A pointer-sized HWND keeps 64-bit handles whole; an unsigned DWORD tick count does not
    # turn negative after 24.8 days of uptime.
    assert user32.GetForegroundWindow.restype is wintypes.HWND
    assert user32.GetWindowThreadProcessId.argtypes == [wintypes.HWND, wintypes.LPDWORD]
    assert user32.GetLastInputInfo.argtypes == [ctypes.POINTER(LASTINPUTINFO)]
    assert kernel32.GetTickCount.restype is wintypes.DWORD
    assert isinstance(windows.WindowsIdleProbe(), WindowsIdleProbe)
