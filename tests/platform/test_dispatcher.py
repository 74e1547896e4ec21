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
from wellbeing_app.platform import macos, wayland, windows, x11
from wellbeing_app.platform.probes import NullIdleProbe, ProbeUnavailable, create_probes

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
    """Every backend class replaced by a fake that records what it built."""
    made: list[Built] = []
    for module, names in [
        (windows, ["WindowsForegroundProbe", "WindowsIdleProbe"]),
        (macos, ["MacForegroundProbe", "MacIdleProbe"]),
        (x11, ["X11ForegroundProbe", "X11IdleProbe"]),
        (wayland, ["FocusedWindowProbe", "MutterIdleProbe", "ApproximateProcessProbe"]),
    ]:
        for name in names:
            monkeypatch.setattr(module, name, builds(name, made))
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


@pytest.mark.parametrize(
    "environ",
    [
        {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
        {"XDG_SESSION_TYPE": "wayland"},
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},  # XWayland's DISPLAY is not enough
    ],
)
def test_wayland_with_the_extension(built: list[Built], environ: dict[str, str]) -> None:
    foreground, idle = create_probes(["Discord"], platform="linux", environ=environ)
    assert (foreground, idle) == (Built("FocusedWindowProbe"), Built("MutterIdleProbe"))


def test_wayland_without_the_extension_is_approximate(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wayland, "FocusedWindowProbe", fails)
    names = ["Discord", "slack"]
    foreground, idle = create_probes(names, platform="linux", environ={"WAYLAND_DISPLAY": "w"})
    assert (foreground, idle) == (
        Built("ApproximateProcessProbe", (names,)),
        Built("MutterIdleProbe"),
    )


def test_wayland_with_the_extension_but_no_mutter_has_unknown_idle(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wayland, "MutterIdleProbe", fails)
    foreground, idle = create_probes([], platform="linux", environ={"WAYLAND_DISPLAY": "w"})
    assert foreground == Built("FocusedWindowProbe")
    assert isinstance(idle, NullIdleProbe)


def test_wayland_with_neither_focus_nor_idle_is_unavailable(
    built: list[Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counting every minute a chat app merely runs would be a wrong number; say so instead.
    monkeypatch.setattr(wayland, "MutterIdleProbe", fails)
    monkeypatch.setattr(wayland, "FocusedWindowProbe", fails)
    with pytest.raises(ProbeUnavailable, match="Focused Window D-Bus"):
        create_probes(["Discord"], platform="linux", environ={"XDG_SESSION_TYPE": "wayland"})
    assert built == []


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
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, "wayland", ["Xlib", "PySide6.QtWidgets"]),
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
    backends = {"windows", "macos", "x11", "wayland"}
    loaded = {name for name in backends if f"wellbeing_app.platform.{name}" in modules}
    assert loaded == {backend}
    assert not modules & set(absent)
