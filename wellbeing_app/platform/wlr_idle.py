"""Idle time on Wayland compositors that only say "idle for T" and "back": ext-idle-notify-v1,
or KDE's older ``org_kde_kwin_idle`` (all that sway 1.7, on Debian 12, offers).

Neither protocol tells how long the person has been away, only when a timeout chosen by the
client has passed without input and when input comes back. The probe registers the person's own
idle threshold as that timeout, so the one moment that matters is exact: it reports
``T + time since "idled"`` while away and ``0`` otherwise. Time counted as use before the
threshold is back-dated by the tracker exactly as with an idle counter, since the report at
the threshold is ``T``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from wellbeing_app.platform.probes import ProbeUnavailable
from wellbeing_app.platform.wlr_events import ReaderChanges, SocketReader
from wellbeing_app.platform.wlr_wire import Arguments, WaylandConnection, WaylandError, uint

logger = logging.getLogger(__name__)

EXT_IDLE = "ext_idle_notifier_v1"
KDE_IDLE = "org_kde_kwin_idle"
_MAX_TIMEOUT_MS = 0xFFFFFFFF


class WaylandIdleProbe(ReaderChanges):
    """Idle time from the compositor's idle notifications, followed on a background thread."""

    name: str

    def __init__(
        self,
        socket_path: str,
        *,
        idle_after_seconds: float,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Connects to the compositor and asks to be told after ``idle_after_seconds``.

        Raises:
            ProbeUnavailable: when the compositor cannot be reached or offers neither protocol.
        """
        self._monotonic = monotonic
        self._timeout_ms = min(max(1, round(idle_after_seconds * 1000)), _MAX_TIMEOUT_MS)
        self._idle_since: float | None = None
        self._lost = False
        self._closed = False
        try:
            self._connection = WaylandConnection(socket_path)
        except WaylandError as error:
            raise ProbeUnavailable(f"Wellbeing could not reach the compositor: {error}.") from error
        try:
            self.name = self._subscribe()
        except WaylandError as error:
            self._connection.close()
            raise ProbeUnavailable(
                f"This compositor cannot tell Wellbeing when you are away: {error}."
            ) from error
        self._reader = SocketReader(
            "wayland-idle",
            self._connection.fileno(),
            self._connection.dispatch,
            self._on_lost,
            # Only "idled" and "resumed" wake the sampler: the seat's own events (its
            # capabilities change whenever an input device comes or goes: a Bluetooth mouse
            # waking up, a virtual pointer) arrive on this connection too.
            state=lambda: (self._idle_since, self._lost),
        )

    def idle_seconds(self) -> float | None:
        """``T + seconds since "idled"`` while away, ``0.0`` while active, ``None`` once the
        compositor has gone."""
        since = self._idle_since
        if self._lost:
            return None
        if since is None:
            return 0.0
        return self._timeout_ms / 1000 + max(0.0, self._monotonic() - since)

    def notify_input(self) -> None:
        """Nothing to do: the compositor says "resumed" by itself (a ``take_changes``)."""

    def close(self) -> None:
        """Stops the event thread; closing the connection frees the notification."""
        if self._closed:
            return
        self._closed = True
        self._reader.stop()
        self._connection.close()
        self._idle_since = None

    def _subscribe(self) -> str:
        connection = self._connection
        offered = connection.globals
        if EXT_IDLE not in offered and KDE_IDLE not in offered:
            raise WaylandError(f"it offers neither {EXT_IDLE} nor {KDE_IDLE}")
        seat = connection.bind("wl_seat", 1)
        # New ids must be used in the order they are allocated: the notifier's, then this one's.
        if EXT_IDLE in offered:
            notifier = connection.bind(EXT_IDLE, 1)
            notification = connection.new_object(self._on_notification)
            # get_idle_notification(new_id, timeout, seat)
            connection.request(
                notifier, 1, uint(notification) + uint(self._timeout_ms) + uint(seat)
            )
            name = "ext-idle-notify"
        else:
            idle = connection.bind(KDE_IDLE, 1)
            notification = connection.new_object(self._on_notification)
            # get_idle_timeout(new_id, seat, timeout)
            connection.request(idle, 0, uint(notification) + uint(seat) + uint(self._timeout_ms))
            name = "kde-idle"
        connection.roundtrip()  # a protocol error surfaces here, before we rely on it
        return name

    def _on_notification(self, opcode: int, _args: Arguments) -> None:
        # Both protocols: event 0 is "idle(d)", event 1 is "resumed".
        if opcode == 0:
            self._idle_since = self._monotonic()
        elif opcode == 1:
            self._idle_since = None

    def _on_lost(self) -> None:
        logger.warning("The compositor closed the connection; idle time is unknown from now on")
        self._lost = True
