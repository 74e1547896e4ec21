"""Ending the desktop app cleanly when the system asks it to stop (SIGTERM, SIGHUP, SIGINT).

At logout or shutdown the session sends SIGTERM. Python's default would end the process at once,
with the tracker's last unsaved minutes still in memory; Qt's event loop, being C++, would not
even let a Python handler run until the next event. So the signal number is written to a socket
(``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches: the loop wakes only when a signal
comes (no polling timer), and the app then runs its ordinary shutdown, which saves everything.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QSocketNotifier

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


def _noop(signum: int, frame: FrameType | None) -> None:
    """A Python-level handler, so the signal no longer ends the process; the wakeup socket
    carries it to the event loop."""


class QuitOnSignals:
    """Calls ``on_signal(signum)`` on the GUI thread when one of ``signals`` arrives.

    One owner creates it on the main thread and calls ``close``, which puts back the handlers
    and wakeup descriptor that were there before; after ``close`` nothing is called.
    """

    def __init__(
        self, on_signal: Callable[[int], object], signals: tuple[int, ...] = STOP_SIGNALS
    ) -> None:
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("Signal handlers can only be installed on the main thread.")
        self._on_signal = on_signal
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._on_ready)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {number: signal.signal(number, _noop) for number in signals}
        self._closed = False

    def _on_ready(self) -> None:
        try:
            received = self._read.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in received:
            if self._closed:
                return
            self._on_signal(number)

    def close(self) -> None:
        """Restores the previous handlers; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._read.close()
        self._write.close()
