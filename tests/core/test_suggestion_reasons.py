"""Every reason a suggestion gives is true of the person's data: copy says only what is known.

Histories are built (never done, done n times without saying how it went, helped k of n, only
skipped, the person's own activity), moments too (with and without a stated time budget, each
time of day, each prompt, mood and energy known or not), and every clause of every "why" is
checked against them by an oracle that knows what each phrase claims. A phrase the oracle does not
know fails the test, so new copy has to say what it claims.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from wellbeing_app.core.activities import Activity, parse_activities
from wellbeing_app.core.suggestions import (
    ActivityRecord,
    Outcome,
    SuggestionContext,
    explain,
    history_from,
    suggest,
)
from wellbeing_app.resources import read_text

CATALOG = parse_activities(read_text("activities.json"))
BY_ID = {activity.id: activity for activity in CATALOG}
CET = timezone(timedelta(hours=1))
MOMENTS = {  # time of day -> a moment in it
    "morning": datetime(2026, 11, 21, 8, 30, tzinfo=CET),
    "afternoon": datetime(2026, 11, 21, 14, 0, tzinfo=CET),
    "evening": datetime(2026, 11, 21, 19, 0, tzinfo=CET),
    "night": datetime(2026, 11, 21, 23, 30, tzinfo=CET),
}
WALK = "walk-around-the-block"
OWN = Activity("my-feed-the-ducks", "Feed the ducks", "nature", 10, custom=True)

HISTORIES = {
    "never": [],
    "logged ten times": [Outcome(WALK, True)] * 10,
    "logged once": [Outcome(WALK, True)],
    "helped 3 of 4": [Outcome(WALK, True, helped=h) for h in (True, True, False, True)],
    "helped 1 of 2, logged 5": [Outcome(WALK, True, helped=h) for h in (True, False)]
    + [Outcome(WALK, True)] * 5,
    "never helped": [Outcome(WALK, True, 3, 2), Outcome(WALK, True, helped=False)],
    "never helped, logged 2": [Outcome(WALK, True, helped=False)] + [Outcome(WALK, True)] * 2,
    "only skipped": [Outcome(WALK, False)] * 3,
}


def _n(text: str) -> int:
    return int(text)


def _claims(
    why: str, activity: Activity, context: SuggestionContext, record: ActivityRecord
) -> Iterator[tuple[str, bool]]:
    """(clause, is it true?) for every clause of ``why``; an unknown clause is never true."""
    assert why.endswith(".") and why.count(";") == 1, why
    moment, reasons = why[:-1].split("; ")
    clauses = re.split(r" and (?=have |you have )|, and ", moment) + reasons.split(", and ")
    its = {"morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "late"}
    this = {"morning": "this morning", "afternoon": "this afternoon", "evening": "this evening"}
    for clause in clauses:
        minutes = re.fullmatch(
            r"(?:You |you )?have (\d+) minutes?(?: (this \w+|tonight))?(?: and it's (\w+))?",
            clause,
        )
        if minutes:
            number, when, it_is = minutes.groups()
            true = context.minutes_stated and int(number) == context.minutes
            if when:
                true = true and when == this.get(context.time_of_day, "tonight")
            if it_is:
                true = true and it_is == its[context.time_of_day]
            yield clause, true
        elif m := re.fullmatch(r"It's (\w+)", clause):
            yield clause, context.reason == "asked" and m.group(1) == its[context.time_of_day]
        elif clause == "You've been online for a while":
            yield clause, context.reason == "continuous_use"
        elif clause == "You've reached today's limit":
            yield clause, context.reason == "daily_limit"
        elif clause == "It's your quiet time":
            yield clause, context.reason == "quiet_hours"
        elif clause == "you haven't tried it yet":
            yield clause, record.done == 0 and not activity.custom
        elif clause == "you added it yourself":
            yield clause, activity.custom and record.done == 0
        elif m := re.fullmatch(r"you've done it (\d+) times?", clause):
            yield clause, record.tried == 0 and record.done == _n(m.group(1)) > 0
        elif m := re.fullmatch(r"it helped you (\d+) of (\d+) times?", clause):
            # "of 4 times" claims those were all the times: nothing logged without a verdict.
            helped, of = _n(m.group(1)), _n(m.group(2))
            yield clause, (helped, of) == (record.helped, record.done) and record.unknown == 0
        elif m := re.fullmatch(
            r"it helped you (\d+) of the (\d+) times? you said how it went", clause
        ):
            yield clause, (_n(m.group(1)), _n(m.group(2))) == (record.helped, record.tried)
        elif clause == "it hasn't helped yet, so it's one more try":
            yield clause, record.tried > 0 and record.helped == 0 and record.unknown == 0
        elif m := re.fullmatch(
            r"it didn't help the (\d+) times? you said how it went, so it's one more try", clause
        ):
            yield clause, record.helped == 0 and record.tried == _n(m.group(1)) > 0
        elif clause == "it's one of your favourites":
            yield clause, activity.id in context.favourites
        elif clause in (
            "talking to someone can help when things feel heavy",
            "a little company can help when you feel low",
            "it's gentle",
        ):
            low = context.mood is not None and context.mood <= 2
            kind = {
                "talking to someone can help when things feel heavy": activity.category
                == "support",
                "a little company can help when you feel low": activity.category == "friends-family"
                or activity.social == "social",
                "it's gentle": activity.energy == 1,
            }[clause]
            yield clause, low and kind
        elif clause == "it asks for little energy":
            yield (
                clause,
                context.energy is not None and context.energy <= 2 and activity.energy == 1,
            )
        elif clause == "it puts that energy to use":
            yield (
                clause,
                context.energy is not None and context.energy >= 4 and activity.energy == 3,
            )
        elif clause == "it gives your eyes and body a rest":
            yield clause, context.reason == "continuous_use"
        elif clause == "it's time with people instead of a screen":
            yield clause, context.reason == "daily_limit" and activity.social == "social"
        else:
            yield clause, False


def _assert_true(
    why: str, activity: Activity, context: SuggestionContext, record: ActivityRecord
) -> None:
    for clause, true in _claims(why, activity, context, record):
        assert true, (
            f"{clause!r} is not true of the data (why: {why!r}; record: {record}; {context})"
        )


CONTEXTS = [
    SuggestionContext(
        now=MOMENTS[when],
        minutes=minutes,
        minutes_stated=stated,
        reason=reason,  # type: ignore[arg-type]
        mood=mood,
        energy=energy,
        favourites=favourites,
    )
    for when, (minutes, stated), reason, (mood, energy), favourites in itertools.product(
        MOMENTS,
        [(15, False), (15, True), (45, True), (1, True), (30, False)],
        ["asked", "continuous_use", "daily_limit", "quiet_hours"],
        [(None, None), (1, 1), (4, 5), (2, None)],
        [frozenset(), frozenset({WALK, OWN.id})],
    )
]


@pytest.mark.parametrize("history", list(HISTORIES))
def test_every_reason_is_true_of_the_history_and_the_moment(history: str) -> None:
    record = history_from(HISTORIES[history]).of(WALK)
    activities = [BY_ID[WALK], OWN, *CATALOG[:12]]
    for context, activity in itertools.product(CONTEXTS, activities):
        own_record = record if activity.id == WALK else ActivityRecord()
        _assert_true(explain(activity, context, own_record), activity, context, own_record)


def test_reasons_from_suggest_itself_are_true() -> None:
    histories = {name: history_from(outcomes) for name, outcomes in HISTORIES.items()}
    for (name, history), context in itertools.product(histories.items(), CONTEXTS[::7]):
        for suggestion in suggest(context, (*CATALOG, OWN), history, random.Random(len(name))):
            record = history.of(suggestion.activity.id)
            _assert_true(suggestion.why, suggestion.activity, context, record)


def test_an_unstated_time_budget_is_never_quoted() -> None:
    # Before: "You have 15 minutes and it's morning" when the person never said how long.
    context = SuggestionContext(now=MOMENTS["morning"], minutes=15)
    why = explain(BY_ID[WALK], context, ActivityRecord())
    assert "minute" not in why
    assert why == "It's morning; you haven't tried it yet."
    stated = SuggestionContext(now=MOMENTS["morning"], minutes=15, minutes_stated=True)
    assert explain(BY_ID[WALK], stated, ActivityRecord()).startswith(
        "You have 15 minutes and it's morning;"
    )


def test_an_activity_logged_ten_times_is_not_untried() -> None:
    # Before: "you haven't tried it yet" for an activity logged ten times without a mood after.
    history = history_from([Outcome(WALK, True)] * 10)
    assert history.of(WALK) == ActivityRecord(unknown=10)
    context = SuggestionContext(now=MOMENTS["evening"], minutes=30)
    why = explain(BY_ID[WALK], context, history.of(WALK))
    assert "haven't tried" not in why
    assert why.endswith("you've done it 10 times.")


def test_a_record_with_and_without_verdicts_says_which_times_it_counts() -> None:
    record = history_from(HISTORIES["helped 1 of 2, logged 5"]).of(WALK)
    why = explain(BY_ID[WALK], SuggestionContext(now=MOMENTS["evening"], minutes=30), record)
    assert why.endswith("it helped you 1 of the 2 times you said how it went.")


def test_the_oracle_catches_a_false_reason() -> None:
    context = SuggestionContext(now=MOMENTS["morning"], minutes=15)
    record = ActivityRecord(unknown=10)
    with pytest.raises(AssertionError, match="not true of the data"):
        _assert_true(
            "You have 15 minutes and it's morning; you haven't tried it yet.",
            BY_ID[WALK],
            context,
            record,
        )
    with pytest.raises(AssertionError, match="not true of the data"):
        _assert_true("It's morning; it feels like a good idea.", BY_ID[WALK], context, record)
