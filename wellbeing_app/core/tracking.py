"""From samples to spans: the heartbeat merge, idle back-dating and the active-time total.

Every poll the sampler hands in one :class:`Sample`. The time between two samples belongs to the
state seen at the first of them, as long as the gap is no longer than the *pulsetime*
(``max(1.5 x poll, poll + 1 s)``); a longer gap (suspend, a stalled process, a clock jump) ends
the span where it was last seen, so no time is ever invented. A span also ends at every local
hour boundary, so day and hour totals stay exact whatever hour the day starts at.

When the idle probe says the person has been away for the idle threshold or longer, the open span
is cut back to their last input: the minutes of waiting for the threshold are not counted.
A rule can mark a window "always active" (a video call, a stream) to count it while idle.

An event-driven sampler does not sample every poll: it sleeps until a probe reports a change,
the idle threshold could be reached, or a commit is due. Such a sample says how long it
``held`` the state without asking (its planned wait), and a gap up to that plus the pulsetime
still counts as one stretch; a longer one (a suspend) still ends the span where it was seen.

This module is on the hot path (one call per second, and years of ActivityWatch data on import),
so it avoids allocation per sample: the open span is a mutable slotted object, and a frozen
:class:`UsageSpan` is built only when a span closes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from wellbeing_app.core.classifier import Classification
from wellbeing_app.core.days import day_of
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.core.patterns import UserPattern, compile_user_patterns
from wellbeing_app.core.probes import ForegroundWindow

OTHER_CATEGORY = "other"


def pulsetime(poll_interval: float) -> float:
    """How far apart two samples may be and still be one stretch of time."""
    return max(1.5 * poll_interval, poll_interval + 1.0)


@dataclass(frozen=True, slots=True)
class Sample:
    """What was in front at one moment, and for how long the person had been away.

    ``idle_seconds`` is ``None`` when no idle probe can tell; the person then counts as active.
    ``held`` is how long after the previous sample the sampler planned to wait for a change
    that would have woken it (0 for a poll): the state seen then lasted until now if the gap
    is at most ``held`` plus the pulsetime.
    """

    at: float
    utc_offset: int
    window: ForegroundWindow | None
    idle_seconds: float | None = 0.0
    held: float = 0.0


@dataclass(frozen=True, slots=True)
class TitlePolicy:
    """The one redaction point before storage: what of a window is kept at all."""

    mode: str = "reduced"  # keep | reduced | drop
    exclude: tuple[str, ...] = ()

    def compiled(self) -> UserPattern | None:
        """The exclude patterns as one, on the linear-time engine; ``None`` when there are none.

        Raises:
            PatternError: (an ``InvalidInput``) one of them does not compile.
        """
        return compile_user_patterns(self.exclude)


# app, category, title, approximate, utc_offset, always_active
_Key = tuple[str, str, str | None, bool, int, bool]


class _Open:
    """The span being extended by heartbeats (mutable on purpose, see the module docstring)."""

    __slots__ = ("end", "hour_end", "key", "start")

    def __init__(self, start: float, key: _Key) -> None:
        self.start = start
        self.end = start
        self.key = key
        offset = key[4]
        self.hour_end = ((start + offset) // 3600 + 1) * 3600 - offset


class _Track:
    """One heartbeat-merged timeline. Keys say what is in front; ``None`` means nothing counted."""

    __slots__ = ("closed", "open", "pulse")

    def __init__(self, pulse: float) -> None:
        self.pulse = pulse
        self.open: _Open | None = None
        self.closed: list[tuple[float, float, _Key]] = []

    def heartbeat(self, at: float, key: _Key | None, pulse: float) -> None:
        current = self.open
        if current is not None:
            if (
                key == current.key
                and current.end <= at < current.hour_end
                and at - current.end <= pulse
            ):
                current.end = at  # the common case: same window, one poll later
                return
            self._close_at(at, pulse)
        if key is not None:
            self.open = _Open(at, key)

    def _close_at(self, at: float, pulse: float) -> None:
        """Ends the open span at ``at`` if that is continuous with it, else where last seen."""
        current = self.open
        assert current is not None
        continuous = current.end <= at <= current.end + pulse
        self._emit(current, at if continuous else current.end)

    def away_since(self, last_input: float, at: float, pulse: float) -> None:
        """The person left at ``last_input``: cut the open span back to it and close it.

        An always-active window (a call) is not cut back: it counted until it was left at ``at``.
        """
        current = self.open
        if current is None:
            return
        if current.key[5]:
            self._close_at(at, pulse)
        else:
            self._emit(current, min(current.end, last_input))

    def _emit(self, current: _Open, end: float) -> None:
        self.open = None
        start, hour_end = current.start, current.hour_end
        while end > hour_end:
            # Split at local hour boundaries so hours and days stay exact.
            self.closed.append((start, hour_end, current.key))
            start, hour_end = hour_end, hour_end + 3600
        if end > start:
            self.closed.append((start, end, current.key))

    def checkpoint(self) -> tuple[float, float, _Key] | None:
        """The open span as it stands, for a commit that must survive a crash."""
        current = self.open
        if current is None or current.end <= current.start:
            return None
        return (current.start, current.end, current.key)

    def stop(self) -> None:
        if self.open is not None:
            self._close_at(self.open.end, self.pulse)

    def take(self) -> list[tuple[float, float, _Key]]:
        closed, self.closed = self.closed, []
        return closed


class _ActiveClock:
    """Counts active computer time per day, whatever is in front."""

    __slots__ = ("day_end", "day_start_hour", "last", "offset", "pending", "stretch_start")

    def __init__(self, day_start_hour: int) -> None:
        self.day_start_hour = day_start_hour
        self.last: float | None = None
        self.stretch_start = 0.0
        self.offset = 0
        self.day_end = 0.0  # where the local day of ``last`` ends
        self.pending: dict[date, float] = defaultdict(float)

    def beat(self, at: float, offset: int, pulse: float) -> None:
        last = self.last
        if last is not None and last <= at <= last + pulse:
            if at > self.day_end:  # a long step (an event-driven sampler) across a day start
                self.pending[day_of(last, self.offset, self.day_start_hour)] += self.day_end - last
                last = self.day_end
            self.pending[day_of(last, self.offset, self.day_start_hour)] += at - last
        else:
            self.stretch_start = at
        if last is None or at > self.day_end or offset != self.offset:
            start = self.day_start_hour * 3600
            self.day_end = ((at + offset - start) // 86400 + 1) * 86400 + start - offset
        self.last, self.offset = at, offset

    def away_since(self, last_input: float) -> None:
        last = self.last
        if last is None:
            return
        # Take back what was counted after the last input while waiting for the threshold.
        overcounted = last - max(last_input, self.stretch_start)
        if overcounted > 0:
            self.pending[day_of(last, self.offset, self.day_start_hour)] -= overcounted
        self.last = None

    def take(self) -> list[tuple[date, float]]:
        result = [(day, seconds) for day, seconds in self.pending.items() if seconds]
        self.pending.clear()
        return result


Classify = Callable[[str, str], Classification | None]


class Tracker:
    """Turns samples into community-app spans and per-day active computer time.

    Args:
        classify: ``(app, title) -> Classification | None`` (cached by the classifier).
        poll_interval: seconds between samples, for the pulsetime.
        idle_threshold: seconds without input after which the person is away.
        titles: what is kept of window titles, and which windows are never recorded.
        track_all_apps: also record non-community apps (category ``other``).
        day_start_hour: for splitting active time into days.
    """

    def __init__(
        self,
        classify: Classify,
        poll_interval: float = 1.0,
        idle_threshold: float = 180.0,
        titles: TitlePolicy | None = None,
        track_all_apps: bool = False,
        day_start_hour: int = 4,
    ) -> None:
        self._classify = classify
        self._idle_threshold = idle_threshold
        self._titles = titles or TitlePolicy()
        self._exclude = self._titles.compiled()
        self._track_all = track_all_apps
        self._day_start_hour = day_start_hour
        self.pulse = pulsetime(poll_interval)
        self._usage = _Track(self.pulse)
        self._active = _ActiveClock(day_start_hour)
        self._keys: dict[tuple[str, str, bool, int], _Key | None] = {}
        self._in_front: _Key | None = None

    def add(self, sample: Sample) -> None:
        """Takes one sample. Cheap: a dict lookup and a comparison in the common case."""
        at = sample.at
        window = sample.window
        idle = sample.idle_seconds
        key = self._key(window, sample.utc_offset) if window is not None else None
        self._in_front = key
        away = idle is not None and idle >= self._idle_threshold
        pulse = self.pulse + sample.held
        if away and not (key is not None and key[5]):
            last_input = at - idle  # type: ignore[operator]  # idle is not None when away
            self._usage.away_since(last_input, at, pulse)
            self._active.away_since(last_input)
            return
        self._usage.heartbeat(at, key, pulse)
        self._active.beat(at, sample.utc_offset, pulse)

    def _key(self, window: ForegroundWindow, offset: int) -> _Key | None:
        lookup = (window.app, window.title, window.approximate, offset)
        try:
            return self._keys[lookup]
        except KeyError:
            pass
        key = self._make_key(window, offset)
        if len(self._keys) > 8192:
            self._keys.clear()  # bounded: titles with counters or clocks would grow it forever
        self._keys[lookup] = key
        return key

    def _make_key(self, window: ForegroundWindow, offset: int) -> _Key | None:
        if self._exclude is not None and (
            self._exclude.search(window.app) or self._exclude.search(window.title)
        ):
            return None
        found = self._classify(window.app, window.title)
        if found is None:
            if not self._track_all or not window.app:
                return None
            name, category = window.app, OTHER_CATEGORY
        else:
            name, category = found.app, found.category
        mode = self._titles.mode
        title = window.title if mode == "keep" else window.app if mode == "reduced" else None
        always_active = found is not None and found.always_active
        return (name, category, title or None, window.approximate, offset, always_active)

    @property
    def idle_threshold(self) -> float:
        """Seconds without input after which the person is away."""
        return self._idle_threshold

    @property
    def pending(self) -> bool:
        """Something a commit would write: an open span or stretch of active time, or what
        closed since the last ``take_spans``/``take_active_seconds``."""
        return (
            self._usage.open is not None
            or self._active.last is not None
            or bool(self._usage.closed)
            or any(self._active.pending.values())
        )

    @property
    def in_front(self) -> tuple[str, str, bool] | None:
        """(app, category, always active) of the counted window in the last sample, if any."""
        key = self._in_front
        return None if key is None else (key[0], key[1], key[5])

    def checkpoint(self) -> UsageSpan | None:
        """The open community span as it stands (for a crash-safe commit), or ``None``."""
        found = self._usage.checkpoint()
        return None if found is None else _span(*found)

    def take_spans(self) -> list[UsageSpan]:
        """Spans closed since the last call."""
        return [_span(*closed) for closed in self._usage.take()]

    def take_active_seconds(self) -> list[tuple[date, float]]:
        """Active computer time per day accrued since the last call (may be negative when an
        idle stretch takes back time already reported)."""
        return self._active.take()

    def stop(self) -> None:
        """Closes whatever is open (on exit): the final state counts up to its last sample."""
        self._usage.stop()


def _span(start: float, end: float, key: _Key) -> UsageSpan:
    app, category, title, approximate, offset, _ = key
    return UsageSpan(start, end, offset, app, category, title, approximate)


def merge_per_hour(spans: Sequence[UsageSpan]) -> list[UsageSpan]:
    """Spans of one timeline with the same window in the same local hour, made one each: it
    starts where the first did and lasts as long as they did together.

    Totals per app, hour and day stay exact, and the result never crosses an hour boundary;
    only where in the hour the time fell is given up. For holding long stretches in little
    memory while they cannot be written. The first span keeps its start (a writer that has
    part of it stored recognises it by that).
    """
    merged: dict[tuple[object, ...], list[float]] = {}
    keys: dict[tuple[object, ...], UsageSpan] = {}
    for span in spans:
        hour = (span.start + span.utc_offset) // 3600
        key = (hour, span.app, span.category, span.title, span.approximate, span.utc_offset,
               span.source)  # fmt: skip
        if key in merged:
            merged[key][1] += span.seconds
        else:
            merged[key] = [span.start, span.seconds]
            keys[key] = span
    return [
        replace(keys[key], start=start, end=start + seconds)
        for key, (start, seconds) in merged.items()
    ]


def replay(tracker: Tracker, samples: Sequence[Sample]) -> list[UsageSpan]:
    """Feeds samples in order and returns every span, closed at the end."""
    for sample in samples:
        tracker.add(sample)
    tracker.stop()
    return tracker.take_spans()
