"""One window per data folder: a second start raises the first instead of opening another."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.platform.single_instance import SingleInstance, instance_name

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="Unix-domain socket files")


@pytest.fixture
def name(tmp_path: Path) -> str:
    # A full path keeps the test's socket out of the shared temp folder.
    return str(tmp_path / "wellbeing-test.sock") if sys.platform != "win32" else "wellbeing-test"


@pytest.fixture
def first(qtbot: QtBot, name: str) -> Iterator[SingleInstance]:
    instance = SingleInstance(name)
    yield instance
    instance.close()


def test_second_instance_asks_the_first_to_come_forward(
    qtbot: QtBot, first: SingleInstance, name: str
) -> None:
    assert first.listen()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert second.notify_running()


def test_every_later_start_is_heard(qtbot: QtBot, first: SingleInstance, name: str) -> None:
    assert first.listen()
    for _ in range(3):
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            assert SingleInstance(name).notify_running()


def test_nobody_running_means_notify_returns_false(name: str) -> None:
    assert not SingleInstance(name).notify_running(timeout_ms=300)


def test_a_live_instance_is_not_replaced(first: SingleInstance, name: str) -> None:
    assert first.listen()
    other = SingleInstance(name)
    assert not other.listen()
    assert first.listening


@unix_only
def test_a_socket_left_by_a_crash_is_cleaned_up(
    qtbot: QtBot, first: SingleInstance, name: str
) -> None:
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(name)  # bound, never listening, then gone: what a crash leaves behind
    crashed.close()
    assert Path(name).exists()
    assert not SingleInstance(name).notify_running(timeout_ms=300)
    assert first.listen()
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert SingleInstance(name).notify_running()


def test_close_frees_the_name(first: SingleInstance, name: str) -> None:
    assert first.listen()
    first.close()
    assert not first.listening
    again = SingleInstance(name)
    assert again.listen()
    again.close()


def test_other_messages_do_not_raise_the_window(
    qtbot: QtBot, first: SingleInstance, name: str
) -> None:
    from PySide6.QtNetwork import QLocalSocket

    assert first.listen()
    stranger = QLocalSocket()
    stranger.connectToServer(name)
    assert stranger.waitForConnected(1000)
    stranger.write(b"x" * 100)
    stranger.waitForBytesWritten(1000)
    with qtbot.assertNotEmitted(first.activation_requested, wait=200):
        pass
    stranger.abort()


def test_name_depends_on_the_data_folder(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    a = instance_name(tmp_path / "a", environ, "linux")
    assert a == instance_name(tmp_path / "a" / ".." / "a", environ, "linux")
    assert a != instance_name(tmp_path / "b", environ, "linux")
    assert a.startswith("wellbeing-") and "/" not in a


def test_name_lives_in_the_private_runtime_dir_when_there_is_one(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    name = instance_name(tmp_path / "a", {"XDG_RUNTIME_DIR": str(runtime)}, "linux")
    assert Path(name).parent == runtime
    assert "/" not in instance_name(tmp_path / "a", {"XDG_RUNTIME_DIR": str(runtime)}, "win32")
