"""The headless tracker against a real X server: real windows, real focus changes, real time.

xterm is started through symlinks named ``Discord``, ``firefox`` and ``gedit``, so each window's
process carries the name the real app's would, and the whole path runs as in production:
X11 probe -> psutil -> classifier -> merge -> SQLite -> ``wellbeing usage --json``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live_desktop import WELLBEING, recorded_usage, start_tracker
from tests.x11_session import (
    activate,
    close_process,
    open_xterm,
    x11_display_or_skip,
    x11_env,
)
from wellbeing_app.services.headless import QUIET_COMMIT_SECONDS

pytestmark = pytest.mark.x11

DISCORD = "general | Discord"
REDDIT = "r/AskReddit - Reddit — Mozilla Firefox"
EDITOR = "notes.txt - Text Editor"


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    """An Xvfb + openbox desktop with three windows; yields DISPLAY and their window ids."""
    with x11_display_or_skip() as display:
        bin_dir = tmp_path_factory.mktemp("bin")
        xterm = shutil.which("xterm")
        assert xterm is not None
        windows: dict[str, int] = {}
        processes = []
        try:
            for name, title in (("Discord", DISCORD), ("firefox", REDDIT), ("gedit", EDITOR)):
                (bin_dir / name).symlink_to(xterm)
                process, window_id = open_xterm(display, title, str(bin_dir / name))
                processes.append(process)
                windows[title] = window_id
            yield display, windows
        finally:
            for process in processes:
                close_process(process)


def _follow(
    display: str,
    windows: dict[str, int],
    schedule: list[tuple[str, float]],
) -> dict[str, float]:
    """Gives each window the focus for its seconds; returns the measured time per title."""
    spent: dict[str, float] = {}
    for title, seconds in schedule:
        activate(display, windows[title])
        started = time.monotonic()
        time.sleep(seconds)  # real focus for real seconds: this is what is measured
        spent[title] = spent.get(title, 0.0) + time.monotonic() - started
    return spent


def test_tracker_counts_each_community_window_within_two_seconds(
    desktop: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    display, windows = desktop
    activate(display, windows[EDITOR])
    data_dir = tmp_path / "data"
    tracker = start_tracker(x11_env(display), data_dir)
    try:
        spent = _follow(
            display, windows, [(DISCORD, 6), (EDITOR, 3), (REDDIT, 5), (DISCORD, 3), (EDITOR, 2)]
        )
    finally:
        tracker.send_signal(signal.SIGTERM)
        out, err = tracker.communicate(timeout=30)
    assert tracker.returncode == 0, err
    assert "Tracking time in online communities" in out
    usage = recorded_usage(data_dir)
    assert set(usage) == {"Discord", "Reddit"}  # the editor is not counted
    assert usage["Discord"] == pytest.approx(spent[DISCORD], abs=2)
    assert usage["Reddit"] == pytest.approx(spent[REDDIT], abs=2)


def test_a_second_tracker_is_refused_and_kill_9_loses_only_what_was_not_written(
    desktop: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    display, windows = desktop
    data_dir = tmp_path / "data"
    activate(display, windows[DISCORD])
    tracker = start_tracker(x11_env(display), data_dir)
    try:
        started = time.monotonic()
        second = subprocess.run(
            [*WELLBEING, "track", "--data-dir", str(data_dir)],
            env=x11_env(display),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 2
        assert "already running" in second.stderr
        assert second.stderr.count("\n") == 1
        # The tracker commits lazily: a change half a quiet minute after its start is written
        # when it is sampled, with the time before it; what came after it is lost in a crash.
        time.sleep(max(0.0, QUIET_COMMIT_SECONDS / 2 + 2 - (time.monotonic() - started)))
        activate(display, windows[EDITOR])
        in_discord = time.monotonic() - started
        time.sleep(2)
        activate(display, windows[DISCORD])
        time.sleep(3)
    finally:
        os.kill(tracker.pid, signal.SIGKILL)
        tracker.communicate(timeout=30)
    seconds = recorded_usage(data_dir)["Discord"]
    assert in_discord - 2 <= seconds <= in_discord + 2
    # The lock died with the process: a new tracker may start at once.
    again = start_tracker(x11_env(display), data_dir)
    again.send_signal(signal.SIGTERM)
    assert again.wait(timeout=30) == 0
