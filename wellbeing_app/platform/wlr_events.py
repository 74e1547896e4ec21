"""A background thread that reads a compositor's socket, so polls on the GUI thread never wait.

The wlroots probes (sway IPC, Hyprland's event socket, Wayland protocols) keep what the
compositor last said in memory; this thread is what keeps it up to date. It sleeps in
``select`` until the socket has data or ``stop()`` is called, so it costs nothing while
nothing changes. One owner starts it and stops it; after ``stop()`` returns, no callback runs.

After each batch it has handed on, the thread makes ``change_fileno()`` readable (one byte in a
pipe, however many batches came before it was read), so the sampler can sleep until the
compositor says something instead of polling the probe's memory every second.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

_JOIN_TIMEOUT = 5.0


class SocketReader:
    """Calls ``on_readable()`` on a daemon thread whenever ``fileno`` has data.

    ``on_readable`` returns ``False`` when the connection is over (the compositor went away);
    the thread then calls ``on_lost()`` and ends. Exceptions from either are logged, never
    raised: a compositor that misbehaves must not take the tracker down.

    ``state`` (optional) is what the probe reports: a batch that leaves it equal is not handed
    on, so news about other windows (a title in the background) wakes only this thread.
    """

    def __init__(
        self,
        name: str,
        fileno: int,
        on_readable: Callable[[], bool],
        on_lost: Callable[[], None],
        state: Callable[[], object] | None = None,
    ) -> None:
        self._fileno = fileno
        self._on_readable = on_readable
        self._on_lost = on_lost
        self._state = state
        self._wake_read, self._wake_write = os.pipe()
        self._changes_read, self._changes_write = os.pipe()
        os.set_blocking(self._changes_read, False)
        self._signalled = threading.Lock()  # held while a byte waits in the changes pipe
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def alive(self) -> bool:
        """``True`` while the thread is reading."""
        return self._thread.is_alive()

    def stop(self) -> None:
        """Wakes the thread, waits for it to end and releases the wake-up pipe. Idempotent."""
        if self._stopping:
            return
        self._stopping = True
        os.write(self._wake_write, b"x")
        if self._thread is not threading.current_thread():
            self._thread.join(_JOIN_TIMEOUT)
            if self._thread.is_alive():
                logger.warning("%s did not stop within %.0f s", self._thread.name, _JOIN_TIMEOUT)
        os.close(self._wake_read)
        os.close(self._wake_write)
        os.close(self._changes_read)
        os.close(self._changes_write)

    def change_fileno(self) -> int | None:
        """Readable once the thread has handed on a batch since the last ``take_changes``."""
        return None if self._stopping else self._changes_read

    def take_changes(self) -> bool:
        """Empties the pipe; ``True`` when a batch was handed on since the last call."""
        if self._stopping:
            return False
        try:
            taken = bool(os.read(self._changes_read, 64))
        except BlockingIOError:
            return False
        if taken:
            self._signalled.release()
        return taken

    def _signal(self) -> None:
        if self._signalled.acquire(blocking=False):  # at most one byte in the pipe
            os.write(self._changes_write, b"x")

    def _run(self) -> None:
        try:
            while True:
                ready, _, _ = select.select([self._fileno, self._wake_read], [], [])
                if self._wake_read in ready or self._stopping:
                    return
                state = self._state
                before = None if state is None else state()
                alive = self._on_readable()
                if state is None or not alive or state() != before:
                    self._signal()
                if not alive:
                    break
        except Exception:
            if self._stopping:
                return  # the socket was closed under us on the way out
            logger.exception("%s stopped reading the compositor", self._thread.name)
        if not self._stopping:
            try:
                self._on_lost()
            except Exception:
                logger.exception("%s could not record the lost connection", self._thread.name)
            self._signal()


class ReaderChanges:
    """``ChangeNotifier`` for a probe whose ``SocketReader`` (``self._reader``) follows the
    compositor: what the probe reports may differ after each batch the thread handed on."""

    _reader: SocketReader

    def change_fileno(self) -> int | None:
        """Readable when the compositor has said something since the last ``take_changes``."""
        return self._reader.change_fileno()

    def take_changes(self) -> bool:
        """``True`` when the compositor said something since the last call (never blocks)."""
        return self._reader.take_changes()
