"""The sampler: ask the probes, feed the tracker, and commit every few seconds.

``Sampler`` has no Qt in it (the headless ``wellbeing track`` stays small and runs it in a plain
loop, ``headless.run_headless``); the app runs the very same object from the Qt event loop
(``sampler_service.SamplerService``).

**Event-driven where the platform allows.** A foreground probe that is a ``ChangeNotifier``
(X11, sway, Hyprland, wlroots) wakes the sampler when the window in front may have changed, so
nothing is asked every second: the loop sleeps on ``watch_filenos()`` for ``wait_seconds()``,
which is the earliest of the next commit (only while something is tracked), the moment the
idle threshold could first be reached (threshold minus the idle time last read, as idle time
grows no faster than the clock), and the end of a pause. Time is extended lazily, at that
wake-up or at the next change, and each sample tells the tracker how long it held the state
without asking; a suspend during a wait (the wall clock moved on, the process's monotonic
clock did not) counts the time awake before it, no more.

**Commits.** The app commits every commit interval (a crash loses at most that); it wakes that
often anyway, for the break scheduler. The headless tracker commits lazily (``quiet_commit``):
on a VM a wake-up that writes costs about half a millisecond, more than all else it does, so it
writes at a sample it takes anyway (a change) once half a minute has passed since the last
commit, and wakes only to write after a quiet minute; a crash of ``wellbeing track`` loses at
most that minute.

While the person is away, an idle probe that is an ``InputNotifier`` (X11 with XInput 2,
Wayland's idle protocols) says when they are back; other probes keep the poll.

A full disk (or any write the database refuses for now) never stops tracking: what could not be
written is held in memory and the whole of it is written by the first commit that works, once
(the ``SpanWriter`` leaves itself as it was after a failed commit). ``storage_problem`` says
what is wrong meanwhile; ``StorageReport`` turns that into one message when saving fails and one
when it works again.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from wellbeing_app.core.clock import Clock, utc_offset_seconds
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.core.probes import ChangeNotifier, ForegroundProbe, ForegroundWindow, IdleProbe
from wellbeing_app.core.tracking import Sample, Tracker, merge_per_hour
from wellbeing_app.services.idle_reading import IdleReading
from wellbeing_app.storage.tracking_store import PauseStore, SpanWriter, StorageUnavailable

log = logging.getLogger(__name__)
# Paused, the sampler writes at most this often (nothing is counted while paused).
PAUSED_COMMIT_SECONDS = 60.0


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
    # (app, category) of the counted window in front; never one from an approximate probe
    community: tuple[str, str] | None
    idle_seconds: float
    busy: bool  # fullscreen, or a call in front
    paused: bool


# A timer may fire a little early (Qt's coarse timers by up to 5 %): a commit that early counts.
COMMIT_EARLY = 0.05

# Closed spans held while they cannot be written (~150 bytes each, so about 3 MB at most).
# Spans are merged heartbeats, a few hundred a day (a year of real use made 83,000), so this
# holds months; someone switching windows every second fills it in about 5 hours. Past it the
# spans are merged per app and local hour (exact totals, a few spans an hour with titles
# reduced: thousands of hours fit), and only past that is the oldest time dropped, and said.
MAX_UNSAVED_SPANS = 20_000


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
        *,
        poll_interval: float = 1.0,
        idle_refresh: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._foreground = foreground
        self._idle = idle
        self._tracker = tracker
        self.poll_interval = poll_interval
        self._idle_reading = IdleReading(idle, idle_refresh)
        # Asked once: isinstance on a runtime-checkable protocol costs several microseconds,
        # and these are looked at on every wake-up.
        self._notifiers: tuple[ChangeNotifier | None, ChangeNotifier | None] = (
            foreground if isinstance(foreground, ChangeNotifier) else None,
            idle if isinstance(idle, ChangeNotifier) else None,
        )
        self._watching = self._notifiers[0] is not None
        self._last_tick: float | None = None
        self._monotonic = monotonic
        self._last_sample: Sample | None = None
        self._change_pending = False
        self._last_change: float | None = None  # when the last change was sampled
        self._last_mono = 0.0
        self._held = 0.0  # how long after the last tick the planned wait allowed
        self._closed = False
        self._writer = writer
        self._pause = pause
        self._clock = clock
        self._commit_interval = commit_interval
        self._last_commit: float | None = None
        # Lazy commits (the headless tracker sets it, ``run_headless``): ``None`` commits every
        # ``commit_interval``. Else the sampler wakes only to commit this long after the last
        # commit (or the commit interval, if longer), and a sample taken anyway (a change, the
        # idle threshold) commits once half of that has passed: a crash loses at most this long.
        self.quiet_commit: float | None = None
        self._paused_until = pause.paused_until()
        self._probe_failed = False
        self.samples = 0
        self.moment: Moment | None = None
        # Held while the database cannot be written (see the module docstring).
        self.max_unsaved_spans = MAX_UNSAVED_SPANS
        self._unsaved: list[UsageSpan] = []
        self._unsaved_active: dict[date, float] = {}
        self._pause_unsaved = False  # a pause or resume not yet written
        self.storage_problem: str | None = None
        self._storage_error = ""  # the database's own words, for the exit message
        self.lost_seconds = 0.0  # dropped past the bound during the last outage

    @property
    def unsaved_spans(self) -> int:
        """Closed spans held in memory because they could not be written yet."""
        return len(self._unsaved)

    @property
    def storage_error(self) -> str:
        """The last sentence the database gave for refusing a write ('' when none yet)."""
        return self._storage_error

    @property
    def unsaved_seconds(self) -> float:
        return sum(span.seconds for span in self._unsaved)

    @property
    def paused_until(self) -> float | None:
        return self._paused_until

    def is_paused(self) -> bool:
        """Paused at this moment (as far as this process knows)."""
        until = self._paused_until
        return until is not None and self._clock.now().timestamp() < until

    def tick(self) -> bool:
        """Takes one sample; commits when the interval has passed. True when it committed (and
        the commit was written)."""
        now = self._clock.now()
        at = now.timestamp()
        offset = utc_offset_seconds(now)
        last_commit = self._last_commit
        commit = last_commit is not None and (
            at - last_commit >= self._commit_spacing() - COMMIT_EARLY or at < last_commit
        )
        if self.quiet_commit is not None and (commit or self._change_pending):
            # Committing lazily, a pause made elsewhere (``wellbeing pause``, the app's tray)
            # is looked for at each change too, and before this sample, not after it: the
            # next sample may be a minute away, and the time up to it would count.
            self._follow_pause(at)
        paused = self._paused_until is not None and at < self._paused_until
        window = None if paused else self._window()
        idle = None if paused else self._idle_reading.seconds(at, self._tracker.idle_threshold)
        held = self._held if self._last_tick is not None and at >= self._last_tick else 0.0
        sample = Sample(at, offset, window, 0.0 if paused else idle, held)
        mono = self._monotonic()
        self._before_suspend(at, mono, held)
        self._tracker.add(sample)
        self._last_sample, self._last_mono = sample, mono
        if self._change_pending:
            self._change_pending, self._last_change = False, at
        self._last_tick = at
        self._held = 0.0
        in_front = self._tracker.in_front
        busy = window is not None and (
            window.fullscreen
            or window.app.lower() in CALL_APPS
            or (in_front is not None and in_front[2])
        )
        # Approximate time (an app merely running) is recorded but never enforces: for the
        # break scheduler, nothing counted is in front.
        counted = in_front is not None and window is not None and not window.approximate
        self.moment = Moment(
            now,
            (in_front[0], in_front[1]) if counted and in_front is not None else None,
            idle or 0.0,
            busy,
            paused,
        )
        self.samples += 1
        if last_commit is None:
            self._last_commit = at
        elif commit:
            return self.commit(at)
        return False

    def _commit_spacing(self) -> float:
        """How long after a commit a sample commits again (when it wakes anyway)."""
        quiet = self.quiet_commit
        if quiet is None:
            return self._commit_interval
        return max(self._commit_interval, quiet / 2)

    def _commit_deadline(self) -> float:
        """How long after a commit the sampler wakes only to commit. Paused, a minute at
        least: the pause itself was written when it began, and nothing is counted meanwhile."""
        quiet = self.quiet_commit
        deadline = self._commit_interval if quiet is None else max(self._commit_interval, quiet)
        return max(deadline, PAUSED_COMMIT_SECONDS) if self.is_paused() else deadline

    def _before_suspend(self, at: float, mono: float, held: float) -> None:
        """After a suspend during a wait, the wall clock has moved on far more than this
        process's own (monotonic) time: what was in front lasted for the time it was awake,
        as a poll every second would have seen; the gap itself counts as nothing."""
        last = self._last_sample
        if last is None or held <= 0:
            return
        gap, awake = at - last.at, mono - self._last_mono
        if gap <= held + self._tracker.pulse or not 0 <= awake < gap:
            return  # no gap, or a stalled process (its own time moved on too)
        until = last.at + min(awake, held + self.poll_interval)
        idle = None if last.idle_seconds is None else last.idle_seconds + (until - last.at)
        # Held as long as this wait was planned (not the last one's), or a wait longer than
        # the last (a lazy commit's minute) would end the span where the wait began.
        self._tracker.add(replace(last, at=until, idle_seconds=idle, held=held))

    def _window(self) -> ForegroundWindow | None:
        try:
            return self._foreground.foreground()
        except Exception:  # a probe must never stop tracking; say so once
            if not self._probe_failed:
                log.exception("the foreground probe failed; skipping samples until it recovers")
                self._probe_failed = True
            return None

    # --- waiting for a change ----------------------------------------------------------------

    @property
    def event_driven(self) -> bool:
        """The foreground probe says when the window in front changes (no poll needed)."""
        return self._watching

    def watch_filenos(self) -> tuple[int, ...]:
        """Descriptors that become readable when a probe may report something new; wait on
        them (with ``wait_seconds()``), then call ``changed()``."""
        found = []
        for probe in self._notifiers:
            if probe is not None:
                fileno = probe.change_fileno()
                if fileno is not None:
                    found.append(fileno)
        return tuple(found)

    def changed(self) -> bool:
        """Reads the probes' change signals (never blocks); ``True`` when a sample is due,
        after ``change_delay()``."""
        foreground, idle = self._notifiers
        window = foreground is not None and self._take(foreground)
        came_back = idle is not None and self._take(idle)
        if came_back:
            self._idle_reading.mark_stale()  # input came back: the reading said away
        elif window:
            self._idle_reading.window_changed()
        changed = window or came_back
        if changed:
            self._change_pending = True
        return changed

    def change_delay(self) -> float:
        """Seconds to wait before sampling a change: none, unless the last change was sampled
        less than a poll interval ago. A title that changes many times a second (a progress
        counter, a blinking tab) then costs no more than the poll did, and is seen at most a
        poll late, as it was then. A change right after one to no window at all is sampled at
        once: window managers pass through "nothing focused" on the way to the next window
        (openbox writes the active window twice), and that window's time starts now."""
        last = self._last_change
        after_none = self._last_sample is not None and self._last_sample.window is None
        if last is None or (after_none and not self.is_paused()):  # paused: always no window
            return 0.0
        now = self._clock.now().timestamp()
        return max(0.0, min(last + self.poll_interval - now, self.poll_interval))

    def _take(self, probe: ChangeNotifier) -> bool:
        try:
            return probe.take_changes()
        except Exception:
            log.exception("a probe failed to read its change events")
            return True

    def wait_seconds(self, limit: float | None = None) -> float | None:
        """How long the caller may sleep before the next ``tick()`` if no change comes:
        ``None`` for "until a change" (nothing tracked, away with input watched), else the
        seconds to the earliest of the poll (a probe that cannot signal), the commit, the
        idle threshold and the end of a pause. ``limit`` caps it (the app's break scheduler).
        """
        now = self._clock.now().timestamp()
        last = self._last_tick
        if last is None or now < last:
            return 0.0  # never sampled, or the clock went back: sample now
        due: list[float] = [] if limit is None else [now + limit]
        foreground = self._notifiers[0]
        if foreground is None or foreground.change_fileno() is None:
            due.append(last + self.poll_interval)
        if self._commit_due():
            due.append((self._last_commit or last) + self._commit_deadline())
        if self._paused_until is not None and self._paused_until > last:
            due.append(self._paused_until)
        else:
            # Paused, no idle time is read, so the last reading goes stale and its moment
            # passes: it must not be a deadline (a wait of zero, again and again).
            idle_due = self._idle_reading.due(
                last, self._tracker.idle_threshold, self.poll_interval
            )
            if idle_due is not None:
                due.append(idle_due)
        if not due:
            self._held = 0.0
            return None
        wake = max(min(due), now)
        # The pulsetime already allows for one poll interval.
        self._held = max(0.0, wake - last - self.poll_interval)
        return wake - now

    def _catch_up(self) -> None:
        """Samples now when the last sample may be a whole wait old (event-driven), so what
        is in front is counted up to this moment (a stop, a pause, new settings)."""
        if self._watching and self._last_tick is not None and not self._closed:
            self.tick()

    def _commit_due(self) -> bool:
        return (
            self._tracker.pending
            or bool(self._unsaved)
            or bool(self._unsaved_active)
            or self._pause_unsaved
        )

    def commit(self, at: float | None = None) -> bool:
        """Writes what was tracked since the last commit that worked. Never raises for a
        database that cannot be written: it is held, and tried again next time. True when
        everything was written."""
        spans = self._unsaved + self._tracker.take_spans()
        active = self._unsaved_active
        for day, seconds in self._tracker.take_active_seconds():
            active[day] = active.get(day, 0.0) + seconds
        try:
            self._writer.commit(spans, self._tracker.checkpoint(), list(active.items()))
        except StorageUnavailable as error:
            self._hold(spans)
            self._failed(error)
            written = False
        else:
            self._unsaved, self._unsaved_active = [], {}
            written = True
        self._last_commit = self._clock.now().timestamp() if at is None else at
        if self._follow_pause(self._last_commit) and written:
            self._recovered()
        return written

    def _hold(self, spans: list[UsageSpan]) -> None:
        if len(spans) > self.max_unsaved_spans:
            spans = merge_per_hour(spans)
            excess = len(spans) - self.max_unsaved_spans
            if excess > 0:
                dropped, spans = spans[:excess], spans[excess:]
                seconds = sum(span.seconds for span in dropped)
                self.lost_seconds += seconds
                log.warning("could not hold %.0f s of tracked time any longer", seconds)
        self._unsaved = spans

    def _follow_pause(self, now: float) -> bool:
        """Writes a pause change still unsaved, follows one made elsewhere (the tray, the other
        process) and ends one that is over. False when the database could not be used."""
        paused = self._paused_until
        try:
            if self._pause_unsaved:
                self._write_pause()
            paused = self._pause.paused_until()
            if paused is not None and now >= paused:
                paused = None
                self._pause_unsaved = True  # until the resume below is written
                self._pause.resume()
                self._pause_unsaved = False
        except StorageUnavailable as error:
            self._failed(error)
            if paused is not None and now >= paused:
                paused = None
                self._pause_unsaved = True
            self._paused_until = paused
            return False
        self._paused_until = paused
        return True

    def _write_pause(self) -> None:
        if self._paused_until is None:
            self._pause.resume()
        else:
            self._pause.pause_until(self._paused_until)
        self._pause_unsaved = False

    def _failed(self, error: StorageUnavailable) -> None:
        self._storage_error = str(error)
        if self.storage_problem is None:
            self.lost_seconds = 0.0
            log.warning("%s Tracking goes on; retrying every commit.", error)
        self.storage_problem = (
            f"{error} Tracking goes on, holding what it records in memory, and saves it as "
            "soon as the database can be written."
        )

    def _recovered(self) -> None:
        if self.storage_problem is not None:
            self.storage_problem = None
            log.info(self.recovery_note())

    def recovery_note(self) -> str:
        """One sentence for when tracked time is saved again after it could not be."""
        if not self.lost_seconds:
            return "Tracked time is saved again; nothing was lost."
        return (
            f"Tracked time is saved again; up to {minutes_text(self.lost_seconds)} of the oldest "
            "time held while it could not be saved did not fit in memory and was dropped."
        )

    def reconfigure(self, tracker: Tracker, commit_interval: float) -> None:
        """Switches to a tracker built from changed settings or rules. What the old one had
        open is closed at its last sample and written first: nothing is doubled, and at most
        one poll interval goes uncounted."""
        self._catch_up()
        self._tracker.stop()
        self.commit()
        self._tracker = tracker
        self._commit_interval = commit_interval

    def pause_until(self, until: float) -> None:
        self._catch_up()
        self._paused_until = until
        self._pause_unsaved = True  # written by the commit, or by a later one
        self._catch_up()  # the paused sample: what was open ends now, not at the next wake-up
        self.commit()

    def resume(self) -> None:
        self._paused_until = None
        self._pause_unsaved = True
        self._catch_up()
        try:
            self._write_pause()
        except StorageUnavailable as error:
            self._failed(error)

    def close(self) -> None:
        """Closes the open span at its last sample and writes everything out. What cannot be
        written even now is lost: ``unsaved_seconds`` says how much."""
        self._catch_up()
        self._closed = True
        self._tracker.stop()
        if not self.commit():
            log.error("%.0f s of tracked time could not be saved", self.unsaved_seconds)
        self._foreground.close()
        self._idle.close()


def minutes_text(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"


class StorageReport:
    """Tells the person once when tracked time cannot be saved, and once when it can again."""

    def __init__(self, failed: Callable[[str], object], recovered: Callable[[str], object]) -> None:
        self._failed = failed
        self._recovered = recovered
        self._failing = False

    def check(self, sampler: Sampler) -> None:
        problem = sampler.storage_problem
        if problem is not None and not self._failing:
            self._failing = True
            self._failed(problem)
        elif problem is None and self._failing:
            self._failing = False
            self._recovered(sampler.recovery_note())


def tell_on_stderr(text: str) -> None:
    """One line for the person running the headless tracker."""
    print(f"Wellbeing: {text}", file=sys.stderr, flush=True)
