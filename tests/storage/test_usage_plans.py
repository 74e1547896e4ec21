"""Per-app totals over long ranges read the ``usage_hours_by_app`` index in one pass (0010);
short ranges read their own hours. Either way the answer is the spans' sums."""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone

import pytest

from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage.repositories import Repositories

PLUS1 = timezone(timedelta(hours=1))
APPS = [("Reddit", "forum"), ("Discord", "chat"), ("Slack", "chat"), ("Instagram", "social feed")]
FIRST = date(2025, 1, 1)
DAYS = 120


@pytest.fixture
def months(repos: Repositories) -> Repositories:
    rng = random.Random(7)
    spans = []
    for n in range(DAYS):
        day = FIRST + timedelta(days=n)
        for hour in rng.sample(range(8, 23), 4):
            app, category = rng.choice(APPS)
            start = datetime(day.year, day.month, day.day, hour, tzinfo=PLUS1).timestamp()
            spans.append(UsageSpan(start, start + rng.randint(60, 3000), 3600, app, category))
    repos.usage.add_spans(spans)
    return repos


def _expected(first: date, last: date) -> dict[tuple[str, str], float]:
    rng = random.Random(7)
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for n in range(DAYS):
        day = FIRST + timedelta(days=n)
        for _hour in rng.sample(range(8, 23), 4):
            key = rng.choice(APPS)
            seconds = rng.randint(60, 3000)
            if first <= day <= last:
                totals[key] += seconds
    return totals


def _plans(repos: Repositories, first: date, last: date) -> list[str]:
    statements: list[str] = []
    repos.db.conn.set_trace_callback(statements.append)
    try:
        totals = repos.usage.by_app(first, last)
    finally:
        repos.db.conn.set_trace_callback(None)
    assert {(t.app, t.category): t.seconds for t in totals} == pytest.approx(_expected(first, last))
    [query] = [s for s in statements if "GROUP BY app, category" in s]
    return [row[3] for row in repos.db.execute("EXPLAIN QUERY PLAN " + query)]


def test_all_of_history_reads_the_index_once_without_sorting(months: Repositories) -> None:
    plan = _plans(months, date(2000, 1, 1), date(2100, 1, 1))
    assert any("COVERING INDEX usage_hours_by_app" in step for step in plan), plan
    assert not any("TEMP B-TREE FOR GROUP BY" in step for step in plan), plan
    plan = _plans(months, FIRST + timedelta(days=60), FIRST + timedelta(days=DAYS))
    assert any("usage_hours_by_app" in step for step in plan), plan


def test_a_short_range_reads_only_its_own_hours(months: Repositories) -> None:
    plan = _plans(months, FIRST + timedelta(days=30), FIRST + timedelta(days=36))
    assert any("PRIMARY KEY (hour>? AND hour<?)" in step for step in plan), plan


def test_categories_are_the_app_totals_summed(months: Repositories) -> None:
    for first, last in [(FIRST, FIRST), (FIRST, FIRST + timedelta(days=DAYS))]:
        expected: dict[str, float] = defaultdict(float)
        for (_app, category), seconds in _expected(first, last).items():
            expected[category] += seconds
        totals = months.usage.by_category(first, last)
        assert {t.category: t.seconds for t in totals} == pytest.approx(expected)
        assert [t.seconds for t in totals] == sorted((t.seconds for t in totals), reverse=True)


def test_an_empty_database_and_a_range_outside_the_data(repos: Repositories) -> None:
    assert repos.usage.by_app(date(2000, 1, 1), date(2100, 1, 1)) == []
    assert repos.usage.by_category(date(2000, 1, 1), date(2100, 1, 1)) == []
