"""What the platform layer tells the tracker: the foreground window and the idle time.

These are the only two questions the sampler asks the operating system. Each OS answers them in
its own module under ``wellbeing_app.platform``; the core only sees these protocols.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class ForegroundWindow:
    """The window in front right now, as the OS reports it.

    Attributes:
        app: the executable's base name without directory or ``.exe`` (``firefox``, ``Discord``).
        title: the window title, ``""`` when the OS does not give one.
        pid: the owning process id when known.
        approximate: ``True`` when the backend cannot see focus at all (the Wayland fallback
            that only knows a community app's process is running while the person is active).
        fullscreen: the window covers the screen (a film, a game, a presentation); break
            prompts wait while it does. ``False`` where the backend cannot tell.
    """

    app: str
    title: str
    pid: int | None = None
    approximate: bool = False
    fullscreen: bool = False


class ForegroundProbe(Protocol):
    """Reports the foreground window. Must be cheap: it is called every poll (default 1 s), or
    at each change and commit when the probe is also a ``ChangeNotifier``."""

    name: str

    def foreground(self) -> ForegroundWindow | None:
        """The window in front, or ``None`` when there is none to count (lock screen, no focus)."""
        ...

    def close(self) -> None:
        """Releases OS handles (display connections, D-Bus)."""
        ...


class IdleProbe(Protocol):
    """Reports how long the person has been away from keyboard and mouse."""

    name: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last input event, or ``None`` when the OS cannot tell."""
        ...

    def close(self) -> None:
        """Releases OS handles."""
        ...


@runtime_checkable
class ChangeNotifier(Protocol):
    """A probe that says when what it reports may have changed, so the sampler can sleep until
    then instead of asking every poll (X11 property events, a compositor's event socket).

    The sampler waits until ``change_fileno()`` is readable (``select``, or a Qt socket
    notifier in the app), then calls ``take_changes()``, which reads what made it readable.
    """

    def change_fileno(self) -> int | None:
        """A descriptor that becomes readable when a change may have come; ``None`` while the
        probe cannot tell (closed, or its connection lost): the sampler polls instead."""
        ...

    def take_changes(self) -> bool:
        """Reads what arrived (never blocks); ``True`` when the next reading may differ."""
        ...


@runtime_checkable
class InputNotifier(ChangeNotifier, Protocol):
    """An idle probe that can say when input comes back after the person was away."""

    def notify_input(self) -> None:
        """Makes ``change_fileno()`` readable at the next keyboard or mouse input (once)."""
        ...
