"""Starting Wellbeing when the person logs in: one switch, the OS's own way of doing it.

- Linux and other XDG desktops start every ``$XDG_CONFIG_HOME/autostart/*.desktop`` entry.
- Windows runs the values under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS launchd loads ``~/Library/LaunchAgents/*.plist`` at login; ``RunAtLoad`` starts the app.
- Inside Flatpak the Background portal writes the entry on the host (``RequestBackground``).

Every entry is named after the app id (``org.wellbeing.Wellbeing``). Entries written by earlier
versions under other names are moved to the new name (``Autostart.tidy``) or removed, so the app is
never started twice. With "start hidden in the tray" on, the entry's command ends in ``--hidden``.

Nothing is started now; the switch takes effect at the next login. Paths and the registry come in
through the constructor, so every branch is tested on any OS.
"""

from __future__ import annotations

import configparser
import contextlib
import logging
import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from wellbeing_app import APP_ID
from wellbeing_app.platform.autostart_windows import (
    RUN_KEY,
    RUN_VALUE,
    Registry,
    RunKey,
    set_windows_app_id,
)
from wellbeing_app.platform.dbus import DBusCall, DBusCallFailed
from wellbeing_app.platform.launch_commands import (
    HIDDEN_FLAG,
    desktop_exec,
    escape_value,
    exec_words,
    start_command,
    with_hidden_flag,
)

__all__ = [
    "DESKTOP_FILE_NAME",
    "HIDDEN_FLAG",
    "LAUNCH_AGENT_LABEL",
    "RUN_KEY",
    "RUN_VALUE",
    "Autostart",
    "desktop_exec",
    "set_windows_app_id",
    "start_command",
]

DESKTOP_FILE_NAME = f"{APP_ID}.desktop"
LAUNCH_AGENT_LABEL = APP_ID
# Names earlier versions wrote their entries under; found and replaced so only one entry is left.
LEGACY_DESKTOP_FILE_NAMES = ("wellbeing.desktop",)
LEGACY_LAUNCH_AGENT_LABELS = ("org.wellbeing.app",)

logger = logging.getLogger(__name__)

# Present inside a Flatpak sandbox.
FLATPAK_INFO = Path("/.flatpak-info")
_COMMENT = "Your private digital-wellbeing companion; everything stays on this computer."


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
        folder = config_home / "autostart"
        self.path = folder / DESKTOP_FILE_NAME
        self._legacy = [folder / name for name in LEGACY_DESKTOP_FILE_NAMES]
        self._icon = icon

    @staticmethod
    def _section(path: Path) -> configparser.SectionProxy | None:
        """The entry's keys when the entry is there and switched on."""
        entry = _DesktopEntryParser(interpolation=None, strict=False)
        try:
            entry.read_string(path.read_text(encoding="utf-8"))
            section = entry["Desktop Entry"]
        except (OSError, UnicodeDecodeError, configparser.Error, KeyError):
            return None
        on = (
            section.get("Hidden", "false").strip().lower() != "true"
            and section.get("X-GNOME-Autostart-enabled", "true").strip().lower() != "false"
        )
        return section if on else None

    def enabled(self) -> bool:
        return any(self._section(path) is not None for path in (self.path, *self._legacy))

    def command(self) -> list[str] | None:
        for path in (self.path, *self._legacy):
            section = self._section(path)
            if section is not None:
                return exec_words(section.get("Exec", ""))
        return None

    def has_legacy(self) -> bool:
        return any(path.exists() for path in self._legacy)

    def enable(self, command: Sequence[str]) -> None:
        lines = [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            "Name=Wellbeing",
            f"Comment={escape_value(_COMMENT)}",
            f"Exec={desktop_exec(command)}",
            f"Icon={escape_value(self._icon)}",
            "Terminal=false",
            "Categories=Utility;",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
        _write_private(self.path, "\n".join(lines).encode("utf-8"))
        self.remove_legacy()

    def remove_legacy(self) -> None:
        for path in self._legacy:
            path.unlink(missing_ok=True)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)
        self.remove_legacy()

    @property
    def location(self) -> str:
        return str(self.path)


class _LaunchAgent:
    def __init__(self, home: Path) -> None:
        folder = home / "Library" / "LaunchAgents"
        self.path = folder / f"{LAUNCH_AGENT_LABEL}.plist"
        self._legacy = [folder / f"{label}.plist" for label in LEGACY_LAUNCH_AGENT_LABELS]

    @staticmethod
    def _agent(path: Path) -> dict[str, Any] | None:
        """The agent's keys when it is there and starts at load."""
        try:
            agent = plistlib.loads(path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return None
        on = (
            isinstance(agent, dict)
            and agent.get("RunAtLoad") is True
            and agent.get("Disabled") is not True
        )
        return agent if on else None

    def enabled(self) -> bool:
        return any(self._agent(path) is not None for path in (self.path, *self._legacy))

    def command(self) -> list[str] | None:
        for path in (self.path, *self._legacy):
            agent = self._agent(path)
            if agent is not None:
                arguments = agent.get("ProgramArguments")
                if isinstance(arguments, list) and all(isinstance(a, str) for a in arguments):
                    return list(arguments) or None
                return None
        return None

    def has_legacy(self) -> bool:
        return any(path.exists() for path in self._legacy)

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
        self.remove_legacy()

    def remove_legacy(self) -> None:
        for path in self._legacy:
            path.unlink(missing_ok=True)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)
        self.remove_legacy()

    @property
    def location(self) -> str:
        return str(self.path)


class _BackgroundPortal:
    """Inside Flatpak: the host's autostart folder is out of reach, so the Background portal
    writes the entry (``RequestBackground`` with ``autostart``). The portal cannot be asked
    whether the entry is on, so the sandbox keeps its own copy as the record."""

    PORTAL = ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
    INTERFACE = "org.freedesktop.portal.Background"

    def __init__(self, record: _XdgAutostart, bus: DBusCall | None) -> None:
        self._record = record
        self._bus = bus

    def _request(self, command: Sequence[str] | None) -> None:
        options: dict[str, object] = {
            "handle_token": "wellbeing_autostart",
            "reason": "Wellbeing tracks time and offers breaks from the moment you log in.",
            "autostart": command is not None,
            "dblaunch": False,
        }
        if command is not None:
            options["commandline"] = list(command)
        if self._bus is None:
            from wellbeing_app.platform.dbus import QtSessionBus

            self._bus = QtSessionBus(timeout_ms=5_000)
        try:
            self._bus(*self.PORTAL, self.INTERFACE, "RequestBackground", "", options)
        except DBusCallFailed as error:
            raise OSError(f"the desktop's background portal refused: {error}") from error

    def enabled(self) -> bool:
        return self._record.enabled()

    def command(self) -> list[str] | None:
        return self._record.command()

    def has_legacy(self) -> bool:
        return self._record.has_legacy()

    def enable(self, command: Sequence[str]) -> None:
        if not command:
            raise ValueError("an autostart command needs at least the program")
        self._request(command)
        self._record.enable(command)

    def remove_legacy(self) -> None:
        self._record.remove_legacy()

    def disable(self) -> None:
        if self._record.enabled():
            self._request(None)
        self._record.disable()

    @property
    def location(self) -> str:
        return "the desktop's list of apps started at login (Flatpak background portal)"


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
        start_hidden: the entry starts the app in the tray (``--hidden``), window not shown.
        flatpak_info: present inside a Flatpak sandbox; then the Background portal is used.
        bus: a ``DBusCall`` for the portal; the session bus by default.
    """

    def __init__(
        self,
        platform: str = sys.platform,
        *,
        environ: Mapping[str, str] | None = None,
        home: Path | None = None,
        registry: Registry | None = None,
        icon: str = APP_ID,
        start_hidden: bool = True,
        flatpak_info: Path = FLATPAK_INFO,
        bus: DBusCall | None = None,
    ) -> None:
        home = Path.home() if home is None else home
        self.start_hidden = start_hidden
        self._backend: _XdgAutostart | _BackgroundPortal | _LaunchAgent | RunKey
        if platform.startswith(("win32", "cygwin")):
            self._backend = RunKey(registry)
        elif platform.startswith("darwin"):
            self._backend = _LaunchAgent(home)
        else:
            xdg = _XdgAutostart(
                _config_home(os.environ if environ is None else environ, home), icon
            )
            self._backend = _BackgroundPortal(xdg, bus) if flatpak_info.exists() else xdg

    @property
    def location(self) -> str:
        """Where the switch lives (a file path or a registry value), to show the person."""
        return self._backend.location

    def enabled(self) -> bool:
        """True when an entry is on, also one written under an earlier version's name."""
        return self._backend.enabled()

    def command(self) -> list[str] | None:
        """The command the entry in effect runs; None when off or unreadable."""
        return self._backend.command()

    def enable(self, command: Sequence[str]) -> None:
        """Starts ``command`` at every login from now on (with ``--hidden`` when starting hidden),
        replacing any earlier entry. Raises ``OSError`` when it cannot."""
        self._backend.enable(with_hidden_flag(command, self.start_hidden))

    def disable(self) -> None:
        """Stops starting at login, also by an earlier version's entry; nothing when it was off."""
        self._backend.disable()

    def set_start_hidden(self, hidden: bool) -> bool:
        """Whether the entry starts the app hidden in the tray; an existing entry follows."""
        self.start_hidden = hidden
        return self.tidy()

    def tidy(self) -> bool:
        """Brings an existing entry up to date, once at start and when "start hidden" changes.

        An entry on under an earlier name moves to the app id's name, keeping its command; one
        that is off is removed; the ``--hidden`` flag follows ``start_hidden``. An entry whose
        command cannot be read is left as it is. Returns False (and logs) when the entry could
        not be changed: starting the app never fails because of it.
        """
        try:
            command = self._backend.command()
            if command is None:
                if not self._backend.enabled():
                    self._backend.remove_legacy()
                return True
            wanted = with_hidden_flag(command, self.start_hidden)
            if wanted != command or self._backend.has_legacy():
                self._backend.enable(wanted)
        except OSError as error:
            logger.warning("The start-at-login entry could not be updated: %s", error)
            return False
        return True
