"""Keeps today's snapshot fresh and tells the window and the tray when it changes.

New data comes with a signal (``refresh``); the timer only catches what no signal announces.
While the window is shown that is every ``interval_ms``; hidden in the tray, only the tray's
tooltip shows the snapshot and it changes by itself only when a new day starts, so the timer
waits for that moment (checking at least every ``HIDDEN_MAX_WAIT``, as a computer that slept
delays a timer by its sleep).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.limits import approximate_totals, exact_totals, standings
from wellbeing_app.core.today import TodaySnapshot, hour_slots, hours_begun
from wellbeing_app.storage.repositories import Repositories

HIDDEN_MAX_WAIT = timedelta(minutes=15)
# Hidden, news of changed data (the tracker commits every few seconds) is taken at most this
# often: only the tray's tooltip shows the snapshot then, and a rebuild reads the database.
HIDDEN_REFRESH_MS = 60_000


def build_snapshot(repos: Repositories, clock: Clock) -> TodaySnapshot:
    now = clock.now()
    dsh = repos.settings.day_start_hour
    day = day_of_datetime(now, dsh)
    apps = tuple(repos.usage.by_app(day, day))
    approximate = (
        tuple(approximate_totals(repos.usage.spans(day, day)))
        if repos.usage.has_approximate(day, day)
        else ()
    )
    start = datetime.combine(day, time(dsh), now.tzinfo)
    active = repos.usage.active_days(day, day)
    gratitude = repos.gratitude.between(day, day)
    hours = repos.usage.by_hour(day, day)
    return TodaySnapshot(
        day=day,
        apps=apps,
        standings=tuple(standings(repos.limits.all(), exact_totals(apps, approximate), day)),
        active_seconds=active[0].seconds if active else 0.0,
        moods=tuple(repos.moods.between(start, start + timedelta(days=1))),
        gratitude_items=tuple(item.text for entry in gratitude for item in entry.items),
        approximate_apps=approximate,
        day_start_hour=dsh,
        hour_seconds=hour_slots(((h.hour, h.seconds) for h in hours), dsh),
        hours_begun=hours_begun(start, now),
    )


def until_next_day(now: datetime, day_start_hour: int) -> timedelta:
    """The time from ``now`` to the start of the next day (a second after it)."""
    day = day_of_datetime(now, day_start_hour) + timedelta(days=1)
    start = datetime.combine(day, time(day_start_hour), now.tzinfo)
    return start - now + timedelta(seconds=1)


class TodayService(QObject):
    """Rebuilds the snapshot on a timer and whenever told that data changed."""

    snapshot_changed = Signal(object)  # TodaySnapshot

    def __init__(
        self,
        repos: Repositories,
        clock: Clock,
        interval_ms: int = 30_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repos = repos
        self._clock = clock
        self._snapshot: TodaySnapshot | None = None
        self._interval_ms = interval_ms
        self._watched = True
        self._running = False
        self._rebuild_pending = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def snapshot(self) -> TodaySnapshot:
        if self._snapshot is None:
            self.refresh()
        assert self._snapshot is not None
        return self._snapshot

    @property
    def timer(self) -> QTimer:
        return self._timer

    def start(self) -> None:
        self._running = True
        self._rebuild()
        self._arm()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def set_watched(self, watched: bool) -> None:
        """Whether the window showing the snapshot is on screen (the tray always is)."""
        if watched == self._watched:
            return
        self._watched = watched
        if watched and self._running:
            self._rebuild()  # what changed while hidden, before the window is looked at
        self._arm()

    def _arm(self) -> None:
        if not self._running:
            return
        if self._watched:
            self._timer.start(self._interval_ms)
            return
        wait = min(
            until_next_day(self._clock.now(), self._repos.settings.day_start_hour),
            HIDDEN_MAX_WAIT,
        )
        self._timer.start(max(1000, int(wait.total_seconds() * 1000)))

    def _on_timer_timeout(self) -> None:
        self._rebuild()
        self._arm()

    def refresh(self) -> None:
        """Data changed: rebuilds the snapshot now while the window is shown; hidden, within
        ``HIDDEN_REFRESH_MS`` (one rebuild for all the changes meanwhile)."""
        if self._watched or not self._running or self._snapshot is None:
            self._rebuild()
            return
        if not self._rebuild_pending:  # (a coarse timer's remainingTime() may exceed it)
            self._rebuild_pending = True
            if not self._timer.isActive() or self._timer.remainingTime() > HIDDEN_REFRESH_MS:
                self._timer.start(HIDDEN_REFRESH_MS)

    def _rebuild(self) -> None:
        self._rebuild_pending = False
        snapshot = build_snapshot(self._repos, self._clock)
        if snapshot != self._snapshot:
            self._snapshot = snapshot
            self.snapshot_changed.emit(snapshot)
