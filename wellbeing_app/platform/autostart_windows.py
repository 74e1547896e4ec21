"""Windows: start at login through the ``Run`` registry key, and the process's AppUserModelID.

The registry and ``shell32`` come in as parameters, so every branch is tested on any OS.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Sequence
from typing import Any, Protocol, cast

from wellbeing_app import APP_ID
from wellbeing_app.platform.launch_commands import windows_words

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Wellbeing"


class Registry(Protocol):
    """The part of ``winreg`` used here; tests pass a fake."""

    HKEY_CURRENT_USER: int
    KEY_READ: int
    KEY_SET_VALUE: int
    REG_SZ: int

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = ...) -> Any: ...

    def CreateKeyEx(self, key: Any, sub_key: str, reserved: int = 0, access: int = ...) -> Any: ...

    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]: ...

    def SetValueEx(self, key: Any, name: str, reserved: int, type: int, value: str) -> None: ...

    def DeleteValue(self, key: Any, name: str) -> None: ...


class RunKey:
    """The ``Run`` value that starts the app at login."""

    def __init__(self, registry: Registry | None) -> None:
        self._registry = registry

    def _winreg(self) -> Registry:
        if self._registry is None:
            # Imported on first use: the module exists on Windows only.
            self._registry = cast(Registry, importlib.import_module("winreg"))
        return self._registry

    def _value(self) -> str | None:
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_READ) as key:
                value, _kind = reg.QueryValueEx(key, RUN_VALUE)
        except OSError:
            return None
        return value if isinstance(value, str) and value else None

    def enabled(self) -> bool:
        return self._value() is not None

    def command(self) -> list[str] | None:
        value = self._value()
        return windows_words(value) or None if value is not None else None

    def has_legacy(self) -> bool:
        return False  # the Run value has always been called "Wellbeing"

    def enable(self, command: Sequence[str]) -> None:
        if not command:
            raise ValueError("an autostart command needs at least the program")
        reg = self._winreg()
        with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
            reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, subprocess.list2cmdline(command))

    def remove_legacy(self) -> None:
        return

    def disable(self) -> None:
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            return

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"


def set_windows_app_id(
    platform: str = sys.platform, shell32: Any | None = None, app_id: str = APP_ID
) -> bool:
    """Gives the process the app id as its Windows AppUserModelID, so the taskbar groups its
    windows and notifications carry its name instead of Python's. Elsewhere does nothing.

    Returns True when the id was set.
    """
    if not platform.startswith("win32"):
        return False
    if shell32 is None:
        import ctypes

        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    try:
        return bool(shell32.SetCurrentProcessExplicitAppUserModelID(app_id) == 0)
    except (AttributeError, OSError):
        return False
