"""Offline activities to suggest at break time, and the people a person likes to reach out to.

The shipped catalog is data (``resources/activities.json``); a person adds their own activities
beside it. Both become :class:`Activity` values, checked the same strict way, so the suggestion
engine never has to guess what a field means.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal, cast

from wellbeing_app.core.errors import InvalidInput

Social = Literal["solo", "social", "either"]
Outdoors = Literal["indoors", "outdoors", "either"]
TimeOfDay = Literal["morning", "afternoon", "evening", "night"]

CATEGORIES: Final[tuple[str, ...]] = (
    "friends-family",
    "local-events",
    "clubs-hobbies",
    "volunteering",
    "nature",
    "movement",
    "mindfulness",
    "creative",
    "reflection",
    "support",
)
CATEGORY_LABELS: Final[Mapping[str, str]] = {
    "friends-family": "friends and family",
    "local-events": "local events",
    "clubs-hobbies": "clubs and group hobbies",
    "volunteering": "volunteering",
    "nature": "nature and the outdoors",
    "movement": "movement",
    "mindfulness": "mindfulness and self-care",
    "creative": "something creative",
    "reflection": "gratitude and reflection",
    "support": "support and professional help",
}
SOCIAL_KINDS: Final[tuple[str, ...]] = ("solo", "social", "either")
OUTDOORS_KINDS: Final[tuple[str, ...]] = ("indoors", "outdoors", "either")
TIMES_OF_DAY: Final[tuple[TimeOfDay, ...]] = ("morning", "afternoon", "evening", "night")
MAX_ACTIVITY_MINUTES: Final = 8 * 60
MAX_TITLE_LENGTH: Final = 80
MAX_DESCRIPTION_LENGTH: Final = 300
MAX_NAME_LENGTH: Final = 60
# The ids of a person's own activities start with this, so they never clash with the catalog.
CUSTOM_PREFIX: Final = "my-"
PERSON_FIELD: Final = "{person}"

_SLUG: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ActivityCatalogError(InvalidInput):
    """The activity catalog cannot be read; the message names the entry at fault."""


@dataclass(frozen=True, slots=True)
class Activity:
    """Something to do away from the screen.

    Attributes:
        id: a stable slug (``walk-around-the-block``); a person's own start with ``my-``.
        title: short and inviting (``Walk around the block``).
        category: one of :data:`CATEGORIES`.
        minutes: how long it typically takes.
        social: ``solo``, ``social`` or ``either``.
        outdoors: ``indoors``, ``outdoors`` or ``either``.
        energy: what it asks of a person, 1 (low) to 3 (high).
        times: the times of day it suits, in the order of :data:`TIMES_OF_DAY`.
        description: one kind sentence.
        person_title: for activities about someone from the person's list, the title with
            ``{person}`` where their name goes (``Message {person}``); ``""`` otherwise.
        custom: added by the person rather than shipped.
    """

    id: str
    title: str
    category: str
    minutes: int
    social: Social = "either"
    outdoors: Outdoors = "either"
    energy: int = 2
    times: tuple[TimeOfDay, ...] = TIMES_OF_DAY
    description: str = ""
    person_title: str = ""
    custom: bool = False

    @property
    def needs_person(self) -> bool:
        return bool(self.person_title)

    def title_for(self, name: str | None) -> str:
        """The title naming ``name`` (``Message Sam``) when this activity is about a person."""
        if name and self.person_title:
            return self.person_title.replace(PERSON_FIELD, name)
        return self.title


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the person would like a nudge to reach out to."""

    name: str
    note: str = ""
    id: int | None = None


def time_of_day(moment: datetime) -> TimeOfDay:
    """Morning 05–12, afternoon 12–17, evening 17–22, night 22–05, by local wall-clock time."""
    hour = moment.hour
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


# ---------------------------------------------------------------------------------- catalog


def parse_activities(text: str) -> tuple[Activity, ...]:
    """Reads the activity catalog JSON (an object with a list ``activities``).

    Raises:
        ActivityCatalogError: malformed JSON, a missing or mistyped field, an unknown category
            or time of day, or a repeated id. The message names the entry.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ActivityCatalogError(
            f"The activity catalog is not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
        raise ActivityCatalogError("The activity catalog must be a JSON object with 'activities'.")
    activities = tuple(_parse_entry(entry, index) for index, entry in enumerate(data["activities"]))
    seen: set[str] = set()
    for activity in activities:
        if activity.id in seen:
            raise ActivityCatalogError(f"Catalog activity {activity.id!r} repeats an earlier id.")
        seen.add(activity.id)
    return activities


_KNOWN_FIELDS: Final = frozenset(
    {
        "id",
        "title",
        "category",
        "minutes",
        "social",
        "outdoors",
        "energy",
        "times",
        "description",
        "needs_person",
        "person_title",
    }
)


def _parse_entry(entry: object, index: int) -> Activity:
    where = f"Catalog activity #{index + 1}"
    if not isinstance(entry, dict):
        raise ActivityCatalogError(f"{where} must be a JSON object.")
    activity_id = _text(entry, "id", where)
    where = f"Catalog activity {activity_id!r}"
    if not _SLUG.match(activity_id) or activity_id.startswith(CUSTOM_PREFIX):
        raise ActivityCatalogError(
            f"{where} needs an id of lower-case words joined by '-', not starting with "
            f"{CUSTOM_PREFIX!r}."
        )
    unknown = sorted(set(entry) - _KNOWN_FIELDS)
    if unknown:
        raise ActivityCatalogError(f"{where} has the unknown field {unknown[0]!r}.")
    needs_person = entry.get("needs_person", False)
    if not isinstance(needs_person, bool):
        raise ActivityCatalogError(f"{where} has a 'needs_person' that is not true or false.")
    person_title = entry.get("person_title", "")
    if not isinstance(person_title, str):
        raise ActivityCatalogError(f"{where} has a 'person_title' that is not text.")
    if needs_person != (PERSON_FIELD in person_title):
        raise ActivityCatalogError(
            f"{where} needs 'needs_person': true together with a 'person_title' "
            f"containing {PERSON_FIELD}."
        )
    times = entry.get("times")
    if not isinstance(times, list):
        raise ActivityCatalogError(f"{where} is missing the list 'times'.")
    try:
        return _checked(
            activity_id=activity_id,
            title=_text(entry, "title", where),
            category=_text(entry, "category", where),
            minutes=_integer(entry, "minutes", where),
            social=_text(entry, "social", where),
            outdoors=_text(entry, "outdoors", where),
            energy=_integer(entry, "energy", where),
            times=times,
            description=_text(entry, "description", where),
            person_title=person_title.strip(),
            custom=False,
        )
    except ActivityCatalogError:
        raise
    except InvalidInput as error:
        raise ActivityCatalogError(f"{where}: {error}") from None


def _text(entry: Mapping[str, object], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ActivityCatalogError(f"{where} is missing the text field {key!r}.")
    return value.strip()


def _integer(entry: Mapping[str, object], key: str, where: str) -> int:
    value = entry.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ActivityCatalogError(f"{where} is missing the whole number {key!r}.")
    return value


# ---------------------------------------------------------------------- checks shared by both


def _checked(
    *,
    activity_id: str,
    title: str,
    category: str,
    minutes: int,
    social: str,
    outdoors: str,
    energy: int,
    times: Iterable[object],
    description: str,
    person_title: str,
    custom: bool,
) -> Activity:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("An activity needs a title.")
    if len(title) > MAX_TITLE_LENGTH:
        raise InvalidInput(f"An activity title must be at most {MAX_TITLE_LENGTH} characters.")
    if category not in CATEGORIES:
        raise InvalidInput(
            f"The category {category!r} is unknown; use one of: {', '.join(CATEGORIES)}."
        )
    if not 1 <= minutes <= MAX_ACTIVITY_MINUTES:
        raise InvalidInput(
            f"An activity must take 1 to {MAX_ACTIVITY_MINUTES} minutes, not {minutes}."
        )
    if social not in SOCIAL_KINDS:
        raise InvalidInput(f"'social' must be one of: {', '.join(SOCIAL_KINDS)}, not {social!r}.")
    if outdoors not in OUTDOORS_KINDS:
        raise InvalidInput(
            f"'outdoors' must be one of: {', '.join(OUTDOORS_KINDS)}, not {outdoors!r}."
        )
    if not 1 <= energy <= 3:
        raise InvalidInput(f"An activity's energy runs from 1 (low) to 3 (high), not {energy}.")
    wanted = list(times)
    for item in wanted:
        if item not in TIMES_OF_DAY:
            raise InvalidInput(
                f"The time of day {item!r} is unknown; use: {', '.join(TIMES_OF_DAY)}."
            )
    ordered = tuple(t for t in TIMES_OF_DAY if t in wanted)
    if not ordered:
        raise InvalidInput("An activity needs at least one time of day it suits.")
    description = " ".join(description.split())
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise InvalidInput(
            f"An activity description must be at most {MAX_DESCRIPTION_LENGTH} characters."
        )
    return Activity(
        id=activity_id,
        title=title,
        category=category,
        minutes=minutes,
        social=cast(Social, social),
        outdoors=cast(Outdoors, outdoors),
        energy=energy,
        times=ordered,
        description=description,
        person_title=person_title,
        custom=custom,
    )


def slugify(title: str) -> str:
    """``"Walk the dog!"`` -> ``walk-the-dog``; ``activity`` when nothing is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return slug[:60].rstrip("-") or "activity"


def new_custom_activity(
    title: str,
    category: str,
    minutes: int,
    *,
    social: str = "either",
    outdoors: str = "either",
    energy: int = 2,
    times: Iterable[str] = TIMES_OF_DAY,
    description: str = "",
    taken_ids: Collection[str] = (),
    activity_id: str | None = None,
) -> Activity:
    """An activity the person adds themselves, checked like the catalog's.

    Args:
        taken_ids: ids already in use; a new id (``my-`` and the title as a slug) gets a
            ``-2``, ``-3``... suffix to stay unique.
        activity_id: keep this id (when editing an existing custom activity).

    Raises:
        InvalidInput: an empty or over-long title, an unknown category, social, outdoors or time
            of day, minutes outside 1..480 or energy outside 1..3.
    """
    if activity_id is None:
        base = CUSTOM_PREFIX + slugify(title)
        activity_id, suffix = base, 2
        while activity_id in taken_ids:
            activity_id, suffix = f"{base}-{suffix}", suffix + 1
    elif not activity_id.startswith(CUSTOM_PREFIX):
        raise InvalidInput(f"Only your own activities can be edited, and {activity_id!r} is not.")
    return _checked(
        activity_id=activity_id,
        title=title,
        category=category.strip().lower(),
        minutes=minutes,
        social=social.strip().lower(),
        outdoors=outdoors.strip().lower(),
        energy=energy,
        times=[t.strip().lower() for t in times],
        description=description,
        person_title="",
        custom=True,
    )


def new_person(name: str, note: str = "") -> Person:
    """A person to reach out to; the name is what suggestions say (``Message Sam``)."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("A person needs a name.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidInput(f"A name must be at most {MAX_NAME_LENGTH} characters.")
    return Person(name=cleaned, note=note.strip())
