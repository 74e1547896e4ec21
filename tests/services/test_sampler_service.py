"""The sampler in the app: a socket notifier wakes it at a change, one single-shot timer at its
next deadline; the GUI thread never waits."""

from __future__ import annotations

import os
from datetime import date

from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from wellbeing_app.app import build_sampler, load_catalog
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.services.idle_reading import IDLE_REFRESH
from wellbeing_app.services.sampler import Moment
from wellbeing_app.services.sampler_service import (
    OBSERVE_EVERY_SECONDS,
    PAUSED_OBSERVE_SECONDS,
    SamplerService,
)
from wellbeing_app.storage.repositories import Repositories

TODAY = date(2026, 11, 21)


class PipeProbe(FakeForegroundProbe):
    """A foreground probe with a real descriptor: a pipe that is written at each change."""

    def __init__(self) -> None:
        super().__init__()
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)

    def show(self, app: str, title: str, pid: int | None = None) -> None:
        super().show(app, title, pid)
        os.write(self._write, b"x")

    def change_fileno(self) -> int | None:
        return None if self.closed else self._read

    def take_changes(self) -> bool:
        try:
            return bool(os.read(self._read, 64))
        except BlockingIOError:
            return False

    def close(self) -> None:
        if not self.closed:
            os.close(self._read)
            os.close(self._write)
        super().close()


def test_the_app_sleeps_until_a_change_or_its_next_deadline(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    probe = PipeProbe()
    probe.show("Discord", "general | Discord")
    sampler = build_sampler(
        repos, clock, probe, FakeIdleProbe(), load_catalog(), idle_refresh=IDLE_REFRESH
    )
    service = SamplerService(sampler, 1.0)
    moments: list[Moment] = []
    service.sampled.connect(moments.append)
    service.start()
    try:
        qtbot.waitUntil(lambda: bool(moments) and not probe.take_changes())
        assert moments[-1].community == ("Discord", "chat")
        assert service.watched_filenos == (probe.change_fileno(),)
        seen = len(moments)
        # Nothing changes: the next wake-up is the commit (and the break scheduler's look),
        # 5 s away, not the 1 s poll.
        wake = service.next_wake_ms
        assert wake is not None and 4000 < wake <= 5000

        clock.advance(2.5)
        probe.show("firefox", "r/AskReddit - Reddit — Mozilla Firefox")
        qtbot.waitUntil(lambda: len(moments) > seen)  # the notifier, long before the timer
        assert moments[-1].community == ("Reddit", "forum")
        assert moments[-1].at == clock.now()
    finally:
        service.stop()
    assert service.watched_filenos == ()
    assert service.next_wake_ms is None
    assert {t.app: t.seconds for t in repos.usage.by_app(TODAY, TODAY)} == {"Discord": 2.5}


def test_probes_that_cannot_signal_are_polled(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    foreground = FakeForegroundProbe()
    sampler = build_sampler(repos, clock, foreground, FakeIdleProbe(), load_catalog())
    service = SamplerService(sampler, 1.0)
    service.start()
    try:
        qtbot.waitUntil(lambda: foreground.calls > 0)
        wake = service.next_wake_ms
        assert wake is not None and wake <= 1000
        assert service.watched_filenos == ()
    finally:
        service.stop()


def test_paused_the_app_wakes_once_a_minute_not_every_5_s(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    # Paused, the break scheduler takes no observations: a 5 s wake-up (and the commit and
    # Today rebuild behind it) would be all the app does in the tray, 12 times a minute.
    probe = PipeProbe()
    probe.show("Discord", "general | Discord")
    sampler = build_sampler(
        repos, clock, probe, FakeIdleProbe(), load_catalog(), idle_refresh=IDLE_REFRESH
    )
    service = SamplerService(sampler, 1.0)
    moments: list[Moment] = []
    service.sampled.connect(moments.append)
    service.start()
    try:
        qtbot.waitUntil(lambda: bool(moments) and not probe.take_changes())
        service.pause_until(clock.now().timestamp() + 8 * 3600)
        wake = service.next_wake_ms
        assert wake is not None and 55_000 < wake <= PAUSED_OBSERVE_SECONDS * 1000
        service.pause_until(clock.now().timestamp() + 30)  # a short pause: woken at its end
        wake = service.next_wake_ms
        assert wake is not None and 25_000 < wake <= 30_000
        service.resume()
        wake = service.next_wake_ms
        assert wake is not None and wake <= OBSERVE_EVERY_SECONDS * 1000
    finally:
        service.stop()
