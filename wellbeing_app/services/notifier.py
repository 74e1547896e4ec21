"""One message, three ways to reach the person: the desktop, the tray, or a banner in the app.

Each way is tried in turn; a failure of one (no notification server, no tray) passes the message
to the next, and the in-app banner always works, so a message is never lost. A way that failed
is skipped for a while, then tried again: a notification server that starts after the app (or
comes back after a crash) is used again.

Desktop notifications carry buttons ("Log mood", "Take a break", "Snooze"); what a button does
is the app's to decide (``DesktopChannel.action_invoked``).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from wellbeing_app.platform.notifications import (
    DesktopNotification,
    NotificationBackend,
    Urgency,
)

log = logging.getLogger(__name__)

Deliver = Callable[["Notice"], None]  # raises when it cannot deliver

# A failed way is tried again after this long (seconds): soon enough that a notification
# server started later is used the same hour, rare enough that a missing one costs nothing.
RETRY_AFTER_SECONDS = 600.0

# What a notice's buttons say, by the action the app takes; "snooze" waits a while.
BUTTON_LABELS = {
    "log-mood": "Log mood",
    "write-gratitude": "Write good things",
    "start-checkin": "Start the check-in",
    "open-insights": "Open Insights",
    "take-break": "Take a break",
    "snooze": "Snooze",
}


@dataclass(frozen=True, slots=True)
class Notice:
    title: str
    message: str
    action: str = ""  # what the banner's button does: "mood", "gratitude", "who5", ""
    buttons: tuple[str, ...] = ()  # actions offered on the desktop (keys of BUTTON_LABELS)
    key: str = ""  # what it is about (a reminder's slot); the same key replaces, not stacks
    urgency: Urgency = "normal"
    category: str = ""  # the desktop's category hint, e.g. "x-wellbeing.reminder"


class Notifier(QObject):
    """Delivers notices through the first channel that works; emits ``banner_requested``
    when none of the others did."""

    banner_requested = Signal(object)  # Notice
    delivered = Signal(str, object)  # channel name, Notice

    def __init__(
        self,
        channels: Sequence[tuple[str, Deliver]] = (),
        parent: QObject | None = None,
        *,
        retry_after: float = RETRY_AFTER_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._channels = list(channels)
        self._retry_after = retry_after
        self._monotonic = monotonic
        self._failed_at: dict[str, float] = {}

    def notify(self, notice: Notice) -> str:
        """Delivers ``notice``; returns the name of the channel that took it."""
        now = self._monotonic()
        for name, deliver in self._channels:
            failed_at = self._failed_at.get(name)
            if failed_at is not None and now - failed_at < self._retry_after:
                continue
            try:
                deliver(notice)
            except Exception as error:
                # Skipped for a while: a missing notification server stays missing for now.
                # Only the kind of error is logged: its text could hold the notice's words.
                log.info(
                    "notification channel %s failed (%s); trying the next",
                    name,
                    type(error).__name__,
                )
                self._failed_at[name] = now
                continue
            if failed_at is not None:
                log.info("notification channel %s works again", name)
                del self._failed_at[name]
            self.delivered.emit(name, notice)
            return name
        self.banner_requested.emit(notice)
        self.delivered.emit("banner", notice)
        return "banner"


class DesktopChannel(QObject):
    """The desktop's own notifications as a notifier channel, with buttons that call back.

    ``action_invoked(notice, action)`` says which button of which notice was pressed;
    ``"default"`` is the notification itself being clicked.
    """

    action_invoked = Signal(object, str)  # Notice, action id

    def __init__(self, backend: NotificationBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._shown: dict[str, Notice] = {}
        self._numbers = itertools.count(1)
        backend.action_invoked.connect(self._on_backend_action_invoked)
        backend.closed.connect(self._on_backend_closed)

    def deliver(self, notice: Notice) -> None:
        """Shows ``notice`` on the desktop; raises when the desktop cannot."""
        key = notice.key or f"notice {next(self._numbers)}"
        buttons = tuple((action, BUTTON_LABELS[action]) for action in notice.buttons)
        self._backend.show(
            DesktopNotification(
                key, notice.title, notice.message, buttons, notice.urgency, notice.category
            )
        )
        self._shown[key] = notice

    def close(self) -> None:
        self._backend.action_invoked.disconnect(self._on_backend_action_invoked)
        self._backend.closed.disconnect(self._on_backend_closed)
        self._backend.close()
        self._shown.clear()

    def _on_backend_action_invoked(self, key: str, action: str) -> None:
        notice = self._shown.get(key)
        if notice is not None and (action == "default" or action in notice.buttons):
            self.action_invoked.emit(notice, action)

    def _on_backend_closed(self, key: str) -> None:
        self._shown.pop(key, None)
