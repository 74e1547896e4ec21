"""Quiet hours: when they are, and when opening a community app in them deserves a nudge.

A window is written ``22:00-07:00`` (every day) or ``mon-fri 22:00-07:00`` (days as ranges and
lists, ``sat,sun`` or ``fri-mon``). A window may wrap past midnight; it belongs to the weekday it
*starts* on, so ``fri 22:00-07:00`` covers Friday night and early Saturday, not early Friday. A
window whose start equals its end covers a whole day from that time.

Times are read from the moment's own local wall clock (an aware datetime carries its offset), so
no time-zone database is needed and DST changes take care of themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from wellbeing_app.core.errors import InvalidInput

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^(?:(?P<days>[a-z,-]+)\s+)?(?P<start>\d\d):(\d\d)-(?P<end>\d\d):(\d\d)$")
_DAY_SECONDS = 86_400


@dataclass(frozen=True, slots=True)
class QuietHours:
    """One quiet-hours window: seconds after local midnight, and the weekdays it starts on
    (0 = Monday; empty means every day)."""

    start: int
    end: int
    weekdays: frozenset[int] = field(default_factory=frozenset)

    def covers(self, at: datetime) -> bool:
        second = at.hour * 3600 + at.minute * 60 + at.second
        weekday = at.weekday()
        if self.start < self.end:
            return self.start <= second < self.end and self._starts_on(weekday)
        # Wraps past midnight (or lasts a whole day): before the end it began the day before.
        if second >= self.start:
            return self._starts_on(weekday)
        return second < self.end and self._starts_on((weekday - 1) % 7)

    def _starts_on(self, weekday: int) -> bool:
        return not self.weekdays or weekday in self.weekdays


def parse_quiet_hours(text: str) -> QuietHours:
    """Parses ``'22:00-07:00'`` or ``'mon-fri 22:00-07:00'``; raises ``InvalidInput``."""
    found = _WINDOW.match(text.strip().lower())
    problem = f"'{text}' is not a quiet-hours window like '22:00-07:00' or 'mon-fri 22:00-07:00'."
    if found is None:
        raise InvalidInput(problem)
    start_h, start_m, end_h, end_m = (int(found.group(i)) for i in (2, 3, 4, 5))
    if max(start_h, end_h) > 23 or max(start_m, end_m) > 59:
        raise InvalidInput(problem)
    days = _parse_days(found.group("days"), problem) if found.group("days") else frozenset()
    return QuietHours(start_h * 3600 + start_m * 60, end_h * 3600 + end_m * 60, days)


def _parse_days(text: str, problem: str) -> frozenset[int]:
    days: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        if first not in WEEKDAYS or (last and last not in WEEKDAYS):
            raise InvalidInput(problem)
        start = WEEKDAYS.index(first)
        length = (WEEKDAYS.index(last) - start) % 7 if last else 0  # "fri-mon" wraps
        days.update((start + i) % 7 for i in range(length + 1))
    return frozenset(days)


def in_quiet_hours(windows: Iterable[QuietHours], at: datetime) -> bool:
    return any(window.covers(at) for window in windows)


class QuietHoursWatch:
    """Decides when to nudge: on switching to a community app during quiet hours (or quiet hours
    starting while it is in front), at most once per app per ``every_seconds``.

    ``now`` is the caller's own elapsed time, which never runs backwards, so a clock set back
    cannot bring a nudge early.
    """

    __slots__ = ("_every", "_front", "_last", "windows")

    def __init__(self, windows: Iterable[QuietHours], every_seconds: float) -> None:
        self.windows = tuple(windows)
        self._every = every_seconds
        self._front: str | None = None
        self._last: dict[str, float] = {}

    def opened(self, app: str | None, at: datetime, now: float) -> bool:
        """``app`` is the community app in use at ``at`` (``None`` for none or away)."""
        front = app if app is not None and in_quiet_hours(self.windows, at) else None
        previous, self._front = self._front, front
        if front is None or front == previous:
            return False
        last = self._last.get(front)
        if last is not None and now - last < self._every:
            return False
        self._last[front] = now
        return True
