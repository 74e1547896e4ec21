"""A real, headless sway desktop for tests: sway on wlroots' headless backend, foot windows.

sway refuses to run as root, so as root it runs as ``nobody`` (``setpriv``) in a fresh runtime
directory owned by ``nobody`` (mode 0700, as ``XDG_RUNTIME_DIR`` must be); its sockets are
reached from the test process through root's own rights, nothing is made world-accessible.
As any other user it runs as that user. ``sway_session()`` yields a :class:`SwaySession`;
``sway_session_or_skip()`` turns missing programs into a skip, or into a failure when
``WELLBEING_REQUIRE_SWAY=1`` (CI sets it, so the tests can never silently stop running there).

Nothing here sleeps for a fixed time: every wait polls a real condition against a deadline.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tests.live_desktop import START_TIMEOUT, not_installed, session_or_skip, tail, wait_until
from tests.live_desktop import stop as _stop
from wellbeing_app.platform.wlr_wire import WaylandConnection, uint

REQUIRE_ENV = "WELLBEING_REQUIRE_SWAY"
TOOLS = ("sway", "swaymsg", "foot")
_UNPRIVILEGED = "nobody"

_CONFIG = """\
# Headless sway for tests: one virtual output, no bar, no idle daemon, no input devices.
output HEADLESS-1 resolution 1280x800
default_border normal
focus_on_window_activation focus
"""


class SwaySessionUnavailable(Exception):
    """The programs a real sway session needs are not installed."""


@dataclass
class SwaySession:
    """A running headless sway.

    Attributes:
        runtime_dir: its ``XDG_RUNTIME_DIR``.
        swaysock: the IPC socket.
        wayland_display: the Wayland socket's name in ``runtime_dir``.
        as_user: the prefix that runs a program as sway's user (``setpriv ...``), or ``[]``.
    """

    runtime_dir: str
    swaysock: str
    wayland_display: str
    as_user: list[str]
    _log: IO[bytes]
    _clients: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        """The current environment pointed at this sway session (and away from any X11)."""
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "XAUTHORITY")}
        env.update(
            XDG_SESSION_TYPE="wayland",
            XDG_CURRENT_DESKTOP="sway",
            XDG_RUNTIME_DIR=self.runtime_dir,
            WAYLAND_DISPLAY=self.wayland_display,
            SWAYSOCK=self.swaysock,
        )
        env.pop("HYPRLAND_INSTANCE_SIGNATURE", None)
        return env

    def swaymsg(self, *args: str) -> Any:
        """Runs ``swaymsg -r ARGS`` and returns its JSON answer."""
        result = subprocess.run(
            ["swaymsg", "-s", self.swaysock, "-r", *args],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"swaymsg {' '.join(args)} failed: {result.stdout}{result.stderr}")
        return json.loads(result.stdout)

    def views(self) -> list[dict[str, Any]]:
        """Every window in sway's tree."""
        found: list[dict[str, Any]] = []

        def walk(node: dict[str, Any]) -> None:
            if node.get("type") in ("con", "floating_con") and node.get("pid"):
                found.append(node)
            for child in (*node.get("nodes", ()), *node.get("floating_nodes", ())):
                walk(child)

        walk(self.swaymsg("-t", "get_tree"))
        return found

    def focused_app_id(self) -> str | None:
        """The focused window's app id, ``None`` when no window has the focus."""
        return next((v.get("app_id") for v in self.views() if v.get("focused")), None)

    def open_window(self, app_id: str, title: str) -> subprocess.Popen[bytes]:
        """Opens a foot terminal with this app id and title; returns once sway maps it.

        The terminal runs a shell that sets its title to each line written with
        :meth:`set_title`, as a browser does when the tab changes.
        """
        fifo = self._title_fifo(app_id)
        if os.path.exists(fifo):  # a window with this app id was opened before
            os.unlink(fifo)
        os.mkfifo(fifo, 0o600)
        if self.as_user:
            user = pwd.getpwnam(_UNPRIVILEGED)
            os.chown(fifo, user.pw_uid, user.pw_gid)
        retitle = 'exec 3<>"$1"; while read -r t <&3; do printf "\\033]2;%s\\007" "$t"; done'
        process = subprocess.Popen(
            [
                *self.as_user,
                "foot",
                f"--app-id={app_id}",
                f"--title={title}",
                "sh",
                "-c",
                retitle,
                "sh",
                fifo,
            ],
            env=self._client_env(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        self._clients.append(process)

        def mapped() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"foot exited with {process.returncode}: {tail(self._log)}")
            return any(v.get("app_id") == app_id and v.get("name") == title for v in self.views())

        wait_until(mapped, f"a window with app id {app_id!r}")
        return process

    def set_title(self, app_id: str, title: str) -> None:
        """Sets the title of the window opened with ``app_id`` and waits until sway shows it."""
        with open(self._title_fifo(app_id), "w", encoding="utf-8") as fifo:
            fifo.write(title + "\n")

        def shown() -> bool:
            return any(v.get("app_id") == app_id and v.get("name") == title for v in self.views())

        wait_until(shown, f"the title {title!r}")

    def focus(self, app_id: str) -> None:
        """Gives the window with ``app_id`` the focus and waits until sway says it has it."""
        self.swaymsg(f'[app_id="{app_id}"] focus')
        wait_until(lambda: self.focused_app_id() == app_id, f"{app_id!r} to have the focus")

    def move_pointer(self) -> None:
        """Moves a virtual pointer (``zwlr_virtual_pointer_v1``): input, as from a person."""
        connection = WaylandConnection(os.path.join(self.runtime_dir, self.wayland_display))
        try:
            seat = connection.bind("wl_seat", 1)
            manager = connection.bind("zwlr_virtual_pointer_manager_v1", 1)
            pointer = connection.new_object()
            connection.request(manager, 0, uint(seat) + uint(pointer))  # create_virtual_pointer
            connection.request(pointer, 0, uint(0) + uint(1 << 8) + uint(0))  # motion(t, dx, dy)
            connection.request(pointer, 4)  # frame
            connection.roundtrip()
        finally:
            connection.close()

    def close_clients(self) -> None:
        """Closes every window opened with :meth:`open_window`."""
        while self._clients:
            _stop(self._clients.pop())

    def _title_fifo(self, app_id: str) -> str:
        return os.path.join(self.runtime_dir, f"title-{app_id}.fifo")

    def _client_env(self) -> dict[str, str]:
        env = self.env()
        env.update(HOME=self.runtime_dir, XDG_CONFIG_HOME=self.runtime_dir)
        env.update(XDG_CACHE_HOME=os.path.join(self.runtime_dir, "cache"))
        return env


def missing_tools(tools: Sequence[str] = TOOLS) -> list[str]:
    """The programs among ``tools`` that are not on ``PATH`` (plus setpriv when root)."""
    needed = (*tools, "setpriv") if os.geteuid() == 0 else tuple(tools)
    return [tool for tool in needed if shutil.which(tool) is None]


@contextmanager
def sway_session() -> Iterator[SwaySession]:
    """Starts headless sway in a fresh runtime directory and yields it once it answers IPC.

    Raises:
        SwaySessionUnavailable: when sway, swaymsg or foot is not installed.
        RuntimeError: when they are installed but sway does not start.
    """
    missing = missing_tools()
    if missing:
        raise SwaySessionUnavailable(not_installed(missing, "sway foot"))
    with ExitStack() as stack:
        log = stack.enter_context(tempfile.TemporaryFile())
        runtime_dir = tempfile.mkdtemp(prefix="wellbeing-sway-")
        stack.callback(shutil.rmtree, runtime_dir, True)
        as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam(_UNPRIVILEGED)
            os.chown(runtime_dir, user.pw_uid, user.pw_gid)
            as_user = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}"]
            as_user.append("--clear-groups")
        os.chmod(runtime_dir, 0o700)
        config = Path(runtime_dir, "sway.conf")
        config.write_text(_CONFIG)
        os.chmod(config, 0o644)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SWAYSOCK", "XAUTHORITY")
        }
        env.update(
            XDG_RUNTIME_DIR=runtime_dir,
            HOME=runtime_dir,
            WLR_BACKENDS="headless",
            WLR_HEADLESS_OUTPUTS="1",
            WLR_LIBINPUT_NO_DEVICES="1",
            WLR_RENDERER="pixman",
        )
        sway = subprocess.Popen(
            [*as_user, "sway", "-c", str(config)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        stack.callback(_stop, sway)
        sockets: dict[str, str] = {}

        def answering() -> bool:
            if sway.poll() is not None:
                raise RuntimeError(f"sway exited with {sway.returncode}: {tail(log)}")
            ipc = glob.glob(os.path.join(runtime_dir, "sway-ipc.*.sock"))
            wayland = [p for p in glob.glob(os.path.join(runtime_dir, "wayland-*")) if "." not in p]
            if not ipc or not wayland:
                return False
            probe = subprocess.run(
                ["swaymsg", "-s", ipc[0], "-t", "get_version"],
                capture_output=True,
                timeout=START_TIMEOUT,
                check=False,
            )
            sockets.update(ipc=ipc[0], wayland=os.path.basename(wayland[0]))
            return probe.returncode == 0

        wait_until(answering, "sway to answer on its IPC socket")
        session = SwaySession(runtime_dir, sockets["ipc"], sockets["wayland"], as_user, log)
        stack.callback(session.close_clients)
        yield session


@contextmanager
def sway_session_or_skip() -> Iterator[SwaySession]:
    """``sway_session()`` that skips the test when the programs are missing.

    With ``WELLBEING_REQUIRE_SWAY=1`` missing programs fail the test instead.
    """
    with session_or_skip(sway_session(), SwaySessionUnavailable, REQUIRE_ENV, "sway") as session:
        yield session
