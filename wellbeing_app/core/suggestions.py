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
sentence saying why it was chosen. Everything is pure: time, history and randomness come in.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Final, Literal

from wellbeing_app.core.activities import Activity, Person, TimeOfDay, time_of_day
from wellbeing_app.core.errors import InvalidInput

PromptReason = Literal["continuous_use", "daily_limit", "quiet_hours", "asked"]
PROMPT_REASONS: Final[tuple[str, ...]] = ("continuous_use", "daily_limit", "quiet_hours", "asked")
Verdict = Literal["helped", "not_helped", "skipped", "unknown"]

# An activity suggested (or done) less than this long ago is not suggested again.
REPEAT_GAP: Final = timedelta(days=1)
MAX_CONTEXT_MINUTES: Final = 24 * 60
# Beta(2, 2): "probably helps about half the time", weak enough for two outcomes to move it.
PRIOR_STRENGTH: Final = 4.0
# How much an outcome of another activity in the same category counts towards a prior, and
# how far from 0.5 such a prior may lean.
SIBLING_WEIGHT: Final = 0.5
PRIOR_MEAN_RANGE: Final = (0.4, 0.6)
# Turning a suggestion down is weaker evidence than trying it and feeling no better.
SKIP_WEIGHT: Final = 0.5
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


# ------------------------------------------------------------------------ outcomes, history


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened after a suggestion: "did you do it? how do you feel now?"."""

    activity_id: str
    done: bool
    mood_before: int | None = None
    mood_after: int | None = None
    helped: bool | None = None

    @property
    def verdict(self) -> Verdict:
        """``helped`` when done and the person said so, or (unsaid) their mood did not drop."""
        if not self.done:
            return "skipped"
        if self.helped is not None:
            return "helped" if self.helped else "not_helped"
        if self.mood_before is not None and self.mood_after is not None:
            return "helped" if self.mood_after >= self.mood_before else "not_helped"
        return "unknown"


def new_outcome(
    activity_id: str,
    done: bool,
    mood_before: int | None = None,
    mood_after: int | None = None,
    helped: bool | None = None,
) -> Outcome:
    """An outcome checked for what a person can get wrong (an empty id, a mood outside 1..5)."""
    if not activity_id.strip():
        raise InvalidInput("An activity outcome needs the activity it is about.")
    for label, mood in (("before", mood_before), ("after", mood_after)):
        if mood is not None and not 1 <= mood <= 5:
            raise InvalidInput(f"The mood {label} must be 1 to 5, not {mood}.")
    if helped and not done:
        raise InvalidInput("An activity can only have helped if it was done.")
    return Outcome(activity_id.strip(), done, mood_before, mood_after, helped)


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """How one activity has gone for this person."""

    helped: int = 0
    not_helped: int = 0
    skipped: int = 0

    @property
    def tried(self) -> int:
        """Times done with a known verdict."""
        return self.helped + self.not_helped

    @property
    def failures(self) -> float:
        return self.not_helped + SKIP_WEIGHT * self.skipped

    def counted(self, verdict: Verdict) -> ActivityRecord:
        if verdict == "helped":
            return replace(self, helped=self.helped + 1)
        if verdict == "not_helped":
            return replace(self, not_helped=self.not_helped + 1)
        if verdict == "skipped":
            return replace(self, skipped=self.skipped + 1)
        return self


_NO_RECORD: Final = ActivityRecord()


@dataclass(frozen=True, slots=True)
class ActivityHistory:
    """Per-activity outcome counts: all the bandit needs to know about the past."""

    records: Mapping[str, ActivityRecord] = field(default_factory=dict)

    def of(self, activity_id: str) -> ActivityRecord:
        return self.records.get(activity_id, _NO_RECORD)


def learn(history: ActivityHistory, outcome: Outcome) -> ActivityHistory:
    """The history with one more outcome counted (an ``unknown`` verdict changes nothing)."""
    verdict = outcome.verdict
    if verdict == "unknown":
        return history
    records = dict(history.records)
    records[outcome.activity_id] = history.of(outcome.activity_id).counted(verdict)
    return ActivityHistory(records)


def history_from(outcomes: Iterable[Outcome]) -> ActivityHistory:
    """The history of many outcomes at once (what :func:`learn` gives one at a time)."""
    records: dict[str, ActivityRecord] = {}
    for outcome in outcomes:
        verdict = outcome.verdict
        if verdict != "unknown":
            records[outcome.activity_id] = records.get(outcome.activity_id, _NO_RECORD).counted(
                verdict
            )
    return ActivityHistory(records)


@dataclass(frozen=True, slots=True)
class Posterior:
    """Beta(alpha, beta) belief that suggesting an activity leads to feeling better."""

    alpha: float
    beta: float

    @property
    def mean(self) -> float:
        return self.alpha / (self.alpha + self.beta)

    def sample(self, rng: random.Random) -> float:
        return rng.betavariate(self.alpha, self.beta)


def posteriors(activities: Sequence[Activity], history: ActivityHistory) -> dict[str, Posterior]:
    """Each activity's posterior, with a Beta(2, 2) prior pulled towards its category's record.

    The category's record leaves the activity's own outcomes out, so they are not counted twice.
    """
    helped: dict[str, float] = defaultdict(float)
    failed: dict[str, float] = defaultdict(float)
    for activity in activities:
        record = history.of(activity.id)
        helped[activity.category] += record.helped
        failed[activity.category] += record.failures
    result = {}
    for activity in activities:
        record = history.of(activity.id)
        others_helped = helped[activity.category] - record.helped
        others_failed = failed[activity.category] - record.failures
        mean = _prior_mean(others_helped, others_failed)
        result[activity.id] = Posterior(
            alpha=PRIOR_STRENGTH * mean + record.helped,
            beta=PRIOR_STRENGTH * (1 - mean) + record.failures,
        )
    return result


def _prior_mean(others_helped: float, others_failed: float) -> float:
    """Beta(2, 2)'s 0.5 moved towards the category's record, but never far.

    Siblings' outcomes count half, and the mean stays within :data:`PRIOR_MEAN_RANGE`: were an
    untried sibling of a proven activity nearly as sure a bet as the activity itself, it would
    keep taking the category's one place among the suggestions.
    """
    helped = SIBLING_WEIGHT * others_helped
    failed = SIBLING_WEIGHT * others_failed
    mean = (PRIOR_STRENGTH / 2 + helped) / (PRIOR_STRENGTH + helped + failed)
    low, high = PRIOR_MEAN_RANGE
    return min(max(mean, low), high)


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


def explain(activity: Activity, context: SuggestionContext, record: ActivityRecord) -> str:
    """One plain sentence: the moment, why this fits it, and how it has gone before.

    E.g. "You have 10 minutes and it's evening; it helped you 3 of 4 times."
    """
    time_text = f"{context.minutes} minute{'s' if context.minutes != 1 else ''}"
    its, this = _WHEN[context.time_of_day]
    if context.reason == "continuous_use":
        moment = f"You've been online for a while and have {time_text} {this}"
    elif context.reason == "daily_limit":
        moment = f"You've reached today's limit and have {time_text} {this}"
    elif context.reason == "quiet_hours":
        moment = f"It's your quiet time and you have {time_text}"
    else:
        moment = f"You have {time_text} and it's {its}"

    reasons = []
    fit_reason = _fit_reason(activity, context)
    if fit_reason:
        reasons.append(fit_reason)
    if activity.id in context.favourites:
        reasons.append("it's one of your favourites")
    if record.tried:
        if record.helped:
            times = "time" if record.tried == 1 else "times"
            reasons.append(f"it helped you {record.helped} of {record.tried} {times}")
        else:
            reasons.append("it hasn't helped yet, so it's one more try")
    elif activity.custom:
        reasons.append("you added it yourself")
    else:
        reasons.append("you haven't tried it yet")
    return f"{moment}; {', and '.join(reasons)}."


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
    if context.reason == "daily_limit" and activity.social != "solo":
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
