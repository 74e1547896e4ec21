"""What every backend shares: process names by pid, the null idle probe."""

from __future__ import annotations

import os
from types import SimpleNamespace

import psutil
import pytest

from wellbeing_app.platform import probes
from wellbeing_app.platform.probes import NullIdleProbe, ProcessNames, executable_name, strip_exe


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Discord.exe", "Discord"), ("SLACK.EXE", "SLACK"), ("firefox", "firefox"), (".exe", "")],
)
def test_strip_exe(name: str, expected: str) -> None:
    assert strip_exe(name) == expected


def test_executable_name_of_a_real_process() -> None:
    assert executable_name(os.getpid()) == psutil.Process().name()


def test_executable_name_of_no_process_is_none() -> None:
    assert executable_name(2**22 + 4321) is None


def test_executable_name_strips_exe_and_falls_back_to_the_executable_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    processes = {
        1: SimpleNamespace(name=lambda: "Discord.exe", exe=lambda: "unused"),
        2: SimpleNamespace(name=lambda: "", exe=lambda: os.path.join("opt", "Slack", "slack")),
    }
    monkeypatch.setattr(probes.psutil, "Process", processes.__getitem__)
    assert executable_name(1) == "Discord"
    assert executable_name(2) == "slack"


def test_executable_name_when_access_is_denied(monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(pid: int) -> None:
        raise psutil.AccessDenied(pid)

    monkeypatch.setattr(probes.psutil, "Process", denied)
    assert executable_name(4) is None


class CountingLookup:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, pid: int) -> str | None:
        self.calls.append(pid)
        return None if pid == 0 else f"app{pid}"


def test_names_are_looked_up_once_per_pid_and_hint() -> None:
    lookup = CountingLookup()
    names = ProcessNames(lookup)

    assert [names.name(7, "A") for _ in range(3)] == ["app7"] * 3
    assert names.name(7, "B") == "app7"  # a reused pid, told apart by its hint
    assert names.name(0) is None
    assert names.name(0) is None  # failures are remembered too

    assert lookup.calls == [7, 7, 0]


def test_the_oldest_names_are_forgotten_past_capacity() -> None:
    lookup = CountingLookup()
    names = ProcessNames(lookup, capacity=2)
    for pid in (1, 2, 3, 2, 1):
        names.name(pid)
    assert lookup.calls == [1, 2, 3, 1]


def test_null_idle_probe_knows_nothing() -> None:
    idle = NullIdleProbe()
    assert idle.idle_seconds() is None
    idle.close()
    assert idle.name == "none"
