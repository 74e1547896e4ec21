"""A real, headless X11 desktop for tests: Xvfb plus the openbox window manager.

The X11 probe and the headless tracker are tested against real windows with real titles, with
focus moved by xdotool. ``x11_session()`` starts the desktop and yields its ``DISPLAY``;
``x11_display_or_skip()`` turns missing tools into a skip, or into a failure when
``WELLBEING_REQUIRE_X11=1`` (CI sets it, so the tests can never silently stop running there).

Nothing here sleeps for a fixed time: every wait polls a real condition against a deadline.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import IO

from tests.live_desktop import START_TIMEOUT, not_installed, session_or_skip, tail, wait_until
from tests.live_desktop import stop as _stop

REQUIRE_ENV = "WELLBEING_REQUIRE_X11"
OpenXterm = Callable[[str], "tuple[subprocess.Popen[bytes], int]"]
"""Opens an xterm titled with its argument; returns the process and its window id."""
TOOLS = ("Xvfb", "openbox", "xdotool", "xterm", "wmctrl")


class X11SessionUnavailable(Exception):
    """The programs a real X11 session needs are not installed."""


def missing_tools(tools: Sequence[str] = TOOLS) -> list[str]:
    """The programs among ``tools`` that are not on ``PATH``."""
    return [tool for tool in tools if shutil.which(tool) is None]


@contextmanager
def x11_session(*, window_manager: bool = True, xvfb_args: Sequence[str] = ()) -> Iterator[str]:
    """Starts Xvfb on a free display (and openbox on it), yields the ``DISPLAY`` string.

    Args:
        window_manager: start openbox and wait until it manages the screen.
        xvfb_args: extra Xvfb arguments, e.g. ``("-extension", "MIT-SCREEN-SAVER")``.

    Raises:
        X11SessionUnavailable: when Xvfb, openbox, xdotool or xterm is not installed.
        RuntimeError: when they are installed but the session does not start.
    """
    missing = missing_tools(TOOLS if window_manager else ("Xvfb",))
    if missing:
        raise X11SessionUnavailable(not_installed(missing, "xvfb openbox xdotool xterm wmctrl"))
    with ExitStack() as stack:
        log = stack.enter_context(tempfile.TemporaryFile())
        display = _start_xvfb(stack, log, xvfb_args)
        if window_manager:
            _start_openbox(stack, log, display)
        yield display


def _start_xvfb(stack: ExitStack, log: IO[bytes], xvfb_args: Sequence[str]) -> str:
    # -displayfd lets Xvfb pick a free display number itself and write it to us, so parallel
    # test runs never race for the same ":N".
    read_fd, write_fd = os.pipe()
    stack.callback(os.close, read_fd)
    try:
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                # Without it Xvfb resets when its last client leaves, and a client that
                # connects during the reset is dropped ("Connection reset by peer").
                "-noreset",
                *xvfb_args,
            ],
            pass_fds=(write_fd,),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    finally:
        os.close(write_fd)
    stack.callback(_stop, xvfb)
    number = b""
    deadline = time.monotonic() + START_TIMEOUT
    while not number.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([read_fd], [], [], max(remaining, 0))
        chunk = os.read(read_fd, 16) if ready else b""
        if not chunk:
            raise RuntimeError(f"Xvfb did not start: {tail(log)}")
        number += chunk
    return f":{int(number)}"


def _start_openbox(stack: ExitStack, log: IO[bytes], display: str) -> None:
    from Xlib import display as xdisplay

    openbox = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env=x11_env(display),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
    )
    stack.callback(_stop, openbox)
    connection = xdisplay.Display(display)
    stack.callback(connection.close)
    root = connection.screen().root
    check_atom = connection.intern_atom("_NET_SUPPORTING_WM_CHECK")

    def managed() -> bool:
        if openbox.poll() is not None:
            raise RuntimeError(f"openbox exited with {openbox.returncode}: {tail(log)}")
        return root.get_full_property(check_atom, 0) is not None

    wait_until(managed, "openbox to manage the screen")


@contextmanager
def x11_display_or_skip(
    *, window_manager: bool = True, xvfb_args: Sequence[str] = ()
) -> Iterator[str]:
    """``x11_session()`` that skips the test when the tools are missing.

    With ``WELLBEING_REQUIRE_X11=1`` missing tools fail the test instead.
    """
    session = x11_session(window_manager=window_manager, xvfb_args=xvfb_args)
    with session_or_skip(session, X11SessionUnavailable, REQUIRE_ENV, "X11") as display:
        yield display


def x11_env(display: str) -> dict[str, str]:
    """The current environment pointed at ``display`` (and away from any Wayland session)."""
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "XAUTHORITY")}
    env.update(DISPLAY=display, XDG_SESSION_TYPE="x11")
    return env


def xdotool(display: str, *args: str, timeout: float = START_TIMEOUT) -> str:
    """Runs xdotool on ``display`` and returns its output."""
    result = subprocess.run(
        ["xdotool", *args],
        env=x11_env(display),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0 and result.stderr:
        raise RuntimeError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def find_windows(display: str, title: str) -> list[int]:
    """Ids of visible windows whose title is exactly ``title``."""
    output = xdotool(display, "search", "--onlyvisible", "--name", f"^{_ere_escape(title)}$")
    return [int(line) for line in output.split()]


def wait_for_window(display: str, title: str) -> int:
    """Polls until a visible window titled ``title`` exists; returns its id."""
    found: list[int] = []

    def appeared() -> bool:
        found[:] = find_windows(display, title)
        return bool(found)

    wait_until(appeared, f"a window titled {title!r}")
    return found[0]


def activate(display: str, window_id: int) -> None:
    """Gives ``window_id`` the focus through the window manager and waits until it has it."""
    xdotool(display, "windowactivate", "--sync", str(window_id))


def open_xterm(
    display: str, title: str, program: str = "xterm"
) -> tuple[subprocess.Popen[bytes], int]:
    """Opens an xterm titled ``title``; returns the process and its window id once mapped.

    ``program`` may be a symlink to xterm with another name (``Discord``, ``firefox``): the
    process then carries that name, as the real app's would.
    """
    process = subprocess.Popen(
        [program, "-T", title, "-e", "sleep", "600"],
        env=x11_env(display),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return process, wait_for_window(display, title)
    except BaseException:
        _stop(process)
        raise


def close_process(process: subprocess.Popen[bytes]) -> None:
    """Terminates a process started for a test and reaps it."""
    _stop(process)


def _ere_escape(text: str) -> str:
    # xdotool matches POSIX extended regular expressions; re.escape's output is not one.
    return "".join(f"\\{char}" if char in ".[]{}()\\*+?^$|" else char for char in text)
