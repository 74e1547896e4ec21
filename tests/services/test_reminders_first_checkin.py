"""The first WHO-5 check-in is not offered the day the welcome is finished, but the next."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.questionnaires import score_who5
from wellbeing_app.services.notifier import Notice, Notifier
from wellbeing_app.services.reminders import (
    WELCOME_FINISHED,
    ReminderService,
    record_welcome_finished,
    welcome_finished_at,
    who5_reminder,
)
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.repositories import Repositories


@pytest.fixture
def seen(qtbot: QtBot) -> tuple[Notifier, list[Notice]]:
    notices: list[Notice] = []
    notifier = Notifier([("tray", lambda notice: None)])
    notifier.delivered.connect(lambda channel, notice: notices.append(notice))
    return notifier, notices


def test_no_who5_the_day_the_welcome_is_finished_then_the_next_morning(
    repos: Repositories, clock: FixedClock, seen: tuple[Notifier, list[Notice]]
) -> None:
    notifier, notices = seen
    clock.set(clock.now().replace(hour=10, minute=0))  # a Saturday morning install
    record_welcome_finished(repos, clock.now())
    service = ReminderService(repos, clock, notifier)
    assert "who5" not in [r.kind for r in service.check()]
    clock.set(clock.now().replace(hour=23, minute=59))
    assert "who5" not in [r.kind for r in service.check()]
    clock.set(clock.now() + timedelta(hours=4, minutes=1))  # Sunday 04:00, the day's start
    assert service.next_check_at() > clock.now()
    assert [r.kind for r in service.check()] == ["who5"]
    assert [n.action for n in notices if n.action == "who5"] == ["who5"]


def test_the_two_weekly_rhythm_after_the_first_check_in_is_unchanged(
    repos: Repositories, clock: FixedClock, seen: tuple[Notifier, list[Notice]]
) -> None:
    notifier, _ = seen
    record_welcome_finished(repos, clock.now() - timedelta(days=20))
    repos.checkins.add(score_who5(clock.now() - timedelta(days=13), [3, 3, 3, 3, 3]))
    service = ReminderService(repos, clock, notifier)
    assert "who5" not in [r.kind for r in service.check()]
    clock.advance(24 * 3600)
    assert "who5" in [r.kind for r in service.check()]


def test_without_a_recorded_welcome_the_check_in_is_offered_as_before(
    repos: Repositories, clock: FixedClock, seen: tuple[Notifier, list[Notice]]
) -> None:
    notifier, _ = seen
    assert welcome_finished_at(repos) is None
    assert "who5" in [r.kind for r in ReminderService(repos, clock, notifier).check()]


def test_an_unreadable_welcome_time_is_ignored_with_a_warning(
    repos: Repositories, caplog: pytest.LogCaptureFixture
) -> None:
    for text in ("yesterday", "2026-11-21T10:00:00"):  # not a time; a time without its offset
        AppState(repos.db).set_value(WELCOME_FINISHED, text)
        with caplog.at_level(logging.WARNING):
            assert welcome_finished_at(repos) is None
        assert text in caplog.text


def test_the_welcome_time_keeps_its_offset(repos: Repositories, clock: FixedClock) -> None:
    record_welcome_finished(repos, clock.now())
    at = welcome_finished_at(repos)
    assert at == clock.now() and isinstance(at, datetime) and at.utcoffset() == timedelta(hours=1)


def test_the_first_check_in_says_it_is_a_starting_point_later_ones_are_two_weekly(
    repos: Repositories, clock: FixedClock, seen: tuple[Notifier, list[Notice]]
) -> None:
    notifier, notices = seen
    record_welcome_finished(repos, clock.now() - timedelta(days=1))
    ReminderService(repos, clock, notifier).check()
    repos.checkins.add(score_who5(clock.now(), [3, 3, 3, 3, 3]))
    clock.advance(14 * 24 * 3600)
    ReminderService(repos, clock, notifier).check()
    who5 = [n for n in notices if n.action == "who5"]
    assert [n.title for n in who5] == ["Your first check-in", "Your two-weekly check-in"]
    assert "starting point" in who5[0].message


def test_the_check_in_reminder_is_translated(qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication

    from wellbeing_app.ui.i18n import PseudoTranslator

    translator = PseudoTranslator()
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        first = who5_reminder("who5 2026-11-21", first=True)
        later = who5_reminder("who5 2026-12-05", first=False)
    finally:
        app.removeTranslator(translator)
    for text in (first.title, first.message, later.title, later.message):
        assert text.startswith("⟦") and text.endswith("⟧"), text
