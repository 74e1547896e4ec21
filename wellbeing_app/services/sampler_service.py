"""The sampler inside the app: driven by the Qt event loop on the GUI thread."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal

from wellbeing_app.services.sampler import Sampler, StorageReport

# The break scheduler counts a step between two observations as continuous use only up to
# 15 s (``core.breaks``), and its timers (snooze, break, strict unlock) move on observations:
# the app observes at least this often while tracking, even when nothing changes.
OBSERVE_EVERY_SECONDS = 5.0
# Paused, the break scheduler takes no observations: the app wakes only to notice a pause
# ended elsewhere (``wellbeing resume``) within this long, or at the pause's own end.
PAUSED_OBSERVE_SECONDS = 60.0


class SamplerService(QObject):
    """Runs a ``Sampler`` on the GUI thread; one sample takes well under 50 ms.

    Event-driven where the probes allow: a ``QSocketNotifier`` on each descriptor the sampler
    watches (the X11 display connection, the compositor readers' pipes) wakes it when a probe
    reports a change, and one single-shot timer wakes it at its next deadline (commit, idle
    threshold, end of a pause, or ``OBSERVE_EVERY_SECONDS`` for the break scheduler); probes
    that cannot signal are polled every ``interval`` seconds. Nothing here blocks the GUI.

    When tracked time cannot be saved (a full disk), tracking goes on and ``storage_failed``
    is emitted once, with sentences to show the person; ``storage_recovered`` once everything
    held meanwhile has been written, with one sentence saying so.
    """

    committed = Signal()
    sampled = Signal(object)  # Moment: what this sample saw, for the break scheduler
    pause_changed = Signal(object)  # float | None: paused until
    storage_failed = Signal(str)  # what is wrong, and that tracking goes on
    storage_recovered = Signal(str)  # saved again; whether anything was lost

    def __init__(self, sampler: Sampler, interval: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sampler = sampler
        sampler.poll_interval = interval
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Deadlines are exact moments (a commit, the idle threshold): a coarse timer may fire
        # 5 % early and cost a second wake-up.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._notifiers: dict[int, QSocketNotifier] = {}
        self._running = False
        self._report = StorageReport(self.storage_failed.emit, self.storage_recovered.emit)

    @property
    def next_wake_ms(self) -> int | None:
        """Milliseconds until the timer fires, ``None`` when it is not running (for tests)."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    @property
    def watched_filenos(self) -> tuple[int, ...]:
        """The descriptors a socket notifier watches now."""
        return tuple(self._notifiers)

    def start(self) -> None:
        self._running = True
        self._timer.start(0)  # the first sample at once

    def set_interval(self, seconds: float) -> None:
        self.sampler.poll_interval = seconds
        self._schedule()

    def stop(self) -> None:
        """Stops the timer and the notifiers (before the probes close their descriptors),
        then closes the sampler, writing the open span."""
        self._running = False
        self._timer.stop()
        self._sync_notifiers(())
        self.sampler.close()

    def pause_until(self, until: float) -> None:
        self.sampler.pause_until(until)
        self.pause_changed.emit(until)
        self.committed.emit()
        self._report.check(self.sampler)
        self._schedule()

    def resume(self) -> None:
        self.sampler.resume()
        self.pause_changed.emit(None)
        self._report.check(self.sampler)
        self._schedule()

    def _on_timer_timeout(self) -> None:
        self._sample()
        self._schedule()

    def _on_probe_activated(self, *_args: object) -> None:
        if self.sampler.changed():
            delay = self.sampler.change_delay()
            if delay > 0:  # changes in a burst: sampled at most once a poll
                self._timer.start(math.ceil(delay * 1000))
                return
            self._sample()
        self._schedule()

    def _sample(self) -> None:
        committed = self.sampler.tick()
        if self.sampler.moment is not None:
            self.sampled.emit(self.sampler.moment)
        if committed:
            self.committed.emit()
        self._report.check(self.sampler)

    def _schedule(self) -> None:
        """Arms the timer for the sampler's next deadline and watches its descriptors."""
        if not self._running:
            return
        sampler = self.sampler
        self._sync_notifiers(sampler.watch_filenos())
        if sampler.changed():  # queued while sampling (X11 replies carry events along)
            self._timer.start(math.ceil(sampler.change_delay() * 1000))
            return
        limit = PAUSED_OBSERVE_SECONDS if sampler.is_paused() else OBSERVE_EVERY_SECONDS
        delay = sampler.wait_seconds(limit)
        seconds = limit if delay is None else delay
        self._timer.start(max(0, math.ceil(seconds * 1000)))

    def _sync_notifiers(self, filenos: tuple[int, ...]) -> None:
        for fileno in [f for f in self._notifiers if f not in filenos]:
            notifier = self._notifiers.pop(fileno)
            notifier.setEnabled(False)
            notifier.deleteLater()
        for fileno in filenos:
            if fileno not in self._notifiers:
                notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
                notifier.activated.connect(self._on_probe_activated)
                self._notifiers[fileno] = notifier
