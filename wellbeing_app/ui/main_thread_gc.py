"""Garbage collection on the GUI thread only.

Charts and reports are drawn in worker threads, and drawing allocates enough to start CPython's
cyclic garbage collector in whatever thread happens to allocate. If the garbage it finds holds
Qt objects (a widget kept in a cycle by a connected lambda), they would be destroyed in the
worker thread, which crashes Qt. So automatic collection is switched off and the same
generational thresholds are checked from a timer on the GUI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.check()
        if self._was_enabled:
            gc.enable()

    def check(self) -> int:
        """Collects the oldest generation whose count is over its threshold, as CPython would;
        returns the generation collected, or -1."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for number in range(3):
            if counts[number] > thresholds[number]:
                generation = number
        if generation >= 0:
            gc.collect(generation)
        return generation
