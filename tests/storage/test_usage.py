from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

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


def _rollup_matches_spans(repos: Repositories) -> bool:
    """usage_hours holds exactly the per-(local hour, app, category) sums of usage_spans.

    An hour with no time in it may be there or not: it adds nothing to any total.
    """
    db = repos.db
    expected = db.execute(
        "SELECT CAST((start + utc_offset) / 3600 AS INTEGER), app, category, sum(end - start)"
        " FROM usage_spans GROUP BY 1, 2, 3 HAVING abs(sum(end - start)) >= 1e-6 ORDER BY 1, 2, 3"
    ).fetchall()
    actual = db.execute(
        "SELECT hour, app, category, seconds FROM usage_hours WHERE abs(seconds) >= 1e-6"
        " ORDER BY 1, 2, 3"
    ).fetchall()
    return len(expected) == len(actual) and all(
        e[:3] == a[:3] and e[3] == pytest.approx(a[3])
        for e, a in zip(expected, actual, strict=True)
    )


def test_hour_rollup_follows_inserts_extensions_moves_and_deletes(filled: Repositories) -> None:
    from wellbeing_app.storage.tracking_store import SpanWriter

    assert _rollup_matches_spans(filled)
    writer = SpanWriter(filled.db)
    open_span = span(21, 11, 0, 1, "Discord", "chat")
    writer.commit([], open_span)
    writer.commit([], UsageSpan(open_span.start, open_span.end + 120, 3600, "Discord", "chat"))
    assert _rollup_matches_spans(filled)
    filled.db.execute(
        "UPDATE usage_spans SET app = 'Slack', category = 'chat' WHERE app = 'Reddit'"
    )
    filled.db.execute("UPDATE usage_spans SET start = start + 3600, end = end + 3600")
    assert _rollup_matches_spans(filled)
    filled.db.execute("DELETE FROM usage_spans WHERE app = 'Instagram'")
    assert _rollup_matches_spans(filled)
    assert "Instagram" not in {row[0] for row in filled.db.execute("SELECT app FROM usage_hours")}
    assert filled.usage.by_app(date(2026, 11, 21), date(2026, 11, 21))[0].app == "Discord"


# One step of a random history: add a span (possibly zero-length, possibly at a half-hour
# offset), extend the newest one, move one to another app, or delete one.
_steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.integers(0, 40),  # quarter hours after the base time
            st.sampled_from([0.0, 30.0, 600.0]),
            st.sampled_from(["Discord", "Reddit"]),
            st.sampled_from([0, 3600, 19800]),
        ),
        st.tuples(st.just("extend"), st.sampled_from([0.0, 1.0, 45.5])),
        st.tuples(st.just("rename"), st.integers(0, 20)),
        st.tuples(st.just("delete"), st.integers(0, 20)),
    ),
    max_size=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Two empty spans in one hour, the first deleted (taking the hour's row with it), then the
# second extended: its time must still be counted.
@example(steps=[("add", 0, 0.0, "Discord", 0)] * 2 + [("delete", 0), ("extend", 45.5)])
@given(steps=_steps)
def test_hour_rollup_always_equals_the_spans(
    repos: Repositories, steps: list[tuple[object, ...]]
) -> None:
    db = repos.db
    db.execute("DELETE FROM usage_spans")
    base = datetime(2026, 11, 21, 8, 0, tzinfo=PLUS1).timestamp()
    for step in steps:
        ids = [row[0] for row in db.execute("SELECT id FROM usage_spans ORDER BY id")]
        if step[0] == "add":
            _, quarter, length, app, offset = step
            start = base + quarter * 900
            repos.usage.add_spans([UsageSpan(start, start + length, offset, app, "chat")])
        elif step[0] == "extend" and ids:
            db.execute("UPDATE usage_spans SET end = end + ? WHERE id = ?", (step[1], ids[-1]))
        elif step[0] == "rename" and ids:
            db.execute(
                "UPDATE usage_spans SET app = 'Slack' WHERE id = ?", (ids[step[1] % len(ids)],)
            )
        elif step[0] == "delete" and ids:
            db.execute("DELETE FROM usage_spans WHERE id = ?", (ids[step[1] % len(ids)],))
        assert _rollup_matches_spans(repos)
