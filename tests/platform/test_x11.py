"""The X11 probes against a real X server: Xvfb, openbox, real windows, focus moved by xdotool."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import psutil
import pytest
from Xlib import X, Xatom
from Xlib import display as xdisplay

from tests.x11_session import (
    OpenXterm,
    activate,
    wait_until,
    x11_display_or_skip,
    x11_env,
    xdotool,
)
from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.platform.probes import (
    NullIdleProbe,
    ProbeUnavailable,
    ProcessNames,
    create_probes,
)
from wellbeing_app.platform.x11 import X11ForegroundProbe, X11IdleProbe

pytestmark = pytest.mark.x11

_GET_PROPERTY = 20  # the core protocol's opcode

# Above Linux's largest possible pid (2**22), so no process can have it.
_NO_SUCH_PID = 2**22 + 4321


@pytest.fixture
def probe(x11_display: str) -> Iterator[X11ForegroundProbe]:
    foreground = X11ForegroundProbe(x11_display)
    yield foreground
    foreground.close()


@pytest.fixture
def idle_probe(x11_display: str) -> Iterator[X11IdleProbe]:
    idle = X11IdleProbe(x11_display)
    yield idle
    idle.close()


@contextmanager
def bare_window(
    display_name: str,
    *,
    net_wm_name: str | None = None,
    wm_name: bytes | None = None,
    wm_class: tuple[str, str] | None = None,
    pid: int | None = None,
) -> Iterator[int]:
    """A window made with python-xlib, with exactly the properties given; yields its id."""
    connection = xdisplay.Display(display_name)
    try:
        window = connection.screen().root.create_window(0, 0, 320, 200, 0, X.CopyFromParent)
        if net_wm_name is not None:
            window.change_property(
                connection.intern_atom("_NET_WM_NAME"),
                connection.intern_atom("UTF8_STRING"),
                8,
                net_wm_name.encode(),
            )
        if wm_name is not None:
            window.change_property(Xatom.WM_NAME, Xatom.STRING, 8, wm_name)
        if wm_class is not None:
            window.set_wm_class(*wm_class)
        if pid is not None:
            window.change_property(connection.intern_atom("_NET_WM_PID"), Xatom.CARDINAL, 32, [pid])
        window.map()
        connection.sync()
        wm_state = connection.intern_atom("WM_STATE")
        wait_until(
            lambda: window.get_full_property(wm_state, X.AnyPropertyType) is not None,
            "openbox to manage the window",
        )
        yield window.id
        window.destroy()
        connection.sync()
    finally:
        connection.close()


def set_active_window(display_name: str, window_id: int) -> None:
    """Writes ``_NET_ACTIVE_WINDOW`` on the root directly, as a window manager would."""
    connection = xdisplay.Display(display_name)
    try:
        root = connection.screen().root
        root.change_property(
            connection.intern_atom("_NET_ACTIVE_WINDOW"), Xatom.WINDOW, 32, [window_id]
        )
        connection.sync()
    finally:
        connection.close()


def test_reports_the_focused_xterms_title_and_app(
    x11_display: str, xterm: OpenXterm, probe: X11ForegroundProbe
) -> None:
    discord, discord_window = xterm("general | Discord")
    editor, editor_window = xterm("notes.txt - Text Editor")

    activate(x11_display, discord_window)
    assert probe.foreground() == ForegroundWindow("xterm", "general | Discord", discord.pid)
    activate(x11_display, editor_window)
    assert probe.foreground() == ForegroundWindow("xterm", "notes.txt - Text Editor", editor.pid)
    activate(x11_display, discord_window)
    assert probe.foreground() == ForegroundWindow("xterm", "general | Discord", discord.pid)


def test_a_focus_change_costs_two_round_trips(
    x11_display: str, xterm: OpenXterm, probe: X11ForegroundProbe
) -> None:
    discord, discord_window = xterm("general | Discord")
    _, editor_window = xterm("notes.txt - Text Editor")
    activate(x11_display, editor_window)
    probe.foreground()
    round_trips = 0
    connection = probe._display.display.socket
    send = connection.send

    class Counted:
        """Counts the writes that carry a request with a reply (the probe waits for it)."""

        def __getattr__(self, name: str) -> object:
            return getattr(connection, name)

        def send(self, data: bytes) -> int:
            nonlocal round_trips
            at, opcodes = 0, []
            while at + 4 <= len(data):  # each request: opcode, data, length in 4-byte units
                opcodes.append(data[at])
                at += 4 * max(1, int.from_bytes(data[at + 2 : at + 4], sys.byteorder))
            round_trips += _GET_PROPERTY in opcodes
            return int(send(data))

    probe._display.display.socket = Counted()
    activate(x11_display, discord_window)
    assert probe.foreground() == ForegroundWindow("xterm", "general | Discord", discord.pid)
    # The active window, then its title (two properties), state, class and pid at once.
    assert round_trips == 2


def test_reads_the_title_every_poll_as_it_changes(
    x11_display: str, xterm: OpenXterm, probe: X11ForegroundProbe
) -> None:
    browser, window = xterm("Inbox - Mail")
    activate(x11_display, window)
    assert probe.foreground() == ForegroundWindow("xterm", "Inbox - Mail", browser.pid)

    xdotool(x11_display, "set_window", "--name", "r/AskReddit - Reddit", str(window))

    assert probe.foreground() == ForegroundWindow("xterm", "r/AskReddit - Reddit", browser.pid)


def test_looks_up_each_process_name_once(x11_display: str, xterm: OpenXterm) -> None:
    looked_up: list[int] = []

    def lookup(pid: int) -> str:
        looked_up.append(pid)
        return f"app-{pid}"

    first, first_window = xterm("first")
    second, second_window = xterm("second")
    probe = X11ForegroundProbe(x11_display, process_names=ProcessNames(lookup))
    try:
        for _ in range(3):
            for process, window in ((first, first_window), (second, second_window)):
                activate(x11_display, window)
                for _ in range(5):
                    assert probe.foreground() is not None
                assert probe.foreground() == ForegroundWindow(
                    f"app-{process.pid}", "first" if process is first else "second", process.pid
                )
    finally:
        probe.close()
    assert looked_up == [first.pid, second.pid]


def test_prefers_the_utf8_title_and_names_the_app_by_wm_class_without_a_pid(
    x11_display: str, probe: X11ForegroundProbe
) -> None:
    with bare_window(
        x11_display,
        net_wm_name="Café — général | Discord",
        wm_name=b"Cafe - general | Discord",
        wm_class=("discord", "Discord"),
    ) as window:
        activate(x11_display, window)
        assert probe.foreground() == ForegroundWindow("Discord", "Café — général | Discord")


def test_falls_back_to_latin1_wm_name_and_names_the_app_by_its_pid(
    x11_display: str, probe: X11ForegroundProbe
) -> None:
    with bare_window(
        x11_display,
        wm_name="café notes".encode("latin-1"),
        wm_class=("n", "Notes"),
        pid=os.getpid(),
    ) as window:
        activate(x11_display, window)
        assert probe.foreground() == ForegroundWindow(
            psutil.Process().name(), "café notes", os.getpid()
        )


def test_uses_wm_class_when_the_pid_has_no_process(
    x11_display: str, probe: X11ForegroundProbe
) -> None:
    with bare_window(
        x11_display, net_wm_name="chat", wm_class=("slack", "Slack"), pid=_NO_SUCH_PID
    ) as window:
        activate(x11_display, window)
        assert probe.foreground() == ForegroundWindow("Slack", "chat", _NO_SUCH_PID)


def test_reads_long_titles_whole_and_tolerates_a_window_with_no_properties(
    x11_display: str, probe: X11ForegroundProbe
) -> None:
    long_title = "A very long thread title | Forum " * 100
    with bare_window(x11_display, net_wm_name=long_title) as window:
        activate(x11_display, window)
        assert probe.foreground() == ForegroundWindow("", long_title)
    with bare_window(x11_display) as window:
        activate(x11_display, window)
        assert probe.foreground() == ForegroundWindow("", "")


def test_no_focused_window_is_none(
    x11_display: str, xterm: OpenXterm, probe: X11ForegroundProbe
) -> None:
    process, window = xterm("about to close")
    activate(x11_display, window)
    assert probe.foreground() is not None

    process.terminate()

    wait_until(lambda: probe.foreground() is None, "openbox to clear _NET_ACTIVE_WINDOW")


def test_a_window_that_vanished_between_calls_is_none_not_an_error(
    x11_display: str, probe: X11ForegroundProbe
) -> None:
    with bare_window(x11_display, net_wm_name="gone soon") as window:
        activate(x11_display, window)
        assert probe.foreground() == ForegroundWindow("", "gone soon")
    # The window is destroyed but the root still names it: exactly what a poll sees when a
    # window closes between reading _NET_ACTIVE_WINDOW and reading its title (BadWindow).
    set_active_window(x11_display, window)

    assert probe.foreground() is None


def test_idle_time_grows_and_resets_on_mouse_movement(
    x11_display: str, idle_probe: X11IdleProbe
) -> None:
    first = idle_probe.idle_seconds()
    assert first is not None and first >= 0
    # Polls the X server until its idle clock has visibly advanced (milliseconds, not a sleep).
    wait_until(lambda: (idle_probe.idle_seconds() or 0) > max(first, 0.05), "idle time to grow")
    before = idle_probe.idle_seconds()
    assert before is not None

    x, y = _pointer_position(x11_display)
    xdotool(x11_display, "mousemove", str((x + 37) % 1000), str((y + 23) % 700))

    after = idle_probe.idle_seconds()
    assert after is not None and after < before


def _pointer_position(display_name: str) -> tuple[int, int]:
    connection = xdisplay.Display(display_name)
    try:
        pointer = connection.screen().root.query_pointer()
        return int(pointer.root_x), int(pointer.root_y)
    finally:
        connection.close()


def test_closed_probes_report_nothing_and_close_twice_safely(x11_display: str) -> None:
    foreground = X11ForegroundProbe(x11_display)
    idle = X11IdleProbe(x11_display)
    foreground.close()
    idle.close()
    foreground.close()
    idle.close()

    assert foreground.foreground() is None
    assert idle.idle_seconds() is None


# python-xlib does not close the sockets of a failed connection attempt (only visible when
# ResourceWarning is enabled, e.g. with -X dev); that is its bug, not the probe's.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_an_unreachable_display_is_probe_unavailable() -> None:
    with pytest.raises(ProbeUnavailable, match="could not connect"):
        X11ForegroundProbe(":59999")
    with pytest.raises(ProbeUnavailable, match="could not connect"):
        X11ForegroundProbe(":987")
    with pytest.raises(ProbeUnavailable, match="could not connect"):
        X11IdleProbe("not a display name")


def test_dispatcher_builds_real_x11_probes(x11_display: str) -> None:
    foreground, idle = create_probes(
        ["Discord"], platform="linux", environ={"DISPLAY": x11_display, "XDG_SESSION_TYPE": "x11"}
    )
    try:
        assert isinstance(foreground, X11ForegroundProbe)
        assert isinstance(idle, X11IdleProbe)
        assert idle.idle_seconds() is not None
    finally:
        foreground.close()
        idle.close()


def test_server_without_screensaver_extension_falls_back_to_unknown_idle() -> None:
    with x11_display_or_skip(
        window_manager=False, xvfb_args=("-extension", "MIT-SCREEN-SAVER")
    ) as display:
        with pytest.raises(ProbeUnavailable, match="MIT-SCREEN-SAVER"):
            X11IdleProbe(display)

        foreground, idle = create_probes([], platform="linux", environ={"DISPLAY": display})
        try:
            assert isinstance(foreground, X11ForegroundProbe)
            assert isinstance(idle, NullIdleProbe)
            assert foreground.foreground() is None  # no window manager, so nothing is active
        finally:
            foreground.close()
            idle.close()


def test_reports_when_the_focused_window_goes_fullscreen(
    x11_display: str, xterm: OpenXterm, probe: X11ForegroundProbe
) -> None:
    _, window = xterm("A film - Video Player")
    activate(x11_display, window)
    found = probe.foreground()
    assert found is not None
    assert not found.fullscreen
    # Ask the window manager for fullscreen the EWMH way, as a video player does.
    subprocess.run(
        ["wmctrl", "-i", "-r", hex(window), "-b", "add,fullscreen"],
        env=x11_env(x11_display),
        check=True,
        timeout=30,
    )

    def fullscreen() -> bool:
        found = probe.foreground()
        return found is not None and found.fullscreen

    wait_until(fullscreen, "the window to be fullscreen")


def _readable(fileno: int | None, timeout: float) -> bool:
    assert fileno is not None
    return bool(select.select([fileno], [], [], timeout)[0])


def test_a_title_change_makes_the_display_connection_readable(
    x11_display: str, xterm: OpenXterm, probe: X11ForegroundProbe
) -> None:
    browser, window = xterm("Inbox - Mail")
    activate(x11_display, window)
    assert probe.foreground() == ForegroundWindow("xterm", "Inbox - Mail", browser.pid)
    # The window manager may still be announcing the focus change: read until it is quiet.
    wait_until(
        lambda: not _readable(probe.change_fileno(), 0) or not probe.take_changes(),
        "the focus change's events to be read",
    )
    probe.take_changes()

    xdotool(x11_display, "set_window", "--name", "r/AskReddit - Reddit", str(window))

    # What a sampler sleeping in select (or a Qt socket notifier) sees: it wakes, and only
    # then reads the new title.
    assert _readable(probe.change_fileno(), 10)
    wait_until(probe.take_changes, "the PropertyNotify for the title")
    assert probe.foreground() == ForegroundWindow("xterm", "r/AskReddit - Reddit", browser.pid)


def test_the_same_window_written_active_again_is_no_change(
    x11_display: str, xterm: OpenXterm, probe: X11ForegroundProbe
) -> None:
    # Window managers write _NET_ACTIVE_WINDOW more than once per focus change.
    discord, discord_window = xterm("general | Discord")
    _, editor_window = xterm("notes.txt - Text Editor")
    activate(x11_display, discord_window)
    assert probe.foreground() == ForegroundWindow("xterm", "general | Discord", discord.pid)
    wait_until(
        lambda: not _readable(probe.change_fileno(), 0) or not probe.take_changes(),
        "the focus change's events to be read",
    )

    set_active_window(x11_display, discord_window)
    assert _readable(probe.change_fileno(), 10)
    assert not probe.take_changes()
    set_active_window(x11_display, editor_window)
    assert _readable(probe.change_fileno(), 10)
    assert probe.take_changes()


def test_an_events_serial_tells_before_from_after_a_read_only_near_it() -> None:
    after_read = X11ForegroundProbe._after_read
    connection = SimpleNamespace(request_serial=5)  # the next request's serial (wrapped)
    probe = SimpleNamespace(_active_read_serial=65530, _display=SimpleNamespace(display=connection))
    assert not after_read(probe, SimpleNamespace(sequence_number=65529))  # the read saw it
    assert after_read(probe, SimpleNamespace(sequence_number=65530))  # made after the read
    assert after_read(probe, SimpleNamespace(sequence_number=3))  # after it, past the wrap
    connection.request_serial = (65530 + 5000) % 65536  # too many requests since: unsure
    assert after_read(probe, SimpleNamespace(sequence_number=65529))
    assert probe._active_read_serial is None


def test_input_wakes_the_idle_probe_once_and_only_when_asked(
    x11_display: str, idle_probe: X11IdleProbe
) -> None:
    def move() -> None:  # through XTEST, as a device moves it (a warp is not input)
        xdotool(x11_display, "mousemove_relative", "--", "3", "1")

    assert idle_probe.change_fileno() is not None  # Xvfb has XInput 2
    move()
    idle_probe.idle_seconds()  # a round trip: any event sent before it has arrived now
    assert not idle_probe.take_changes()  # nobody asked: moving the mouse wakes nothing

    idle_probe.notify_input()
    move()
    assert _readable(idle_probe.change_fileno(), 10)
    assert idle_probe.take_changes()

    move()  # once only: it watches no more input until asked again
    idle_probe.idle_seconds()
    assert not idle_probe.take_changes()
