"""Starting Wellbeing when the person logs in: one switch, the OS's own way of doing it.

- Linux and other XDG desktops start every ``$XDG_CONFIG_HOME/autostart/*.desktop`` entry.
- Windows runs the values under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS launchd loads ``~/Library/LaunchAgents/*.plist`` at login; ``RunAtLoad`` starts the app.

Nothing is started now; the switch takes effect at the next login. Paths and the registry come in
through the constructor, so every branch is tested on any OS.
"""

from __future__ import annotations

import configparser
import contextlib
import importlib
import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

DESKTOP_FILE_NAME = "wellbeing.desktop"
LAUNCH_AGENT_LABEL = "org.wellbeing.app"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Wellbeing"
_COMMENT = "Your private digital-wellbeing companion; everything stays on this computer."

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these four are escaped with a backslash.
_EXEC_ESCAPED = frozenset('"`$\\')


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


def desktop_exec(command: Sequence[str]) -> str:
    """``command`` as the value of a desktop entry's ``Exec`` key.

    Arguments with reserved characters are double-quoted with ``"`$\\`` backslash-escaped, a
    literal ``%`` is doubled (it starts field codes), and then the whole value gets the string
    escapes every desktop-entry value has (``\\\\`` for a backslash, ``\\n`` for a newline...).
    """
    if not command:
        raise ValueError("an autostart command needs at least the program")
    words = []
    for argument in command:
        word = argument.replace("%", "%%")
        if not word or any(char in _EXEC_RESERVED for char in word):
            escaped = "".join(f"\\{c}" if c in _EXEC_ESCAPED else c for c in word)
            word = f'"{escaped}"'
        words.append(word)
    return _escape_value(" ".join(words))


def _escape_value(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )
    return "\\s" + escaped[1:] if escaped.startswith(" ") else escaped


def start_command(
    data_dir: Path | None = None,
    *,
    executable: str = sys.executable,
    frozen: bool | None = None,
    platform: str = sys.platform,
) -> list[str]:
    """The command that opens the app, for ``Autostart.enable``.

    Args:
        data_dir: passed as ``--data-dir`` when the app runs on a folder other than the default.
        executable: the running interpreter (or the frozen app).
        frozen: the app is a bundled executable rather than Python running the package
            (default: ``sys.frozen``, which bundlers such as PyInstaller set).
        platform: ``sys.platform``; on Windows ``pythonw.exe`` is preferred so no console opens.
    """
    program = executable
    if platform == "win32" and Path(program).name.lower() == "python.exe":
        windowless = Path(program).with_name("pythonw.exe")
        if windowless.exists():
            program = str(windowless)
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    command = [program] if frozen else [program, "-m", "wellbeing_app"]
    command.append("gui")
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


def _write_private(path: Path, content: bytes) -> None:
    """Writes ``content`` readable by its owner only, replacing ``path`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


class _DesktopEntryParser(configparser.ConfigParser):
    def optionxform(self, optionstr: str) -> str:
        return optionstr  # desktop entry keys are case-sensitive


class _XdgAutostart:
    def __init__(self, config_home: Path, icon: str) -> None:
        self.path = config_home / "autostart" / DESKTOP_FILE_NAME
        self._icon = icon

    def enabled(self) -> bool:
        entry = _DesktopEntryParser(interpolation=None, strict=False)
        try:
            entry.read_string(self.path.read_text(encoding="utf-8"))
            section = entry["Desktop Entry"]
        except (OSError, UnicodeDecodeError, configparser.Error, KeyError):
            return False
        return (
            section.get("Hidden", "false").strip().lower() != "true"
            and section.get("X-GNOME-Autostart-enabled", "true").strip().lower() != "false"
        )

    def enable(self, command: Sequence[str]) -> None:
        lines = [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            "Name=Wellbeing",
            f"Comment={_escape_value(_COMMENT)}",
            f"Exec={desktop_exec(command)}",
            f"Icon={_escape_value(self._icon)}",
            "Terminal=false",
            "Categories=Utility;",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
        _write_private(self.path, "\n".join(lines).encode("utf-8"))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    @property
    def location(self) -> str:
        return str(self.path)


class _LaunchAgent:
    def __init__(self, home: Path) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def enabled(self) -> bool:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return (
            isinstance(agent, dict)
            and agent.get("RunAtLoad") is True
            and agent.get("Disabled") is not True
        )

    def enable(self, command: Sequence[str]) -> None:
        if not command:
            raise ValueError("an autostart command needs at least the program")
        agent = {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        _write_private(self.path, plistlib.dumps(agent, fmt=plistlib.FMT_XML))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    @property
    def location(self) -> str:
        return str(self.path)


class _RunKey:
    def __init__(self, registry: Registry | None) -> None:
        self._registry = registry

    def _winreg(self) -> Registry:
        if self._registry is None:
            # Imported on first use: the module exists on Windows only.
            self._registry = cast(Registry, importlib.import_module("winreg"))
        return self._registry

    def enabled(self) -> bool:
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_READ) as key:
                value, _kind = reg.QueryValueEx(key, RUN_VALUE)
        except OSError:
            return False
        return bool(value)

    def enable(self, command: Sequence[str]) -> None:
        if not command:
            raise ValueError("an autostart command needs at least the program")
        reg = self._winreg()
        with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
            reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, subprocess.list2cmdline(command))

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


def _config_home(environ: Mapping[str, str], home: Path) -> Path:
    # The XDG Base Directory spec says to ignore a relative $XDG_CONFIG_HOME.
    configured = environ.get("XDG_CONFIG_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return home / ".config"


class Autostart:
    """Whether Wellbeing starts at login, for the current user on this OS.

    Args:
        platform: a ``sys.platform`` value; picks the mechanism.
        environ: the environment (``XDG_CONFIG_HOME``); ``os.environ`` by default.
        home: the user's home folder; ``Path.home()`` by default.
        registry: a ``winreg``-like object; the real one is imported lazily on Windows.
        icon: the desktop entry's ``Icon`` (a theme icon name or an absolute path).
    """

    def __init__(
        self,
        platform: str = sys.platform,
        *,
        environ: Mapping[str, str] | None = None,
        home: Path | None = None,
        registry: Registry | None = None,
        icon: str = "wellbeing",
    ) -> None:
        home = Path.home() if home is None else home
        self._backend: _XdgAutostart | _LaunchAgent | _RunKey
        if platform.startswith(("win32", "cygwin")):
            self._backend = _RunKey(registry)
        elif platform.startswith("darwin"):
            self._backend = _LaunchAgent(home)
        else:
            self._backend = _XdgAutostart(
                _config_home(os.environ if environ is None else environ, home), icon
            )

    @property
    def location(self) -> str:
        """Where the switch lives (a file path or a registry value), to show the person."""
        return self._backend.location

    def enabled(self) -> bool:
        return self._backend.enabled()

    def enable(self, command: Sequence[str]) -> None:
        """Starts ``command`` at every login from now on. Raises ``OSError`` when it cannot."""
        self._backend.enable(command)

    def disable(self) -> None:
        """Stops starting at login; does nothing when it was not on."""
        self._backend.disable()
