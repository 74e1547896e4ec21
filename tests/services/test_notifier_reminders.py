from datetime import timedelta

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.core.questionnaires import score_who5
from wellbeing_app.platform.notifications import DesktopNotification
from wellbeing_app.services.notifier import DesktopChannel, Notice, Notifier
from wellbeing_app.services.reminders import ReminderService
from wellbeing_app.storage.repositories import Repositories


def test_a_failing_channel_passes_the_message_on_and_is_retried_later(qtbot: QtBot) -> None:
    calls: list[str] = []
    now = [100.0]
    server_running = [False]

    def desktop(notice: Notice) -> None:
        calls.append("desktop")
        if not server_running[0]:
            raise NotImplementedError("no notification daemon")

    def tray(notice: Notice) -> None:
        calls.append("tray")

    notifier = Notifier(
        [("desktop", desktop), ("tray", tray)], retry_after=600, monotonic=lambda: now[0]
    )
    assert notifier.notify(Notice("Hi", "there")) == "tray"
    assert notifier.notify(Notice("Hi", "again")) == "tray"  # not asked again right away
    assert calls == ["desktop", "tray", "tray"]
    server_running[0] = True  # the notification server started after the app
    now[0] += 600
    assert notifier.notify(Notice("Hi", "later")) == "desktop"  # not broken for the session
    assert notifier.notify(Notice("Hi", "and again")) == "desktop"


def test_the_banner_catches_what_no_channel_could_deliver(qtbot: QtBot) -> None:
    def broken(notice: Notice) -> None:
        raise OSError("no tray")

    notifier = Notifier([("tray", broken)])
    with qtbot.waitSignal(notifier.banner_requested) as signal:
        assert notifier.notify(Notice("Hi", "there", "mood")) == "banner"
    assert signal.args == [Notice("Hi", "there", "mood")]


@pytest.fixture
def delivered(qtbot: QtBot) -> tuple[Notifier, list[Notice]]:
    seen: list[Notice] = []
    notifier = Notifier([("tray", lambda notice: None)])
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


def test_a_reminder_on_the_desktop_carries_its_buttons_and_its_slot(
    repos: Repositories, clock: FixedClock, delivered: tuple[Notifier, list[Notice]]
) -> None:
    notifier, seen = delivered
    repos.checkins.add(score_who5(clock.now() - timedelta(days=1), [3, 3, 3, 3, 3]))
    clock.set(clock.now().replace(hour=20, minute=30))
    [reminder] = ReminderService(repos, clock, notifier).check()
    assert seen == [
        Notice(
            reminder.title,
            reminder.message,
            "mood",
            ("log-mood", "snooze"),
            key="mood 2026-11-21 20:30",
            category="x-wellbeing.reminder",
        )
    ]


def test_a_snoozed_reminder_comes_back_once_after_fifteen_minutes(
    repos: Repositories, clock: FixedClock, delivered: tuple[Notifier, list[Notice]]
) -> None:
    notifier, seen = delivered
    repos.checkins.add(score_who5(clock.now() - timedelta(days=1), [3, 3, 3, 3, 3]))
    clock.set(clock.now().replace(hour=20, minute=30))
    service = ReminderService(repos, clock, notifier)
    [reminder] = service.check()
    assert not service.snooze("mood 2026-11-20 20:30")  # never delivered: nothing to snooze
    assert service.snooze(reminder.slot)
    clock.advance(14 * 60)
    assert service.check() == []
    clock.advance(60)
    assert service.check() == [reminder]
    assert [notice.key for notice in seen] == [reminder.slot, reminder.slot]  # replaces itself
    clock.advance(15 * 60)
    assert service.check() == []  # once


def test_a_snoozed_reminder_stays_away_when_it_was_done_meanwhile(
    repos: Repositories, clock: FixedClock, delivered: tuple[Notifier, list[Notice]]
) -> None:
    notifier, seen = delivered
    repos.checkins.add(score_who5(clock.now() - timedelta(days=1), [3, 3, 3, 3, 3]))
    clock.set(clock.now().replace(hour=20, minute=30))
    service = ReminderService(repos, clock, notifier)
    [reminder] = service.check()
    service.snooze(reminder.slot)
    clock.advance(5 * 60)
    repos.moods.add(new_mood_entry(clock.now(), 4))
    clock.advance(10 * 60)
    assert service.check() == []
    assert len(seen) == 1


class FakeBackend(QObject):
    action_invoked = Signal(str, str)
    closed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[DesktopNotification] = []
        self.closed_down = False

    def show(self, notification: DesktopNotification) -> None:
        self.shown.append(notification)

    def close(self) -> None:
        self.closed_down = True


def test_a_desktop_button_reaches_the_app_with_its_notice(qtbot: QtBot) -> None:
    backend = FakeBackend()
    channel = DesktopChannel(backend)
    notice = Notice("How are you?", "Log it", "mood", ("log-mood", "snooze"), key="mood slot")
    notifier = Notifier([("desktop", channel.deliver)])
    assert notifier.notify(notice) == "desktop"
    assert backend.shown == [
        DesktopNotification(
            "mood slot", "How are you?", "Log it", (("log-mood", "Log mood"), ("snooze", "Snooze"))
        )
    ]
    invoked: list[tuple[Notice, str]] = []
    channel.action_invoked.connect(lambda n, action: invoked.append((n, action)))
    backend.action_invoked.emit("mood slot", "take-break")  # not one of its buttons
    backend.action_invoked.emit("other slot", "log-mood")  # not a notice of ours
    backend.action_invoked.emit("mood slot", "log-mood")
    backend.action_invoked.emit("mood slot", "default")
    assert invoked == [(notice, "log-mood"), (notice, "default")]
    backend.closed.emit("mood slot")
    backend.action_invoked.emit("mood slot", "snooze")  # gone from the desktop
    assert len(invoked) == 2
    channel.close()
    assert backend.closed_down
