"""Drives the break scheduler from what the sampler sees, and records every prompt and outcome.

Each sample becomes an ``Observation``; what the scheduler answers is stored (``break_events``)
and handed on: heads-ups and quiet-hours nudges go to the notifier, break prompts (with offline
suggestions that fit the moment) to the prompt window.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject, Signal

from wellbeing_app.core.activities import Activity
from wellbeing_app.core.breaks import (
    BreakDue,
    BreakScheduler,
    BreakUpdate,
    CommunityUse,
    HeadsUp,
    Observation,
    QuietHoursNudge,
)
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.models import AppTotal, BreakEvent, MoodEntry
from wellbeing_app.core.suggestions import Suggestion
from wellbeing_app.core.text import duration_text
from wellbeing_app.services.notifier import Notice, Notifier
from wellbeing_app.services.sampler import Moment
from wellbeing_app.storage.activities import ActivityRepository, suggest_now
from wellbeing_app.storage.repositories import Repositories


class BreakService(QObject):
    prompt_due = Signal(object, object)  # BreakDue, list[Suggestion]
    updated = Signal(object)  # every BreakUpdate, after it was stored

    def __init__(
        self,
        repos: Repositories,
        clock: Clock,
        notifier: Notifier,
        catalog: Sequence[Activity],
        rng: random.Random | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repos = repos
        self._clock = clock
        self._notifier = notifier
        self._catalog = tuple(catalog)
        self._activities = ActivityRepository(repos.db)
        self._rng = rng or random.Random()
        settings = repos.settings
        self._idle_threshold = settings.idle_threshold_seconds
        self.scheduler = BreakScheduler(settings, repos.limits.all())
        self._totals: Sequence[AppTotal] = ()
        self._totals_day = day_of_datetime(clock.now(), settings.day_start_hour)
        self._last_prompt_id: int | None = None
        self._mood_before: int | None = None
        self.scheduler.remember(self._today_records())
        self.refresh_totals()

    def _day_start(self, now: datetime) -> datetime:
        hour = self._repos.settings.day_start_hour
        return datetime.combine(day_of_datetime(now, hour), time(hour), now.tzinfo)

    def _today_records(self) -> list[BreakEvent]:
        now = self._clock.now()
        return self._repos.breaks.between(self._day_start(now), now + timedelta(seconds=1))

    def refresh_totals(self) -> None:
        """Re-reads today's totals and limits (after each commit of the tracker).

        Limits are measured on exact time only: approximate time (an app merely running) is
        never held against them."""
        now = self._clock.now()
        day = day_of_datetime(now, self._repos.settings.day_start_hour)
        self._totals = self._repos.usage.limit_totals(day, day)
        self._totals_day = day
        self.scheduler.set_limits(self._repos.limits.all())

    def observe(self, moment: Moment) -> None:
        if moment.paused:
            return
        community = None if moment.community is None else CommunityUse(*moment.community)
        self._dispatch(
            self.scheduler.observe(
                Observation(
                    at=moment.at,
                    community=community,
                    idle=moment.idle_seconds >= self._idle_threshold,
                    busy=moment.busy and self._repos.settings.hold_prompts_when_busy,
                    used_today=self._totals,
                    usage_day=self._totals_day,
                    idle_seconds=moment.idle_seconds,
                )
            )
        )

    def take_break(self, activity_id: str = "") -> None:
        self._dispatch(self.scheduler.take_break(self._clock.now(), activity_id or None))

    def snooze(self) -> None:
        self._dispatch(self.scheduler.snooze(self._clock.now()))

    def skip(self, reason: str = "") -> None:
        self._dispatch(self.scheduler.skip(self._clock.now(), reason))

    def dismiss(self) -> None:
        self._dispatch(self.scheduler.dismiss(self._clock.now()))

    def log_outcome(
        self, activity_id: str, done: bool, mood_after: int | None, helped: bool | None
    ) -> None:
        """'Did you do it? How do you feel now?' — what the bandit learns from."""
        self._activities.log_outcome(
            self._clock.now(),
            activity_id,
            done,
            self._mood_before,
            mood_after,
            helped,
            self._last_prompt_id,
        )

    def _latest_mood(self) -> MoodEntry | None:
        now = self._clock.now()
        moods = self._repos.moods.between(now - timedelta(hours=3), now + timedelta(seconds=1))
        return moods[-1] if moods else None

    def suggestions(self, due: BreakDue) -> list[Suggestion]:
        mood = self._latest_mood()
        self._mood_before = mood.score if mood else None
        return suggest_now(
            self._activities,
            self._catalog,
            self._clock.now(),
            max(due.break_minutes, 5),
            self._rng,
            mood=mood.score if mood else None,
            energy=mood.energy if mood else None,
            reason=due.kind,
            break_event_id=self._last_prompt_id,
        )

    def _dispatch(self, updates: Sequence[BreakUpdate]) -> None:
        for update in updates:
            record = update.record
            if record is not None:
                saved = self._repos.breaks.add(record)
                if isinstance(update, BreakDue):
                    self._last_prompt_id = saved.id
            if isinstance(update, BreakDue):
                self.prompt_due.emit(update, self.suggestions(update))
            elif isinstance(update, HeadsUp):
                self._notifier.notify(
                    Notice(
                        f"Heads-up: {update.target}",
                        f"{duration_text(update.used_seconds)} of your {update.limit_minutes} "
                        "minutes today. Maybe wrap up what you're doing?",
                        buttons=("take-break",),
                        key=f"heads-up {update.target}",
                    )
                )
            elif isinstance(update, QuietHoursNudge):
                self._notifier.notify(
                    Notice(
                        "Quiet hours",
                        f"It's your quiet time. Is {update.app} what you want right now?",
                        buttons=("take-break",),
                        key="quiet hours",
                    )
                )
            self.updated.emit(update)
