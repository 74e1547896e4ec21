"""How long the person has been away, asked of the idle probe only when the answer matters.

Idle time grows no faster than the clock, so "last reading + time since" is an upper bound of
it: while that bound is below the idle threshold, nothing the OS could answer would make the
tracker cut a span, and the probe is not asked (the headless tracker asks about once per
threshold). The app's break scheduler also wants to see input soon after a break began, so it
re-reads every few seconds (``refresh``). While the person is away, a probe that is an
``InputNotifier`` says when they are back, and the bound is exact until then.
"""

from __future__ import annotations

import logging

from wellbeing_app.core.probes import IdleProbe, InputNotifier

log = logging.getLogger(__name__)

IDLE_REFRESH = 5.0  # the app's re-read, for the break scheduler
IDLE_SLACK = 0.5  # a wake-up at the threshold may come a little early
# While away, a probe that says when input comes back is still asked now and then, in case
# input came in a way it does not see (a pointer warped by a program is no device event).
AWAY_RECHECK = 60.0


class IdleReading:
    """The last answer of an idle probe, and when to ask it again."""

    def __init__(self, probe: IdleProbe, refresh: float | None = None) -> None:
        self._probe = probe
        # Asked once (isinstance on a runtime-checkable protocol costs microseconds).
        self._notifier = probe if isinstance(probe, InputNotifier) else None
        self._refresh = refresh
        self._read: tuple[float, float] | None = None  # (when, idle seconds then)
        self._stale = False

    def mark_stale(self) -> None:
        """Input came back: ask at the next reading."""
        self._stale = True

    def window_changed(self) -> None:
        """Another window is in front. The app asks at the next reading (its break scheduler
        likes the exact idle time at a change); the headless tracker does not, as the bound
        still holds and a reading costs a round trip to the display server at every change."""
        if self._refresh is not None:
            self._stale = True

    def seconds(self, at: float, threshold: float) -> float | None:
        """Idle seconds at ``at``: the bound while it cannot matter, else the probe's answer
        (``None`` when it cannot tell)."""
        reading = self._read
        could_be_away = True
        if reading is not None:
            read_at, then = reading
            since = at - read_at
            estimate = then + since
            could_be_away = since < 0 or estimate >= threshold - IDLE_SLACK
            if since >= 0 and not self._stale and (self._refresh is None or since < self._refresh):
                if not could_be_away:
                    return estimate  # never less than the truth, and cannot reach the threshold
                if then >= threshold and self.input_watched and since < AWAY_RECHECK:
                    return estimate  # away, and no input since: exact
        self._stale = False
        if could_be_away and self._notifier is not None:
            # Asked before reading, so input right after a reading that says "away" is not
            # missed; a reading well below the threshold needs no watch (typing wakes nothing).
            try:
                self._notifier.notify_input()
            except Exception:
                log.exception("the idle probe cannot watch for input; polling while away")
        try:
            fresh = self._probe.idle_seconds()
        except Exception:
            fresh = None
        self._read = None if fresh is None else (at, fresh)
        return fresh

    @property
    def input_watched(self) -> bool:
        """The probe says when input comes back."""
        probe = self._notifier
        return probe is not None and probe.change_fileno() is not None

    def due(self, last_sample: float, threshold: float, poll_interval: float) -> float | None:
        """When the probe must be asked again: when the threshold could be reached, or while
        away at the next poll unless the probe says when input comes back. ``None`` without a
        reading (idle time unknown, or paused)."""
        reading = self._read
        if reading is None:
            return None
        read_at, then = reading
        if then < threshold:
            due = read_at + threshold - then
            return due if self._refresh is None else min(due, read_at + self._refresh)
        if self.input_watched:
            return read_at + AWAY_RECHECK  # input will say so; this only guards against a miss
        return last_sample + poll_interval
