"""A person's own activities, their preferences, their people, and the activity log.

The log (``activity_log``) holds two kinds of rows:

- **outcomes** — ``done`` is 0 or 1: "did you do it? how do you feel now?". They feed the
  suggestion engine's history.
- **suggestions shown** — ``done`` is NULL (and so are ``mood_after`` and ``helped``;
  ``mood_before`` is the mood when it was shown, if known). They only serve "no repeats within
  a day" until a table of their own exists.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from wellbeing_app.core.activities import (
    CUSTOM_PREFIX,
    TIMES_OF_DAY,
    Activity,
    Outdoors,
    Person,
    Social,
    TimeOfDay,
    new_person,
)
from wellbeing_app.core.clock import utc_offset_seconds
from wellbeing_app.core.days import to_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.suggestions import (
    REPEAT_GAP,
    ActivityHistory,
    Outcome,
    PromptReason,
    ShownSuggestion,
    Suggestion,
    SuggestionContext,
    history_from,
    new_outcome,
    suggest,
)
from wellbeing_app.storage.db import Db

# The schema stores social and outdoors as integers.
_SOCIAL_CODES: dict[str, int] = {"solo": 0, "social": 1, "either": 2}
_OUTDOORS_CODES: dict[str, int] = {"indoors": 0, "outdoors": 1, "either": 2}
_SOCIAL_NAMES: dict[int, Social] = {0: "solo", 1: "social", 2: "either"}
_OUTDOORS_NAMES: dict[int, Outdoors] = {0: "indoors", 1: "outdoors", 2: "either"}


@dataclass(frozen=True, slots=True)
class ActivityPreferences:
    hidden: frozenset[str] = frozenset()
    favourites: frozenset[str] = frozenset()


def _optional_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


class ActivityRepository:
    def __init__(self, db: Db) -> None:
        self._db = db

    # ------------------------------------------------------------------ custom activities

    def add_custom(self, activity: Activity) -> Activity:
        """Stores a person's own activity (from ``new_custom_activity``)."""
        self._require_custom(activity)
        with self._db.atomic():
            if self._custom_exists(activity.id):
                raise InvalidInput(f"You already have an activity with the id {activity.id!r}.")
            self._db.execute(
                "INSERT INTO activities (id, title, category, minutes, social, outdoors, energy,"
                " times_of_day, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._row(activity),
            )
        return activity

    def update_custom(self, activity: Activity) -> Activity:
        """Replaces a stored activity of the person's own, keeping its id, log and preferences."""
        self._require_custom(activity)
        with self._db.atomic():
            if not self._custom_exists(activity.id):
                raise InvalidInput(f"There is no activity of yours with the id {activity.id!r}.")
            activity_id, *values = self._row(activity)
            self._db.execute(
                "UPDATE activities SET title = ?, category = ?, minutes = ?, social = ?,"
                " outdoors = ?, energy = ?, times_of_day = ?, description = ? WHERE id = ?",
                (*values, activity_id),
            )
        return activity

    def remove_custom(self, activity_id: str) -> bool:
        """Removes an own activity and its preferences; its log stays, as history."""
        with self._db.atomic():
            cursor = self._db.execute("DELETE FROM activities WHERE id = ?", (activity_id,))
            self._db.execute(
                "DELETE FROM activity_preferences WHERE activity_id = ?", (activity_id,)
            )
        return cursor.rowcount > 0

    def custom(self) -> list[Activity]:
        rows = self._db.execute(
            "SELECT id, title, category, minutes, social, outdoors, energy, times_of_day,"
            " description FROM activities ORDER BY title, id"
        ).fetchall()
        return [
            Activity(
                id=aid,
                title=title,
                category=category,
                minutes=minutes,
                social=_SOCIAL_NAMES.get(social, "either"),
                outdoors=_OUTDOORS_NAMES.get(outdoors, "either"),
                energy=energy if energy in (1, 2, 3) else 2,
                times=_times(times) or TIMES_OF_DAY,
                description=description or "",
                custom=True,
            )
            for aid, title, category, minutes, social, outdoors, energy, times, description in rows
        ]

    def all(self, catalog: Sequence[Activity]) -> tuple[Activity, ...]:
        """The shipped catalog followed by the person's own activities."""
        return (*catalog, *self.custom())

    def _custom_exists(self, activity_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM activities WHERE id = ?", (activity_id,)).fetchone()
        return row is not None

    @staticmethod
    def _require_custom(activity: Activity) -> None:
        if not activity.custom or not activity.id.startswith(CUSTOM_PREFIX):
            raise InvalidInput(
                f"Only your own activities can be saved, and {activity.id!r} is not."
            )

    @staticmethod
    def _row(activity: Activity) -> tuple[str, str, str, int, int, int, int, str, str]:
        return (
            activity.id,
            activity.title,
            activity.category,
            activity.minutes,
            _SOCIAL_CODES[activity.social],
            _OUTDOORS_CODES[activity.outdoors],
            activity.energy,
            ",".join(activity.times),
            activity.description,
        )

    # ----------------------------------------------------------------------- preferences

    def hide(self, activity_id: str) -> None:
        self._set_preference(activity_id, "hidden", True)

    def unhide(self, activity_id: str) -> None:
        self._set_preference(activity_id, "hidden", False)

    def set_favourite(self, activity_id: str, favourite: bool = True) -> None:
        self._set_preference(activity_id, "favourite", favourite)

    def preferences(self) -> ActivityPreferences:
        rows = self._db.execute(
            "SELECT activity_id, hidden, favourite FROM activity_preferences"
        ).fetchall()
        return ActivityPreferences(
            hidden=frozenset(aid for aid, hidden, _ in rows if hidden),
            favourites=frozenset(aid for aid, _, favourite in rows if favourite),
        )

    def _set_preference(self, activity_id: str, column: str, value: bool) -> None:
        if not activity_id.strip():
            raise InvalidInput("Say which activity the preference is for.")
        # ``column`` is one of two names fixed above, never user input.
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO activity_preferences (activity_id, hidden, favourite)"
                " VALUES (?, 0, 0) ON CONFLICT(activity_id) DO NOTHING",
                (activity_id,),
            )
            self._db.execute(
                f"UPDATE activity_preferences SET {column} = ? WHERE activity_id = ?",
                (int(value), activity_id),
            )
            self._db.execute(
                "DELETE FROM activity_preferences WHERE activity_id = ?"
                " AND COALESCE(hidden, 0) = 0 AND COALESCE(favourite, 0) = 0",
                (activity_id,),
            )

    # ---------------------------------------------------------------------------- people

    def add_person(self, person: Person) -> Person:
        """Stores someone to reach out to (checked again with ``new_person``)."""
        checked = new_person(person.name, person.note)
        with self._db.atomic():
            cursor = self._db.execute(
                "INSERT INTO people (name, note) VALUES (?, ?)", (checked.name, checked.note)
            )
        return Person(checked.name, checked.note, int(cursor.lastrowid or 0))

    def remove_person(self, person_id: int) -> bool:
        with self._db.atomic():
            cursor = self._db.execute("DELETE FROM people WHERE id = ?", (person_id,))
        return cursor.rowcount > 0

    def people(self) -> list[Person]:
        rows = self._db.execute(
            "SELECT id, name, note FROM people ORDER BY name COLLATE NOCASE, id"
        ).fetchall()
        return [Person(name, note or "", pid) for pid, name, note in rows]

    # ------------------------------------------------------------------------------- log

    def log_outcome(
        self,
        at: datetime,
        activity_id: str,
        done: bool,
        mood_before: int | None = None,
        mood_after: int | None = None,
        helped: bool | None = None,
        break_event_id: int | None = None,
    ) -> Outcome:
        """Records "did you do it? how do you feel now?" and returns the checked outcome."""
        outcome = new_outcome(activity_id, done, mood_before, mood_after, helped)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO activity_log (at, utc_offset, activity_id, break_event_id, done,"
                " mood_before, mood_after, helped) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    at.timestamp(),
                    utc_offset_seconds(at),
                    outcome.activity_id,
                    break_event_id,
                    int(outcome.done),
                    outcome.mood_before,
                    outcome.mood_after,
                    _optional_bool(outcome.helped),
                ),
            )
        return outcome

    def record_shown(
        self,
        at: datetime,
        activity_ids: Iterable[str],
        mood: int | None = None,
        break_event_id: int | None = None,
    ) -> None:
        """Notes that these activities were suggested at ``at`` (log rows with ``done`` NULL)."""
        stamp, offset = at.timestamp(), utc_offset_seconds(at)
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT INTO activity_log (at, utc_offset, activity_id, break_event_id,"
                " mood_before) VALUES (?, ?, ?, ?, ?)",
                [(stamp, offset, aid, break_event_id, mood) for aid in activity_ids],
            )

    def recent_suggestions(self, since: datetime) -> tuple[ShownSuggestion, ...]:
        """Every activity suggested or logged at or after ``since``, oldest first."""
        rows = self._db.execute(
            "SELECT activity_id, at, utc_offset FROM activity_log WHERE at >= ? ORDER BY at, id",
            (since.timestamp(),),
        ).fetchall()
        return tuple(ShownSuggestion(aid, to_datetime(at, off)) for aid, at, off in rows)

    def outcomes(self) -> list[Outcome]:
        """Every recorded outcome, oldest first (suggestions merely shown are left out)."""
        rows = self._db.execute(
            "SELECT activity_id, done, mood_before, mood_after, helped FROM activity_log"
            " WHERE done IS NOT NULL ORDER BY at, id"
        ).fetchall()
        return [
            Outcome(aid, bool(done), before, after, None if helped is None else bool(helped))
            for aid, done, before, after, helped in rows
        ]

    def logged_outcomes(self) -> list[tuple[datetime, Outcome]]:
        """Every recorded outcome with when it was logged, newest first."""
        rows = self._db.execute(
            "SELECT at, utc_offset, activity_id, done, mood_before, mood_after, helped"
            " FROM activity_log WHERE done IS NOT NULL ORDER BY at DESC, id DESC"
        ).fetchall()
        return [
            (
                to_datetime(at, offset),
                Outcome(aid, bool(done), before, after, None if helped is None else bool(helped)),
            )
            for at, offset, aid, done, before, after, helped in rows
        ]

    def history(self) -> ActivityHistory:
        """Outcome counts per activity, for the suggestion engine."""
        return history_from(self.outcomes())


def _times(text: str | None) -> tuple[TimeOfDay, ...]:
    wanted = set((text or "").split(","))
    return tuple(t for t in TIMES_OF_DAY if t in wanted)


def suggest_now(
    repository: ActivityRepository,
    catalog: Sequence[Activity],
    now: datetime,
    minutes: int,
    rng: random.Random,
    *,
    mood: int | None = None,
    energy: int | None = None,
    reason: PromptReason = "asked",
    count: int = 3,
    record: bool = True,
    break_event_id: int | None = None,
    minutes_stated: bool = False,
) -> list[Suggestion]:
    """Suggestions for this moment from everything stored, noted as shown when ``record``.

    ``minutes`` bounds what is suggested; the reasons quote it only when ``minutes_stated`` (the
    person said how long they have), never a default or a break's length.

    Raises:
        InvalidInput: minutes outside 1..1440, a mood or energy outside 1..5, count below 1.
    """
    preferences = repository.preferences()
    context = SuggestionContext(
        now=now,
        minutes=minutes,
        mood=mood,
        energy=energy,
        recent=repository.recent_suggestions(now - REPEAT_GAP),
        hidden=preferences.hidden,
        favourites=preferences.favourites,
        people=tuple(repository.people()),
        reason=reason,
        minutes_stated=minutes_stated,
    )
    suggestions = suggest(context, repository.all(catalog), repository.history(), rng, count)
    if record and suggestions:
        repository.record_shown(
            now, [s.activity.id for s in suggestions], mood=mood, break_event_id=break_event_id
        )
    return suggestions
