"""The Hyprland probe against a fake Hyprland: its two Unix sockets, as the wiki describes them.

``.socket.sock`` answers one request per connection (``j/activewindow`` -> JSON, ``{}`` when
nothing has the focus) and closes; ``.socket2.sock`` streams ``EVENT>>DATA`` lines to every
listener (https://wiki.hyprland.org/IPC/). Hyprland itself cannot run here.
"""

from __future__ import annotations

import json
import select
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.x11_session import wait_until
from wellbeing_app.core.probes import ChangeNotifier, ForegroundWindow
from wellbeing_app.platform import hyprland
from wellbeing_app.platform.hyprland import HyprlandForegroundProbe, instance_dir, window_of
from wellbeing_app.platform.probes import ProbeUnavailable

SIGNATURE = "v0.41.2_1733400000_abcdef"
DISCORD: dict[str, Any] = {
    "address": "0x55d1c0a0",
    "class": "discord",
    "title": "general | Discord",
    "initialClass": "discord",
    "pid": 4242,
    "fullscreen": 0,
}
SLACK: dict[str, Any] = {**DISCORD, "address": "0x55d1c0b0", "class": "Slack", "pid": 4343}
SLACK["title"] = "general - Team - Slack"


class FakeHyprland:
    """Serves ``.socket.sock`` and ``.socket2.sock`` in ``directory`` from threads."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True)
        self.active: dict[str, Any] = dict(DISCORD)
        self.requests: list[str] = []
        self._listeners: list[socket.socket] = []
        self._lock = threading.Lock()
        self._servers = []
        self._threads = []
        for name, serve in ((".socket.sock", self._answer), (".socket2.sock", self._listen)):
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(str(directory / name))
            server.listen()
            thread = threading.Thread(target=self._accept, args=(server, serve), daemon=True)
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)

    def emit(self, *lines: str) -> None:
        """Sends event lines to every listener, in one write."""
        data = "".join(f"{line}\n" for line in lines).encode()
        self.send_raw(data)

    def send_raw(self, data: bytes) -> None:
        with self._lock:
            for listener in self._listeners:
                listener.sendall(data)

    def listeners(self) -> int:
        with self._lock:
            return len(self._listeners)

    def drop_listeners(self) -> None:
        """Hyprland exits: the event connections close."""
        with self._lock:
            for listener in self._listeners:
                listener.close()
            self._listeners.clear()

    def close(self) -> None:
        for server in self._servers:
            server.shutdown(socket.SHUT_RDWR)
            server.close()
        for thread in self._threads:
            thread.join(5)
        self.drop_listeners()

    def _accept(self, server: socket.socket, serve: Any) -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            serve(connection)

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            command = connection.recv(1024).decode()
            with self._lock:
                self.requests.append(command)
                active = dict(self.active)
            if command == "j/activewindow":
                connection.sendall(json.dumps(active).encode())
            else:
                connection.sendall(b"unknown request")

    def _listen(self, connection: socket.socket) -> None:
        with self._lock:
            self._listeners.append(connection)


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A short directory: a Unix socket's path must fit in 108 bytes."""
    directory = tempfile.mkdtemp(prefix="hypr-test-")
    yield Path(directory)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def fake(runtime_dir: Path) -> Iterator[FakeHyprland]:
    server = FakeHyprland(runtime_dir / "hypr" / SIGNATURE)
    yield server
    server.close()


def _env(runtime_dir: Path) -> dict[str, str]:
    return {"XDG_RUNTIME_DIR": str(runtime_dir), "HYPRLAND_INSTANCE_SIGNATURE": SIGNATURE}


@pytest.fixture
def probe(fake: FakeHyprland, runtime_dir: Path) -> Iterator[HyprlandForegroundProbe]:
    made = HyprlandForegroundProbe(_env(runtime_dir))
    wait_until(lambda: fake.listeners() == 1, "the probe to listen for events", 5)
    yield made
    made.close()


def _wait_for(probe: HyprlandForegroundProbe, title: str | None) -> None:
    def shown() -> bool:
        window = probe.foreground()
        return (window.title if window is not None else None) == title

    wait_until(shown, f"the probe to show {title!r}", 5)


def test_the_active_window_is_read_at_start(probe: HyprlandForegroundProbe) -> None:
    assert probe.name == "hyprland"
    assert probe.foreground() == ForegroundWindow("discord", "general | Discord", pid=4242)


def test_a_focus_change_is_read_once_per_batch_of_events(
    fake: FakeHyprland, probe: HyprlandForegroundProbe
) -> None:
    asked = len(fake.requests)
    fake.active = dict(SLACK)
    fake.emit("activewindow>>Slack,general - Team - Slack", "activewindowv2>>55d1c0b0")
    _wait_for(probe, "general - Team - Slack")
    assert probe.foreground() == ForegroundWindow("Slack", "general - Team - Slack", pid=4343)
    assert fake.requests[asked:] == ["j/activewindow"]


def test_an_event_wakes_a_sampler_sleeping_on_the_probe(
    fake: FakeHyprland, probe: HyprlandForegroundProbe
) -> None:
    assert isinstance(probe, ChangeNotifier)
    fileno = probe.change_fileno()
    assert fileno is not None
    assert not probe.take_changes()  # nothing said since the start
    fake.active = dict(SLACK)
    fake.emit("activewindow>>Slack,general - Team - Slack", "activewindowv2>>55d1c0b0")
    assert select.select([fileno], [], [], 5)[0]
    assert probe.take_changes()
    assert not probe.take_changes()  # one batch, one wake-up
    assert probe.foreground() == ForegroundWindow("Slack", "general - Team - Slack", pid=4343)


def test_title_and_fullscreen_changes_are_followed(
    fake: FakeHyprland, probe: HyprlandForegroundProbe
) -> None:
    fake.active = {**DISCORD, "title": "random | Discord"}
    fake.emit("windowtitle>>55d1c0a0")
    _wait_for(probe, "random | Discord")
    fake.active = {**DISCORD, "title": "video | Discord", "fullscreen": 2}
    fake.emit("fullscreen>>1")
    _wait_for(probe, "video | Discord")
    window = probe.foreground()
    assert window is not None and window.fullscreen


def test_an_event_split_across_reads_is_handled_when_complete(
    fake: FakeHyprland, probe: HyprlandForegroundProbe
) -> None:
    asked = len(fake.requests)
    fake.active = dict(SLACK)
    fake.send_raw(b"activewin")
    fake.send_raw(b"dowv2>>55d1c0b0\n")
    _wait_for(probe, "general - Team - Slack")
    assert fake.requests[asked:] == ["j/activewindow"]


def test_other_events_ask_nothing(fake: FakeHyprland, probe: HyprlandForegroundProbe) -> None:
    asked = len(fake.requests)
    fake.emit("openlayer>>waybar", "monitoradded>>HDMI-A-1", "submap>>resize")
    fake.active = dict(SLACK)
    fake.emit("activewindowv2>>55d1c0b0")  # a marker: when it is seen, the rest was read
    _wait_for(probe, "general - Team - Slack")
    assert fake.requests[asked:] == ["j/activewindow"]


def test_closing_the_last_window_leaves_none(
    fake: FakeHyprland, probe: HyprlandForegroundProbe
) -> None:
    fake.active = {}
    fake.emit("closewindow>>55d1c0a0", "activewindow>>,", "activewindowv2>>")
    _wait_for(probe, None)


def test_hyprland_going_away_leaves_no_window(
    fake: FakeHyprland, probe: HyprlandForegroundProbe
) -> None:
    fake.drop_listeners()
    _wait_for(probe, None)
    wait_until(lambda: not probe._reader.alive, "the event thread to end", 5)


def test_after_close_nothing_is_read_and_the_thread_is_gone(
    fake: FakeHyprland, probe: HyprlandForegroundProbe
) -> None:
    probe.close()
    probe.close()
    asked = len(fake.requests)
    assert probe.foreground() is None
    assert not probe._reader.alive
    assert not [t for t in threading.enumerate() if t.name == "hyprland-events"]
    assert len(fake.requests) == asked


def test_the_sockets_of_hyprland_before_0_40_are_found_in_tmp(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy = runtime_dir / "legacy"
    monkeypatch.setattr(hyprland, "LEGACY_ROOT", str(legacy))
    server = FakeHyprland(legacy / SIGNATURE)
    try:
        env = {
            "XDG_RUNTIME_DIR": str(runtime_dir / "run"),
            "HYPRLAND_INSTANCE_SIGNATURE": SIGNATURE,
        }
        assert instance_dir(env) == str(legacy / SIGNATURE)
        made = HyprlandForegroundProbe(env)
        try:
            assert made.foreground() is not None
        finally:
            made.close()
    finally:
        server.close()


@pytest.mark.parametrize("signature", ["", "../etc", "..", "missing"])
def test_no_sockets_is_one_sentence(runtime_dir: Path, signature: str) -> None:
    env = {"XDG_RUNTIME_DIR": str(runtime_dir), "HYPRLAND_INSTANCE_SIGNATURE": signature}
    with pytest.raises(ProbeUnavailable, match=r"^Wellbeing could not find Hyprland's sockets"):
        HyprlandForegroundProbe(env)


def test_a_socket_that_does_not_answer_is_probe_unavailable(runtime_dir: Path) -> None:
    directory = runtime_dir / "hypr" / SIGNATURE
    directory.mkdir(parents=True)
    listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listening.bind(str(directory / ".socket2.sock"))
    listening.listen()
    try:
        with pytest.raises(ProbeUnavailable, match=r"^Wellbeing could not reach Hyprland: "):
            HyprlandForegroundProbe(_env(runtime_dir))  # no .socket.sock
    finally:
        listening.close()


@pytest.mark.parametrize(
    ("fields", "fullscreen"),
    [
        ({"fullscreen": 0}, False),
        ({"fullscreen": 1}, False),  # 0.42+: maximised
        ({"fullscreen": 2}, True),
        ({"fullscreen": 3}, True),
        ({"fullscreen": True, "fullscreenMode": 0}, True),  # before 0.42
        ({"fullscreen": True, "fullscreenMode": 1}, False),  # before 0.42: maximised
        ({"fullscreen": False, "fullscreenMode": 0}, False),
    ],
)
def test_fullscreen_in_old_and_new_answers(fields: dict[str, Any], fullscreen: bool) -> None:
    window = window_of({**DISCORD, **fields})
    assert window is not None and window.fullscreen is fullscreen


def test_xwayland_and_odd_answers() -> None:
    assert window_of({}) is None
    assert window_of([]) is None
    window = window_of({"address": "0x1", "class": "", "initialClass": "steam", "pid": -1})
    assert window == ForegroundWindow("steam", "", pid=None)
