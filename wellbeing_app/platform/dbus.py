"""The session bus, as the GNOME and KDE probes use it: blocking calls kept off the poll.

- ``QtSessionBus``: a ``DBusCall`` over QtDBus (a plain function in tests).
- ``LatestAnswer``: asks D-Bus on a worker thread and hands the poll the latest answer, so a
  hung shell never stalls the GUI thread (the sampler runs there every second).
- ``ensure_qt_core_application``: QtDBus needs a ``QCoreApplication`` for the event loops that
  receive calls (the KWin script's reports); the headless tracker has none of its own.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from wellbeing_app.platform.probes import ProbeUnavailable

logger = logging.getLogger(__name__)

# The shells answer in milliseconds; a hung one must not hold a worker for long either.
DEFAULT_TIMEOUT_MS = 500

T = TypeVar("T")


class DBusCallFailed(Exception):
    """A D-Bus method call failed: no bus, no such service or method, or a timeout."""


class DBusCall(Protocol):
    """Calls a D-Bus method and returns its first result."""

    def __call__(
        self, service: str, path: str, interface: str, method: str, *args: object
    ) -> object:
        """The method's first return value (``None`` if it returns nothing).

        Raises:
            DBusCallFailed: when the call does not succeed.
        """
        ...


class QtSessionBus:
    """``DBusCall`` over the session bus with QtDBus (blocking, with a short timeout).

    Safe to call from any thread: QtDBus connections are thread-safe.
    """

    def __init__(self, address: str | None = None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        """Uses the session bus, or the bus at ``address`` when given.

        Args:
            address: a D-Bus address such as ``unix:path=/run/user/1000/bus``.
            timeout_ms: how long one call may block.
        """
        from PySide6.QtDBus import QDBusConnection

        self._timeout_ms = timeout_ms
        self._connection_name: str | None = None
        self._closed = False
        if address is None:
            self.connection = QDBusConnection.sessionBus()
        else:
            self._connection_name = f"wellbeing-{id(self):x}"
            self.connection = QDBusConnection.connectToBus(address, self._connection_name)

    def __call__(
        self, service: str, path: str, interface: str, method: str, *args: object
    ) -> object:
        """Calls ``interface.method`` on ``service`` at ``path``; see ``DBusCall``."""
        from PySide6.QtDBus import QDBus, QDBusMessage

        if self._closed:
            raise DBusCallFailed("the D-Bus connection is closed")
        if not self.connection.isConnected():
            error = self.connection.lastError().message()
            raise DBusCallFailed(f"not connected to D-Bus: {error}")
        message = QDBusMessage.createMethodCall(service, path, interface, method)
        if args:
            message.setArguments(list(args))
        reply = self.connection.call(message, QDBus.CallMode.Block, self._timeout_ms)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            error = f"{reply.errorName()} {reply.errorMessage()}"
            raise DBusCallFailed(f"{interface}.{method}: {error}")
        arguments = reply.arguments()
        return arguments[0] if arguments else None

    def close(self) -> None:
        """Disconnects a private bus connection (the shared session bus stays open)."""
        self._closed = True
        if self._connection_name is not None:
            from PySide6.QtDBus import QDBusConnection

            QDBusConnection.disconnectFromBus(self._connection_name)
            self._connection_name = None


def ensure_qt_core_application() -> Any:
    """The running ``QCoreApplication``, made now when there is none (the headless tracker)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance() or QCoreApplication([])


class LatestAnswer(Generic[T]):
    """Reads a value on a worker thread; the poll gets the latest answer without waiting.

    Each ``get()`` returns the answer read last (``None`` until one came, or after a failure)
    and asks the worker for a fresh one, so answers are at most one poll old and a shell that
    stops answering costs the worker a timeout, never the caller. Nothing is read while no one
    asks (tracking paused, the app closing).
    """

    def __init__(
        self,
        read: Callable[[], T],
        *,
        what: str,
        first: T | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Starts the worker.

        Args:
            read: the blocking read; raises ``DBusCallFailed`` when the answer cannot be had.
            what: what is read, for the log.
            first: the answer already known (the check made when the probe was built).
            monotonic: seconds, for ``age``.
        """
        self._read = read
        self._what = what
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._read_done = threading.Condition(self._lock)
        self._latest: T | None = first
        self._read_at = monotonic()
        self._wanted = threading.Event()
        self._stopped = False
        self._failing = False
        self.reads = 0
        self._worker = threading.Thread(target=self._run, name=f"wellbeing-{what}", daemon=True)
        self._worker.start()

    def get(self) -> tuple[T | None, float]:
        """The latest answer and its age in seconds; asks for a fresh one."""
        with self._lock:
            latest, read_at = self._latest, self._read_at
        self._wanted.set()
        return latest, max(0.0, self._monotonic() - read_at)

    def refresh_now(self) -> None:
        """Reads on the caller's thread and stores the answer (tests, and the first poll)."""
        self._store(self._attempt())

    def wait_for_reads(self, count: int, timeout: float = 5.0) -> bool:
        """Waits until ``count`` reads have been made in all (for tests); False on timeout."""
        with self._read_done:
            return self._read_done.wait_for(lambda: self.reads >= count, timeout)

    def close(self) -> None:
        """Stops the worker; a read under way finishes within its timeout."""
        self._stopped = True
        self._wanted.set()
        if self._worker is not threading.current_thread():
            self._worker.join(timeout=2.0)

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopped:
                return
            self._wanted.clear()
            self._store(self._attempt())

    def _attempt(self) -> T | None:
        try:
            value = self._read()
        except DBusCallFailed as error:
            if not self._failing:
                logger.info("%s stopped answering: %s", self._what, error)
                self._failing = True
            return None
        except Exception as error:  # the worker must outlive any bad answer
            # An answer that cannot be read must not end this thread: the last window would
            # then be reported for the rest of the session. Only the error's type is logged
            # (its message could quote a window title).
            if not self._failing:
                logger.warning(
                    "%s gave an unreadable answer (%s)", self._what, type(error).__name__
                )
                self._failing = True
            return None
        if self._failing:
            logger.info("%s answers again", self._what)
            self._failing = False
        return value

    def _store(self, value: T | None) -> None:
        with self._lock:
            self._latest, self._read_at = value, self._monotonic()
            self.reads += 1
            self._read_done.notify_all()


class DBusIdleProbe:
    """Idle time from a D-Bus method that answers milliseconds since the last input.

    The method is asked once at start (so a desktop that does not serve it is known at once),
    then on a worker thread (``LatestAnswer``): a poll never waits for the bus. Subclasses name
    the method and say what it is.
    """

    name = ""
    what = ""  # for the log and the message when it is missing ("GNOME's idle monitor")
    service = path = interface = method = ""

    def __init__(
        self, call: DBusCall | None = None, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        """Checks that the method answers, then keeps asking on a worker thread.

        Args:
            call: how to reach D-Bus; ``QtSessionBus()`` unless given.
            monotonic: seconds, to add the time since the last answer (tests pass a fake).

        Raises:
            ProbeUnavailable: when no one on the bus answers the method.
        """
        self._bus: QtSessionBus | None = None
        if call is None:
            call = self._bus = QtSessionBus()
        self._call = call
        try:
            first = self._read()
        except DBusCallFailed as error:
            self._close_bus()
            raise ProbeUnavailable(
                f"{self.what} is not available on this desktop ({error})."
            ) from error
        self.answers = LatestAnswer(self._read, what=self.what, first=first, monotonic=monotonic)

    def idle_seconds(self) -> float | None:
        """Seconds since the last input as last read plus the time since; ``None`` when the
        service stopped answering."""
        seconds, age = self.answers.get()
        return None if seconds is None else seconds + age

    def close(self) -> None:
        """Stops the worker and releases a private bus connection, if one was opened."""
        self.answers.close()
        self._close_bus()

    def _close_bus(self) -> None:
        if self._bus is not None:
            self._bus.close()

    def _read(self) -> float:
        milliseconds = self._call(self.service, self.path, self.interface, self.method)
        if isinstance(milliseconds, bool) or not isinstance(milliseconds, (int, float)):
            raise DBusCallFailed(f"{self.method} returned {milliseconds!r}, not a number")
        return milliseconds / 1000.0
