"""The headless tracker's loop (``wellbeing track``): sample, then sleep until a probe reports a
change or the sampler's next deadline, until asked to stop.

It sleeps in ``select`` on the probes' descriptors (``Sampler.watch_filenos``) and on the stop
request's own pipe, so a signal, a focus change or a deadline each wake it at once and nothing
wakes it in between; with probes that cannot signal, it polls every ``interval`` seconds.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
from collections.abc import Callable, Sequence

from wellbeing_app.services.sampler import Sampler, StorageReport, minutes_text, tell_on_stderr

HOUR = 3600.0
# The headless tracker commits lazily (``Sampler.quiet_commit``): a wake-up only to write comes
# after a minute without one, and a sample taken for a change writes once half a minute has
# passed. A crash (``kill -9``, a power cut aside) loses at most this long; a pause made
# elsewhere (``wellbeing pause``, the tray) is seen at the latest then too.
QUIET_COMMIT_SECONDS = 60.0


class StopRequest(threading.Event):
    """A ``threading.Event`` that also makes a pipe readable when set, so a loop sleeping in
    ``select`` wakes at once; ``set()`` is safe to call from a signal handler."""

    def __init__(self) -> None:
        super().__init__()
        self._read, self._write = os.pipe()
        os.set_blocking(self._write, False)
        self._closed = False

    def set(self) -> None:
        super().set()
        if self._closed:
            return  # a late signal: the descriptors may belong to something else by now
        with contextlib.suppress(BlockingIOError):  # already readable
            os.write(self._write, b"x")

    def fileno(self) -> int:
        return self._read

    def close(self) -> None:
        """Releases the pipe; ``set()`` still works as a plain event afterwards."""
        if not self._closed:
            self._closed = True
            os.close(self._read)
            os.close(self._write)


Wait = Callable[[threading.Event, Sequence[int], "float | None"], bool]


def wait_for_change(stop: threading.Event, filenos: Sequence[int], timeout: float | None) -> bool:
    """Sleeps until one of ``filenos`` is readable (``True``), ``timeout`` passes or ``stop``
    is set (``False``). ``None`` waits for a change or the stop request only."""
    stop_fileno = stop.fileno() if isinstance(stop, StopRequest) else None
    if not filenos:
        stop.wait(timeout)
        return False
    watched = [*filenos] if stop_fileno is None else [*filenos, stop_fileno]
    if stop_fileno is None and timeout is None:
        timeout = 1.0  # a plain Event cannot wake select: look at it now and then
    ready, _, _ = select.select(watched, [], [], timeout)
    return any(fileno in ready for fileno in filenos)


def run_headless(
    sampler: Sampler,
    interval: float,
    stop: threading.Event,
    monotonic: Callable[[], float] = time.monotonic,
    hourly: Callable[[], object] | None = None,
    say: Callable[[str], object] = tell_on_stderr,
    wait: Wait = wait_for_change,
    quiet_commit: float | None = QUIET_COMMIT_SECONDS,
) -> None:
    """Samples until ``stop`` is set, then flushes.

    After each sample it sleeps until a probe reports a change or the sampler's next deadline
    (``Sampler.wait_seconds``: commit, idle threshold, end of a pause; every ``interval``
    seconds for probes that cannot signal). Deadlines are on the sampler's clock and are
    recomputed after every wake-up, so a wall-clock change neither bunches nor skips them;
    after a suspend the next sample comes at once and the tracker sees the gap. ``hourly``
    (the automatic backup) runs once an hour (on ``monotonic``) between samples. ``say`` (one
    line on stderr) is told once when tracked time cannot be saved, once when it can again,
    and at exit what could not be saved at all. ``wait`` is the sleep (tests pass a fake).
    ``quiet_commit``: commit lazily (see ``QUIET_COMMIT_SECONDS``); ``None`` commits every
    commit interval.
    """
    report = StorageReport(say, say)
    sampler.poll_interval = interval
    sampler.quiet_commit = quiet_commit
    next_hour = monotonic() + HOUR
    try:
        while not stop.is_set():
            sampler.tick()
            report.check(sampler)
            if hourly is not None and monotonic() >= next_hour:
                next_hour = monotonic() + HOUR
                hourly()
            while not stop.is_set():
                if sampler.changed():
                    burst = sampler.change_delay()
                    if burst > 0:  # changes in a burst: sampled at most once a poll
                        wait(stop, (), burst)
                    break
                limit = None if hourly is None else max(0.0, next_hour - monotonic())
                delay = sampler.wait_seconds(limit)
                if delay is not None and delay <= 0:
                    break
                if not wait(stop, sampler.watch_filenos(), delay):
                    break  # the deadline (or the stop request): sample
    finally:
        sampler.close()
        if sampler.unsaved_seconds:
            say(
                f"{minutes_text(sampler.unsaved_seconds)} of tracked time could not be saved "
                f"before exit. {sampler.storage_error}"
            )
