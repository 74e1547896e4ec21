"""What the Today page and the tray show: one immutable snapshot of the current day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wellbeing_app.core.models import AppTotal, LimitStanding, MoodEntry


@dataclass(frozen=True, slots=True)
class TodaySnapshot:
    """Today's totals. ``standings`` count exact time only; ``approximate_apps`` says how much
    of each app's time in ``apps`` is approximate (not held against limits)."""

    day: date
    apps: tuple[AppTotal, ...]
    standings: tuple[LimitStanding, ...]
    active_seconds: float
    moods: tuple[MoodEntry, ...]
    gratitude_items: tuple[str, ...]
    approximate_apps: tuple[AppTotal, ...] = ()  # the part of ``apps`` that is approximate

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
