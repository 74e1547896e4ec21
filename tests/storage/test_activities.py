import random
from datetime import datetime, timedelta, timezone

import pytest

from wellbeing_app.core.activities import Person, new_custom_activity, parse_activities
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import BreakEvent
from wellbeing_app.core.suggestions import ActivityRecord, Outcome, ShownSuggestion
from wellbeing_app.resources import read_text
from wellbeing_app.storage.activities import (
    ActivityPreferences,
    ActivityRepository,
    suggest_now,
)
from wellbeing_app.storage.repositories import Repositories

CATALOG = parse_activities(read_text("activities.json"))
TOKYO = timezone(timedelta(hours=9))


@pytest.fixture
def activities(repos: Repositories) -> ActivityRepository:
    return ActivityRepository(repos.db)


def test_custom_activities_round_trip(activities: ActivityRepository) -> None:
    ducks = new_custom_activity(
        "Feed the ducks",
        "nature",
        20,
        social="solo",
        outdoors="outdoors",
        energy=1,
        times=["afternoon", "morning"],
        description="Bring oats, not bread.",
    )
    assert activities.add_custom(ducks) == ducks
    pottery = activities.add_custom(new_custom_activity("Pottery night", "clubs-hobbies", 120))
    assert activities.custom() == [ducks, pottery]
    assert activities.custom()[0].times == ("morning", "afternoon")

    everything = activities.all(CATALOG)
    assert everything[: len(CATALOG)] == CATALOG
    assert everything[len(CATALOG) :] == (ducks, pottery)


def test_custom_activities_edit_and_remove(activities: ActivityRepository) -> None:
    ducks = activities.add_custom(new_custom_activity("Feed the ducks", "nature", 20))
    activities.set_favourite(ducks.id)
    edited = new_custom_activity(
        "Feed the swans", "nature", 30, outdoors="outdoors", activity_id=ducks.id
    )
    activities.update_custom(edited)
    assert activities.custom() == [edited]
    assert activities.remove_custom(ducks.id) is True
    assert activities.remove_custom(ducks.id) is False
    assert activities.custom() == []
    assert activities.preferences() == ActivityPreferences()


def test_custom_activities_refuse_clashes_and_strangers(activities: ActivityRepository) -> None:
    ducks = activities.add_custom(new_custom_activity("Feed the ducks", "nature", 20))
    with pytest.raises(InvalidInput, match="already have an activity"):
        activities.add_custom(ducks)
    with pytest.raises(InvalidInput, match="no activity of yours"):
        activities.update_custom(new_custom_activity("Knit", "creative", 20))
    with pytest.raises(InvalidInput, match="Only your own activities"):
        activities.add_custom(CATALOG[0])
    again = new_custom_activity(
        "Feed the ducks", "nature", 20, taken_ids={a.id for a in activities.custom()}
    )
    assert activities.add_custom(again).id == "my-feed-the-ducks-2"


def test_preferences_hide_unhide_and_favourite(activities: ActivityRepository) -> None:
    activities.hide("go-for-a-run")
    activities.hide("catch-live-music")
    activities.set_favourite("stretch")
    activities.set_favourite("catch-live-music")
    assert activities.preferences() == ActivityPreferences(
        hidden=frozenset({"go-for-a-run", "catch-live-music"}),
        favourites=frozenset({"stretch", "catch-live-music"}),
    )
    activities.unhide("catch-live-music")
    activities.set_favourite("stretch", False)
    activities.unhide("go-for-a-run")
    assert activities.preferences() == ActivityPreferences(
        favourites=frozenset({"catch-live-music"})
    )
    with pytest.raises(InvalidInput, match="which activity"):
        activities.hide(" ")


def test_people_round_trip(activities: ActivityRepository) -> None:
    sam = activities.add_person(Person("  Sam ", "brother"))
    ana = activities.add_person(Person("ana"))
    assert sam == Person("Sam", "brother", sam.id)
    assert activities.people() == [ana, sam]
    assert ana.id is not None and activities.remove_person(ana.id) is True
    assert activities.remove_person(ana.id) is False
    assert activities.people() == [sam]
    with pytest.raises(InvalidInput, match="needs a name"):
        activities.add_person(Person(""))
    assert activities.people() == [sam]


def test_outcomes_feed_the_history(activities: ActivityRepository, clock: FixedClock) -> None:
    now = clock.now()
    activities.log_outcome(now, "stretch", True, mood_before=2, mood_after=3)
    activities.log_outcome(now, "stretch", True, helped=False)
    activities.log_outcome(now, "stretch", False)
    activities.log_outcome(now, "sketch", True, helped=True)
    activities.log_outcome(now, "sketch", True)  # no verdict
    activities.record_shown(now, ["sketch", "call-a-friend"], mood=2)
    history = activities.history()
    assert history.of("stretch") == ActivityRecord(helped=1, not_helped=1, skipped=1)
    assert history.of("sketch") == ActivityRecord(helped=1, unknown=1)  # done, no verdict
    assert history.of("call-a-friend") == ActivityRecord()
    assert activities.outcomes()[0] == Outcome("stretch", True, 2, 3, None)
    assert len(activities.outcomes()) == 5


def test_a_bad_outcome_writes_nothing(
    activities: ActivityRepository, repos: Repositories, clock: FixedClock
) -> None:
    with pytest.raises(InvalidInput, match="mood before must be 1 to 5"):
        activities.log_outcome(clock.now(), "stretch", True, mood_before=0)
    assert repos.db["activity_log"].count == 0


def test_outcomes_link_to_their_break(
    activities: ActivityRepository, repos: Repositories, clock: FixedClock
) -> None:
    repos.breaks.add_many([BreakEvent(clock.now(), "continuous_use", "taken", "Discord")])
    (event,) = repos.breaks.between(clock.now(), clock.now() + timedelta(seconds=1))
    activities.log_outcome(clock.now(), "stretch", True, 3, 4, True, break_event_id=event.id)
    row = next(repos.db["activity_log"].rows)
    assert (row["break_event_id"], row["done"], row["helped"]) == (event.id, 1, 1)


def test_recent_suggestions_keep_the_local_offset(activities: ActivityRepository) -> None:
    early = datetime(2026, 11, 21, 9, 0, tzinfo=TOKYO)
    activities.record_shown(early, ["stretch"])
    activities.log_outcome(early + timedelta(hours=2), "sketch", True, helped=True)
    recent = activities.recent_suggestions(early)
    assert recent == (
        ShownSuggestion("stretch", early),
        ShownSuggestion("sketch", early + timedelta(hours=2)),
    )
    assert recent[0].at.utcoffset() == timedelta(hours=9)
    assert activities.recent_suggestions(early + timedelta(hours=1)) == recent[1:]


def test_suggest_now_records_what_it_shows_and_never_repeats_within_a_day(
    activities: ActivityRepository, clock: FixedClock
) -> None:
    rng = random.Random(5)
    first = suggest_now(activities, CATALOG, clock.now(), 15, rng)
    assert len(first) == 3
    assert all(s.activity.minutes <= 15 for s in first)
    shown = activities.recent_suggestions(clock.now())
    assert {s.activity_id for s in shown} == {s.activity.id for s in first}
    assert activities.history().records == {}  # shown is not an outcome

    seen = {s.activity.id for s in first}
    for _ in range(5):
        clock.advance(3600)
        later = suggest_now(activities, CATALOG, clock.now(), 15, rng)
        assert not seen & {s.activity.id for s in later}
        seen |= {s.activity.id for s in later}

    clock.advance(86_400)
    unrecorded = suggest_now(activities, CATALOG, clock.now(), 15, rng, record=False)
    assert unrecorded
    assert activities.recent_suggestions(clock.now()) == ()


def test_suggest_now_uses_preferences_people_and_own_activities(
    activities: ActivityRepository, clock: FixedClock
) -> None:
    own = activities.add_custom(new_custom_activity("Feed the ducks", "nature", 10))
    activities.add_person(Person("Sam"))
    reach_out = {a.id for a in CATALOG if a.needs_person}
    for activity in CATALOG:
        if activity.id not in reach_out:
            activities.hide(activity.id)
    found = suggest_now(activities, CATALOG, clock.now(), 30, random.Random(1), count=10, mood=1)
    ids = {s.activity.id for s in found}
    assert ids <= reach_out | {own.id}
    assert own.id in ids
    assert all(s.title.endswith(("Sam", "Sam how you are doing")) for s in found if s.person)
    assert any(s.person == activities.people()[0] for s in found)


def test_suggest_now_refuses_bad_input(activities: ActivityRepository, clock: FixedClock) -> None:
    with pytest.raises(InvalidInput, match="minutes available"):
        suggest_now(activities, CATALOG, clock.now(), 0, random.Random())
    assert activities.recent_suggestions(clock.now() - timedelta(days=1)) == ()


def test_logged_outcomes_say_when_newest_first(repos: Repositories, clock: FixedClock) -> None:
    store = ActivityRepository(repos.db)
    store.log_outcome(clock.now() - timedelta(days=1), "stretch", True, 2, 3, True)
    store.log_outcome(clock.now(), "call-a-friend", False)
    logged = store.logged_outcomes()
    assert [(at, o.activity_id) for at, o in logged] == [
        (clock.now(), "call-a-friend"),
        (clock.now() - timedelta(days=1), "stretch"),
    ]
