from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.app import load_activities
from wellbeing_app.core.breaks import BreakDue, BreakTaken
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import DailyLimit, UsageSpan
from wellbeing_app.services.break_service import BreakService
from wellbeing_app.services.notifier import Notice, Notifier
from wellbeing_app.services.sampler import Moment
from wellbeing_app.storage.repositories import Repositories


@pytest.fixture
def notices(qtbot: QtBot) -> tuple[Notifier, list[Notice]]:
    seen: list[Notice] = []
    notifier = Notifier([("tray", lambda notice: None)])
    notifier.delivered.connect(lambda channel, notice: seen.append(notice))
    return notifier, seen


def moment(
    at: datetime, app: str | None = "Reddit", idle: float = 0.0, busy: bool = False
) -> Moment:
    return Moment(at, None if app is None else (app, "forum"), idle, busy, False)


def run(
    service: BreakService,
    clock: FixedClock,
    seconds: int,
    app: str | None = "Reddit",
    busy: bool = False,
) -> None:
    for _ in range(seconds // 5):
        clock.advance(5)
        service.observe(moment(clock.now(), app, busy=busy))


def test_continuous_use_prompts_once_with_fitting_suggestions_and_is_logged(
    qtbot: QtBot,
    repos: Repositories,
    clock: FixedClock,
    notices: tuple[Notifier, list[Notice]],
) -> None:
    service = BreakService(repos, clock, notices[0], load_activities())
    prompts: list[tuple[BreakDue, list]] = []
    service.prompt_due.connect(lambda due, found: prompts.append((due, found)))
    run(service, clock, 29 * 60)
    assert prompts == []
    run(service, clock, 2 * 60)
    ((due, suggestions),) = prompts
    assert due.kind == "continuous_use"
    assert suggestions, "a prompt always comes with an offline suggestion"
    assert all(s.activity.minutes <= 5 for s in suggestions)
    assert len({s.activity.category for s in suggestions}) > 1
    shown = repos.breaks.between(clock.now() - timedelta(hours=1), clock.now())
    assert [(e.kind, e.outcome) for e in shown] == [("continuous_use", "shown")]


def test_a_break_is_taken_only_when_the_person_really_steps_away(
    qtbot: QtBot,
    repos: Repositories,
    clock: FixedClock,
    notices: tuple[Notifier, list[Notice]],
) -> None:
    service = BreakService(repos, clock, notices[0], load_activities())
    updates: list[object] = []
    service.updated.connect(updates.append)
    run(service, clock, 31 * 60)
    service.take_break("walk-around-the-block")
    run(service, clock, 6 * 60, app=None)
    assert any(isinstance(u, BreakTaken) for u in updates)
    outcomes = [
        e.outcome for e in repos.breaks.between(clock.now() - timedelta(hours=1), clock.now())
    ]
    assert outcomes == ["shown", "taken"]
    service.log_outcome("walk-around-the-block", True, 4, True)
    assert repos.db["activity_log"].count >= 1


def test_heads_up_and_limit_come_from_todays_totals(
    qtbot: QtBot,
    repos: Repositories,
    clock: FixedClock,
    notices: tuple[Notifier, list[Notice]],
) -> None:
    notifier, seen = notices
    repos.limits.set(DailyLimit("Reddit", "app", 30))
    start = clock.now() - timedelta(minutes=40)
    repos.usage.add_spans(
        [UsageSpan(start.timestamp(), start.timestamp() + 25 * 60, 3600, "Reddit", "forum")]
    )
    service = BreakService(repos, clock, notifier, load_activities())
    prompts: list[BreakDue] = []
    service.prompt_due.connect(lambda due, found: prompts.append(due))
    run(service, clock, 10)
    assert [n.title for n in seen] == ["Heads-up: Reddit"]
    assert seen[0].buttons == ("take-break",)  # on the desktop: "Take a break"
    repos.usage.add_spans(
        [
            UsageSpan(
                start.timestamp() + 25 * 60, start.timestamp() + 31 * 60, 3600, "Reddit", "forum"
            )
        ]
    )
    service.refresh_totals()
    run(service, clock, 10)
    assert [(p.kind, p.target) for p in prompts] == [("daily_limit", "Reddit")]
    # A restart the same day shows neither again.
    again = BreakService(repos, clock, notifier, load_activities())
    again.prompt_due.connect(lambda due, found: prompts.append(due))
    run(again, clock, 10)
    assert len(prompts) == 1
    assert [n.title for n in seen] == ["Heads-up: Reddit"]


def test_prompts_wait_while_a_call_or_fullscreen_window_is_in_front(
    qtbot: QtBot,
    repos: Repositories,
    clock: FixedClock,
    notices: tuple[Notifier, list[Notice]],
) -> None:
    service = BreakService(repos, clock, notices[0], load_activities())
    prompts: list[BreakDue] = []
    service.prompt_due.connect(lambda due, found: prompts.append(due))
    run(service, clock, 31 * 60, busy=True)
    assert prompts == []
    run(service, clock, 10)
    assert len(prompts) == 1
