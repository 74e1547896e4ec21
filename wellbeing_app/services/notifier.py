"""One message, three ways to reach the person: the desktop, the tray, or a banner in the app.

Each way is tried in turn; a failure of one (no notification daemon, no tray) passes the message
to the next, and the in-app banner always works, so a message is never lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Deliver = Callable[[str, str], None]  # (title, message); raises when it cannot deliver


@dataclass(frozen=True, slots=True)
class Notice:
    title: str
    message: str
    action: str = ""  # what the banner's button does: "mood", "gratitude", "who5", ""


class Notifier(QObject):
    """Delivers notices through the first channel that works; emits ``banner_requested``
    when none of the others did."""

    banner_requested = Signal(object)  # Notice
    delivered = Signal(str, object)  # channel name, Notice

    def __init__(
        self, channels: Sequence[tuple[str, Deliver]] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._channels = list(channels)
        self._broken: set[str] = set()

    def notify(self, notice: Notice) -> str:
        """Delivers ``notice``; returns the name of the channel that took it."""
        for name, deliver in self._channels:
            if name in self._broken:
                continue
            try:
                deliver(notice.title, notice.message)
            except Exception:
                # Remember: a notification daemon that is missing now stays missing.
                log.info("notification channel %s failed; trying the next", name, exc_info=True)
                self._broken.add(name)
                continue
            self.delivered.emit(name, notice)
            return name
        self.banner_requested.emit(notice)
        self.delivered.emit("banner", notice)
        return "banner"
