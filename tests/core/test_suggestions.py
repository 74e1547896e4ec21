import random
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from wellbeing_app.core.activities import Activity, Person, parse_activities
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.suggestions import (
    REACH_OUT_CATEGORIES,
    ActivityHistory,
    ActivityRecord,
    Outcome,
    ShownSuggestion,
    Suggestion,
    SuggestionContext,
    history_from,
    is_eligible,
    learn,
    new_outcome,
    posteriors,
    suggest,
    suggestion_record,
)
from wellbeing_app.resources import read_text

CATALOG = parse_activities(read_text("activities.json"))
BY_ID = {activity.id: activity for activity in CATALOG}
CET = timezone(timedelta(hours=1))
EVENING = datetime(2026, 11, 21, 21, 0, tzinfo=CET)  # the `clock` fixture's moment
LATE_NIGHT = datetime(2026, 11, 21, 23, 30, tzinfo=CET)
NO_HISTORY = ActivityHistory()


def _runs(context: SuggestionContext, seeds: int = 60) -> list[Suggestion]:
    """Every suggestion made over many seeded runs of the same moment."""
    found: list[Suggestion] = []
    for seed in range(seeds):
        found.extend(suggest(context, CATALOG, NO_HISTORY, random.Random(seed)))
    return found


@pytest.mark.parametrize("minutes", [3, 5, 10, 20, 45, 90])
def test_only_activities_that_fit_the_minutes_available(minutes: int) -> None:
    context = SuggestionContext(now=EVENING, minutes=minutes)
    for seed in range(30):
        found = suggest(context, CATALOG, NO_HISTORY, random.Random(seed))
        assert len(found) == 3
        assert all(s.activity.minutes <= minutes for s in found)
        assert len({s.activity.category for s in found}) == 3


def test_nothing_fits_in_less_time_than_the_shortest_activity() -> None:
    context = SuggestionContext(now=EVENING, minutes=2)
    assert suggest(context, CATALOG, NO_HISTORY, random.Random(0)) == []


def test_results_are_ordered_by_score_and_repeat_with_the_same_seed() -> None:
    context = SuggestionContext(now=EVENING, minutes=30)
    first = suggest(context, CATALOG, NO_HISTORY, random.Random(7), count=5)
    again = suggest(context, CATALOG, NO_HISTORY, random.Random(7), count=5)
    assert first == again
    assert [s.score for s in first] == sorted((s.score for s in first), reverse=True)
    assert len({s.activity.id for s in first}) == 5


def test_more_than_the_categories_asked_for_repeats_a_category_only_then() -> None:
    context = SuggestionContext(now=EVENING, minutes=120)
    found = suggest(context, CATALOG, NO_HISTORY, random.Random(1), count=12)
    categories = Counter(s.activity.category for s in found)
    assert len(found) == 12
    assert len(categories) == 10  # every category eligible in the evening, then repeats


def test_no_repeats_within_a_day() -> None:
    rng = random.Random(3)
    now = EVENING
    recent: list[ShownSuggestion] = []
    shown_at: dict[str, datetime] = {}
    for _ in range(16):  # every 90 minutes for a day
        context = SuggestionContext(now=now, minutes=60, recent=tuple(recent))
        for suggestion in suggest(context, CATALOG, NO_HISTORY, rng):
            earlier = shown_at.get(suggestion.activity.id)
            assert earlier is None or now - earlier >= timedelta(days=1)
            shown_at[suggestion.activity.id] = now
            recent.append(ShownSuggestion(suggestion.activity.id, now))
        now += timedelta(minutes=90)


def test_a_suggestion_may_come_back_after_a_day() -> None:
    walk = BY_ID["walk-around-the-block"]
    for gap, expected in ((timedelta(hours=23, minutes=59), False), (timedelta(days=1), True)):
        context = SuggestionContext(
            now=EVENING, minutes=30, recent=(ShownSuggestion(walk.id, EVENING - gap),)
        )
        assert is_eligible(walk, context) is expected


def test_hidden_activities_are_never_suggested() -> None:
    short = [a for a in CATALOG if a.minutes <= 10 and "evening" in a.times]
    hidden = frozenset(a.id for a in short[: len(short) - 4])
    context = SuggestionContext(now=EVENING, minutes=10, hidden=hidden)
    found = _runs(context)
    assert found
    assert not {s.activity.id for s in found} & hidden


@pytest.mark.parametrize(
    "context",
    [
        SuggestionContext(now=LATE_NIGHT, minutes=120),
        SuggestionContext(now=LATE_NIGHT.replace(hour=3), minutes=30, mood=2),
        SuggestionContext(now=EVENING, minutes=120, reason="quiet_hours"),
    ],
    ids=["night", "small hours, low mood", "quiet hours"],
)
def test_nothing_outdoors_or_loud_at_night_or_in_quiet_hours(context: SuggestionContext) -> None:
    found = _runs(context)
    assert len(found) == 3 * 60
    for suggestion in found:
        activity = suggestion.activity
        assert activity.outdoors != "outdoors", activity.id
        assert activity.energy < 3, activity.id
        assert activity.category != "local-events", activity.id
        if context.time_of_day == "night":
            assert "night" in activity.times, activity.id


def test_a_low_mood_weights_gentle_social_and_support_options_up() -> None:
    def share(mood: int) -> float:
        found = _runs(SuggestionContext(now=EVENING, minutes=30, mood=mood), seeds=150)
        caring = [
            s
            for s in found
            if s.activity.category in REACH_OUT_CATEGORIES
            or s.activity.social == "social"
            or s.activity.energy == 1
        ]
        return len(caring) / len(found)

    low, good = share(1), share(5)
    assert low > good + 0.15
    support = [
        s
        for s in _runs(SuggestionContext(now=EVENING, minutes=30, mood=2), seeds=150)
        if s.activity.category == "support"
    ]
    fine = [
        s
        for s in _runs(SuggestionContext(now=EVENING, minutes=30, mood=5), seeds=150)
        if s.activity.category == "support"
    ]
    assert len(support) > 2 * len(fine)


def test_the_lowest_mood_always_gets_a_way_to_reach_people() -> None:
    for hour in (10, 15, 21, 23):
        context = SuggestionContext(now=EVENING.replace(hour=hour), minutes=15, mood=1)
        for seed in range(40):
            found = suggest(context, CATALOG, NO_HISTORY, random.Random(seed))
            assert any(s.activity.category in REACH_OUT_CATEGORIES for s in found)


def test_low_energy_keeps_demanding_activities_rare() -> None:
    tired = _runs(SuggestionContext(now=EVENING, minutes=60, energy=1), seeds=100)
    lively = _runs(SuggestionContext(now=EVENING, minutes=60, energy=5), seeds=100)
    assert sum(s.activity.energy == 3 for s in tired) < sum(s.activity.energy == 3 for s in lively)


def test_favourites_come_up_more_often() -> None:
    plain = _runs(SuggestionContext(now=EVENING, minutes=10), seeds=200)
    starred = _runs(
        SuggestionContext(now=EVENING, minutes=10, favourites=frozenset({"stretch"})), seeds=200
    )

    def count(found: list[Suggestion]) -> int:
        return sum(s.activity.id == "stretch" for s in found)

    assert count(starred) > count(plain) * 1.3


def test_every_suggestion_says_why_in_plain_words() -> None:
    history = history_from(
        [Outcome("walk-around-the-block", True, helped=h) for h in (True, True, False, True)]
    )
    context = SuggestionContext(now=EVENING.replace(hour=18), minutes=10, minutes_stated=True)
    walks = [
        s
        for seed in range(80)
        for s in suggest(context, CATALOG, history, random.Random(seed))
        if s.activity.id == "walk-around-the-block"
    ]
    assert walks
    assert walks[0].why == "You have 10 minutes and it's evening; it helped you 3 of 4 times."
    for context in (
        SuggestionContext(now=EVENING, minutes=1440, mood=2, energy=1, reason="daily_limit"),
        SuggestionContext(now=LATE_NIGHT, minutes=1, reason="continuous_use"),
        SuggestionContext(now=LATE_NIGHT, minutes=15, reason="quiet_hours"),
    ):
        for suggestion in _runs(context, seeds=20):
            assert suggestion.why.endswith(".")
            assert len(suggestion.why) < 200
    stated = SuggestionContext(now=EVENING, minutes=5, minutes_stated=True)
    reasons = {s.why.split(";")[0] for s in _runs(stated)}
    assert reasons == {"You have 5 minutes and it's evening"}
    unstated = {s.why.split(";")[0] for s in _runs(SuggestionContext(now=EVENING, minutes=5))}
    assert unstated == {"It's evening"}


def test_why_mentions_favourites_low_mood_and_new_things() -> None:
    context = SuggestionContext(
        now=EVENING, minutes=30, mood=1, favourites=frozenset({"tell-someone-you-trust"})
    )
    whys = {s.activity.id: s.why for s in _runs(context, seeds=40)}
    assert "talking to someone can help when things feel heavy" in whys["tell-someone-you-trust"]
    assert "one of your favourites" in whys["tell-someone-you-trust"]
    assert "you haven't tried it yet" in whys["tell-someone-you-trust"]


def test_activities_about_someone_name_a_person_from_the_list() -> None:
    people = (Person("Sam", id=1), Person("Ana", id=2))
    context = SuggestionContext(now=EVENING, minutes=30, mood=1, people=people)
    about_someone = [s for s in _runs(context) if s.activity.needs_person]
    assert about_someone
    assert {s.person for s in about_someone} == set(people)
    for suggestion in about_someone:
        assert suggestion.person is not None
        assert suggestion.person.name in suggestion.title
    message = BY_ID["message-someone-you-miss"]
    assert Suggestion(message, "", 1.0, people[0]).title == "Message Sam"
    assert Suggestion(message, "", 1.0).title == "Message someone you miss"


def test_several_activities_about_someone_pick_different_people() -> None:
    friends = [a for a in CATALOG if a.needs_person]
    people = (Person("Sam"), Person("Ana"), Person("Jo"))
    context = SuggestionContext(now=EVENING, minutes=30, people=people)
    for seed in range(20):
        found = suggest(context, friends, NO_HISTORY, random.Random(seed), count=3)
        assert len({s.person for s in found}) == len(found)


def test_outcome_verdicts() -> None:
    assert Outcome("a", False, 2, 4, None).verdict == "skipped"
    assert Outcome("a", True, 4, 2, True).verdict == "helped"
    assert Outcome("a", True, 2, 4, False).verdict == "not_helped"
    assert Outcome("a", True, 3, 3).verdict == "helped"
    assert Outcome("a", True, 3, 2).verdict == "not_helped"
    assert Outcome("a", True, 3).verdict == "unknown"


def test_new_outcome_checks_what_a_person_can_get_wrong() -> None:
    assert new_outcome(" stretch ", True, 2, 3).activity_id == "stretch"
    with pytest.raises(InvalidInput, match="mood after must be 1 to 5"):
        new_outcome("stretch", True, 2, 6)
    with pytest.raises(InvalidInput, match="only have helped if it was done"):
        new_outcome("stretch", False, helped=True)
    with pytest.raises(InvalidInput, match="needs the activity"):
        new_outcome(" ", True)


def test_learn_counts_outcomes_like_history_from() -> None:
    outcomes = [
        Outcome("stretch", True, helped=True),
        Outcome("stretch", True, 4, 2),
        Outcome("stretch", False),
        Outcome("sketch", True),  # no verdict: done, but nothing for the bandit
        Outcome("sketch", True, 2, 3),
    ]
    history = NO_HISTORY
    for outcome in outcomes:
        history = learn(history, outcome)
    assert history == history_from(outcomes)
    assert history.of("stretch") == ActivityRecord(helped=1, not_helped=1, skipped=1)
    assert history.of("sketch") == ActivityRecord(helped=1, unknown=1)
    assert history.of("never") == ActivityRecord()
    assert NO_HISTORY.records == {}  # learning never changes the history it was given


def test_priors_start_at_beta_2_2_and_lean_towards_the_category() -> None:
    fresh = posteriors(CATALOG, NO_HISTORY)
    assert (fresh["stretch"].alpha, fresh["stretch"].beta) == (2.0, 2.0)
    movement_helps = history_from(
        [Outcome("go-for-a-run", True, helped=True)] * 6 + [Outcome("stretch", True, helped=False)]
    )
    beliefs = posteriors(CATALOG, movement_helps)
    # Untried, but its siblings help: the prior leans their way, as far as it may.
    assert beliefs["dance-to-a-song"].mean == pytest.approx(0.6)
    assert beliefs["sketch"].mean == 0.5  # another category: still Beta(2, 2)
    assert beliefs["go-for-a-run"].mean > beliefs["dance-to-a-song"].mean
    assert beliefs["stretch"].mean < beliefs["dance-to-a-song"].mean


def _simulate(seed: int, rounds: int, does: str) -> list[bool]:
    """A person for whom "sketch" truly helps 80% of the time and every other activity 30%.

    Each round they get three suggestions, do one of them at random (or all three) and say
    whether it helped. Returns, round by round, whether "sketch" was among the suggestions.
    """
    context = SuggestionContext(now=EVENING, minutes=30)
    rng, world = random.Random(seed), random.Random(1000 + seed)
    history = NO_HISTORY
    shown = []
    for _ in range(rounds):
        found = suggest(context, CATALOG, history, rng)
        shown.append(any(s.activity.id == "sketch" for s in found))
        for suggestion in [rng.choice(found)] if does == "one" else found:
            chance = 0.8 if suggestion.activity.id == "sketch" else 0.3
            history = learn(
                history, Outcome(suggestion.activity.id, True, helped=world.random() < chance)
            )
    return shown


@pytest.mark.parametrize(("does", "at_least"), [("one", 0.45), ("all", 0.85)])
def test_the_bandit_learns_what_helps(does: str, at_least: float) -> None:
    seeds = range(5)
    runs = [_simulate(seed, 200, does) for seed in seeds]
    early = sum(sum(shown[:20]) / 20 for shown in runs) / len(runs)
    late = sum(sum(shown[-50:]) / 50 for shown in runs) / len(runs)
    assert early <= 0.2
    assert late >= at_least
    assert late >= 3 * early


def test_a_proven_activity_leads_and_untried_ones_still_get_tried() -> None:
    context = SuggestionContext(now=EVENING, minutes=30)
    proven = history_from([Outcome("sketch", True, helped=True)] * 20)

    def runs(history: ActivityHistory) -> list[Suggestion]:
        return [
            s
            for seed in range(100)
            for s in suggest(context, CATALOG, history, random.Random(seed))
        ]

    before, after = runs(NO_HISTORY), runs(proven)
    assert sum(s.activity.id == "sketch" for s in before) <= 10
    assert sum(s.activity.id == "sketch" for s in after) >= 45
    assert len({s.activity.id for s in after}) > 25


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": 0}, "minutes available must be 1 to 1440"),
        ({"mood": 6}, "mood runs from 1 to 5"),
        ({"energy": 0}, "Energy runs from 1 to 5"),
        ({"reason": "bored"}, "reason 'bored' is unknown"),
        ({"now": datetime(2026, 11, 21, 21, 0)}, "UTC offset"),
    ],
)
def test_a_context_that_does_not_fit_is_refused(changes: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"now": EVENING, "minutes": 10, **changes}
    with pytest.raises(InvalidInput, match=message):
        SuggestionContext(**arguments)  # type: ignore[arg-type]


def test_asking_for_no_suggestions_is_refused() -> None:
    with pytest.raises(InvalidInput, match="at least one"):
        suggest(SuggestionContext(now=EVENING, minutes=10), CATALOG, NO_HISTORY, random.Random(), 0)


def test_custom_activities_take_part_and_say_so() -> None:
    own = Activity("my-feed-the-ducks", "Feed the ducks", "nature", 10, custom=True)
    context = SuggestionContext(
        now=EVENING.replace(hour=10), minutes=10, favourites=frozenset({own.id})
    )
    found = [
        s
        for seed in range(40)
        for s in suggest(context, (*CATALOG, own), NO_HISTORY, random.Random(seed))
        if s.activity == own
    ]
    assert found
    assert found[0].why.endswith("it's one of your favourites, and you added it yourself.")


def test_suggestion_record_is_the_cli_json_shape() -> None:
    walk = replace(BY_ID["walk-around-the-block"])
    suggestion = Suggestion(walk, "Because.", 0.5)
    assert suggestion_record(suggestion) == {
        "title": "Walk around the block",
        "minutes": 10,
        "category": "nature",
        "why": "Because.",
    }
