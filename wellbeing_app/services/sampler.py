"""The sampler: every poll, ask the probes, feed the tracker, and commit every few seconds.

``Sampler`` has no Qt in it (the headless ``wellbeing track`` stays small and runs it in a plain
loop); the app runs the very same object from a ``QTimer`` (``sampler_service.SamplerService``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from wellbeing_app.core.clock import Clock, utc_offset_seconds
from wellbeing_app.core.probes import ForegroundProbe, ForegroundWindow, IdleProbe
from wellbeing_app.core.tracking import Sample, Tracker
from wellbeing_app.storage.tracking_store import PauseStore, SpanWriter

log = logging.getLogger(__name__)


# Call and meeting apps: break prompts wait while one is in front (besides a person's own
# "always active" rules). Lower-case executable names.
CALL_APPS = frozenset(
    {
        "zoom",
        "zoom.us",
        "teams",
        "ms-teams",
        "microsoft teams",
        "skype",
        "webex",
        "ciscowebex",
        "facetime",
        "jitsi meet",
        "gotomeeting",
        "bluejeans",
        "whereby",
    }
)


@dataclass(frozen=True, slots=True)
class Moment:
    """What the last sample saw, for the break scheduler."""

    at: datetime
    community: tuple[str, str] | None  # (app, category) of the counted window in front
    idle_seconds: float
    busy: bool  # fullscreen, or a call in front
    paused: bool


# While the last reading says the person was active moments ago, idle time is known well
# enough without asking the OS every poll: last reading + time since, re-read every few seconds
# and always once it nears 30 s (the smallest idle threshold), where precision matters.
IDLE_REFRESH = 5.0
IDLE_ESTIMATE_BELOW = 30.0


class Sampler:
    def __init__(
        self,
        foreground: ForegroundProbe,
        idle: IdleProbe,
        tracker: Tracker,
        writer: SpanWriter,
        pause: PauseStore,
        clock: Clock,
        commit_interval: float = 5.0,
    ) -> None:
        self._foreground = foreground
        self._idle = idle
        self._tracker = tracker
        self._writer = writer
        self._pause = pause
        self._clock = clock
        self._commit_interval = commit_interval
        self._last_commit: float | None = None
        self._paused_until = pause.paused_until()
        self._probe_failed = False
        self._idle_read: tuple[float, float] | None = None  # (when, idle seconds then)
        self.samples = 0
        self.moment: Moment | None = None

    @property
    def paused_until(self) -> float | None:
        return self._paused_until

    def tick(self) -> bool:
        """Takes one sample; commits when the interval has passed. True when it committed."""
        now = self._clock.now()
        at = now.timestamp()
        offset = utc_offset_seconds(now)
        paused = self._paused_until is not None and at < self._paused_until
        window = None if paused else self._window()
        idle = None if paused else self._idle_seconds(at)
        self._tracker.add(Sample(at, offset, window, 0.0 if paused else idle))
        in_front = self._tracker.in_front
        busy = window is not None and (
            window.fullscreen
            or window.app.lower() in CALL_APPS
            or (in_front is not None and in_front[2])
        )
        self.moment = Moment(
            now, None if in_front is None else (in_front[0], in_front[1]), idle or 0.0, busy, paused
        )
        self.samples += 1
        if self._last_commit is None:
            self._last_commit = at
        elif at - self._last_commit >= self._commit_interval or at < self._last_commit:
            self.commit(at)
            return True
        return False

    def _window(self) -> ForegroundWindow | None:
        try:
            return self._foreground.foreground()
        except Exception:  # a probe must never stop tracking; say so once
            if not self._probe_failed:
                log.exception("the foreground probe failed; skipping samples until it recovers")
                self._probe_failed = True
            return None

    def _idle_seconds(self, at: float) -> float | None:
        if self._idle_read is not None:
            read_at, then = self._idle_read
            estimate = then + (at - read_at)
            if 0 <= at - read_at < IDLE_REFRESH and estimate < IDLE_ESTIMATE_BELOW:
                return estimate  # never less than the truth; fresh before it could matter
        try:
            fresh = self._idle.idle_seconds()
        except Exception:
            fresh = None
        self._idle_read = None if fresh is None else (at, fresh)
        return fresh

    def commit(self, at: float | None = None) -> None:
        self._writer.commit(
            self._tracker.take_spans(),
            self._tracker.checkpoint(),
            self._tracker.take_active_seconds(),
        )
        self._last_commit = self._clock.now().timestamp() if at is None else at
        paused = self._pause.paused_until()
        if paused is not None and self._last_commit >= paused:
            self._pause.resume()
            paused = None
        self._paused_until = paused

    def reconfigure(self, tracker: Tracker, commit_interval: float) -> None:
        """Switches to a tracker built from changed settings or rules. What the old one had
        open is closed at its last sample and written first: nothing is doubled, and at most
        one poll interval goes uncounted."""
        self._tracker.stop()
        self.commit()
        self._tracker = tracker
        self._commit_interval = commit_interval

    def pause_until(self, until: float) -> None:
        self._pause.pause_until(until)
        self._paused_until = until
        self.commit()

    def resume(self) -> None:
        self._pause.resume()
        self._paused_until = None

    def close(self) -> None:
        """Closes the open span at its last sample and writes everything out."""
        self._tracker.stop()
        self.commit()
        self._foreground.close()
        self._idle.close()


def run_headless(
    sampler: Sampler,
    interval: float,
    stop: threading.Event,
    monotonic: Callable[[], float] = time.monotonic,
    hourly: Callable[[], object] | None = None,
) -> None:
    """Samples every ``interval`` seconds until ``stop`` is set, then flushes.

    Ticks are scheduled on the monotonic clock, so a wall-clock change does not bunch or skip
    them; after a suspend the next tick comes at once and the tracker sees the gap. ``hourly``
    (the automatic backup) runs once an hour between ticks.
    """
    next_tick = monotonic()
    next_hour = next_tick + 3600
    try:
        while not stop.is_set():
            sampler.tick()
            if hourly is not None and monotonic() >= next_hour:
                next_hour = monotonic() + 3600
                hourly()
            next_tick += interval
            delay = next_tick - monotonic()
            if delay < 0:
                next_tick = monotonic()  # fell behind (suspend, load): do not catch up in a burst
                delay = 0
            stop.wait(delay)
    finally:
        sampler.close()
