"""Choosing probes by OS and session, with every backend replaced by a recording fake."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform import kde, macos, probes, wayland, windows, wlr_idle, wlroots, x11
from wellbeing_app.platform.probes import NullIdleProbe, ProbeUnavailable, create_probes
from wellbeing_app.platform.sessions import probe_label

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Built:
    """A probe a fake backend class built, with the arguments it was given."""

    kind: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    closed: bool = False
    name: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        self.name = self.kind

    def foreground(self) -> ForegroundWindow | None:
        return None

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        self.closed = True


def builds(kind: str, built: list[Built]) -> Callable[..., Built]:
    def build(*args: Any, **kwargs: Any) -> Built:
        probe = Built(kind, args, kwargs)
        built.append(probe)
        return probe

    return build


def fails(*args: Any, **kwargs: Any) -> Any:
    raise ProbeUnavailable("not here")


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[Built]:
    """Every backend class replaced by a fake that records what it built; the session bus
    holds no names unless a test says so."""
    made: list[Built] = []
    for module, names in [
        (windows, ["WindowsForegroundProbe", "WindowsIdleProbe"]),
        (macos, ["MacForegroundProbe", "MacIdleProbe"]),
        (x11, ["X11ForegroundProbe", "X11IdleProbe"]),
        (wayland, ["FocusedWindowProbe", "MutterIdleProbe", "ApproximateProcessProbe"]),
        (kde, ["KWinScriptProbe", "ScreenSaverIdleProbe"]),
        (wlr_idle, ["WaylandIdleProbe"]),
    ]:
        for name in names:
            monkeypatch.setattr(module, name, builds(name, made))

    def wlroots_probes(
        environ: dict[str, str], *, idle_after_seconds: float
    ) -> tuple[Built, Built]:
        foreground = Built("wlroots_probes", (environ,), {"idle_after_seconds": idle_after_seconds})
        idle = Built("wlroots idle")
        made.extend([foreground, idle])
        return foreground, idle

    def idle_probe(environ: dict[str, str], *, idle_after_seconds: float) -> Built:
        probe = Built("wlroots.idle_probe", (), {"idle_after_seconds": idle_after_seconds})
        made.append(probe)
        return probe

    monkeypatch.setattr(wlroots, "wlroots_probes", wlroots_probes)
    monkeypatch.setattr(wlroots, "idle_probe", idle_probe)
    monkeypatch.setattr(probes, "session_bus_names", lambda: ())
    return made


def test_windows(built: list[Built]) -> None:
    foreground, idle = create_probes(["Discord"], platform="win32", environ={})
    assert (foreground, idle) == (Built("WindowsForegroundProbe"), Built("WindowsIdleProbe"))


def test_macos(built: list[Built]) -> None:
    foreground, idle = create_probes(["Discord"], platform="darwin", environ={"DISPLAY": ":0"})
    assert (foreground, idle) == (Built("MacForegroundProbe"), Built("MacIdleProbe"))


@pytest.mark.parametrize(
    "environ",
    [
        {"XDG_SESSION_TYPE": "x11", "DISPLAY": ":1"},
        {"XDG_SESSION_TYPE": "tty", "DISPLAY": ":1"},  # startx sessions look like this
        {"DISPLAY": ":1"},
        # An explicit X11 session wins over a stray WAYLAND_DISPLAY.
        {"XDG_SESSION_TYPE": "X11", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":1"},
    ],
)
def test_x11_on_the_sessions_display(built: list[Built], environ: dict[str, str]) -> None:
    foreground, idle = create_probes([], platform="linux", environ=environ)
    assert (foreground, idle) == (
        Built("X11ForegroundProbe", (":1",)),
        Built("X11IdleProbe", (":1",)),
    )


def test_x11_without_screensaver_extension_tracks_with_unknown_idle(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(x11, "X11IdleProbe", fails)
    foreground, idle = create_probes([], platform="linux", environ={"DISPLAY": ":1"})
    assert foreground == Built("X11ForegroundProbe", (":1",))
    assert isinstance(idle, NullIdleProbe)


def test_x11_display_that_cannot_be_opened_is_unavailable(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(x11, "X11ForegroundProbe", fails)
    with pytest.raises(ProbeUnavailable):
        create_probes([], platform="linux", environ={"DISPLAY": ":1"})
    assert built == []


GNOME = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}
KDE = {
    "XDG_SESSION_TYPE": "wayland",
    "XDG_CURRENT_DESKTOP": "KDE",
    "KDE_SESSION_VERSION": "6",
    "WAYLAND_DISPLAY": "wayland-0",
    "XDG_RUNTIME_DIR": "/run/user/1000",
}


@pytest.mark.parametrize(
    "environ",
    [
        {**GNOME, "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
        GNOME,
        # XWayland's DISPLAY is not enough
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "GNOME"},
    ],
)
def test_gnome_with_the_extension(built: list[Built], environ: dict[str, str]) -> None:
    foreground, idle = create_probes(["Discord"], platform="linux", environ=environ)
    assert (foreground, idle) == (Built("FocusedWindowProbe"), Built("MutterIdleProbe"))


def test_gnome_is_known_by_its_shell_on_the_bus_when_the_environment_does_not_say(
    built: list[Built],
) -> None:
    asked: list[bool] = []

    def bus_names() -> list[str]:
        asked.append(True)
        return ["org.freedesktop.DBus", "org.gnome.Shell", ":1.7"]

    foreground, _ = create_probes(
        [], platform="linux", environ={"XDG_SESSION_TYPE": "wayland"}, bus_names=bus_names
    )
    assert foreground == Built("FocusedWindowProbe")
    assert asked == [True]


def test_the_bus_is_not_asked_when_the_environment_names_the_desktop(built: list[Built]) -> None:
    def bus_names() -> list[str]:
        raise AssertionError("asked the bus")

    create_probes([], platform="linux", environ=GNOME, bus_names=bus_names)
    create_probes([], platform="linux", environ=KDE, bus_names=bus_names)


def test_gnome_without_the_extension_is_approximate(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wayland, "FocusedWindowProbe", fails)
    names = ["Discord", "slack"]
    foreground, idle = create_probes(names, platform="linux", environ=GNOME)
    assert (foreground, idle) == (
        Built("ApproximateProcessProbe", (names,)),
        Built("MutterIdleProbe"),
    )


def test_gnome_with_the_extension_but_no_mutter_has_unknown_idle(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wayland, "MutterIdleProbe", fails)
    foreground, idle = create_probes([], platform="linux", environ=GNOME)
    assert foreground == Built("FocusedWindowProbe")
    assert isinstance(idle, NullIdleProbe)


def test_gnome_with_neither_focus_nor_idle_is_unavailable(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counting every minute a chat app merely runs would be a wrong number; say so instead.
    monkeypatch.setattr(wayland, "MutterIdleProbe", fails)
    monkeypatch.setattr(wayland, "FocusedWindowProbe", fails)
    with pytest.raises(ProbeUnavailable, match=r"On GNOME .*Focused Window D-Bus"):
        create_probes(["Discord"], platform="linux", environ=GNOME)
    assert built == []


# --- KDE Plasma ---------------------------------------------------------------------------------


def test_kde_plasma_uses_the_kwin_script_and_kwins_idle_notifications(built: list[Built]) -> None:
    foreground, idle = create_probes([], platform="linux", environ=KDE, idle_after_seconds=180)
    assert foreground == Built("KWinScriptProbe", (), {"plasma_version": 6})
    assert idle == Built(
        "WaylandIdleProbe", ("/run/user/1000/wayland-0",), {"idle_after_seconds": 180}
    )


@pytest.mark.parametrize(
    "environ",
    [
        {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "KDE"},
        {"XDG_SESSION_TYPE": "wayland", "KDE_FULL_SESSION": "true"},
    ],
)
def test_kde_plasma_5_or_an_unknown_version(built: list[Built], environ: dict[str, str]) -> None:
    foreground, _ = create_probes([], platform="linux", environ=environ)
    assert foreground == Built("KWinScriptProbe", (), {"plasma_version": None})
    foreground, _ = create_probes(
        [], platform="linux", environ={**environ, "KDE_SESSION_VERSION": "5"}
    )
    assert foreground == Built("KWinScriptProbe", (), {"plasma_version": 5})


def test_kde_is_known_by_kwin_on_the_bus(built: list[Built]) -> None:
    foreground, _ = create_probes(
        [],
        platform="linux",
        environ={"XDG_SESSION_TYPE": "wayland"},
        bus_names=lambda: ["org.kde.KWin", "org.gnome.Shell"],
    )
    assert foreground.name == "KWinScriptProbe"


def test_kde_idle_falls_back_to_the_screen_saver_then_to_unknown(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wlr_idle, "WaylandIdleProbe", fails)
    assert create_probes([], platform="linux", environ=KDE)[1] == Built("ScreenSaverIdleProbe")
    monkeypatch.setattr(kde, "ScreenSaverIdleProbe", fails)
    assert isinstance(create_probes([], platform="linux", environ=KDE)[1], NullIdleProbe)


def test_kde_without_the_script_is_approximate(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kde, "KWinScriptProbe", fails)
    foreground, idle = create_probes(["slack"], platform="linux", environ=KDE)
    assert foreground == Built("ApproximateProcessProbe", (["slack"],))
    assert idle.name == "WaylandIdleProbe"


def test_kde_with_neither_script_nor_idle_names_plasma_and_no_gnome_extension(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    for module, name in [(kde, "KWinScriptProbe"), (kde, "ScreenSaverIdleProbe")]:
        monkeypatch.setattr(module, name, fails)
    monkeypatch.setattr(wlr_idle, "WaylandIdleProbe", fails)
    with pytest.raises(ProbeUnavailable) as raised:
        create_probes(["slack"], platform="linux", environ=KDE)
    message = str(raised.value)
    assert message.startswith("On KDE Plasma (Wayland)")
    assert "GNOME" not in message and "extension" not in message
    assert "Plasma (X11)" in message


def test_kde_on_x11_uses_x11(built: list[Built]) -> None:
    environ = {"XDG_SESSION_TYPE": "x11", "XDG_CURRENT_DESKTOP": "KDE", "DISPLAY": ":0"}
    foreground, _ = create_probes([], platform="linux", environ=environ)
    assert foreground == Built("X11ForegroundProbe", (":0",))


# --- wlroots and other Wayland desktops ---------------------------------------------------------


@pytest.mark.parametrize(
    "environ",
    [
        {"XDG_SESSION_TYPE": "wayland", "SWAYSOCK": "/run/user/1000/sway-ipc.sock"},
        {"XDG_SESSION_TYPE": "wayland", "HYPRLAND_INSTANCE_SIGNATURE": "abc"},
        {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "river"},
        {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "labwc:wlroots"},
        {"WAYLAND_DISPLAY": "wayland-1", "XDG_CURRENT_DESKTOP": "Wayfire"},
    ],
)
def test_wlroots_desktops_go_to_the_wlroots_probes(
    built: list[Built], environ: dict[str, str]
) -> None:
    foreground, idle = create_probes([], platform="linux", environ=environ, idle_after_seconds=60)
    assert foreground == Built("wlroots_probes", (environ,), {"idle_after_seconds": 60})
    assert idle == Built("wlroots idle")


def test_an_unknown_wayland_desktop_tries_the_wlroots_protocols_first(built: list[Built]) -> None:
    environ = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "niri"}
    foreground, _ = create_probes([], platform="linux", environ=environ)
    assert foreground.name == "wlroots_probes"


def test_an_unknown_wayland_desktop_without_them_is_approximate_when_idle_is_known(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wlroots, "wlroots_probes", fails)
    environ = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "COSMIC"}
    foreground, idle = create_probes(["slack"], platform="linux", environ=environ)
    assert foreground == Built("ApproximateProcessProbe", (["slack"],))
    assert idle.name == "wlroots.idle_probe"


def test_an_unknown_wayland_desktop_with_nothing_names_it_and_what_works(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wlroots, "wlroots_probes", fails)
    monkeypatch.setattr(wlroots, "idle_probe", lambda environ, idle_after_seconds: NullIdleProbe())
    monkeypatch.setattr(kde, "ScreenSaverIdleProbe", fails)
    environ = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "COSMIC"}
    with pytest.raises(ProbeUnavailable) as raised:
        create_probes(["slack"], platform="linux", environ=environ)
    message = str(raised.value)
    assert message.startswith("On COSMIC (Wayland) ")
    assert "X11" in message and "KDE Plasma" in message and "sway" in message
    assert message.count(". ") == 0


def test_every_probe_has_a_name_for_the_status_bar() -> None:
    assert wayland.FocusedWindowProbe.name == "GNOME extension"
    assert wayland.ApproximateProcessProbe.name == "approximate: running apps only"
    assert kde.KWinScriptProbe.name == "KWin script"
    assert probe_label(x11.X11ForegroundProbe.name) == "X11"
    assert probe_label("sway") == "sway IPC"
    assert probe_label("something new") == "something new"


@pytest.mark.parametrize("environ", [{}, {"XDG_SESSION_TYPE": "tty"}, {"DISPLAY": ""}])
def test_no_graphical_session_is_one_clear_sentence(
    built: list[Built], environ: dict[str, str]
) -> None:
    with pytest.raises(ProbeUnavailable) as raised:
        create_probes(["Discord"], platform="linux", environ=environ)
    message = str(raised.value)
    assert message.endswith(".")
    assert message.count(". ") == 0
    assert "graphical desktop session" in message
    assert built == []


def test_defaults_come_from_sys_platform_and_os_environ(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert create_probes([])[0] == Built("WindowsForegroundProbe")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":7")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    assert create_probes([])[0] == Built("X11ForegroundProbe", (":7",))


LOADED_MODULES = """
import json, sys
from wellbeing_app.platform.probes import ProbeUnavailable, create_probes
try:
    create_probes(["Discord"], platform=sys.argv[1], environ=json.loads(sys.argv[2]))
except ProbeUnavailable:
    pass
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    ("platform", "environ", "backend", "absent"),
    [
        ("win32", {}, "windows", ["Xlib", "PySide6", "AppKit"]),
        ("darwin", {}, "macos", ["Xlib", "PySide6"]),
        ("linux", {"DISPLAY": ":59999"}, "x11", ["PySide6"]),
        (
            "linux",
            {"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"},
            "wayland",
            ["Xlib", "PySide6.QtWidgets"],
        ),
        (
            "linux",
            {"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "KDE"},
            "kde",
            ["Xlib", "PySide6.QtWidgets"],
        ),
    ],
)
def test_only_the_chosen_backend_is_imported(
    platform: str, environ: dict[str, str], backend: str, absent: list[str]
) -> None:
    # A fresh interpreter: this test process has imported every backend already. It runs the
    # real backends, which cannot work here, so each ends in ProbeUnavailable after its import.
    env = dict(os.environ, PYTHONPATH=str(REPO), DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
    result = subprocess.run(
        [sys.executable, "-c", LOADED_MODULES, platform, json.dumps(environ)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    modules = set(json.loads(result.stdout))
    backends = {"windows", "macos", "x11", "wayland", "kde"}
    loaded = {name for name in backends if f"wellbeing_app.platform.{name}" in modules}
    assert loaded == {backend}
    assert not modules & set(absent)
