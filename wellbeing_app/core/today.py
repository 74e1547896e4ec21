"""What the Today page and the tray show: one immutable snapshot of the current day, and the
arithmetic of its glance (bars against limits, time per hour, where a check-in falls)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from wellbeing_app.core.models import AppTotal, LimitStanding, MoodEntry

HOURS_IN_DAY = 24
NEAR_FRACTION = 0.8  # a limit this far used is "near": the bar says how many minutes are left

BarState = Literal["none", "calm", "near", "over"]


@dataclass(frozen=True, slots=True)
class TodaySnapshot:
    """Today's totals. ``standings`` count exact time only; ``approximate_apps`` says how much
    of each app's time in ``apps`` is approximate (not held against limits).

    ``hour_seconds`` holds the community seconds in each hour of the day, index 0 being the
    hour the day starts at (``day_start_hour``); ``hours_begun`` counts the hours of the day
    begun by the time the snapshot was taken, the current one included.
    """

    day: date
    apps: tuple[AppTotal, ...]
    standings: tuple[LimitStanding, ...]
    active_seconds: float
    moods: tuple[MoodEntry, ...]
    gratitude_items: tuple[str, ...]
    approximate_apps: tuple[AppTotal, ...] = ()  # the part of ``apps`` that is approximate
    day_start_hour: int = 4
    hour_seconds: tuple[float, ...] = ()
    hours_begun: int = HOURS_IN_DAY

    @property
    def approximate(self) -> bool:
        """Some of today's time comes from a probe that saw only running apps."""
        return bool(self.approximate_apps)

    @property
    def community_seconds(self) -> float:
        return sum(app.seconds for app in self.apps)

    def limit_for(self, app: AppTotal) -> LimitStanding | None:
        """The tightest limit this app counts against today (its own or its category's)."""
        matching = [
            s
            for s in self.standings
            if s.limit.target == (app.app if s.limit.kind == "app" else app.category)
        ]
        if not matching:
            return None
        return max(matching, key=lambda s: s.used_seconds / (s.limit.minutes * 60))


@dataclass(frozen=True, slots=True)
class AppBar:
    """One app's bar on Today.

    With a limit, ``fraction`` is the share of the limit used (by the app, or by its whole
    category for a category limit), capped at 1, and ``own_fraction`` the part of it that is
    this app's; ``seconds_left`` is negative once over. Without one, both fractions measure the
    app against the day's largest app.
    """

    app: AppTotal
    standing: LimitStanding | None
    fraction: float
    own_fraction: float
    state: BarState
    seconds_left: float


def app_bars(snapshot: TodaySnapshot) -> tuple[AppBar, ...]:
    """A bar for each app of the day, in the snapshot's order (largest first)."""
    largest = max((app.seconds for app in snapshot.apps), default=0.0)
    bars = []
    for app in snapshot.apps:
        standing = snapshot.limit_for(app)
        if standing is None:
            share = app.seconds / largest if largest > 0 else 0.0
            bars.append(AppBar(app, None, share, share, "none", 0.0))
            continue
        budget = standing.limit.minutes * 60.0
        used = standing.used_seconds / budget
        state: BarState = "over" if used >= 1 else "near" if used >= NEAR_FRACTION else "calm"
        fraction = min(used, 1.0)
        own = min(app.seconds / budget, fraction)
        bars.append(AppBar(app, standing, fraction, own, state, budget - standing.used_seconds))
    return tuple(bars)


def hour_slots(totals: Iterable[tuple[int, float]], day_start_hour: int) -> tuple[float, ...]:
    """Seconds per hour of the day from ``(hour of the clock, seconds)`` pairs; index 0 is the
    hour the day starts at, so 02:00 after midnight lands near the end."""
    slots = [0.0] * HOURS_IN_DAY
    for hour, seconds in totals:
        slots[(hour - day_start_hour) % HOURS_IN_DAY] += seconds
    return tuple(slots)


def hours_into_day(at: datetime, day_start_hour: int) -> float:
    """Where ``at`` falls on the day's clock, in hours since the day started."""
    hour = (at.hour - day_start_hour) % HOURS_IN_DAY
    return hour + at.minute / 60 + at.second / 3600


def hours_begun(start: datetime, now: datetime) -> int:
    """The hours of the day begun at ``now`` (1 in its first hour), within 1..24."""
    begun = int((now - start).total_seconds() // 3600) + 1
    return max(1, min(HOURS_IN_DAY, begun))
