"""What has helped before: outcomes of suggestions, counted per activity, and the bandit's beliefs.

Each activity has a Beta posterior over "suggesting it led to feeling better". Its prior is
Beta(2, 2) pulled towards how its whole category has done, so an untried activity borrows from
its siblings yet still gets tried. An activity done without a word on how it went is counted as
done (``ActivityRecord.unknown``) but teaches the bandit nothing. Everything here is pure.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from wellbeing_app.core.activities import Activity
from wellbeing_app.core.errors import InvalidInput

Verdict = Literal["helped", "not_helped", "skipped", "unknown"]

# Beta(2, 2): "probably helps about half the time", weak enough for two outcomes to move it.
PRIOR_STRENGTH: Final = 4.0
# How much an outcome of another activity in the same category counts towards a prior, and
# how far from 0.5 such a prior may lean.
SIBLING_WEIGHT: Final = 0.5
PRIOR_MEAN_RANGE: Final = (0.4, 0.6)
# Turning a suggestion down is weaker evidence than trying it and feeling no better.
SKIP_WEIGHT: Final = 0.5


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
    """How one activity has gone for this person.

    ``unknown`` counts the times it was done without a word on how it went (logged without a
    mood afterwards): the bandit cannot learn from them, but they are still times it was done.
    """

    helped: int = 0
    not_helped: int = 0
    skipped: int = 0
    unknown: int = 0

    @property
    def tried(self) -> int:
        """Times done with a known verdict."""
        return self.helped + self.not_helped

    @property
    def done(self) -> int:
        """Times done at all, whether or not the person said how it went."""
        return self.tried + self.unknown

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
        return replace(self, unknown=self.unknown + 1)


_NO_RECORD: Final = ActivityRecord()


@dataclass(frozen=True, slots=True)
class ActivityHistory:
    """Per-activity outcome counts: all the bandit needs to know about the past."""

    records: Mapping[str, ActivityRecord] = field(default_factory=dict)

    def of(self, activity_id: str) -> ActivityRecord:
        return self.records.get(activity_id, _NO_RECORD)


def learn(history: ActivityHistory, outcome: Outcome) -> ActivityHistory:
    """The history with one more outcome counted (an ``unknown`` verdict as done, no more)."""
    records = dict(history.records)
    records[outcome.activity_id] = history.of(outcome.activity_id).counted(outcome.verdict)
    return ActivityHistory(records)


def history_from(outcomes: Iterable[Outcome]) -> ActivityHistory:
    """The history of many outcomes at once (what :func:`learn` gives one at a time)."""
    records: dict[str, ActivityRecord] = {}
    for outcome in outcomes:
        records[outcome.activity_id] = records.get(outcome.activity_id, _NO_RECORD).counted(
            outcome.verdict
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
