"""Daily series, correlations with their intervals, break habits and the weekly summary.

The numbers are checked against values worked out by hand (shown in the comments), so a change in
the formulas cannot pass unnoticed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import BreakEvent, DayAppTotal, MoodEntry
from wellbeing_app.core.stats import (
    MIN_N,
    Association,
    Correlation,
    DayValue,
    break_adherence,
    daily_community_minutes,
    daily_mood,
    days_in,
    gratitude_vs_mood,
    is_first_day_of_week,
    paired,
    pearson,
    summary_due,
    t_95,
    top_associations,
    usage_associations,
    usage_vs_mood,
    week_that_ended,
    weekly_summary,
)
from wellbeing_app.storage.repositories import open_repositories

CET = timezone(timedelta(hours=1))
START = date(2026, 10, 1)
MONDAY = date(2026, 11, 23)  # the Monday after the fixture clock's Saturday


def series(values: list[float | None], start: date = START) -> tuple[DayValue, ...]:
    return tuple(DayValue(start + timedelta(days=i), v) for i, v in enumerate(values))


def mood(day: date, hour: int, score: int) -> MoodEntry:
    return MoodEntry(datetime(day.year, day.month, day.day, hour, tzinfo=CET), score)


def at(day: date, hour: int = 20) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CET)


# --- daily series --------------------------------------------------------------------------


def test_days_in_includes_both_ends_and_is_empty_when_reversed() -> None:
    assert days_in(date(2026, 1, 30), date(2026, 2, 2)) == (
        date(2026, 1, 30),
        date(2026, 1, 31),
        date(2026, 2, 1),
        date(2026, 2, 2),
    )
    assert days_in(date(2026, 2, 2), date(2026, 2, 1)) == ()


def test_daily_mood_averages_each_local_day_and_keeps_empty_days() -> None:
    first = date(2026, 11, 16)
    moods = [
        mood(first, 9, 2),
        mood(first, 21, 4),
        # 02:00 on the 18th belongs to the 17th: days start at 04:00.
        mood(date(2026, 11, 18), 2, 5),
        mood(date(2026, 11, 19), 10, 1),
    ]
    days = daily_mood(moods, first, date(2026, 11, 20), day_start_hour=4)
    assert [d.day for d in days] == list(days_in(first, date(2026, 11, 20)))
    assert [d.value for d in days] == [3.0, 5.0, None, 1.0, None]


def test_daily_mood_with_midnight_day_start() -> None:
    days = daily_mood([mood(date(2026, 11, 18), 2, 5)], date(2026, 11, 17), date(2026, 11, 18), 0)
    assert [d.value for d in days] == [None, 5.0]


def test_daily_community_minutes_sums_apps_and_tells_zero_from_untracked() -> None:
    first, last = date(2026, 11, 1), date(2026, 11, 5)
    totals = [
        DayAppTotal(date(2026, 11, 3), "Discord", "chat", 600),
        DayAppTotal(date(2026, 11, 3), "Reddit", "forum", 1200),
        DayAppTotal(date(2026, 11, 5), "Reddit", "forum", 60),
        DayAppTotal(date(2026, 12, 1), "Reddit", "forum", 60),  # outside the range
    ]
    plain = daily_community_minutes(totals, first, last)
    assert [d.value for d in plain] == [0.0, 0.0, 30.0, 0.0, 1.0]
    tracked = daily_community_minutes(totals, first, last, tracked_since=date(2026, 11, 3))
    assert [d.value for d in tracked] == [None, None, 30.0, 0.0, 1.0]
    forums = daily_community_minutes(totals, first, last, categories={"forum"})
    assert [d.value for d in forums] == [0.0, 0.0, 20.0, 0.0, 1.0]


def test_usage_before_tracked_since_still_counts() -> None:
    totals = [DayAppTotal(date(2026, 11, 1), "Reddit", "forum", 120)]
    days = daily_community_minutes(totals, date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 2))
    assert [d.value for d in days] == [2.0, 0.0]


# --- pairing and correlation ---------------------------------------------------------------


def test_pairs_skip_days_missing_either_value() -> None:
    usage = series([10, None, 30, 40, 50])
    moods = series([1, 2, None, 4])  # no mood on the 5th day at all
    assert paired(usage, moods) == ((10, 1), (40, 4))


def test_lag_one_pairs_usage_on_a_day_with_mood_the_day_after() -> None:
    usage = series([10, 20, 30])
    moods = series([1, 2, 3, 4])
    assert paired(usage, moods, lag_days=1) == ((10, 2), (20, 3), (30, 4))


def test_a_perfect_line_gives_r_of_one_and_a_point_interval() -> None:
    up = pearson([(x, 2 * x + 1) for x in range(12)])
    assert up == Correlation(12, 1.0, 1.0, 1.0)
    down = pearson([(x, 5 - 0.3 * x) for x in range(12)])
    assert down is not None
    assert (down.r, down.low, down.high) == (-1.0, -1.0, -1.0)
    assert up.clear
    assert down.clear


def test_pearson_and_fisher_interval_match_a_hand_computation() -> None:
    # x = 1..5, y = 2 4 5 4 5: deviations x -2 -1 0 1 2, y -2 0 1 0 1
    # sxy = 4 + 2 = 6, sxx = 10, syy = 6, r = 6 / sqrt(60) = 0.7746
    # z = atanh(r) = 1.0317, half-width 1.96 / sqrt(5 - 3) = 1.3859
    # low = tanh(-0.3542) = -0.3401, high = tanh(2.4176) = 0.9842
    found = pearson([(1, 2), (2, 4), (3, 5), (4, 4), (5, 5)])
    assert found is not None
    assert found.n == 5
    assert found.r == pytest.approx(0.7746, abs=5e-4)
    assert found.low == pytest.approx(-0.3401, abs=5e-4)
    assert found.high == pytest.approx(0.9842, abs=5e-4)
    assert not found.clear  # the interval includes 0


def test_interval_narrows_as_days_add_up() -> None:
    small = pearson([(x, x + (-1) ** x * 3) for x in range(10)])
    large = pearson([(x, x + (-1) ** x * 3) for x in range(40)])
    assert small is not None
    assert large is not None
    assert large.high - large.low < small.high - small.low


@pytest.mark.parametrize(
    "pairs",
    [
        [],
        [(1, 2), (2, 3), (3, 5)],  # n < 4
        [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3)],  # mood never changes
        [(2, 1), (2, 2), (2, 3), (2, 4)],  # usage never changes
    ],
)
def test_pearson_needs_four_pairs_and_variation(pairs: list[tuple[float, float]]) -> None:
    assert pearson(pairs) is None


# --- usage and mood ------------------------------------------------------------------------


def noisy_down(n: int) -> tuple[tuple[DayValue, ...], tuple[DayValue, ...]]:
    """More minutes, lower mood, with a little noise so r is not exactly -1."""
    usage = [60.0 * (i % 7) for i in range(n)]
    moods = [4.5 - 0.5 * (i % 7) + (0.4 if i % 3 == 0 else 0.0) for i in range(n)]
    return series(list(usage)), series(list(moods))


def test_below_min_n_nothing_is_reported() -> None:
    usage, moods = noisy_down(MIN_N - 1)
    assert usage_vs_mood(usage, moods) is None
    usage, moods = noisy_down(MIN_N)
    found = usage_vs_mood(usage, moods)
    assert found is not None
    assert found.n == MIN_N


def test_missing_days_are_left_out_of_n() -> None:
    usage, moods = noisy_down(20)
    gappy = tuple(DayValue(d.day, None if i % 4 == 0 else d.value) for i, d in enumerate(moods))
    found = usage_vs_mood(usage, gappy)
    assert found is not None
    assert found.n == 15


def test_wording_is_plain_and_says_association_not_cause() -> None:
    usage, moods = noisy_down(30)
    found = usage_vs_mood(usage, moods)
    assert found is not None
    assert found.correlation.r < -0.5
    assert found.label == "Community time and mood (same day)"
    assert found.wording.startswith(
        "On days with more community time your mood tended to be lower (r = −0."
    )
    assert re.search(r"95 % CI −0\.\d\d to −0\.\d\d, n = 30 days\)", found.wording)
    assert found.wording.endswith("This is an association, not proof of cause.")
    assert "-" not in found.wording  # a real minus sign, not a hyphen


def test_next_day_wording() -> None:
    usage, moods = noisy_down(30)
    shifted = tuple(DayValue(d.day + timedelta(days=1), d.value) for d in moods)
    found = usage_vs_mood(usage, shifted, lag_days=1)
    assert found is not None
    assert found.lag_days == 1
    assert found.label == "Community time and mood (next day)"
    assert found.wording.startswith(
        "After days with more community time your mood the next day tended to be lower"
    )
    # Same-day pairing of the shifted series is a different, weaker story.
    same_day = usage_vs_mood(usage, shifted, lag_days=0)
    assert same_day is not None
    assert abs(same_day.correlation.r) < abs(found.correlation.r)


def test_no_clear_link_is_said_so() -> None:
    usage = series([float(i) for i in range(12)])
    moods = series([3, 4, 3, 2, 4, 3, 2, 3, 4, 2, 3, 4])
    found = usage_vs_mood(usage, moods)
    assert found is not None
    assert not found.clear
    assert found.wording.startswith("So far there is no clear link between community time")
    assert "association, not proof of cause" in found.wording
    assert "tended" not in found.wording


def test_weak_but_clear_links_are_called_a_little() -> None:
    usage = series([float(i % 10) for i in range(200)])
    moods = series([3.0 + (0.3 if i % 10 >= 5 else 0.0) + (i % 3) * 0.6 for i in range(200)])
    found = usage_vs_mood(usage, moods)
    assert found is not None
    assert found.clear
    assert 0 < found.correlation.r < 0.3
    assert "tended to be a little higher" in found.wording


def make_association(label: str, r: float, low: float, high: float) -> Association:
    return Association(label, 30, Correlation(30, r, low, high), 0, label)


def test_top_associations_prefer_clear_then_strong() -> None:
    unclear_strong = make_association("a", -0.6, -0.9, 0.1)
    clear_weak = make_association("b", 0.3, 0.05, 0.5)
    clear_strong = make_association("c", -0.5, -0.7, -0.2)
    found = top_associations([unclear_strong, None, clear_weak, clear_strong], limit=2)
    assert [a.label for a in found] == ["c", "b"]
    assert top_associations([None]) == ()


def test_usage_associations_cover_all_and_each_category() -> None:
    first = date(2026, 10, 1)
    totals = []
    moods = []
    for i in range(20):
        day = first + timedelta(days=i)
        totals.append(DayAppTotal(day, "Reddit", "forum", 600.0 * (i % 5)))
        totals.append(DayAppTotal(day, "Slack", "chat", 300.0 * (i % 3)))
        moods.append(mood(day, 20, 5 - i % 5))
    mood_days = daily_mood(moods, first, first + timedelta(days=19), 4)
    found = usage_associations(totals, mood_days)
    labels = {a.label for a in found}
    assert "Community time and mood (same day)" in labels
    assert "Time in forum apps and mood (same day)" in labels
    assert "Time in chat apps and mood (next day)" in labels
    best = top_associations(found, limit=1)[0]
    assert best.label == "Time in forum apps and mood (same day)"
    assert best.correlation.r == pytest.approx(-1.0)
    assert usage_associations(totals, ()) == ()


# --- gratitude and mood --------------------------------------------------------------------


@pytest.mark.parametrize(("df", "expected"), [(1, 12.706), (3, 3.182), (6, 2.447), (10, 2.228)])
def test_t_critical_values_match_tables(df: float, expected: float) -> None:
    assert t_95(df) == pytest.approx(expected, abs=1e-3)


def test_t_critical_value_beyond_the_table() -> None:
    assert t_95(30) == pytest.approx(2.042, abs=1e-3)
    assert t_95(6.9) == t_95(6)  # Welch's fractional df rounds down
    assert t_95(10_000) == pytest.approx(1.960, abs=1e-3)


def test_gratitude_comparison_matches_a_hand_computation() -> None:
    # With an entry: 4 5 4 5 (mean 4.5, variance 1/3); without: 3 2 3 2 3 2 (2.5, 0.3).
    # se = sqrt(1/12 + 1/20) = 0.3651; Welch df = 6.3 -> 6, t = 2.447; 2.0 ± 0.8935.
    moods = series([4, 3, 5, 2, 4, 3, 5, 2, 3, 2, None])
    written = {START, START + timedelta(days=2), START + timedelta(days=4)}
    written |= {START + timedelta(days=6), START + timedelta(days=10)}  # no mood that day
    found = gratitude_vs_mood(written, moods)
    assert found is not None
    assert (found.present.n, found.absent.n, found.n) == (4, 6, 10)
    assert found.present.mean == 4.5
    assert found.absent.mean == 2.5
    assert found.difference == 2.0
    assert found.low == pytest.approx(1.1065, abs=1e-3)
    assert found.high == pytest.approx(2.8935, abs=1e-3)
    assert found.clear
    assert found.wording.startswith("On days you wrote down good things your mood tended to be")
    assert "4.5 on 4 days with an entry, 2.5 on 6 days without" in found.wording
    assert found.wording.endswith("This is an association, not proof of cause.")


def test_gratitude_comparison_needs_enough_days_on_each_side() -> None:
    moods = series([3.0] * 12)
    assert gratitude_vs_mood({START, START + timedelta(days=1)}, moods) is None
    assert gratitude_vs_mood(set(), moods) is None
    assert gratitude_vs_mood({START}, series([3.0] * 5)) is None


def test_gratitude_comparison_with_no_difference() -> None:
    moods = series([3, 4] * 6)
    written = {START + timedelta(days=i) for i in (0, 1, 2, 3)}
    found = gratitude_vs_mood(written, moods)
    assert found is not None
    assert not found.clear
    assert found.wording.startswith("So far there is no clear difference")


# --- breaks --------------------------------------------------------------------------------


def test_break_adherence_counts_prompts_outcomes_and_reasons() -> None:
    day = date(2026, 11, 20)
    events = [
        BreakEvent(at(day), "continuous_use", "shown"),
        BreakEvent(at(day), "continuous_use", "snoozed"),
        BreakEvent(at(day), "continuous_use", "shown"),
        BreakEvent(at(day), "continuous_use", "taken", activity_id="stretch"),
        BreakEvent(at(day), "daily_limit", "shown", "Reddit"),
        BreakEvent(at(day), "daily_limit", "skipped", "Reddit", "not now"),
        BreakEvent(at(day), "daily_limit", "shown", "Reddit"),
        BreakEvent(at(day), "daily_limit", "dismissed", "Reddit"),
        BreakEvent(at(day), "continuous_use", "shown"),
        BreakEvent(at(day), "continuous_use", "skipped", reason="cut short after 2 min"),
        BreakEvent(at(day), "continuous_use", "shown"),
        BreakEvent(at(day), "continuous_use", "skipped", reason="  not   now "),
        BreakEvent(at(day), "heads_up", "shown", "Reddit"),
        BreakEvent(at(day), "heads_up", "shown", "Discord"),
        BreakEvent(at(day), "quiet_hours", "shown", "X"),
    ]
    stats = break_adherence(events)
    assert (stats.shown, stats.taken, stats.snoozed, stats.skipped, stats.dismissed) == (
        6,
        1,
        1,
        3,
        1,
    )
    assert (stats.heads_ups, stats.quiet_hours_nudges) == (2, 1)
    assert stats.decided == 5
    assert stats.share_taken == pytest.approx(0.2)
    assert stats.skip_reasons == (
        ("not now", 2),
        ("came back before the break ended", 1),
        ("no reason given", 1),
    )


def test_break_adherence_without_shown_records_counts_the_outcomes() -> None:
    day = date(2026, 11, 20)
    events = [BreakEvent(at(day), "continuous_use", o) for o in ("taken", "snoozed", "taken")]
    stats = break_adherence(events)
    assert stats.shown == 3
    assert stats.share_taken == 1.0


def test_break_adherence_of_nothing() -> None:
    stats = break_adherence([])
    assert stats.is_empty
    assert stats.share_taken is None
    assert stats.skip_reasons == ()


# --- weekly summary ------------------------------------------------------------------------


def test_week_that_ended_and_when_the_summary_is_due() -> None:
    assert week_that_ended(MONDAY) == (date(2026, 11, 16), date(2026, 11, 22))
    assert week_that_ended(date(2026, 11, 29)) == (date(2026, 11, 16), date(2026, 11, 22))
    assert is_first_day_of_week(MONDAY)
    assert not is_first_day_of_week(MONDAY + timedelta(days=1))
    assert summary_due(MONDAY, None)
    assert summary_due(MONDAY, MONDAY - timedelta(days=1))
    assert not summary_due(MONDAY, MONDAY)
    # Someone away on Monday sees it on Wednesday, once.
    assert summary_due(MONDAY + timedelta(days=2), MONDAY - timedelta(days=7))
    assert not summary_due(MONDAY + timedelta(days=2), MONDAY + timedelta(days=2))


def two_weeks(
    this_week_hours: float, last_week_hours: float
) -> tuple[list[DayAppTotal], list[MoodEntry]]:
    first, _ = week_that_ended(MONDAY)
    totals = []
    moods = []
    for i in range(7):
        this_day = first + timedelta(days=i)
        before = this_day - timedelta(days=7)
        totals.append(DayAppTotal(this_day, "Reddit", "forum", this_week_hours * 3600 / 7))
        totals.append(DayAppTotal(before, "Reddit", "forum", last_week_hours * 3600 / 7))
        moods.append(mood(this_day, 20, 4 if i % 2 else 3))
        moods.append(mood(before, 20, 2))
    return totals, moods


def test_weekly_summary_compares_with_the_week_before() -> None:
    totals, moods = two_weeks(10, 14)
    first, last = week_that_ended(MONDAY)
    gratitude = {first, first + timedelta(days=3), first - timedelta(days=1)}
    events = [
        BreakEvent(at(first + timedelta(days=1)), "continuous_use", "taken"),
        BreakEvent(at(first + timedelta(days=2)), "continuous_use", "skipped"),
        BreakEvent(at(first - timedelta(days=2)), "continuous_use", "taken"),  # week before
    ]
    summary = weekly_summary(MONDAY, totals, moods, gratitude, events, day_start_hour=4)
    assert (summary.first, summary.last) == (first, last)
    assert summary.community_seconds == pytest.approx(10 * 3600)
    assert summary.previous_community_seconds == pytest.approx(14 * 3600)
    assert summary.mood_average == pytest.approx(24 / 7)
    assert summary.previous_mood_average == 2.0
    assert (summary.mood_days, summary.gratitude_days) == (7, 2)
    assert (summary.break_prompts, summary.breaks_taken) == (2, 1)
    assert summary.title == "Your week, 16 Nov – 22 Nov"
    assert summary.lines == (
        "You spent 10 h 00 min in online communities, 4 h 00 min less than the week before.",
        "Your mood averaged 3.4 out of 5 over 7 days with a check-in, up from 2.0 the week before.",
        "You noted good things on 2 of 7 days.",
        "You took 1 break when a prompt came up.",
    )
    assert summary.text.startswith("Your week, 16 Nov – 22 Nov\nYou spent")


def test_weekly_summary_more_time_and_about_the_same() -> None:
    more = weekly_summary(MONDAY, *two_weeks(12, 10), (), (), 4)
    assert more.lines[0].endswith("2 h 00 min more than the week before.")
    same = weekly_summary(MONDAY, *two_weeks(10.1, 10), (), (), 4)
    assert same.lines[0].endswith("about the same as the week before.")


def test_weekly_summary_before_tracking_began_makes_no_comparison() -> None:
    totals, moods = two_weeks(10, 0)
    first, _ = week_that_ended(MONDAY)
    summary = weekly_summary(MONDAY, totals, moods, (), (), 4, tracked_since=first)
    assert summary.previous_community_seconds is None
    assert summary.lines[0] == "You spent 10 h 00 min in online communities."


FORBIDDEN = re.compile(
    r"\b(fail\w*|should|must|only|bad|worse|too much|missed|lost|broke|poor|guilt\w*|wast\w*"
    r"|addict\w*|shame\w*|disappoint\w*|again|streak)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    ("this_week", "last_week", "with_moods", "taken"),
    [(30, 10, True, 0), (10, 30, True, 2), (0, 0, False, 0), (20, 20, False, 1)],
)
def test_weekly_summary_is_never_shaming(
    this_week: float, last_week: float, with_moods: bool, taken: int
) -> None:
    totals, moods = two_weeks(this_week, last_week)
    first, _ = week_that_ended(MONDAY)
    events = [BreakEvent(at(first), "continuous_use", "skipped")] * 3
    events += [BreakEvent(at(first), "daily_limit", "taken")] * taken
    summary = weekly_summary(MONDAY, totals, moods if with_moods else [], (), events, 4)
    for line in (summary.title, *summary.lines):
        assert not FORBIDDEN.search(line), line
    assert all(line.endswith(".") for line in summary.lines)


def test_an_empty_week_reads_as_an_invitation() -> None:
    summary = weekly_summary(MONDAY, [], [], (), [], 4)
    assert summary.mood_average is None
    assert summary.lines == (
        "Hardly any time in online communities was recorded this week.",
        "There were no mood check-ins this week; a quick one whenever you like is plenty.",
        "Noting one good thing, on any day you like, is there whenever you want it.",
    )


def test_break_line_when_none_were_taken() -> None:
    first, _ = week_that_ended(MONDAY)
    events = [BreakEvent(at(first), "continuous_use", "snoozed")] * 2
    summary = weekly_summary(MONDAY, [], [], (), events, 4)
    assert summary.lines[-1] == "Break prompts came up twice; each one is a fresh choice."


# --- with the demo data --------------------------------------------------------------------


def test_demo_data_show_the_built_in_link_between_heavy_days_and_mood(
    tmp_path: Path, clock: FixedClock
) -> None:
    fill_demo(tmp_path / "d", clock, days=60)
    repos = open_repositories(tmp_path / "d")
    try:
        last = date(2026, 11, 21)
        first = last - timedelta(days=59)
        totals = repos.usage.by_day(first, last)
        moods = repos.moods.between(at(first, 0), at(last + timedelta(days=2), 0))
        events = repos.breaks.between(at(first, 0), at(last + timedelta(days=2), 0))
        gratitude = repos.gratitude.days_with_entries(first, last)
    finally:
        repos.close()
    mood_days = daily_mood(moods, first, last, 4)
    usage_days = daily_community_minutes(totals, first, last, tracked_since=first)
    assert len(mood_days) == len(usage_days) == 60
    same_day = usage_vs_mood(usage_days, mood_days)
    assert same_day is not None
    assert same_day.clear
    assert same_day.correlation.r < 0
    assert same_day.n == sum(1 for d in mood_days if d.value is not None)
    assert usage_vs_mood(usage_days, mood_days, lag_days=1) is not None
    assert gratitude_vs_mood(gratitude, mood_days) is not None
    stats = break_adherence(events)
    assert stats.shown == len(events)
    assert stats.taken + stats.snoozed + stats.skipped == stats.shown
    summary = weekly_summary(last, totals, moods, gratitude, events, 4, tracked_since=first)
    assert (summary.first, summary.last) == (date(2026, 11, 9), date(2026, 11, 15))
    assert len(summary.lines) == 4
