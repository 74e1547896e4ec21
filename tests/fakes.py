"""Fakes for the platform's probes: scripted windows and idle times."""

from __future__ import annotations

from wellbeing_app.core.probes import ForegroundWindow


class FakeForegroundProbe:
    name = "fake"

    def __init__(self) -> None:
        self.window: ForegroundWindow | None = None
        self.calls = 0
        self.closed = False

    def show(self, app: str, title: str, pid: int | None = None) -> None:
        self.window = ForegroundWindow(app, title, pid)

    def foreground(self) -> ForegroundWindow | None:
        self.calls += 1
        return self.window

    def close(self) -> None:
        self.closed = True


class FakeIdleProbe:
    name = "fake"

    def __init__(self) -> None:
        self.seconds: float | None = 0.0
        self.closed = False

    def idle_seconds(self) -> float | None:
        return self.seconds

    def close(self) -> None:
        self.closed = True
