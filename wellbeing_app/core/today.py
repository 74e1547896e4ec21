"""What the Today page and the tray show: one immutable snapshot of the current day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wellbeing_app.core.models import AppTotal, LimitStanding, MoodEntry


@dataclass(frozen=True, slots=True)
class TodaySnapshot:
    day: date
    apps: tuple[AppTotal, ...]
    standings: tuple[LimitStanding, ...]
    active_seconds: float
    moods: tuple[MoodEntry, ...]
    gratitude_items: tuple[str, ...]
    approximate: bool = False

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
