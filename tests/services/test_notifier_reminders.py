from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.core.questionnaires import score_who5
from wellbeing_app.services.notifier import Notice, Notifier
from wellbeing_app.services.reminders import ReminderService
from wellbeing_app.storage.repositories import Repositories


def test_a_failing_channel_passes_the_message_on_and_is_not_retried(qtbot: QtBot) -> None:
    calls: list[str] = []

    def broken(title: str, message: str) -> None:
        calls.append("desktop")
        raise NotImplementedError("no notification daemon")

    def tray(title: str, message: str) -> None:
        calls.append("tray")

    notifier = Notifier([("desktop", broken), ("tray", tray)])
    assert notifier.notify(Notice("Hi", "there")) == "tray"
    assert notifier.notify(Notice("Hi", "again")) == "tray"
    assert calls == ["desktop", "tray", "tray"]


def test_the_banner_catches_what_no_channel_could_deliver(qtbot: QtBot) -> None:
    def broken(title: str, message: str) -> None:
        raise OSError("no tray")

    notifier = Notifier([("tray", broken)])
    with qtbot.waitSignal(notifier.banner_requested) as signal:
        assert notifier.notify(Notice("Hi", "there", "mood")) == "banner"
    assert signal.args == [Notice("Hi", "there", "mood")]


@pytest.fixture
def delivered(qtbot: QtBot) -> tuple[Notifier, list[Notice]]:
    seen: list[Notice] = []
    notifier = Notifier([("tray", lambda title, message: None)])
    notifier.delivered.connect(lambda channel, notice: seen.append(notice))
    return notifier, seen


def test_reminders_fire_once_and_survive_a_restart(
    repos: Repositories, clock: FixedClock, delivered: tuple[Notifier, list[Notice]]
) -> None:
    notifier, seen = delivered
    repos.checkins.add(score_who5(clock.now() - timedelta(days=1), [3, 3, 3, 3, 3]))
    clock.set(clock.now().replace(hour=20, minute=30))
    service = ReminderService(repos, clock, notifier)
    assert [r.kind for r in service.check()] == ["mood"]
    clock.advance(60)
    assert service.check() == []
    again = ReminderService(repos, clock, notifier)  # the app was restarted
    assert again.check() == []
    assert [n.action for n in seen] == ["mood"]


def test_no_mood_reminder_right_after_logging_one(
    repos: Repositories, clock: FixedClock, delivered: tuple[Notifier, list[Notice]]
) -> None:
    notifier, seen = delivered
    repos.checkins.add(score_who5(clock.now() - timedelta(days=1), [3, 3, 3, 3, 3]))
    clock.set(clock.now().replace(hour=20, minute=10))
    repos.moods.add(new_mood_entry(clock.now(), 4))
    clock.advance(timedelta(minutes=25).total_seconds())
    assert ReminderService(repos, clock, notifier).check() == []


def test_who5_is_offered_once_a_day_until_done_then_every_two_weeks(
    repos: Repositories, clock: FixedClock, delivered: tuple[Notifier, list[Notice]]
) -> None:
    notifier, _ = delivered
    service = ReminderService(repos, clock, notifier)  # 21:00: mood (20:30) is due too
    assert [r.kind for r in service.check()] == ["mood", "who5"]
    clock.advance(600)
    assert service.check() == []  # not again today
    clock.advance(timedelta(days=1).total_seconds())
    assert [r.kind for r in service.check()] == ["mood", "who5"]
    repos.checkins.add(score_who5(clock.now(), [3, 3, 3, 3, 3]))
    clock.advance(timedelta(days=1).total_seconds())
    assert [r.kind for r in service.check()] == ["mood"]
    clock.advance(timedelta(days=13).total_seconds())
    assert [r.kind for r in service.check()] == ["mood", "who5"]


def test_last_weeks_summary_comes_once_a_week_and_only_with_data(
    repos: Repositories, clock: FixedClock, delivered: tuple[Notifier, list[Notice]]
) -> None:
    from wellbeing_app.core.models import UsageSpan

    notifier, seen = delivered
    repos.checkins.add(score_who5(clock.now(), [3, 3, 3, 3, 3]))
    repos.settings_store.set("mood_reminder_times", [])
    repos.settings_store.set("gratitude_reminder_time", "")
    service = ReminderService(repos, clock, notifier)
    assert service.check() == []  # nothing tracked yet: no week to speak of
    start = (clock.now() - timedelta(days=8)).timestamp()
    repos.usage.add_spans([UsageSpan(start, start + 3600, 3600, "Reddit", "forum")])
    assert [r.kind for r in service.check()] == ["weekly"]
    assert seen[-1].action == "insights"
    assert "Reddit" not in seen[-1].title
    clock.advance(timedelta(days=1).total_seconds())
    assert service.check() == []  # once a week
