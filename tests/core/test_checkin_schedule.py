"""The WHO-5 check-in schedule, on fixed clock values and across daylight-saving changes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.core.checkin_schedule import due, next_due, snooze_until
from wellbeing_app.core.errors import InvalidInput

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
BERLIN = ZoneInfo("Europe/Berlin")
LAST = datetime(2026, 11, 7, 21, 0, tzinfo=CET)  # a Saturday evening check-in


def test_first_check_in_is_due_right_away() -> None:
    now = datetime(2026, 11, 21, 9, 30, tzinfo=CET)
    assert due(now, None, 14, None)
    assert next_due(now, None, 14, None) == now


def test_the_first_check_in_waits_for_the_day_after_the_welcome() -> None:
    finished = datetime(2026, 11, 21, 9, 30, tzinfo=CET)  # the welcome ends on Saturday morning
    for later in (0, 60, 12 * 3600):  # the same minute, the same hour, that evening
        now = finished + timedelta(seconds=later)
        assert not due(now, None, 14, None, welcome_finished=finished)
    tomorrow = datetime(2026, 11, 22, 4, 0, tzinfo=CET)
    assert next_due(finished, None, 14, None, welcome_finished=finished) == tomorrow
    assert not due(tomorrow - timedelta(minutes=1), None, 14, None, welcome_finished=finished)
    assert due(tomorrow, None, 14, None, welcome_finished=finished)
    assert due(tomorrow + timedelta(days=30), None, 14, None, welcome_finished=finished)


def test_a_welcome_finished_after_midnight_waits_for_the_next_morning_but_one() -> None:
    night = datetime(2026, 11, 22, 1, 0, tzinfo=CET)  # still Saturday, days start at 04:00
    assert not due(datetime(2026, 11, 22, 3, 0, tzinfo=CET), None, 14, None, welcome_finished=night)
    assert due(datetime(2026, 11, 22, 4, 0, tzinfo=CET), None, 14, None, welcome_finished=night)


def test_after_the_first_check_in_the_welcome_no_longer_counts() -> None:
    finished = datetime(2026, 11, 6, 9, 0, tzinfo=CET)
    assert not due(
        datetime(2026, 11, 20, 12, 0, tzinfo=CET), LAST, 14, None, welcome_finished=finished
    )
    assert due(datetime(2026, 11, 21, 4, 0, tzinfo=CET), LAST, 14, None, welcome_finished=finished)


def test_due_from_the_start_of_the_day_interval_days_later() -> None:
    assert not due(datetime(2026, 11, 21, 3, 59, tzinfo=CET), LAST, 14, None)
    assert due(datetime(2026, 11, 21, 4, 0, tzinfo=CET), LAST, 14, None)
    assert due(datetime(2026, 11, 30, 12, 0, tzinfo=CET), LAST, 14, None)  # overdue stays due
    assert next_due(datetime(2026, 11, 10, 12, 0, tzinfo=CET), LAST, 14, None) == datetime(
        2026, 11, 21, 4, 0, tzinfo=CET
    )


def test_a_late_night_check_in_counts_to_the_evening_before() -> None:
    late = datetime(2026, 11, 8, 1, 30, tzinfo=CET)  # still Saturday the 7th, days start at 04:00
    assert due(datetime(2026, 11, 21, 4, 0, tzinfo=CET), late, 14, None)
    assert not due(datetime(2026, 11, 21, 4, 0, tzinfo=CET), late, 14, None, day_start_hour=0)


def test_interval_follows_the_setting() -> None:
    now = datetime(2026, 11, 14, 10, 0, tzinfo=CET)
    assert due(now, LAST, 7, None)
    assert not due(now, LAST, 14, None)


def test_dismissing_snoozes_until_the_start_of_tomorrow() -> None:
    now = datetime(2026, 11, 21, 20, 15, tzinfo=CET)
    until = snooze_until(now)
    assert until == datetime(2026, 11, 22, 4, 0, tzinfo=CET)
    assert not due(now + timedelta(hours=1), LAST, 14, until)
    assert not due(datetime(2026, 11, 22, 3, 59, tzinfo=CET), LAST, 14, until)
    assert due(datetime(2026, 11, 22, 4, 0, tzinfo=CET), LAST, 14, until)
    assert next_due(now, LAST, 14, until) == until
    assert snooze_until(now, days=3) == datetime(2026, 11, 24, 4, 0, tzinfo=CET)


def test_dismissing_after_midnight_still_means_the_next_morning() -> None:
    night = datetime(2026, 11, 22, 0, 30, tzinfo=CET)  # part of Saturday the 21st
    assert snooze_until(night) == datetime(2026, 11, 22, 4, 0, tzinfo=CET)


def test_first_check_in_can_be_dismissed_too() -> None:
    now = datetime(2026, 11, 21, 9, 30, tzinfo=CET)
    until = snooze_until(now)
    assert not due(now, None, 14, until)
    assert next_due(now, None, 14, until) == until


def test_a_snooze_that_ended_before_the_due_day_changes_nothing() -> None:
    now = datetime(2026, 11, 12, 12, 0, tzinfo=CET)
    old_snooze = datetime(2026, 11, 8, 4, 0, tzinfo=CET)
    assert next_due(now, LAST, 14, old_snooze) == datetime(2026, 11, 21, 4, 0, tzinfo=CET)


def test_spring_forward_between_check_ins_fixed_offsets() -> None:
    last = datetime(2026, 3, 20, 21, 0, tzinfo=CET)  # clocks go forward on 29 March
    assert not due(datetime(2026, 4, 3, 3, 59, tzinfo=CEST), last, 14, None)
    assert due(datetime(2026, 4, 3, 4, 0, tzinfo=CEST), last, 14, None)
    now = datetime(2026, 3, 25, 12, 0, tzinfo=CET)
    assert next_due(now, last, 14, None).date() == datetime(2026, 4, 3).date()


def test_fall_back_between_check_ins_fixed_offsets() -> None:
    last = datetime(2026, 10, 20, 21, 0, tzinfo=CEST)  # clocks go back on 25 October
    assert not due(datetime(2026, 11, 3, 3, 59, tzinfo=CET), last, 14, None)
    assert due(datetime(2026, 11, 3, 4, 0, tzinfo=CET), last, 14, None)


def test_daylight_saving_with_a_real_time_zone() -> None:
    last = datetime(2026, 3, 20, 21, 0, tzinfo=BERLIN)
    expected = datetime(2026, 4, 3, 4, 0, tzinfo=BERLIN)
    assert next_due(datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), last, 14, None) == expected
    assert expected.utcoffset() == timedelta(hours=2)
    assert not due(expected - timedelta(minutes=1), last, 14, None)
    assert due(expected, last, 14, None)
    # Dismissed on the evening before the clocks go back: tomorrow 04:00 is still 04:00.
    evening = datetime(2026, 10, 24, 22, 0, tzinfo=BERLIN)
    assert snooze_until(evening) == datetime(2026, 10, 25, 4, 0, tzinfo=BERLIN)
    assert snooze_until(evening).timestamp() - evening.timestamp() == 7 * 3600  # an hour more


@pytest.mark.parametrize("interval", [0, -14])
def test_interval_must_be_at_least_a_day(interval: int) -> None:
    with pytest.raises(InvalidInput, match="at least 1"):
        due(datetime(2026, 11, 21, 12, 0, tzinfo=CET), LAST, interval, None)
    with pytest.raises(InvalidInput, match="at least 1"):
        next_due(datetime(2026, 11, 21, 12, 0, tzinfo=CET), LAST, interval, None)


def test_snooze_must_be_at_least_a_day() -> None:
    with pytest.raises(InvalidInput, match="1 day or more"):
        snooze_until(datetime(2026, 11, 21, 12, 0, tzinfo=CET), days=0)


offsets = st.sampled_from([timedelta(hours=h) for h in (-8, -5, 0, 1, 2, 5.5, 10, 13)])
moments = st.builds(
    lambda when, offset: when.replace(tzinfo=timezone(offset)),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    offsets,
)


@given(
    now=moments,
    last=st.none() | moments,
    interval=st.integers(min_value=1, max_value=90),
    snoozed=st.none() | moments,
    day_start_hour=st.integers(min_value=0, max_value=23),
)
def test_due_exactly_when_next_due_has_come(
    now: datetime,
    last: datetime | None,
    interval: int,
    snoozed: datetime | None,
    day_start_hour: int,
) -> None:
    is_due = due(now, last, interval, snoozed, day_start_hour=day_start_hour)
    moment = next_due(now, last, interval, snoozed, day_start_hour=day_start_hour)
    assert is_due == (moment <= now)
    if last is not None and last <= now and last.utcoffset() == now.utcoffset():
        # Never due before the last check-in, unless the person crossed time zones since.
        assert moment >= last
