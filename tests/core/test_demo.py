from collections import defaultdict
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from statistics import mean

from wellbeing_app.core.days import day_of
from wellbeing_app.core.demo import generate

NOW = datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=1)))


def test_demo_is_deterministic_for_a_seed() -> None:
    assert generate(NOW, days=10, seed=3) == generate(NOW, days=10, seed=3)
    assert generate(NOW, days=10, seed=3) != generate(NOW, days=10, seed=4)


def test_spans_never_overlap_cross_an_hour_or_reach_the_future() -> None:
    data = generate(NOW, days=30)
    spans = sorted(data.spans, key=lambda s: s.start)
    for before, after in pairwise(spans):
        assert before.end <= after.start
    for span in spans:
        assert span.end <= NOW.timestamp()
        assert span.seconds >= 30
        local_start = span.start + span.utc_offset
        assert (local_start // 3600) == ((span.end + span.utc_offset - 1e-3) // 3600)


def test_usage_is_shaped_like_a_life_not_uniform() -> None:
    data = generate(NOW, days=60)
    by_hour: dict[int, float] = defaultdict(float)
    weekday_slack = weekend_slack = 0.0
    for span in data.spans:
        hour = int((span.start + span.utc_offset) // 3600 % 24)
        by_hour[hour] += span.seconds
        weekday = day_of(span.start, span.utc_offset, 4).weekday()
        if span.app == "Slack":
            if weekday < 5:
                weekday_slack += span.seconds
            else:
                weekend_slack += span.seconds
    assert by_hour[21] > 3 * by_hour[6]  # evening peak
    assert weekday_slack > 0 and weekend_slack == 0  # work chat on weekdays only
    assert len({span.app for span in data.spans}) >= 8


def test_mood_dips_on_heavy_days() -> None:
    data = generate(NOW, days=60)
    usage: dict[object, float] = defaultdict(float)
    for span in data.spans:
        usage[day_of(span.start, span.utc_offset, 4)] += span.seconds
    moods: dict[object, list[int]] = defaultdict(list)
    for entry in data.moods:
        moods[(entry.at - timedelta(hours=4)).date()].append(entry.score)
    days = sorted(moods, key=lambda d: usage[d])
    light, heavy = days[: len(days) // 3], days[-len(days) // 3 :]
    assert mean(mean(moods[d]) for d in light) > mean(mean(moods[d]) for d in heavy)


def test_other_journal_parts_are_present_on_some_days() -> None:
    data = generate(NOW, days=60)
    assert 10 < len(data.gratitude) < 50
    gaps = {(b.at - a.at).days for a, b in pairwise(data.checkins)}
    assert len(data.checkins) == 5 and gaps == {14}  # every two weeks
    outcomes = {event.outcome for event in data.break_events}
    assert {"taken", "skipped", "snoozed"} <= outcomes
    assert data.limits
