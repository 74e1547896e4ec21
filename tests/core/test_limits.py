from datetime import date

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.limits import limits_on, new_limit, resolve_target, standings
from wellbeing_app.core.models import AppTotal, DailyLimit

SATURDAY = date(2026, 11, 21)
MONDAY = date(2026, 11, 23)


def test_resolve_target_is_case_insensitive_for_apps_and_categories() -> None:
    assert resolve_target("reddit", ["Reddit", "Discord"]) == ("Reddit", "app")
    assert resolve_target("Social  Feed", []) == ("social feed", "category")
    with pytest.raises(InvalidInput, match="neither a community app nor a category"):
        resolve_target("Minesweeper", ["Reddit"])


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1])
def test_limit_minutes_must_fit_a_day(minutes: int) -> None:
    with pytest.raises(InvalidInput):
        new_limit("Reddit", "app", minutes)


def test_weekday_limit_replaces_every_day_limit_on_its_days() -> None:
    every_day = DailyLimit("Discord", "app", 30)
    weekend = DailyLimit("Discord", "app", 90, frozenset({5, 6}))
    assert limits_on([every_day, weekend], SATURDAY) == [weekend]
    assert limits_on([every_day, weekend], MONDAY) == [every_day]


def test_standings_sum_apps_and_categories() -> None:
    totals = [
        AppTotal("Reddit", "forum", 600),
        AppTotal("Instagram", "social feed", 1200),
        AppTotal("X", "social feed", 300),
    ]
    limits = [DailyLimit("Reddit", "app", 30), DailyLimit("social feed", "category", 60)]
    result = {s.limit.target: s.used_minutes for s in standings(limits, totals, SATURDAY)}
    assert result == {"Reddit": 10, "social feed": 25}
