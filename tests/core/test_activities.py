import json
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from wellbeing_app.core.activities import (
    CATEGORIES,
    CATEGORY_LABELS,
    ActivityCatalogError,
    new_custom_activity,
    new_person,
    parse_activities,
    slugify,
    time_of_day,
)
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.resources import read_text

CATALOG = parse_activities(read_text("activities.json"))

GOOD_ENTRY = {
    "id": "walk",
    "title": "Walk",
    "category": "nature",
    "minutes": 10,
    "social": "solo",
    "outdoors": "outdoors",
    "energy": 2,
    "times": ["morning"],
    "description": "A walk.",
}


def _catalog_with(**changes: object) -> str:
    entry = {**GOOD_ENTRY, **changes}
    return json.dumps({"activities": [{k: v for k, v in entry.items() if v is not None}]})


def test_the_shipped_catalog_is_large_and_covers_every_theme() -> None:
    assert len(CATALOG) >= 48
    per_theme = Counter(activity.category for activity in CATALOG)
    assert set(per_theme) == set(CATEGORIES)
    assert min(per_theme.values()) >= 4
    assert set(CATEGORY_LABELS) == set(CATEGORIES)


def test_the_shipped_catalog_has_unique_ids_and_kind_sentences() -> None:
    ids = [activity.id for activity in CATALOG]
    assert len(ids) == len(set(ids))
    for activity in CATALOG:
        assert activity.description.endswith("."), activity.id
        assert activity.title[0].isupper(), activity.id
        assert not activity.custom


def test_the_catalog_offers_short_options_at_every_time_of_day() -> None:
    for when in ("morning", "afternoon", "evening", "night"):
        short = {a.category for a in CATALOG if a.minutes <= 10 and when in a.times}
        assert len(short) >= 3, when


def test_reaching_out_names_a_person_and_support_is_worded_carefully() -> None:
    about_someone = [a for a in CATALOG if a.needs_person]
    assert {a.category for a in about_someone} >= {"friends-family", "support"}
    assert all("{person}" in a.person_title for a in about_someone)
    titles = {a.title for a in CATALOG if a.category == "support"}
    assert "Look up a local support group" in titles
    assert "Book a chat with your GP or therapist" in titles


def test_activities_named_by_the_demo_data_exist() -> None:
    ids = {a.id for a in CATALOG}
    demo = {"walk-around-the-block", "call-a-friend", "stretch", "make-tea-mindfully"}
    assert demo | {"read-a-book", "sketch"} <= ids


def test_parse_reads_every_field() -> None:
    text = _catalog_with(
        times=["night", "morning"], needs_person=True, person_title="Walk with {person}"
    )
    (activity,) = parse_activities(text)
    assert activity.times == ("morning", "night")
    assert activity.needs_person
    assert activity.title_for("Sam") == "Walk with Sam"
    assert activity.title_for(None) == "Walk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "must be a JSON object with 'activities'"),
        (_catalog_with(category="sports"), "'walk': The category 'sports' is unknown"),
        (_catalog_with(minutes=True), "'walk' is missing the whole number 'minutes'"),
        (_catalog_with(minutes=0), "'walk': An activity must take 1 to 480 minutes"),
        (_catalog_with(energy=4), "energy runs from 1 (low) to 3 (high)"),
        (_catalog_with(times=["dawn"]), "The time of day 'dawn' is unknown"),
        (_catalog_with(times=[]), "at least one time of day"),
        (_catalog_with(social="crowd"), "'social' must be one of"),
        (_catalog_with(title=" "), "'walk' is missing the text field 'title'"),
        (_catalog_with(id="Walk Now"), "lower-case words joined by '-'"),
        (_catalog_with(id="my-walk"), "not starting with 'my-'"),
        (_catalog_with(colour="red"), "unknown field 'colour'"),
        (_catalog_with(needs_person=True), "together with a 'person_title'"),
        (_catalog_with(person_title="Walk with {person}"), "together with a 'person_title'"),
    ],
)
def test_parse_rejects_bad_entries_in_one_sentence_naming_them(text: str, message: str) -> None:
    with pytest.raises(ActivityCatalogError) as caught:
        parse_activities(text)
    assert message in str(caught.value)
    assert str(caught.value).count(". ") == 0


def test_parse_rejects_a_repeated_id() -> None:
    text = json.dumps({"activities": [GOOD_ENTRY, GOOD_ENTRY]})
    with pytest.raises(ActivityCatalogError, match="'walk' repeats an earlier id"):
        parse_activities(text)


def test_custom_activities_get_unique_ids_of_their_own() -> None:
    first = new_custom_activity("Walk the dog!", "nature", 20)
    assert first.id == "my-walk-the-dog"
    assert first.custom
    second = new_custom_activity(
        "Walk the  dog", "Nature", 20, taken_ids={"my-walk-the-dog", "my-walk-the-dog-2"}
    )
    assert second.id == "my-walk-the-dog-3"
    assert second.title == "Walk the dog"
    assert second.category == "nature"
    edited = new_custom_activity("Walk Rex", "nature", 30, activity_id=first.id)
    assert edited.id == first.id


def test_custom_activities_are_checked_like_the_catalog() -> None:
    with pytest.raises(InvalidInput, match="needs a title"):
        new_custom_activity("  ", "nature", 10)
    with pytest.raises(InvalidInput, match="category 'gaming' is unknown"):
        new_custom_activity("Play", "gaming", 10)
    with pytest.raises(InvalidInput, match="1 to 480 minutes"):
        new_custom_activity("Hike", "nature", 600)
    with pytest.raises(InvalidInput, match="time of day 'noon'"):
        new_custom_activity("Nap", "mindfulness", 20, times=["noon"])
    with pytest.raises(InvalidInput, match="at most 80 characters"):
        new_custom_activity("x" * 81, "creative", 10)
    with pytest.raises(InvalidInput, match="Only your own activities"):
        new_custom_activity("Stretch more", "movement", 5, activity_id="stretch")


def test_slugify_and_people() -> None:
    assert slugify("Café & chat, 2 people") == "caf-chat-2-people"
    assert slugify("!!!") == "activity"
    assert new_person("  Sam   Lee ", " sister ").name == "Sam Lee"
    with pytest.raises(InvalidInput, match="needs a name"):
        new_person(" ")


@pytest.mark.parametrize(
    ("hour", "expected"),
    [(4, "night"), (5, "morning"), (11, "morning"), (12, "afternoon"), (17, "evening"),
     (21, "evening"), (22, "night"), (0, "night")],
)  # fmt: skip
def test_time_of_day(hour: int, expected: str) -> None:
    moment = datetime(2026, 11, 21, hour, 30, tzinfo=timezone(timedelta(hours=1)))
    assert time_of_day(moment) == expected
