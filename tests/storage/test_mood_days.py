"""The mood of each local day, for the Journal's calendar and year view."""

from datetime import date, datetime, timedelta, timezone

from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.storage.repositories import Repositories

CET = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))


def test_day_averages_group_by_the_local_day_that_starts_at_the_day_start_hour(
    repos: Repositories,
) -> None:
    for at, score in (
        (datetime(2026, 3, 2, 9, 0, tzinfo=CET), 2),
        (datetime(2026, 3, 2, 20, 0, tzinfo=CET), 5),
        # 02:30 belongs to the evening before when the day starts at 04:00.
        (datetime(2026, 3, 3, 2, 30, tzinfo=CET), 5),
        (datetime(2026, 3, 3, 10, 0, tzinfo=CET), 1),
        # Stored with its own offset: 23:00 in New York is still 5 March there.
        (datetime(2026, 3, 5, 23, 0, tzinfo=NEW_YORK), 3),
        (datetime(2026, 4, 1, 12, 0, tzinfo=CET), 4),
    ):
        repos.moods.add(new_mood_entry(at, score))

    found = repos.moods.day_averages(date(2026, 3, 1), date(2026, 3, 31), day_start_hour=4)

    assert found == {date(2026, 3, 2): 4.0, date(2026, 3, 3): 1.0, date(2026, 3, 5): 3.0}


def test_day_averages_of_an_empty_range_are_empty(repos: Repositories) -> None:
    assert repos.moods.day_averages(date(2026, 1, 1), date(2026, 12, 31), day_start_hour=4) == {}
