"""Garbage collection on the GUI thread only.

Charts and reports are drawn in worker threads, and drawing allocates enough to start CPython's
cyclic garbage collector in whatever thread happens to allocate. If the garbage it finds holds
Qt objects (a widget kept in a cycle by a connected lambda), they would be destroyed in the
worker thread, which crashes Qt. So automatic collection is switched off and the same
generational thresholds are checked from a timer on the GUI thread instead.

The check is frequent only while the window is shown, when charts may be drawing. Hidden in
the tray (``set_idle(True)``) the app allocates little, so it collects everything once, gives
the freed memory back to the system, and then checks only once a minute.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import linecache
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

IDLE_INTERVAL_MS = 60_000


@functools.cache
def _glibc_malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``: hands the free pages at the top and in the middle of the heap
    back to the system. Freed memory otherwise stays in the process (it counts as resident)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> None:
    """Collects all cyclic garbage (call on the GUI thread) and returns free heap memory to the
    system where the C library can. Source lines cached for tracebacks and introspection at
    import time (megabytes of them) go first; they are read again when needed."""
    linecache.clearcache()
    gc.collect()
    trim = _glibc_malloc_trim()
    if trim is not None:
        trim(0)


class MainThreadCollector(QObject):
    def __init__(
        self,
        parent: QObject | None = None,
        interval_ms: int = 500,
        idle_interval_ms: int = IDLE_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._interval_ms = interval_ms
        self._idle_interval_ms = idle_interval_ms
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._was_enabled = gc.isenabled()
        self._running = False

    @property
    def interval_ms(self) -> int:
        """How often the thresholds are checked now."""
        return self._timer.interval()

    @property
    def is_active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._running = True
        self._timer.start()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self.check()
        if self._was_enabled:
            gc.enable()

    def set_idle(self, idle: bool) -> None:
        """Idle (the window hidden): collect and trim now, then check rarely. Not idle: check
        often again, as workers may draw charts."""
        if idle:
            release_free_memory()
        self._timer.setInterval(self._idle_interval_ms if idle else self._interval_ms)
        if self._running:
            self._timer.start()  # the new interval counts from now

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
