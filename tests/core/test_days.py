from datetime import date, datetime, timedelta, timezone

import pytest

from wellbeing_app.core.days import (
    day_of,
    day_of_datetime,
    day_start_local,
    local_day_range,
    parse_day,
    to_datetime,
)
from wellbeing_app.core.errors import InvalidInput


def _ts(year: int, month: int, day: int, hour: int, minute: int, offset_hours: int) -> float:
    tz = timezone(timedelta(hours=offset_hours))
    return datetime(year, month, day, hour, minute, tzinfo=tz).timestamp()


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(3, 59, date(2026, 3, 13)), (4, 0, date(2026, 3, 14)), (23, 59, date(2026, 3, 14))],
)
def test_day_starts_at_the_configured_hour(hour: int, minute: int, expected: date) -> None:
    ts = _ts(2026, 3, 14, hour, minute, 2)
    assert day_of(ts, 7200, day_start_hour=4) == expected


def test_same_utc_moment_is_a_different_local_day_in_another_offset() -> None:
    ts = _ts(2026, 3, 14, 23, 30, 0)
    assert day_of(ts, 0, 0) == date(2026, 3, 14)
    assert day_of(ts, 3600, 0) == date(2026, 3, 15)


def test_day_of_datetime_matches_day_of() -> None:
    moment = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    assert day_of_datetime(moment, 4) == date(2026, 10, 24)
    assert day_of(moment.timestamp(), 3600, 4) == date(2026, 10, 24)


def test_local_range_covers_whole_days() -> None:
    lo, hi = local_day_range(date(2026, 1, 1), date(2026, 1, 2), 4)
    assert hi - lo == 2 * 86400
    assert lo == day_start_local(date(2026, 1, 1), 4)


def test_range_backwards_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before it starts"):
        local_day_range(date(2026, 1, 2), date(2026, 1, 1), 4)


@pytest.mark.parametrize("text", ["2026-13-01", "yesterday", "", "2026/01/01"])
def test_parse_day_refuses_non_dates_with_one_sentence(text: str) -> None:
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        parse_day(text)


def test_to_datetime_round_trips_offset() -> None:
    moment = to_datetime(_ts(2026, 7, 1, 9, 0, -4), -4 * 3600)
    assert moment.hour == 9
    assert moment.utcoffset() == timedelta(hours=-4)
