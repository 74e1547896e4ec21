"""Which offline activities to suggest right now, and learning which ones help this person.

Two things decide a suggestion:

1. **Fit to the moment** — hard rules first (never longer than the time there is, nothing hidden,
   nothing already suggested in the last day, nothing outdoors or loud at night or in quiet
   hours), then weights: the time of day, how much of the time it uses, energy needed against
   energy felt, a low mood favouring gentle, social and support options, the reason for the
   prompt and the person's favourites.
2. **What has helped before** — a small Bayesian bandit. Each activity has a Beta posterior over
   "suggesting it led to feeling better". Its prior is Beta(2, 2) pulled towards how its whole
   category has done, so an untried activity borrows from its siblings yet still gets tried.
   Thompson sampling draws one value from each posterior, so a proven activity usually wins and
   an uncertain one sometimes does, which is how the engine keeps learning.

The score is fit × draw. The picks are spread over categories, and each carries a plain
sentence saying why it was chosen. That sentence says only what the data shows: the minutes only
when the person said how much time they have, "you haven't tried it yet" only when it was never
done, and the record as it is (done without saying how it went counts as done, not as untried).
Everything is pure: time, history and randomness come in.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from wellbeing_app.core.activities import Activity, Person, TimeOfDay, time_of_day
from wellbeing_app.core.activity_history import (
    PRIOR_MEAN_RANGE,
    PRIOR_STRENGTH,
    SIBLING_WEIGHT,
    SKIP_WEIGHT,
    ActivityHistory,
    ActivityRecord,
    Outcome,
    Posterior,
    Verdict,
    history_from,
    learn,
    new_outcome,
    posteriors,
)
from wellbeing_app.core.errors import InvalidInput

# What has helped before lives in core.activity_history; it is re-exported for callers here.
__all__ = [
    "MAX_CONTEXT_MINUTES",
    "PRIOR_MEAN_RANGE",
    "PRIOR_STRENGTH",
    "PROMPT_REASONS",
    "REACH_OUT_CATEGORIES",
    "REPEAT_GAP",
    "RESTING_CATEGORIES",
    "SIBLING_WEIGHT",
    "SKIP_WEIGHT",
    "ActivityHistory",
    "ActivityRecord",
    "Outcome",
    "Posterior",
    "PromptReason",
    "ShownSuggestion",
    "Suggestion",
    "SuggestionContext",
    "Verdict",
    "explain",
    "fit",
    "history_from",
    "is_eligible",
    "learn",
    "new_outcome",
    "posteriors",
    "suggest",
    "suggestion_record",
]

PromptReason = Literal["continuous_use", "daily_limit", "quiet_hours", "asked"]
PROMPT_REASONS: Final[tuple[str, ...]] = ("continuous_use", "daily_limit", "quiet_hours", "asked")

# An activity suggested (or done) less than this long ago is not suggested again.
REPEAT_GAP: Final = timedelta(days=1)
MAX_CONTEXT_MINUTES: Final = 24 * 60
REACH_OUT_CATEGORIES: Final = frozenset({"friends-family", "support"})
# Categories that get a person away from the screen and its posture quickly.
RESTING_CATEGORIES: Final = frozenset({"movement", "mindfulness", "nature"})


@dataclass(frozen=True, slots=True)
class ShownSuggestion:
    """An activity suggested (or logged) at ``at``; used to avoid repeats within a day."""

    activity_id: str
    at: datetime


@dataclass(frozen=True, slots=True)
class SuggestionContext:
    """The moment a suggestion is for.

    Attributes:
        now: the local time, timezone-aware.
        minutes: how long the person has; nothing longer is suggested.
        mood: 1 (awful) to 5 (great), or ``None`` when unknown.
        energy: 1 (drained) to 5 (buzzing), or ``None`` when unknown.
        recent: what was suggested or done lately, with times.
        hidden: ids the person never wants to see.
        favourites: ids the person starred.
        people: people to reach out to, for activities about someone.
        reason: why the prompt appears.
        minutes_stated: whether the person said how long they have; when not (a default, or a
            break's length), ``minutes`` still bounds what is suggested but is never quoted.
    """

    now: datetime
    minutes: int
    mood: int | None = None
    energy: int | None = None
    recent: tuple[ShownSuggestion, ...] = ()
    hidden: frozenset[str] = frozenset()
    favourites: frozenset[str] = frozenset()
    people: tuple[Person, ...] = ()
    reason: PromptReason = "asked"
    minutes_stated: bool = False

    def __post_init__(self) -> None:
        if self.now.utcoffset() is None:
            raise InvalidInput("A suggestion needs the local time with its UTC offset.")
        if not 1 <= self.minutes <= MAX_CONTEXT_MINUTES:
            raise InvalidInput(
                f"The minutes available must be 1 to {MAX_CONTEXT_MINUTES}, not {self.minutes}."
            )
        if self.mood is not None and not 1 <= self.mood <= 5:
            raise InvalidInput(f"A mood runs from 1 to 5, not {self.mood}.")
        if self.energy is not None and not 1 <= self.energy <= 5:
            raise InvalidInput(f"Energy runs from 1 to 5, not {self.energy}.")
        if self.reason not in PROMPT_REASONS:
            raise InvalidInput(
                f"The reason {self.reason!r} is unknown; use one of: {', '.join(PROMPT_REASONS)}."
            )

    @property
    def time_of_day(self) -> TimeOfDay:
        return time_of_day(self.now)

    @property
    def calm(self) -> bool:
        """At night and in quiet hours only quiet, indoor-friendly things are suggested."""
        return self.time_of_day == "night" or self.reason == "quiet_hours"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested activity, why it was chosen, and its score (fit × posterior draw)."""

    activity: Activity
    why: str
    score: float
    person: Person | None = None

    @property
    def title(self) -> str:
        """The title to show: ``Message Sam`` for an activity about someone on the list."""
        return self.activity.title_for(self.person.name if self.person else None)


# ------------------------------------------------------------------------------- fitting


def is_eligible(activity: Activity, context: SuggestionContext) -> bool:
    """The hard rules: what may never be suggested in this moment."""
    if activity.id in context.hidden or activity.minutes > context.minutes:
        return False
    if any(
        shown.activity_id == activity.id and context.now - shown.at < REPEAT_GAP
        for shown in context.recent
    ):
        return False
    if context.calm and (
        activity.outdoors == "outdoors"
        or activity.energy == 3
        or activity.category == "local-events"
    ):
        return False
    return context.time_of_day != "night" or "night" in activity.times


def fit(activity: Activity, context: SuggestionContext) -> float:
    """How well an eligible activity suits the moment, around 1 (higher is better)."""
    weight = 1.0 if context.time_of_day in activity.times else 0.5
    # Something that uses the time there is beats something over in a moment, but only mildly.
    weight *= 0.85 + 0.15 * activity.minutes / context.minutes
    if context.energy is not None:
        over = activity.energy - _capacity(context.energy)
        if over > 0:
            weight *= 0.4**over
        elif over == -2:
            weight *= 0.8
    weight *= _mood_weight(activity, context.mood)
    weight *= _reason_weight(activity, context.reason)
    if activity.id in context.favourites:
        weight *= 1.5
    return weight


def _capacity(energy: int) -> int:
    """A person's energy (1..5) on the activities' scale (1..3)."""
    return 1 if energy <= 2 else 2 if energy == 3 else 3


def _low(mood: int | None) -> bool:
    return mood is not None and mood <= 2


def _mood_weight(activity: Activity, mood: int | None) -> float:
    if mood is not None and mood <= 2:
        weight = 1.0
        if activity.category == "support":
            weight *= 2.0 if mood == 1 else 1.5
        if activity.category == "friends-family" or activity.social == "social":
            weight *= 1.5
        if activity.energy == 1:
            weight *= 1.3
        elif activity.energy == 3:
            weight *= 0.5
        return weight
    if activity.category == "support":
        # Still offered now and then, but not pressed on someone who feels fine.
        return 0.6 if mood is not None and mood >= 4 else 0.8
    return 1.0


def _reason_weight(activity: Activity, reason: PromptReason) -> float:
    if reason == "continuous_use":
        quick = activity.minutes <= 15 and activity.category in RESTING_CATEGORIES
        return 1.3 if quick else 1.0
    if reason == "daily_limit":
        return (1.2 if activity.social != "solo" else 1.0) * (
            1.1 if activity.outdoors != "indoors" else 1.0
        )
    if reason == "quiet_hours":
        return 1.3 if activity.energy == 1 else 1.0
    return 1.0


# ------------------------------------------------------------------------------ suggesting


def suggest(
    context: SuggestionContext,
    activities: Sequence[Activity],
    history: ActivityHistory,
    rng: random.Random,
    count: int = 3,
) -> list[Suggestion]:
    """Up to ``count`` activities for this moment, best first, spread over categories.

    Fewer come back only when fewer fit (e.g. two free minutes late at night). When the mood is
    at its lowest, one of them is always a way to reach people (friends, family or support).
    """
    if count < 1:
        raise InvalidInput(f"Ask for at least one suggestion, not {count}.")
    beliefs = posteriors(activities, history)
    scored: list[tuple[float, Activity]] = []
    seen: set[str] = set()
    for activity in activities:
        if activity.id in seen or not is_eligible(activity, context):
            continue
        seen.add(activity.id)
        # One draw per eligible activity, in catalog order, so a seeded rng repeats exactly.
        scored.append((fit(activity, context) * beliefs[activity.id].sample(rng), activity))
    scored.sort(key=lambda pair: (-pair[0], pair[1].id))

    picks: list[tuple[float, Activity]] = []
    if context.mood == 1:
        picks.extend([pair for pair in scored if pair[1].category in REACH_OUT_CATEGORIES][:1])
    for spread in (True, False):
        for pair in scored:
            if len(picks) >= count:
                break
            used = {activity.category for _, activity in picks}
            if pair not in picks and not (spread and pair[1].category in used):
                picks.append(pair)
    picks.sort(key=lambda pair: (-pair[0], pair[1].id))

    people = _people_for(picks, context.people, rng)
    return [
        Suggestion(
            activity=activity,
            why=explain(activity, context, history.of(activity.id)),
            score=score,
            person=people.get(activity.id),
        )
        for score, activity in picks
    ]


def _people_for(
    picks: Sequence[tuple[float, Activity]], people: Sequence[Person], rng: random.Random
) -> dict[str, Person]:
    """A person for each activity about someone, a different one each while the list lasts."""
    chosen: dict[str, Person] = {}
    left = list(people)
    for _, activity in picks:
        if activity.needs_person and people:
            if not left:
                left = list(people)
            person = rng.choice(left)
            left.remove(person)
            chosen[activity.id] = person
    return chosen


_WHEN: Final[Mapping[str, tuple[str, str]]] = {
    # time of day: (after "it's", after "have N minutes")
    "morning": ("morning", "this morning"),
    "afternoon": ("afternoon", "this afternoon"),
    "evening": ("evening", "this evening"),
    "night": ("late", "tonight"),
}


def _times(count: int) -> str:
    return f"{count} time{'' if count == 1 else 's'}"


def _moment(context: SuggestionContext) -> str:
    """Why now, from what is known: the prompt, the time of day, and the minutes if stated."""
    its, this = _WHEN[context.time_of_day]
    minutes = f"{context.minutes} minute{'s' if context.minutes != 1 else ''}"
    have = f" and have {minutes} {this}" if context.minutes_stated else ""
    if context.reason == "continuous_use":
        return f"You've been online for a while{have}"
    if context.reason == "daily_limit":
        return f"You've reached today's limit{have}"
    if context.reason == "quiet_hours":
        return f"It's your quiet time{f' and you have {minutes}' if context.minutes_stated else ''}"
    if context.minutes_stated:
        return f"You have {minutes} and it's {its}"
    return f"It's {its}"


def _record_reason(activity: Activity, record: ActivityRecord) -> str:
    """How it has gone before, as far as the person has said."""
    if record.tried:
        said = " you said how it went" if record.unknown else ""
        if record.helped:
            of = f"of the {_times(record.tried)}{said}" if said else f"of {_times(record.tried)}"
            return f"it helped you {record.helped} {of}"
        if said:
            return f"it didn't help the {_times(record.tried)}{said}, so it's one more try"
        return "it hasn't helped yet, so it's one more try"
    if record.unknown:
        return f"you've done it {_times(record.unknown)}"
    if activity.custom:
        return "you added it yourself"
    return "you haven't tried it yet"


def explain(activity: Activity, context: SuggestionContext, record: ActivityRecord) -> str:
    """One plain sentence: the moment, why this fits it, and how it has gone before.

    E.g. "You have 10 minutes and it's evening; it helped you 3 of 4 times." Every part is true
    of the data: the minutes appear only when stated, the record only as it was logged.
    """
    reasons = []
    fit_reason = _fit_reason(activity, context)
    if fit_reason:
        reasons.append(fit_reason)
    if activity.id in context.favourites:
        reasons.append("it's one of your favourites")
    reasons.append(_record_reason(activity, record))
    return f"{_moment(context)}; {', and '.join(reasons)}."


def _fit_reason(activity: Activity, context: SuggestionContext) -> str:
    if _low(context.mood):
        if activity.category == "support":
            return "talking to someone can help when things feel heavy"
        if activity.category == "friends-family" or activity.social == "social":
            return "a little company can help when you feel low"
        if activity.energy == 1:
            return "it's gentle"
    if context.energy is not None and context.energy <= 2 and activity.energy == 1:
        return "it asks for little energy"
    if context.energy is not None and context.energy >= 4 and activity.energy == 3:
        return "it puts that energy to use"
    if context.reason == "continuous_use" and activity.category in RESTING_CATEGORIES:
        return "it gives your eyes and body a rest"
    if context.reason == "daily_limit" and activity.social == "social":
        # Only for what is done with people: "either" may well be done alone.
        return "it's time with people instead of a screen"
    return ""


def suggestion_record(suggestion: Suggestion) -> dict[str, str | int]:
    """The plain form ``wellbeing suggest --json`` prints for each suggestion."""
    return {
        "title": suggestion.title,
        "minutes": suggestion.activity.minutes,
        "category": suggestion.activity.category,
        "why": suggestion.why,
    }
