"""Starting at login on all three OSes, tested on any OS with a tmp home or a fake registry."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wellbeing_app import APP_ID
from wellbeing_app.platform.autostart import (
    DESKTOP_FILE_NAME,
    HIDDEN_FLAG,
    LAUNCH_AGENT_LABEL,
    RUN_KEY,
    RUN_VALUE,
    Autostart,
    desktop_exec,
    set_windows_app_id,
    start_command,
)
from wellbeing_app.platform.launch_commands import exec_words, windows_words

COMMAND = ["/opt/Well Being/bin/python3", "-m", "wellbeing_app", "gui", "--data-dir", "/d/100%"]
# What the entry runs: "start hidden in the tray" is on by default.
HIDDEN = [*COMMAND, HIDDEN_FLAG]


def read_desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def unquote_exec(value: str) -> list[str]:
    """Undoes the desktop entry's string escapes, field-code escapes and quoting."""
    unescaped = value.replace("\\\\", "\0").replace("\\s", " ").replace("\0", "\\")
    return [word.replace("%%", "%") for word in shlex.split(unescaped)]


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------------------------- Linux (XDG)


@pytest.fixture
def xdg(tmp_path: Path) -> Autostart:
    return Autostart("linux", environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, home=tmp_path)


def test_xdg_writes_a_desktop_entry_that_parses(xdg: Autostart, tmp_path: Path) -> None:
    assert not xdg.enabled()
    xdg.enable(COMMAND)
    path = tmp_path / "cfg" / "autostart" / DESKTOP_FILE_NAME
    assert xdg.location == str(path)
    entry = read_desktop_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Wellbeing"
    assert entry["Comment"]
    assert entry["Icon"] == APP_ID
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert unquote_exec(entry["Exec"]) == HIDDEN
    assert xdg.enabled()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_xdg_entry_is_private(xdg: Autostart, tmp_path: Path) -> None:
    xdg.enable(COMMAND)
    path = tmp_path / "cfg" / "autostart" / DESKTOP_FILE_NAME
    assert mode_of(path) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [DESKTOP_FILE_NAME]  # no temp file left


def test_xdg_disable_removes_the_entry_and_is_idempotent(xdg: Autostart) -> None:
    xdg.enable(COMMAND)
    xdg.disable()
    assert not xdg.enabled()
    xdg.disable()


def test_xdg_entry_switched_off_by_the_desktop_counts_as_off(
    xdg: Autostart, tmp_path: Path
) -> None:
    xdg.enable(COMMAND)
    path = tmp_path / "cfg" / "autostart" / DESKTOP_FILE_NAME
    path.write_text(path.read_text().replace("enabled=true", "enabled=false"))
    assert not xdg.enabled()
    path.write_text("[Desktop Entry]\nHidden=true\n")
    assert not xdg.enabled()
    path.write_text("not a desktop file")
    assert not xdg.enabled()


def test_xdg_without_config_home_uses_dot_config(tmp_path: Path) -> None:
    for environ in ({}, {"XDG_CONFIG_HOME": "relative/is/ignored"}):
        autostart = Autostart("linux", environ=environ, home=tmp_path)
        assert autostart.location == str(tmp_path / ".config" / "autostart" / DESKTOP_FILE_NAME)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["/usr/bin/wellbeing"], "/usr/bin/wellbeing"),
        (["/a b/w", "gui"], '"/a b/w" gui'),
        (["w", "--data-dir", "/x/$HOME`"], 'w --data-dir "/x/\\\\$HOME\\\\`"'),
        (["w", 'say "hi"'], 'w "say \\\\"hi\\\\""'),
        (["w", "C:\\dir"], 'w "C:\\\\\\\\dir"'),
        (["w", "50%"], "w 50%%"),
        (["w", ""], 'w ""'),
    ],
)
def test_desktop_exec_quotes_per_the_spec(command: list[str], expected: str) -> None:
    assert desktop_exec(command) == expected


def test_desktop_exec_needs_a_program() -> None:
    with pytest.raises(ValueError, match="program"):
        desktop_exec([])


# --------------------------------------------------------------------------------------- macOS


def test_launch_agent_plist_round_trips(tmp_path: Path) -> None:
    autostart = Autostart("darwin", home=tmp_path)
    assert not autostart.enabled()
    autostart.enable(COMMAND)
    path = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    assert autostart.location == str(path)
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == LAUNCH_AGENT_LABEL
    assert agent["ProgramArguments"] == HIDDEN
    assert agent["RunAtLoad"] is True
    assert autostart.enabled()
    if sys.platform != "win32":
        assert mode_of(path) == 0o600
    autostart.disable()
    assert not path.exists()
    assert not autostart.enabled()


def test_launch_agent_disabled_or_broken_counts_as_off(tmp_path: Path) -> None:
    autostart = Autostart("darwin", home=tmp_path)
    autostart.enable(COMMAND)
    path = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    agent = plistlib.loads(path.read_bytes())
    path.write_bytes(plistlib.dumps({**agent, "Disabled": True}))
    assert not autostart.enabled()
    path.write_bytes(b"garbage")
    assert not autostart.enabled()


# ------------------------------------------------------------------------------------- Windows


class FakeKey:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class FakeRegistry:
    """The few ``winreg`` calls used, over a dict of keys."""

    HKEY_CURRENT_USER = 1
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x2
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[tuple[int, str], dict[str, Any]] = {}
        self.kinds: dict[str, int] = {}

    def OpenKey(self, key: int, sub_key: str, reserved: int = 0, access: int = 0) -> FakeKey:
        if (key, sub_key) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self.keys[key, sub_key])

    def CreateKeyEx(self, key: int, sub_key: str, reserved: int = 0, access: int = 0) -> FakeKey:
        return FakeKey(self.keys.setdefault((key, sub_key), {}))

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return key.values[name], self.kinds[name]

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, kind: int, value: str) -> None:
        key.values[name] = value
        self.kinds[name] = kind

    def DeleteValue(self, key: FakeKey, name: str) -> None:
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del key.values[name]


def test_windows_run_value_round_trips() -> None:
    registry = FakeRegistry()
    autostart = Autostart("win32", registry=registry)
    assert not autostart.enabled()  # the Run key may not even exist yet
    command = ["C:\\Program Files\\Python\\pythonw.exe", "-m", "wellbeing_app", "gui"]
    autostart.enable(command)
    stored = registry.keys[FakeRegistry.HKEY_CURRENT_USER, RUN_KEY][RUN_VALUE]
    assert stored == '"C:\\Program Files\\Python\\pythonw.exe" -m wellbeing_app gui --hidden'
    assert stored == subprocess.list2cmdline([*command, HIDDEN_FLAG])
    assert registry.kinds[RUN_VALUE] == FakeRegistry.REG_SZ
    assert autostart.enabled()
    assert autostart.location.endswith("CurrentVersion\\Run\\Wellbeing")
    autostart.disable()
    assert not autostart.enabled()
    autostart.disable()  # already off: nothing to do


def test_windows_disable_without_run_key_does_nothing() -> None:
    Autostart("win32", registry=FakeRegistry()).disable()


# -------------------------------------------------------------------------------- the command


def test_start_command_runs_the_package_and_names_the_data_dir(tmp_path: Path) -> None:
    command = start_command(tmp_path, executable="/usr/bin/python3", frozen=False, platform="linux")
    assert command == [
        "/usr/bin/python3",
        "-m",
        "wellbeing_app",
        "gui",
        "--data-dir",
        str(tmp_path),
    ]
    assert start_command(executable="/opt/Wellbeing", frozen=True) == ["/opt/Wellbeing", "gui"]


def test_start_command_prefers_pythonw_on_windows(tmp_path: Path) -> None:
    (tmp_path / "python.exe").touch()
    (tmp_path / "pythonw.exe").touch()
    command = start_command(executable=str(tmp_path / "python.exe"), frozen=False, platform="win32")
    assert command[0] == str(tmp_path / "pythonw.exe")


# ------------------------------------------------------------ one app id, entries of old names


def test_the_entries_are_named_after_the_app_id(tmp_path: Path) -> None:
    assert APP_ID == "org.wellbeing.Wellbeing"
    assert f"{APP_ID}.desktop" == DESKTOP_FILE_NAME
    assert LAUNCH_AGENT_LABEL == APP_ID


def write_legacy_xdg(tmp_path: Path, command: list[str], *, on: bool = True) -> Path:
    """The entry an earlier version wrote, under its old name."""
    legacy = tmp_path / "cfg" / "autostart" / "wellbeing.desktop"
    legacy.parent.mkdir(parents=True, exist_ok=True)
    legacy.write_text(
        "[Desktop Entry]\nType=Application\nName=Wellbeing\n"
        f"Exec={desktop_exec(command)}\nIcon=wellbeing\n"
        f"X-GNOME-Autostart-enabled={'true' if on else 'false'}\n"
    )
    return legacy


def test_xdg_an_old_entry_counts_and_moves_to_the_app_id_name_keeping_its_command(
    xdg: Autostart, tmp_path: Path
) -> None:
    legacy = write_legacy_xdg(tmp_path, COMMAND)
    assert xdg.enabled()
    assert xdg.tidy()
    assert not legacy.exists()
    assert [p.name for p in legacy.parent.iterdir()] == [f"{APP_ID}.desktop"]
    entry = read_desktop_entry(Path(xdg.location))
    assert unquote_exec(entry["Exec"]) == HIDDEN
    assert entry["Icon"] == APP_ID
    assert xdg.enabled()
    assert xdg.tidy()  # a second start changes nothing
    assert [p.name for p in legacy.parent.iterdir()] == [f"{APP_ID}.desktop"]


def test_xdg_an_old_entry_that_is_off_is_removed_and_nothing_is_added(
    xdg: Autostart, tmp_path: Path
) -> None:
    legacy = write_legacy_xdg(tmp_path, COMMAND, on=False)
    assert not xdg.enabled()
    xdg.tidy()
    assert list(legacy.parent.iterdir()) == []


def test_xdg_switching_on_or_off_replaces_an_old_entry(xdg: Autostart, tmp_path: Path) -> None:
    legacy = write_legacy_xdg(tmp_path, COMMAND)
    xdg.enable(COMMAND)
    assert [p.name for p in legacy.parent.iterdir()] == [f"{APP_ID}.desktop"]
    write_legacy_xdg(tmp_path, COMMAND)
    xdg.disable()
    assert list(legacy.parent.iterdir()) == []
    assert not xdg.enabled()


def test_xdg_an_entry_whose_command_cannot_be_read_is_left_alone(
    xdg: Autostart, tmp_path: Path
) -> None:
    legacy = write_legacy_xdg(tmp_path, COMMAND)
    legacy.write_text(legacy.read_text().replace("Exec=", 'Exec="unbalanced '))
    before = legacy.read_text()
    assert xdg.tidy()
    assert legacy.read_text() == before


def test_launch_agent_of_the_old_label_moves_to_the_app_id(tmp_path: Path) -> None:
    folder = tmp_path / "Library" / "LaunchAgents"
    folder.mkdir(parents=True)
    old = folder / "org.wellbeing.app.plist"
    old.write_bytes(
        plistlib.dumps(
            {"Label": "org.wellbeing.app", "ProgramArguments": COMMAND, "RunAtLoad": True}
        )
    )
    autostart = Autostart("darwin", home=tmp_path)
    assert autostart.enabled()
    autostart.tidy()
    assert [p.name for p in folder.iterdir()] == [f"{APP_ID}.plist"]
    agent = plistlib.loads((folder / f"{APP_ID}.plist").read_bytes())
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == HIDDEN
    old.write_bytes(b"garbage")  # an old entry that is not even readable
    autostart.disable()
    assert list(folder.iterdir()) == []


# ----------------------------------------------------------------- start hidden in the tray


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_the_start_hidden_choice_adds_or_removes_the_flag_of_the_entry(
    platform: str, tmp_path: Path
) -> None:
    autostart = Autostart(
        platform,
        environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")},
        home=tmp_path,
        registry=FakeRegistry(),
        start_hidden=False,
    )
    autostart.enable(COMMAND)
    assert autostart.command() == COMMAND
    assert autostart.set_start_hidden(True)
    assert autostart.command() == HIDDEN
    autostart.enable([*COMMAND, HIDDEN_FLAG])  # never twice
    assert autostart.command() == HIDDEN
    assert autostart.set_start_hidden(False)
    assert autostart.command() == COMMAND
    autostart.disable()
    assert autostart.set_start_hidden(True)  # off stays off
    assert autostart.command() is None
    assert not autostart.enabled()


def test_only_a_command_that_opens_the_window_takes_the_flag(xdg: Autostart) -> None:
    xdg.enable(["/usr/bin/wellbeing", "track"])
    assert xdg.command() == ["/usr/bin/wellbeing", "track"]


def test_an_entry_that_cannot_be_rewritten_does_not_stop_the_app(
    xdg: Autostart, tmp_path: Path
) -> None:
    legacy = write_legacy_xdg(tmp_path, COMMAND)
    Path(xdg.location).mkdir()  # something in the way of the new entry
    assert xdg.tidy() is False
    assert legacy.exists()  # the old entry still starts the app


# ---------------------------------------------------------------- reading commands back


@pytest.mark.parametrize(
    "command",
    [
        COMMAND,
        ["/a b/w", "gui", "--data-dir", "/x/$HOME`\\ \"q\" 'single' 50%% \t tab\nline"],
        ["w", ""],
        [" leading space", "C:\\dir"],
    ],
)
def test_exec_words_reads_back_what_desktop_exec_wrote(command: list[str]) -> None:
    assert exec_words(desktop_exec(command)) == command


@pytest.mark.parametrize(
    "command",
    [
        ["C:\\Program Files\\Wellbeing\\wellbeing.exe", "gui", "--hidden"],
        ["C:\\a\\", 'say "hi"', "", 'back\\\\slash\\\\"', "tab\there"],
    ],
)
def test_windows_words_reads_back_what_list2cmdline_wrote(command: list[str]) -> None:
    assert windows_words(subprocess.list2cmdline(command)) == command


# --------------------------------------------------------------- Windows AppUserModelID


class FakeShell32:
    def __init__(self) -> None:
        self.ids: list[str] = []

    def SetCurrentProcessExplicitAppUserModelID(self, app_id: str) -> int:
        self.ids.append(app_id)
        return 0  # S_OK


def test_windows_gets_the_app_id_as_its_app_user_model_id() -> None:
    shell32 = FakeShell32()
    assert set_windows_app_id("win32", shell32)
    assert shell32.ids == [APP_ID]
    assert not set_windows_app_id("linux", shell32)
    assert shell32.ids == [APP_ID]


# ------------------------------------------------------------------ inside Flatpak: the portal


class FakePortal:
    """Records ``RequestBackground`` calls; ``refuse`` makes the next one fail."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []
        self.refuse = False

    def __call__(self, service: str, path: str, interface: str, method: str, *args: object) -> str:
        if self.refuse:
            from wellbeing_app.platform.dbus import DBusCallFailed

            raise DBusCallFailed("org.freedesktop.portal.Error.NotAllowed")
        self.calls.append((service, path, interface, method, *args))
        return "/org/freedesktop/portal/desktop/request/1_1/wellbeing_autostart"


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Autostart, FakePortal]:
    info = tmp_path / ".flatpak-info"
    info.write_text("[Application]\nname=org.wellbeing.Wellbeing\n")
    portal = FakePortal()
    autostart = Autostart(
        "linux",
        environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")},
        home=tmp_path,
        flatpak_info=info,
        bus=portal,
    )
    return autostart, portal


def test_inside_flatpak_the_background_portal_writes_the_entry(
    sandbox: tuple[Autostart, FakePortal],
) -> None:
    autostart, portal = sandbox
    assert "portal" in autostart.location
    assert not autostart.enabled()
    autostart.enable(COMMAND)
    ((service, path, interface, method, parent, options),) = portal.calls
    assert (service, path) == ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
    assert (interface, method, parent) == (
        "org.freedesktop.portal.Background",
        "RequestBackground",
        "",
    )
    assert isinstance(options, dict)
    assert options["autostart"] is True
    assert options["commandline"] == HIDDEN
    assert options["reason"]
    assert autostart.enabled()  # the sandbox keeps its own record: the portal cannot be asked
    assert autostart.command() == HIDDEN
    assert autostart.set_start_hidden(False)
    assert portal.calls[-1][-1]["commandline"] == COMMAND  # type: ignore[index]
    autostart.disable()
    assert portal.calls[-1][-1]["autostart"] is False  # type: ignore[index]
    assert not autostart.enabled()
    calls = len(portal.calls)
    autostart.disable()  # already off: the portal is not asked again
    assert len(portal.calls) == calls


def test_inside_flatpak_a_refusal_is_an_error_and_nothing_is_recorded(
    sandbox: tuple[Autostart, FakePortal],
) -> None:
    autostart, portal = sandbox
    portal.refuse = True
    with pytest.raises(OSError, match="background portal"):
        autostart.enable(COMMAND)
    assert not autostart.enabled()
