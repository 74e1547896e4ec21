"""Approximate time (a probe that only sees running apps) is recorded but never enforces."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from wellbeing_app.app import build_sampler, load_activities, load_catalog
from wellbeing_app.core.breaks import BreakUpdate
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import DailyLimit
from wellbeing_app.core.probes import ForegroundProbe
from wellbeing_app.platform.wayland import ApproximateProcessProbe
from wellbeing_app.services.break_service import BreakService
from wellbeing_app.services.notifier import Notice, Notifier
from wellbeing_app.services.today import build_snapshot
from wellbeing_app.storage.repositories import Repositories

TODAY = date(2026, 11, 21)


def slack_running(clock: FixedClock) -> ApproximateProcessProbe:
    """The Wayland fallback with Slack's process running all along."""
    return ApproximateProcessProbe(
        ["slack"],
        clock=lambda: clock.now().timestamp(),
        list_processes=lambda: [(1, "systemd"), (4242, "slack")],
    )


def drive(
    repos: Repositories, clock: FixedClock, foreground: ForegroundProbe, minutes: int
) -> tuple[BreakService, list[BreakUpdate], list[Notice]]:
    """Runs the sampler and the break service together, as the app does, for ``minutes``."""
    repos.limits.set(DailyLimit("Slack", "app", 30))
    repos.limits.set(DailyLimit("chat", "category", 20))
    notifier = Notifier([("tray", lambda notice: None)])
    notices: list[Notice] = []
    notifier.delivered.connect(lambda channel, notice: notices.append(notice))
    service = BreakService(repos, clock, notifier, load_activities())
    updates: list[BreakUpdate] = []
    service.updated.connect(updates.append)
    sampler = build_sampler(repos, clock, foreground, FakeIdleProbe(), load_catalog())
    for _ in range(minutes * 60):
        if sampler.tick():
            service.refresh_totals()
        assert sampler.moment is not None
        service.observe(sampler.moment)
        clock.advance(1)
    sampler.close()
    service.refresh_totals()
    return service, updates, notices


def test_slack_running_all_day_prompts_nothing_and_the_meter_stays_at_zero(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    service, updates, notices = drive(repos, clock, slack_running(clock), minutes=45)

    assert updates == []
    assert notices == []
    assert service.scheduler.continuous_use_seconds == 0
    # Recorded all the same, and marked as approximate.
    assert {t.app: t.seconds for t in repos.usage.by_app(TODAY, TODAY)} == {"Slack": 45 * 60 - 1}
    assert all(span.approximate for span in repos.usage.spans(TODAY, TODAY))


def test_today_shows_approximate_time_apart_and_keeps_it_out_of_limit_standings(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    drive(repos, clock, slack_running(clock), minutes=5)

    snapshot = build_snapshot(repos, clock)

    assert [(a.app, a.seconds) for a in snapshot.apps] == [("Slack", 5 * 60 - 1)]
    assert [(a.app, a.seconds) for a in snapshot.approximate_apps] == [("Slack", 5 * 60 - 1)]
    assert snapshot.approximate
    assert [s.used_seconds for s in snapshot.standings] == [0.0, 0.0]


@pytest.mark.parametrize("minutes", [35])
def test_the_same_use_seen_exactly_does_prompt(
    qtbot: QtBot, repos: Repositories, clock: FixedClock, minutes: int
) -> None:
    # The control: with a probe that sees Slack in front, the limits and the meter work.
    exact = FakeForegroundProbe()
    exact.show("slack", "general | Slack")
    service, updates, notices = drive(repos, clock, exact, minutes=minutes)

    assert any(type(u).__name__ == "BreakDue" for u in updates)
    assert service.scheduler.continuous_use_seconds > 0
    assert build_snapshot(repos, clock).approximate_apps == ()
