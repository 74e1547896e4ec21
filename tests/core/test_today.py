"""Today's glance in numbers: bars against limits, time per hour of the day, check-in places."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from wellbeing_app.core.models import AppTotal, DailyLimit, LimitStanding
from wellbeing_app.core.today import (
    TodaySnapshot,
    app_bars,
    hour_slots,
    hours_begun,
    hours_into_day,
)

CET = timezone(timedelta(hours=1))
DAY = date(2026, 11, 21)


def snapshot(apps: tuple[AppTotal, ...], standings: tuple[LimitStanding, ...]) -> TodaySnapshot:
    return TodaySnapshot(DAY, apps, standings, 0.0, (), ())


def test_a_bar_fills_to_the_tightest_limit_and_says_how_it_stands() -> None:
    reddit = AppTotal("Reddit", "forum", 24 * 60.0)
    x = AppTotal("X", "social feed", 50 * 60.0)
    discord = AppTotal("Discord", "chat", 3 * 60 * 60.0)
    standings = (
        LimitStanding(DailyLimit("Reddit", "app", 30), 24 * 60.0),
        LimitStanding(DailyLimit("X", "app", 120), 50 * 60.0),
        LimitStanding(DailyLimit("social feed", "category", 45), 50 * 60.0),
    )

    bars = app_bars(snapshot((discord, x, reddit), standings))

    by_app = {bar.app.app: bar for bar in bars}
    assert by_app["Reddit"].fraction == pytest.approx(0.8)
    assert by_app["Reddit"].state == "near"
    assert by_app["Reddit"].seconds_left == pytest.approx(6 * 60)
    # X counts against its category's 45 minutes (tighter than its own 120): over by 5.
    assert by_app["X"].state == "over"
    assert by_app["X"].fraction == 1.0
    assert by_app["X"].seconds_left == pytest.approx(-5 * 60)
    assert by_app["X"].standing is not None
    assert by_app["X"].standing.limit.target == "social feed"
    # Without a limit, a bar is measured against the largest app of the day.
    assert by_app["Discord"].state == "none"
    assert by_app["Discord"].fraction == 1.0
    assert [bar.app.app for bar in bars] == ["Discord", "X", "Reddit"]


def test_an_app_under_a_category_limit_shows_its_own_share_of_the_fill() -> None:
    x = AppTotal("X", "social feed", 10 * 60.0)
    instagram = AppTotal("Instagram", "social feed", 20 * 60.0)
    standing = LimitStanding(DailyLimit("social feed", "category", 60), 30 * 60.0)

    bars = app_bars(snapshot((instagram, x), (standing,)))

    assert bars[1].fraction == pytest.approx(0.5)
    assert bars[1].own_fraction == pytest.approx(10 / 60)
    assert bars[1].state == "calm"
    free = app_bars(snapshot((instagram, x), ()))
    assert free[1].fraction == pytest.approx(0.5)  # half of Instagram's time, the largest


def test_hour_slots_start_at_the_day_start_hour() -> None:
    slots = hour_slots([(4, 600.0), (13, 1800.0), (2, 120.0)], day_start_hour=4)

    assert len(slots) == 24
    assert slots[0] == 600.0  # 04:00-05:00 opens the day
    assert slots[9] == 1800.0  # 13:00
    assert slots[22] == 120.0  # 02:00 the next morning still belongs to the day
    assert sum(slots) == 2520.0


def test_hours_into_the_day_place_a_late_check_in_after_midnight_at_the_end() -> None:
    assert hours_into_day(datetime(2026, 11, 21, 10, 30, tzinfo=CET), 4) == pytest.approx(6.5)
    assert hours_into_day(datetime(2026, 11, 22, 1, 15, tzinfo=CET), 4) == pytest.approx(21.25)
    assert hours_into_day(datetime(2026, 11, 21, 4, 0, tzinfo=CET), 4) == 0.0


def test_hours_begun_count_the_current_hour_and_stay_within_the_day() -> None:
    start = datetime(2026, 11, 21, 4, 0, tzinfo=CET)
    assert hours_begun(start, start) == 1
    assert hours_begun(start, start + timedelta(hours=17, minutes=5)) == 18
    assert hours_begun(start, start + timedelta(hours=30)) == 24
