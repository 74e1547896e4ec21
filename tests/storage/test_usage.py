from datetime import date, datetime, timedelta, timezone

import pytest

from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage.repositories import Repositories

PLUS1 = timezone(timedelta(hours=1))


def span(
    day: int,
    hour: int,
    minute: int,
    minutes: float,
    app: str = "Reddit",
    category: str = "forum",
    offset_hours: int = 1,
) -> UsageSpan:
    tz = timezone(timedelta(hours=offset_hours))
    start = datetime(2026, 11, day, hour, minute, tzinfo=tz).timestamp()
    return UsageSpan(start, start + minutes * 60, offset_hours * 3600, app, category)


@pytest.fixture
def filled(repos: Repositories) -> Repositories:
    repos.usage.add_spans(
        [
            span(20, 3, 30, 20),  # before 04:00: counts to the 19th
            span(20, 9, 0, 10, "Slack", "chat"),
            span(20, 21, 0, 30),
            span(20, 22, 0, 15, "Instagram", "social feed"),
            span(21, 1, 0, 25),  # after midnight: still the 20th
            span(21, 10, 0, 5, "Instagram", "social feed"),
        ]
    )
    return repos


def test_by_app_for_one_day_respects_the_day_start(filled: Repositories) -> None:
    totals = filled.usage.by_app(date(2026, 11, 20), date(2026, 11, 20))
    assert [(t.app, t.seconds / 60) for t in totals] == [
        ("Reddit", 55),
        ("Instagram", 15),
        ("Slack", 10),
    ]


def test_by_category_and_by_day(filled: Repositories) -> None:
    cats = filled.usage.by_category(date(2026, 11, 19), date(2026, 11, 21))
    assert {c.category: c.seconds / 60 for c in cats} == {
        "forum": 75,
        "social feed": 20,
        "chat": 10,
    }
    days = filled.usage.by_day(date(2026, 11, 19), date(2026, 11, 21))
    assert [(d.day.day, d.app, d.seconds / 60) for d in days] == [
        (19, "Reddit", 20),
        (20, "Reddit", 55),
        (20, "Instagram", 15),
        (20, "Slack", 10),
        (21, "Instagram", 5),
    ]


def test_by_hour_uses_local_clock_hours(filled: Repositories) -> None:
    hours = filled.usage.by_hour(date(2026, 11, 20), date(2026, 11, 20))
    assert {(h.weekday, h.hour): h.seconds / 60 for h in hours} == {
        (4, 9): 10,
        (4, 21): 30,
        (4, 22): 15,
        (5, 1): 25,
    }


def test_local_days_hold_for_spans_recorded_in_another_offset(repos: Repositories) -> None:
    # 23:30 local at UTC-5 is 04:30 UTC the next day; it belongs to the local evening.
    repos.usage.add_spans([span(20, 23, 30, 10, offset_hours=-5)])
    assert repos.usage.by_app(date(2026, 11, 20), date(2026, 11, 20))[0].seconds == 600
    assert repos.usage.by_app(date(2026, 11, 21), date(2026, 11, 21)) == []


def test_active_days_accumulate(repos: Repositories) -> None:
    day = date(2026, 11, 20)
    repos.usage.add_active_seconds([(day, 100.0)])
    repos.usage.add_active_seconds([(day, 50.0)])
    assert repos.usage.active_days(day, day)[0].seconds == 150


def test_spans_round_trip_with_flags(repos: Repositories) -> None:
    original = UsageSpan(1.0e9, 1.0e9 + 60, 3600, "Discord", "chat", "general", True, "wayland")
    repos.usage.add_spans([original])
    day = repos.usage.day_of(original.start, original.utc_offset)
    assert repos.usage.spans(day, day) == [original]
    assert repos.usage.has_approximate(day, day)


def test_by_week_starts_on_monday(repos: Repositories) -> None:
    repos.usage.add_spans([span(22, 10, 0, 10), span(23, 10, 0, 20), span(24, 10, 0, 5)])
    weeks = repos.usage.by_week(date(2026, 11, 16), date(2026, 11, 30))
    # Sunday the 22nd belongs to the week of Monday the 16th; Mon 23rd and Tue 24th to the 23rd.
    assert [(w.day, w.seconds / 60) for w in weeks] == [
        (date(2026, 11, 16), 10),
        (date(2026, 11, 23), 25),
    ]
