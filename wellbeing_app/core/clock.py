"""Time comes into the core through a ``Clock``, so every rule can be tested without waiting."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Tells the current local time."""

    def now(self) -> datetime:
        """The current time, timezone-aware, carrying the local UTC offset in force now."""
        ...


class FixedClock:
    """A clock that only moves when told to: for tests, demos and replaying data."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now = self._now + timedelta(seconds=seconds)

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._now = when


def utc_offset_seconds(moment: datetime) -> int:
    """The UTC offset of an aware datetime, in whole seconds."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("expected a timezone-aware datetime")
    return int(offset.total_seconds())
