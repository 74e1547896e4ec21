"""The Wayland wire client and the idle probe against a scripted compositor.

The happy paths run against a real sway in ``test_sway.py``; here a fake compositor on a Unix
socket covers what sway does not do on demand: other globals, protocol errors, the idle
arithmetic under a fake clock, a compositor that goes away.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import struct
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.x11_session import wait_until
from wellbeing_app.platform.probes import NullIdleProbe, ProbeUnavailable
from wellbeing_app.platform.wlr_idle import WaylandIdleProbe
from wellbeing_app.platform.wlr_toplevel import ForeignToplevelProbe
from wellbeing_app.platform.wlr_wire import Arguments, WaylandConnection, socket_path, string, uint
from wellbeing_app.platform.wlroots import idle_probe

HEADER = struct.Struct("=II")


class FakeMonotonic:
    """``time.monotonic`` that moves only when told."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def message(object_id: int, opcode: int, args: bytes = b"") -> bytes:
    return HEADER.pack(object_id, (8 + len(args)) << 16 | opcode) + args


class FakeCompositor:
    """Answers ``get_registry`` with ``globals`` and every ``sync``; records other requests."""

    def __init__(self, path: str, globals_: list[str], *, error_on: str | None = None) -> None:
        self.globals = globals_
        self.error_on = error_on
        self.requests: list[tuple[int, int, bytes]] = []
        self.client: socket.socket | None = None
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(path)
        self._server.listen()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def send(self, data: bytes) -> None:
        assert self.client is not None
        self.client.sendall(data)

    def hang_up(self) -> None:
        if self.client is not None:
            with contextlib.suppress(OSError):  # already hung up
                self.client.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self.hang_up()
        self._thread.join(5)

    def _serve(self) -> None:
        try:
            self.client, _ = self._server.accept()
        except OSError:
            return
        buffer = b""
        while True:
            try:
                chunk = self.client.recv(4096)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while len(buffer) >= 8:
                object_id, word = HEADER.unpack_from(buffer)
                size = word >> 16
                if len(buffer) < size:
                    break
                self._handle(object_id, word & 0xFFFF, buffer[8:size])
                buffer = buffer[size:]

    def _handle(self, object_id: int, opcode: int, args: bytes) -> None:
        self.requests.append((object_id, opcode, args))
        if (object_id, opcode) == (1, 1):  # get_registry
            registry = Arguments(args).uint()
            for name, interface in enumerate(self.globals, start=1):
                self.send(message(registry, 0, uint(name) + string(interface) + uint(1)))
        elif (object_id, opcode) == (1, 0):  # sync
            self.send(message(Arguments(args).uint(), 0, uint(0)))
        elif object_id == 2 and self.error_on and self.error_on.encode() in args:
            self.send(message(1, 0, uint(2) + uint(1) + string("invalid interface")))


@pytest.fixture
def wayland_dir() -> Iterator[Path]:
    directory = tempfile.mkdtemp(prefix="wl-test-")
    yield Path(directory)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def compositor(wayland_dir: Path, request: pytest.FixtureRequest) -> Iterator[FakeCompositor]:
    offered = getattr(request, "param", ["wl_seat", "org_kde_kwin_idle"])
    fake = FakeCompositor(str(wayland_dir / "wayland-1"), offered)
    yield fake
    fake.close()


def test_encoding_pads_strings_to_32_bits() -> None:
    assert string("wl_seat") == uint(8) + b"wl_seat\0"
    assert string("abc") == uint(4) + b"abc\0"
    assert string("abcd") == uint(5) + b"abcd\0\0\0\0"
    args = Arguments(string("abcd") + uint(7) + uint(8) + uint(2) + uint(3))
    assert (args.string(), args.uint(), args.uints()) == ("abcd", 7, [2, 3])


def test_socket_path_follows_libwayland() -> None:
    assert socket_path({"XDG_RUNTIME_DIR": "/run/user/1"}) == "/run/user/1/wayland-0"
    env = {"XDG_RUNTIME_DIR": "/run/user/1", "WAYLAND_DISPLAY": "wayland-1"}
    assert socket_path(env) == "/run/user/1/wayland-1"
    assert socket_path({"WAYLAND_DISPLAY": "/tmp/w.sock"}) == "/tmp/w.sock"
    assert socket_path({"WAYLAND_DISPLAY": "wayland-1"}) is None


def test_globals_are_read_on_connect(compositor: FakeCompositor, wayland_dir: Path) -> None:
    connection = WaylandConnection(str(wayland_dir / "wayland-1"))
    try:
        assert sorted(connection.globals) == ["org_kde_kwin_idle", "wl_seat"]
    finally:
        connection.close()


def test_idle_is_threshold_plus_time_since_idled_and_zero_after_resumed(
    compositor: FakeCompositor, wayland_dir: Path
) -> None:
    clock = FakeMonotonic(100.0)
    probe = WaylandIdleProbe(
        str(wayland_dir / "wayland-1"), idle_after_seconds=180, monotonic=clock
    )
    try:
        assert probe.name == "kde-idle"
        # get_idle_timeout(new_id, seat, timeout): the threshold in milliseconds
        (new_id, seat, timeout) = struct.unpack("=III", compositor.requests[-2][2])
        assert timeout == 180_000
        assert probe.idle_seconds() == 0.0
        compositor.send(message(new_id, 0))  # idle
        wait_until(lambda: probe.idle_seconds() == 180.0, "the idle event", 5)
        clock.advance(12.5)
        assert probe.idle_seconds() == 192.5
        compositor.send(message(new_id, 1))  # resumed
        wait_until(lambda: probe.idle_seconds() == 0.0, "the resumed event", 5)
        compositor.hang_up()
        wait_until(lambda: probe.idle_seconds() is None, "the lost connection", 5)
    finally:
        probe.close()


@pytest.mark.parametrize(
    "compositor", [["wl_seat", "ext_idle_notifier_v1", "org_kde_kwin_idle"]], indirect=True
)
def test_ext_idle_notify_is_preferred(compositor: FakeCompositor, wayland_dir: Path) -> None:
    probe = WaylandIdleProbe(str(wayland_dir / "wayland-1"), idle_after_seconds=60)
    try:
        assert probe.name == "ext-idle-notify"
        # get_idle_notification(new_id, timeout, seat)
        (_new_id, timeout, _seat) = struct.unpack("=III", compositor.requests[-2][2])
        assert timeout == 60_000
    finally:
        probe.close()


@pytest.mark.parametrize("compositor", [["wl_seat", "wl_compositor"]], indirect=True)
def test_without_an_idle_protocol_idle_is_unknown(
    compositor: FakeCompositor, wayland_dir: Path
) -> None:
    with pytest.raises(ProbeUnavailable, match="neither ext_idle_notifier_v1 nor"):
        WaylandIdleProbe(str(wayland_dir / "wayland-1"), idle_after_seconds=60)


@pytest.mark.parametrize("compositor", [["wl_seat", "wl_compositor"]], indirect=True)
def test_idle_probe_falls_back_to_null_and_says_so(
    compositor: FakeCompositor, wayland_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    env = {"XDG_RUNTIME_DIR": str(wayland_dir), "WAYLAND_DISPLAY": "wayland-1"}
    assert isinstance(idle_probe(env, idle_after_seconds=60), NullIdleProbe)
    assert "Idle time is unknown" in caplog.text


@pytest.mark.parametrize("compositor", [["wl_seat"]], indirect=True)
def test_a_compositor_without_foreign_toplevels_is_one_sentence(
    compositor: FakeCompositor, wayland_dir: Path
) -> None:
    with pytest.raises(ProbeUnavailable, match=r"does not tell other programs.*\.$"):
        ForeignToplevelProbe(str(wayland_dir / "wayland-1"))


@pytest.mark.parametrize(
    "compositor", [["wl_seat", "zwlr_foreign_toplevel_manager_v1"]], indirect=True
)
def test_a_protocol_error_is_probe_unavailable(
    compositor: FakeCompositor, wayland_dir: Path
) -> None:
    compositor.error_on = "zwlr_foreign_toplevel_manager_v1"
    with pytest.raises(ProbeUnavailable, match="protocol error 1 on object 2"):
        ForeignToplevelProbe(str(wayland_dir / "wayland-1"))
