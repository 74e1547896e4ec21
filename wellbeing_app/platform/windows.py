"""Foreground window and idle time on Windows, through ctypes (no pywin32).

``user32``/``kernel32`` are loaded when a probe is built, not when this module is imported, and
can be passed in: tests on any OS hand in fakes with the same few functions.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from typing import Protocol, cast

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import ProbeUnavailable, ProcessNames

_TICK_MODULUS = 1 << 32  # GetTickCount is a 32-bit millisecond counter: it wraps every 49.7 days


class LASTINPUTINFO(ctypes.Structure):
    """The struct ``GetLastInputInfo`` fills in."""

    _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]


class User32(Protocol):
    """The user32.dll functions the probes call (names as Windows spells them)."""

    def GetForegroundWindow(self) -> int | None:
        """The foreground window handle; 0 or ``None`` when there is none."""
        ...

    def GetWindowTextLengthW(self, hwnd: int) -> int:
        """The title length in UTF-16 units."""
        ...

    def GetWindowTextW(
        self, hwnd: int, buffer: ctypes.Array[ctypes.c_wchar], max_count: int
    ) -> int:
        """Copies the title into ``buffer``; returns the number of characters copied."""
        ...

    def GetWindowThreadProcessId(
        self, hwnd: int, process_id: ctypes._Pointer[wintypes.DWORD]
    ) -> int:
        """Stores the owning pid through ``process_id``; returns the thread id, 0 on failure."""
        ...

    def GetLastInputInfo(self, info: ctypes._Pointer[LASTINPUTINFO]) -> int:
        """Fills ``info.dwTime`` with the tick count of the last input; 0 on failure."""
        ...


class Kernel32(Protocol):
    """The kernel32.dll function the idle probe calls."""

    def GetTickCount(self) -> int:
        """Milliseconds since boot, modulo 2**32."""
        ...


def _win_dll(name: str) -> ctypes.CDLL:
    # ctypes.WinDLL only exists on Windows; looking it up here keeps this module importable.
    win_dll = getattr(ctypes, "WinDLL", None)
    if win_dll is None:
        raise ProbeUnavailable("The Windows probes only work on Windows.")
    return cast(ctypes.CDLL, win_dll(name, use_last_error=True))


def load_user32() -> User32:
    """user32.dll with argument and result types declared (64-bit handles stay intact)."""
    dll = _win_dll("user32")
    dll.GetForegroundWindow.argtypes = []
    dll.GetForegroundWindow.restype = wintypes.HWND
    dll.GetWindowTextLengthW.argtypes = [wintypes.HWND]
    dll.GetWindowTextLengthW.restype = ctypes.c_int
    dll.GetWindowTextW.argtypes = [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]
    dll.GetWindowTextW.restype = ctypes.c_int
    dll.GetWindowThreadProcessId.argtypes = [wintypes.HWND, wintypes.LPDWORD]
    dll.GetWindowThreadProcessId.restype = wintypes.DWORD
    dll.GetLastInputInfo.argtypes = [ctypes.POINTER(LASTINPUTINFO)]
    dll.GetLastInputInfo.restype = wintypes.BOOL
    return cast(User32, dll)


def load_kernel32() -> Kernel32:
    """kernel32.dll with ``GetTickCount`` returning an unsigned 32-bit value."""
    dll = _win_dll("kernel32")
    dll.GetTickCount.argtypes = []
    # The default int result would turn negative after 24.8 days of uptime.
    dll.GetTickCount.restype = wintypes.DWORD
    return cast(Kernel32, dll)


class WindowsForegroundProbe:
    """The foreground window from ``GetForegroundWindow`` and its process's executable name."""

    name = "windows"

    def __init__(
        self, *, user32: User32 | None = None, process_names: ProcessNames | None = None
    ) -> None:
        """Loads user32.dll unless ``user32`` is given.

        Raises:
            ProbeUnavailable: when not running on Windows and no ``user32`` is given.
        """
        self._user32 = user32 if user32 is not None else load_user32()
        self._process_names = process_names if process_names is not None else ProcessNames()

    def foreground(self) -> ForegroundWindow | None:
        """The foreground window; ``None`` on the lock screen, UAC prompts or between windows."""
        hwnd = self._user32.GetForegroundWindow()
        if not hwnd:
            return None
        title = ""
        length = self._user32.GetWindowTextLengthW(hwnd)
        if length > 0:
            buffer = ctypes.create_unicode_buffer(length + 1)
            copied = self._user32.GetWindowTextW(hwnd, buffer, length + 1)
            title = buffer.value[: max(copied, 0)]
        process_id = wintypes.DWORD(0)
        thread_id = self._user32.GetWindowThreadProcessId(hwnd, ctypes.pointer(process_id))
        if not thread_id:
            return None  # the window was destroyed after GetForegroundWindow returned it
        pid = int(process_id.value) or None
        app = ""
        if pid is not None:
            # The thread id tells a reused pid apart from the process it once belonged to.
            app = self._process_names.name(pid, hint=thread_id) or ""
        return ForegroundWindow(app=app, title=title, pid=pid)

    def close(self) -> None:
        """Nothing to release: user32 stays loaded for the process's lifetime."""


class WindowsIdleProbe:
    """Time since the last input, from ``GetLastInputInfo`` and ``GetTickCount``."""

    name = "windows-lastinput"

    def __init__(self, *, user32: User32 | None = None, kernel32: Kernel32 | None = None) -> None:
        """Loads user32.dll and kernel32.dll unless they are given.

        Raises:
            ProbeUnavailable: when not running on Windows and the DLLs are not given.
        """
        self._user32 = user32 if user32 is not None else load_user32()
        self._kernel32 = kernel32 if kernel32 is not None else load_kernel32()

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or ``None`` when Windows does not say."""
        info = LASTINPUTINFO(cbSize=ctypes.sizeof(LASTINPUTINFO))
        if not self._user32.GetLastInputInfo(ctypes.pointer(info)):
            return None
        # Read the clock *after* the last input time: the other order could see an input newer
        # than "now" and wrap around to 49 days of idleness.
        now = self._kernel32.GetTickCount()
        # Unsigned modular subtraction stays right across the 32-bit wrap-around.
        return ((now - info.dwTime) % _TICK_MODULUS) / 1000.0

    def close(self) -> None:
        """Nothing to release."""
