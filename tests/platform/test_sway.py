"""The wlroots probes against a real headless sway: real Wayland windows (foot), real focus
changes (swaymsg), real titles, real idle notifications.

The same desktop checks the sway IPC probe, the ``wlr-foreign-toplevel-management`` probe
(which river, labwc and Wayfire also speak) and the idle probe (``org_kde_kwin_idle`` on sway
1.7; ``ext-idle-notify-v1`` on later ones).
"""

from __future__ import annotations

import select
import threading
from collections.abc import Callable, Iterator

import pytest

from tests.sway_session import SwaySession, sway_session_or_skip
from tests.x11_session import wait_until
from wellbeing_app.core.probes import (
    ChangeNotifier,
    ForegroundProbe,
    ForegroundWindow,
    InputNotifier,
)
from wellbeing_app.platform.probes import NullIdleProbe, ProbeUnavailable
from wellbeing_app.platform.sway import SwayForegroundProbe, focused_node, window_of
from wellbeing_app.platform.wlr_idle import WaylandIdleProbe
from wellbeing_app.platform.wlr_toplevel import ForeignToplevelProbe
from wellbeing_app.platform.wlr_wire import socket_path
from wellbeing_app.platform.wlroots import wlroots_probes

pytestmark = pytest.mark.sway

DISCORD = "general | Discord"
EDITOR = "notes.txt - Text Editor"
PROBE_THREADS = ("sway-events", "wlr-toplevels", "wayland-idle")


@pytest.fixture(scope="module")
def sway() -> Iterator[SwaySession]:
    """Headless sway with a "Discord" and an editor window, the editor focused."""
    with sway_session_or_skip() as session:
        session.open_window("discord", DISCORD)
        session.open_window("org.gnome.TextEditor", EDITOR)
        session.focus("org.gnome.TextEditor")
        yield session


def _sway_probe(session: SwaySession) -> SwayForegroundProbe:
    return SwayForegroundProbe(session.swaysock)


def _toplevel_probe(session: SwaySession) -> ForeignToplevelProbe:
    path = socket_path(session.env())
    assert path is not None
    return ForeignToplevelProbe(path)


@pytest.fixture(params=[_sway_probe, _toplevel_probe], ids=["sway-ipc", "foreign-toplevel"])
def probe(
    request: pytest.FixtureRequest, sway: SwaySession
) -> Iterator[tuple[ForegroundProbe, bool]]:
    """Each foreground probe on the same desktop, and whether it knows the pid."""
    make: Callable[[SwaySession], ForegroundProbe] = request.param
    sway.swaymsg("workspace 1")
    sway.focus("org.gnome.TextEditor")
    made = make(sway)
    yield made, make is _sway_probe
    made.close()


def _wait_for(probe: ForegroundProbe, what: Callable[[ForegroundWindow | None], bool]) -> None:
    wait_until(lambda: what(probe.foreground()), "the probe to see the change", timeout=5)


def _is(app: str, title: str, *, fullscreen: bool = False) -> Callable[[object], bool]:
    def matches(window: object) -> bool:
        return isinstance(window, ForegroundWindow) and (
            window.app,
            window.title,
            window.fullscreen,
        ) == (app, title, fullscreen)

    return matches


def test_the_focused_window_is_known_at_once_by_app_id(
    probe: tuple[ForegroundProbe, bool],
) -> None:
    foreground, knows_pid = probe
    window = foreground.foreground()
    assert window is not None
    assert (window.app, window.title, window.fullscreen) == ("org.gnome.TextEditor", EDITOR, False)
    assert (window.pid is not None) is knows_pid


def test_focus_title_and_fullscreen_changes_arrive_as_events(
    probe: tuple[ForegroundProbe, bool], sway: SwaySession
) -> None:
    foreground, _ = probe
    sway.focus("discord")
    _wait_for(foreground, _is("discord", DISCORD))
    sway.set_title("discord", "random | Discord")
    _wait_for(foreground, _is("discord", "random | Discord"))
    sway.swaymsg("fullscreen enable")
    _wait_for(foreground, _is("discord", "random | Discord", fullscreen=True))
    sway.swaymsg("fullscreen disable")
    sway.set_title("discord", DISCORD)
    sway.focus("org.gnome.TextEditor")
    _wait_for(foreground, _is("org.gnome.TextEditor", EDITOR))


def test_an_empty_workspace_has_no_window(
    probe: tuple[ForegroundProbe, bool], sway: SwaySession
) -> None:
    foreground, _ = probe
    sway.swaymsg("workspace 7")
    _wait_for(foreground, lambda window: window is None)
    sway.swaymsg("workspace 1")
    _wait_for(foreground, _is("org.gnome.TextEditor", EDITOR))


def test_closing_the_focused_window_moves_to_the_next(
    probe: tuple[ForegroundProbe, bool], sway: SwaySession
) -> None:
    foreground, _ = probe
    process = sway.open_window("com.example.Scratch", "scratch")
    sway.focus("com.example.Scratch")
    _wait_for(foreground, _is("com.example.Scratch", "scratch"))
    process.terminate()
    process.wait(timeout=10)
    _wait_for(foreground, lambda window: window is not None and window.app != "com.example.Scratch")


def _readable(probe: object, timeout: float) -> bool:
    assert isinstance(probe, ChangeNotifier)
    fileno = probe.change_fileno()
    assert fileno is not None
    return bool(select.select([fileno], [], [], timeout)[0])


def test_a_focus_change_wakes_a_sampler_sleeping_on_the_probe(
    probe: tuple[ForegroundProbe, bool], sway: SwaySession
) -> None:
    foreground, _ = probe
    assert isinstance(foreground, ChangeNotifier)
    wait_until(lambda: not foreground.take_changes(), "the start-up events to be read")

    sway.focus("discord")

    assert _readable(foreground, 10)  # what select (or a Qt socket notifier) sees
    assert foreground.take_changes()
    _wait_for(foreground, _is("discord", DISCORD))
    sway.focus("org.gnome.TextEditor")


def test_a_title_changing_in_the_background_wakes_no_sampler(sway: SwaySession) -> None:
    probe = _sway_probe(sway)
    signals = 0
    signal = probe._reader._signal

    def counted() -> None:
        nonlocal signals
        signals += 1
        signal()

    try:
        sway.focus("org.gnome.TextEditor")
        _wait_for(probe, _is("org.gnome.TextEditor", EDITOR))
        probe._reader._signal = counted  # type: ignore[method-assign]
        sway.set_title("discord", "(1) general | Discord")  # in the background
        sway.set_title("org.gnome.TextEditor", "other.txt - Text Editor")  # in front
        _wait_for(probe, _is("org.gnome.TextEditor", "other.txt - Text Editor"))
        # The events come in order: the background title was read first, and woke nobody.
        assert signals == 1
    finally:
        probe.close()
        sway.set_title("discord", DISCORD)
        sway.set_title("org.gnome.TextEditor", EDITOR)


def test_after_close_the_probe_reads_nothing_and_its_thread_is_gone(
    probe: tuple[ForegroundProbe, bool],
) -> None:
    foreground, _ = probe
    foreground.close()
    foreground.close()  # twice is harmless
    assert foreground.foreground() is None
    assert not [t for t in threading.enumerate() if t.name in PROBE_THREADS]


def test_idle_is_reported_after_the_threshold_and_ends_with_input(sway: SwaySession) -> None:
    path = socket_path(sway.env())
    assert path is not None
    idle = WaylandIdleProbe(path, idle_after_seconds=1)
    try:
        assert idle.name in ("kde-idle", "ext-idle-notify")
        wait_until(lambda: (idle.idle_seconds() or 0) >= 1, "the compositor to say idle", 10)
        seconds = idle.idle_seconds()
        assert seconds is not None and 1 <= seconds < 5
        assert isinstance(idle, InputNotifier) and idle.take_changes()  # it said "idled"
        idle.notify_input()
        sway.move_pointer()
        assert _readable(idle, 10)  # "resumed" wakes a sampler waiting for the return
        wait_until(lambda: idle.idle_seconds() == 0, "the compositor to say resumed", 10)
    finally:
        idle.close()
    assert idle.idle_seconds() == 0
    assert not [t for t in threading.enumerate() if t.name in PROBE_THREADS]


def test_an_input_device_coming_and_going_while_active_wakes_no_sampler(
    sway: SwaySession,
) -> None:
    path = socket_path(sway.env())
    assert path is not None
    idle = WaylandIdleProbe(path, idle_after_seconds=600)
    reads = signals = 0
    reader = idle._reader
    read, signal = reader._on_readable, reader._signal

    def counted_read() -> bool:
        nonlocal reads
        reads += 1
        return read()

    def counted_signal() -> None:
        nonlocal signals
        signals += 1
        signal()

    reader._on_readable = counted_read  # type: ignore[method-assign]
    reader._signal = counted_signal  # type: ignore[method-assign]
    try:
        # A virtual pointer is a new device: the seat's capabilities change, twice.
        sway.move_pointer()
        wait_until(lambda: reads >= 1, "the seat's events to be read", 10)
        assert idle.idle_seconds() == 0
        assert signals == 0
    finally:
        idle.close()


def test_wlroots_probes_choose_sway_ipc_and_its_idle_protocol(sway: SwaySession) -> None:
    foreground, idle = wlroots_probes(sway.env(), idle_after_seconds=180)
    try:
        assert foreground.name == "sway"
        assert idle.name in ("kde-idle", "ext-idle-notify")
        assert idle.idle_seconds() == 0
    finally:
        foreground.close()
        idle.close()


def test_without_sway_ipc_the_foreign_toplevel_protocol_is_used(sway: SwaySession) -> None:
    env = sway.env()
    env["SWAYSOCK"] = env["XDG_RUNTIME_DIR"] + "/no-such.sock"
    foreground, idle = wlroots_probes(env, idle_after_seconds=180)
    try:
        assert foreground.name == "wlr-foreign-toplevel"
        assert foreground.foreground() is not None
    finally:
        foreground.close()
        idle.close()


def test_no_compositor_is_one_sentence_naming_the_desktop(tmp_path: object) -> None:
    env = {"XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "wayland-9"}
    env["XDG_CURRENT_DESKTOP"] = "river"
    with pytest.raises(ProbeUnavailable, match=r"on river: .*\.$") as caught:
        wlroots_probes(env, idle_after_seconds=180)
    assert "\n" not in str(caught.value)


def test_without_an_idle_protocol_idle_time_is_unknown(tmp_path: object) -> None:
    from wellbeing_app.platform.wlroots import idle_probe

    env = {"XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "wayland-9"}
    assert isinstance(idle_probe(env, idle_after_seconds=180), NullIdleProbe)


def test_a_focused_workspace_or_container_reports_its_last_focused_window(
    sway: SwaySession,
) -> None:
    sway.focus("discord")
    sway.swaymsg("focus parent")  # the workspace itself has the focus now
    probe = _sway_probe(sway)
    try:
        assert _is("discord", DISCORD)(probe.foreground())
    finally:
        probe.close()
        sway.focus("org.gnome.TextEditor")


def test_split_containers_are_not_windows() -> None:
    view = {"type": "con", "id": 9, "shell": "xdg_shell", "app_id": "discord", "name": "d"}
    split = {"type": "con", "id": 8, "focused": True, "focus": [9], "nodes": [view]}
    tree = {"type": "root", "nodes": [{"type": "workspace", "nodes": [split], "focus": [8]}]}
    assert focused_node(tree) is view
    assert window_of(split) is None
