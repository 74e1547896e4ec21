"""Writes generated sample data into an empty data folder, all or nothing."""

from __future__ import annotations

from wellbeing_app.core.days import to_datetime
from wellbeing_app.core.demo import DemoData
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.repositories import Repositories


def write_demo(repos: Repositories, data: DemoData) -> None:
    """Stores ``data`` in one transaction. Refuses a folder that already holds someone's data."""
    if not repos.is_empty():
        raise InvalidInput(
            "That data folder already holds entries; sample data goes only into an empty one."
        )
    with repos.db.atomic():
        repos.usage.add_spans(data.spans)
        repos.usage.set_active_seconds(data.active_seconds)
        repos.moods.add_many(data.moods)
        for entry in data.gratitude:
            repos.gratitude.save(entry)
        for checkin in data.checkins:
            repos.checkins.add(checkin)
        repos.breaks.add_many(data.break_events)
        # The sample person set their limits when they began: the history covers the period.
        began = min((to_datetime(s.start, s.utc_offset) for s in data.spans), default=None)
        for limit in data.limits:
            repos.limits.set(limit, at=began)
