"""What the platform layer tells the tracker: the foreground window and the idle time.

These are the only two questions the sampler asks the operating system. Each OS answers them in
its own module under ``wellbeing_app.platform``; the core only sees these protocols.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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
    """Reports the foreground window. Must be cheap: it is called every poll (default 1 s)."""

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
