"""Paused, the sampler reads no idle time, so the last reading goes stale: the wait it asks
for must not fall to zero once that reading's threshold moment is past (the app then spun on a
zero-length timer, a whole core, for as long as tracking stayed paused)."""

from __future__ import annotations

from datetime import timedelta

from tests.services.test_sampler_events import WatchedForeground, WatchedIdle
from wellbeing_app.app import build_sampler, load_catalog
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import Repositories


def test_paused_with_a_stale_idle_reading_the_wait_never_falls_to_zero(
    repos: Repositories, clock: FixedClock
) -> None:
    watched, idle = WatchedForeground(), WatchedIdle(clock)
    sampler = build_sampler(repos, clock, watched, idle, load_catalog(), idle_refresh=5)
    watched.show("Discord", "general | Discord")
    idle.seconds = 30.0  # a while without input, under the threshold
    sampler.tick()
    sampler.pause_until((clock.now() + timedelta(hours=8)).timestamp())
    waits = []
    for _ in range(200):  # about a quarter of an hour of the app's wake-ups
        wait = sampler.wait_seconds(5.0)
        assert wait is not None
        waits.append(wait)
        clock.advance(max(wait, 0.001))
        sampler.changed()
        sampler.tick()
    assert min(waits) >= 1.0, f"the paused sampler asked to wake at once: {min(waits)}"


def test_paused_a_title_changing_many_times_a_second_is_sampled_at_most_once_a_poll(
    repos: Repositories, clock: FixedClock
) -> None:
    watched, idle = WatchedForeground(), WatchedIdle(clock)
    sampler = build_sampler(repos, clock, watched, idle, load_catalog(), idle_refresh=5)
    watched.show("Discord", "general | Discord")
    sampler.tick()
    sampler.pause_until((clock.now() + timedelta(hours=8)).timestamp())
    ticks = 0
    for step in range(20):  # ten changes a second for two seconds
        clock.advance(0.1)
        watched.show("Terminal", f"building… {step}%")
        if sampler.changed() and sampler.change_delay() == 0:
            sampler.tick()
            ticks += 1
    assert ticks <= 3, f"{ticks} samples in 2 s while paused"
