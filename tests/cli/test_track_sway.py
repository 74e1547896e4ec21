"""The headless tracker on a real, headless sway: real Wayland windows, real focus changes,
real time.

foot terminals stand in for the apps, with the app ids the real ones have on Wayland
(``discord``, ``org.gnome.TextEditor``), so the whole path runs as in production:
``create_probes`` -> sway IPC probe + idle protocol -> classifier (by app id) -> merge -> SQLite
-> ``wellbeing usage --json``.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live_desktop import recorded_usage, start_tracker
from tests.sway_session import SwaySession, sway_session_or_skip

pytestmark = pytest.mark.sway

DISCORD = ("discord", "general | Discord")
SLACK = ("com.slack.Slack", "general - Team - Slack")  # Flatpak app id
EDITOR = ("org.gnome.TextEditor", "notes.txt - Text Editor")


@pytest.fixture(scope="module")
def sway() -> Iterator[SwaySession]:
    with sway_session_or_skip() as session:
        for app_id, title in (DISCORD, SLACK, EDITOR):
            session.open_window(app_id, title)
        yield session


def test_tracker_on_sway_counts_each_community_window_within_two_seconds(
    sway: SwaySession, tmp_path: Path
) -> None:
    sway.focus(EDITOR[0])
    data_dir = tmp_path / "data"
    tracker = start_tracker(sway.env(), data_dir)
    spent: dict[str, float] = {}
    try:
        schedule = [(DISCORD, 6), (EDITOR, 3), (SLACK, 4), (DISCORD, 3), (EDITOR, 2)]
        for (app_id, _title), seconds in schedule:
            sway.focus(app_id)
            started = time.monotonic()
            time.sleep(seconds)  # real focus for real seconds: this is what is measured
            spent[app_id] = spent.get(app_id, 0.0) + time.monotonic() - started
    finally:
        tracker.send_signal(signal.SIGTERM)
        out, err = tracker.communicate(timeout=30)
    assert tracker.returncode == 0, err
    assert "Tracking time in online communities" in out
    usage = recorded_usage(data_dir)
    assert set(usage) == {"Discord", "Slack"}  # the editor is not counted
    assert usage["Discord"] == pytest.approx(spent[DISCORD[0]], abs=2)
    assert usage["Slack"] == pytest.approx(spent[SLACK[0]], abs=2)
