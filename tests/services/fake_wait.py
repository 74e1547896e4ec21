"""A stand-in for ``headless.wait_for_change`` that sleeps on a fake clock, never for real."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from wellbeing_app.core.clock import FixedClock


class FakeWait:
    """Each wait moves ``clock`` on by its timeout (no change ever comes, unless ``changes``
    says one comes sooner) and sets the stop request once ``seconds`` have passed.

    Attributes:
        waits: every timeout asked for, in order (``None``: "until a change").
        at_second: ``{second: action}`` from the start, each run once when a wait reaches
            or passes it (something that does not wake the sampler: a disk filling up).
        changes: ``{second: action}``: a probe reports a change then (the action makes it,
            e.g. shows another window); a wait on descriptors that would pass it ends there
            and says one became readable (a wait on none just lets it happen).
    """

    def __init__(
        self,
        clock: FixedClock,
        seconds: float,
        at_second: dict[float, Callable[[], object]] | None = None,
        changes: dict[float, Callable[[], object]] | None = None,
    ) -> None:
        self.clock = clock
        self.start = clock.now().timestamp()
        self.seconds = seconds
        self.at_second = dict(at_second or {})
        self.changes = dict(changes or {})
        self.waits: list[float | None] = []
        self.filenos: list[tuple[int, ...]] = []

    @property
    def elapsed(self) -> float:
        return self.clock.now().timestamp() - self.start

    def __call__(
        self, stop: threading.Event, filenos: Sequence[int], timeout: float | None
    ) -> bool:
        self.waits.append(timeout)
        self.filenos.append(tuple(filenos))
        end = self.seconds if timeout is None else min(self.elapsed + timeout, self.seconds)
        woken = False
        change = min(self.changes, default=None)
        if filenos and change is not None and change <= end:
            end, woken = change, True
        self.clock.advance(max(0.0, end - self.elapsed))
        for second in sorted(self.at_second):
            if second <= self.elapsed + 1e-4:  # timestamps near 1.8e9 carry ~1e-7 s
                self.at_second.pop(second)()
        for second in sorted(self.changes):  # a change while nobody watches: it just happens
            if second <= self.elapsed + 1e-4:  # timestamps near 1.8e9 carry ~1e-7 s
                self.changes.pop(second)()
        if self.elapsed >= self.seconds:
            stop.set()
        return woken
