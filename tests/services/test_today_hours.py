"""Today's snapshot carries the picture of the day: community time per hour since day start."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import CET
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.services.today import build_snapshot
from wellbeing_app.storage.repositories import Repositories


def span(hour: int, minutes: int, app: str = "Discord") -> UsageSpan:
    start = datetime(2026, 11, 21, hour, 5, tzinfo=CET).timestamp()
    return UsageSpan(start, start + minutes * 60, 3600, app, "chat")


def test_the_snapshot_puts_time_in_the_hours_it_happened(
    repos: Repositories, clock: FixedClock
) -> None:
    repos.usage.add_spans([span(4, 10), span(13, 20), span(13, 5, "Slack"), span(20, 30)])

    snapshot = build_snapshot(repos, clock)  # Saturday 21:00, the day starts at 04:00

    assert snapshot.day_start_hour == 4
    assert snapshot.hours_begun == 18  # 04:00 .. 21:59, the current hour included
    assert snapshot.hour_seconds[0] == 10 * 60
    assert snapshot.hour_seconds[9] == 25 * 60  # 13:00, two apps
    assert snapshot.hour_seconds[16] == 30 * 60  # 20:00
    assert sum(snapshot.hour_seconds) == 65 * 60
