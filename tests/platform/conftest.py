"""Fixtures for the platform probes: a real headless X11 desktop and its windows."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from tests.x11_session import OpenXterm, close_process, open_xterm, x11_display_or_skip


@pytest.fixture(scope="session")
def x11_display() -> Iterator[str]:
    """``DISPLAY`` of an Xvfb + openbox desktop shared by the session's X11 tests."""
    with x11_display_or_skip() as display:
        yield display


@pytest.fixture
def xterm(x11_display: str) -> Iterator[OpenXterm]:
    """Opens xterms with a given title on the test desktop; closes them after the test."""
    opened: list[subprocess.Popen[bytes]] = []

    def open_titled(title: str) -> tuple[subprocess.Popen[bytes], int]:
        process, window_id = open_xterm(x11_display, title)
        opened.append(process)
        return process, window_id

    yield open_titled
    for process in opened:
        close_process(process)
