"""Timers of the services wait for the next moment that matters, not a fixed short period;
after ``stop`` nothing is armed again. Time comes from a fake clock; timers are inspected (or
their timeout emitted) rather than waited for."""

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.questionnaires import score_who5
from wellbeing_app.services.notifier import Notifier
from wellbeing_app.services.reminders import MAX_WAIT, ReminderService
from wellbeing_app.services.today import HIDDEN_MAX_WAIT, HIDDEN_REFRESH_MS, TodayService
from wellbeing_app.storage.repositories import Repositories


def test_today_checks_every_30_s_while_watched_and_waits_for_the_new_day_when_hidden(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=3, minute=50))  # the day starts at 04:00
    service = TodayService(repos, clock)
    service.start()
    try:
        assert service.timer.isActive() and service.timer.interval() == 30_000
        service.set_watched(False)  # the window went to the tray
        assert service.timer.isActive()
        assert service.timer.interval() == (10 * 60 + 1) * 1000  # at 04:00:01
        clock.set(clock.now().replace(hour=12, minute=0))
        service.timer.timeout.emit()
        assert service.timer.interval() == HIDDEN_MAX_WAIT.total_seconds() * 1000
        service.set_watched(True)
        assert service.timer.interval() == 30_000
    finally:
        service.stop()


def test_a_new_day_reaches_the_tray_while_hidden(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=3, minute=59))
    service = TodayService(repos, clock)
    seen = []
    service.snapshot_changed.connect(lambda snapshot: seen.append(snapshot.day))
    service.start()
    service.set_watched(False)
    clock.advance(61)
    service.timer.timeout.emit()
    service.stop()
    assert seen[-1] == clock.now().date()
    assert len(set(seen)) == 2


def test_today_after_stop_arms_nothing(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    service = TodayService(repos, clock)
    service.start()
    service.stop()
    service.set_watched(False)
    service.set_watched(True)
    assert not service.timer.isActive()


def _reminders(repos: Repositories, clock: FixedClock) -> ReminderService:
    repos.checkins.add(score_who5(clock.now() - timedelta(days=1), [3, 3, 3, 3, 3]))
    return ReminderService(repos, clock, Notifier([("tray", lambda notice: None)]))


def test_reminders_wait_for_the_next_reminder_time(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=20, minute=25))  # mood at 20:30, gratitude at 21:30
    service = _reminders(repos, clock)
    service.start()
    try:
        assert service.timer.isActive() and service.timer.isSingleShot()
        assert service.timer.interval() == 5 * 60_000
        clock.set(clock.now().replace(hour=20, minute=30))
        service.timer.timeout.emit()  # the mood reminder is delivered
        assert service.timer.interval() == MAX_WAIT.total_seconds() * 1000  # 21:30 is far
        clock.set(clock.now().replace(hour=21, minute=20))
        service.timer.timeout.emit()
        assert service.timer.interval() == 10 * 60_000
    finally:
        service.stop()


def test_a_snooze_sets_the_timer_for_its_end(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=20, minute=30))
    service = _reminders(repos, clock)
    service.start()
    try:
        [slot] = [slot for slot in service._delivered if slot.startswith("mood")]
        assert service.snooze(slot, minutes=3)
        assert service.timer.interval() == 3 * 60_000
    finally:
        service.stop()


def test_reminder_times_changed_in_settings_are_rescheduled(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=12, minute=0))
    service = _reminders(repos, clock)
    service.start()
    try:
        repos.settings_store.set("mood_reminder_times", ["12:02"])
        service.reschedule()
        assert service.timer.interval() == 2 * 60_000
        clock.advance(120)
        service.timer.timeout.emit()
        assert any(slot.endswith(" 12:02") for slot in service._delivered)
    finally:
        service.stop()


def test_reminders_after_stop_arm_nothing(
    qtbot: QtBot, repos: Repositories, clock: FixedClock
) -> None:
    clock.set(clock.now().replace(hour=20, minute=30))
    service = _reminders(repos, clock)
    service.start()
    [slot] = [slot for slot in service._delivered if slot.startswith("mood")]
    service.stop()
    service.snooze(slot)
    service.reschedule()
    assert not service.timer.isActive()


def test_hidden_the_tracker_s_commits_rebuild_today_at_most_once_a_minute(
    qtbot: QtBot, repos: Repositories, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app.services import today

    builds = []
    real_build = today.build_snapshot
    monkeypatch.setattr(
        today, "build_snapshot", lambda *args: builds.append(1) or real_build(*args)
    )
    service = TodayService(repos, clock)
    service.start()
    try:
        service.set_watched(False)
        builds.clear()
        for _ in range(12):  # a minute of commits every 5 s
            service.refresh()
        assert builds == []  # each one read the database before: 12 rebuilds a minute
        assert service.timer.interval() == HIDDEN_REFRESH_MS
        service.timer.timeout.emit()
        assert builds == [1]
        assert service.timer.interval() > HIDDEN_REFRESH_MS  # back to waiting for the new day
        service.set_watched(True)
        builds.clear()
        service.refresh()  # shown: at once
        assert builds == [1]
    finally:
        service.stop()
