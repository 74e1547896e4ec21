"""Gratitude prompts rotate by day and skip recent ones; the streak counts what was done."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.gratitude import (
    AVOID_RECENT,
    DEFAULT_PROMPT,
    Streak,
    load_prompts,
    prompt_for,
    streak,
    streak_text,
)

RESOURCE = Path(__file__).resolve().parents[2] / "resources" / "gratitude_prompts.json"
TODAY = date(2026, 11, 21)


@cache
def shipped() -> tuple[str, ...]:
    return load_prompts(RESOURCE.read_text(encoding="utf-8"))


def days_ago(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=offset) for offset in offsets}


# --- prompts -------------------------------------------------------------------------------


def test_shipped_prompts_are_many_varied_and_kind() -> None:
    prompts = shipped()
    assert len(prompts) >= 30
    assert len(set(prompts)) == len(prompts)
    assert all(prompt.endswith("?") for prompt in prompts)
    for prompt in prompts:
        lowered = prompt.lower()
        assert not any(word in lowered for word in ("should", "must", "fail", "never", "why not"))


def test_same_day_same_prompt_and_next_day_another() -> None:
    prompts = shipped()
    assert prompt_for(TODAY, prompts) == prompt_for(TODAY, prompts)
    assert prompt_for(TODAY, prompts) != prompt_for(TODAY + timedelta(days=1), prompts)


def test_a_month_of_prompts_never_repeats_with_a_long_enough_list() -> None:
    prompts = shipped()
    month = [prompt_for(TODAY + timedelta(days=offset), prompts) for offset in range(30)]
    assert len(set(month)) == 30


def test_recently_shown_prompts_are_skipped() -> None:
    prompts = ("a?", "b?", "c?", "d?")
    today = prompt_for(TODAY, prompts)
    moved = prompt_for(TODAY, prompts, recent=[today])
    assert moved != today
    assert moved == prompts[(prompts.index(today) + 1) % 4]
    # Every prompt recently shown: fall back to the day's own rather than nothing.
    assert prompt_for(TODAY, prompts, recent=list(prompts)) == today


def test_only_the_last_few_shown_count_as_recent() -> None:
    prompts = shipped()
    today = prompt_for(TODAY, prompts)
    others = [p for p in prompts if p != today][:AVOID_RECENT]
    assert prompt_for(TODAY, prompts, recent=[today, *others]) == today


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    recent=st.lists(st.integers(min_value=0, max_value=35), max_size=10),
)
def test_a_prompt_from_the_list_avoiding_recent_ones(day: date, recent: list[int]) -> None:
    prompts = shipped()
    shown = [prompts[index] for index in recent]
    chosen = prompt_for(day, prompts, shown)
    assert chosen in prompts
    assert chosen not in shown[-AVOID_RECENT:]


def test_no_prompts_still_gives_a_prompt() -> None:
    assert prompt_for(TODAY, ()) == DEFAULT_PROMPT


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[", "not valid JSON"),
        ("[]", "must be a JSON object with a list of 'prompts'"),
        (json.dumps({"prompts": []}), "has no prompts"),
        (json.dumps({"prompts": ["ok?", 3]}), "Prompt 2 in the gratitude prompt list must be"),
        (
            json.dumps({"prompts": ["ok?", " ok? "]}),
            "Prompt 2 in the gratitude prompt list repeats",
        ),
        (json.dumps({"prompts": ["ok?"], "extra": 1}), "unknown field 'extra'"),
    ],
)
def test_broken_prompt_lists_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        load_prompts(text)


# --- streak --------------------------------------------------------------------------------


def test_no_entries() -> None:
    assert streak(set(), TODAY) == Streak(0, 0, 0, False)


def test_streak_over_gaps() -> None:
    # Today, yesterday, then a gap, then a three-day run last week, and an old five-day run.
    days = days_ago(0, 1, 3, 4, 5) | days_ago(12, 13, 14, 15, 16)
    result = streak(days, TODAY)
    assert result.days_in_last_7 == 5
    assert result.longest_in_last_30 == 5
    assert result.current == 2
    assert result.written_today


def test_today_not_written_yet_does_not_break_the_run() -> None:
    result = streak(days_ago(1, 2, 3), TODAY)
    assert result.current == 3
    assert not result.written_today
    assert result.days_in_last_7 == 3


def test_only_the_last_30_days_count_and_future_days_are_ignored() -> None:
    days = days_ago(29, 30, 31, 32) | {TODAY + timedelta(days=1)}
    result = streak(days, TODAY)
    assert result.longest_in_last_30 == 1
    assert result.days_in_last_7 == 0
    assert streak(days_ago(*range(40)), TODAY).longest_in_last_30 == 30


def test_last_7_counts_today_and_six_days_before() -> None:
    assert streak(days_ago(6), TODAY).days_in_last_7 == 1
    assert streak(days_ago(7), TODAY).days_in_last_7 == 0


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (days_ago(0), "Good things written on 1 of the last 7 days."),
        (days_ago(0, 2, 4, 6), "Good things written on 4 of the last 7 days."),
        (
            days_ago(0, 1, 2, 5),
            "Good things written on 4 of the last 7 days. That's 3 days in a row.",
        ),
        (
            days_ago(2) | days_ago(*range(10, 16)),
            "Good things written on 1 of the last 7 days. "
            "Longest run in the last 30 days: 6 days in a row.",
        ),
        (days_ago(*range(7)), "Good things written on every one of the last 7 days. Lovely."),
    ],
)
def test_streak_text_counts_what_was_done(days: set[date], expected: str) -> None:
    assert streak_text(streak(days, TODAY)) == expected


@pytest.mark.parametrize("days", [set(), days_ago(8, 9, 10, 11, 12), days_ago(25)])
def test_a_quiet_week_is_an_invitation_not_a_reproach(days: set[date]) -> None:
    text = streak_text(streak(days, TODAY))
    assert "Whenever you like" in text
    assert "0" not in text


@given(st.sets(st.integers(min_value=0, max_value=40)))
def test_streak_wording_never_shames(offsets: set[int]) -> None:
    text = streak_text(streak(days_ago(*offsets), TODAY)).lower()
    for word in ("0 of", "zero", "broke", "lost", "reset", "missed", "fail", "only", "again"):
        assert word not in text
