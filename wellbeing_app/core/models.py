"""The things a person tracks, in their own words. Immutable; storage takes and returns these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

MOOD_LABELS: dict[int, str] = {1: "awful", 2: "bad", 3: "okay", 4: "good", 5: "great"}
ENERGY_LABELS: dict[int, str] = {1: "drained", 2: "low", 3: "steady", 4: "lively", 5: "buzzing"}

LimitKind = Literal["app", "category"]
BreakKind = Literal["daily_limit", "heads_up", "continuous_use", "quiet_hours"]
BreakOutcome = Literal["shown", "taken", "snoozed", "skipped", "dismissed"]


@dataclass(frozen=True, slots=True)
class UsageSpan:
    """Time spent in one community app without a break.

    ``start`` and ``end`` are UTC epoch seconds; ``utc_offset`` is the local offset in seconds at
    ``start``. A span never crosses a local hour boundary, so day and hour totals are exact.
    """

    start: float
    end: float
    utc_offset: int
    app: str
    category: str
    title: str | None = None
    approximate: bool = False
    source: str = "tracker"

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class AppTotal:
    app: str
    category: str
    seconds: float


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    category: str
    seconds: float


@dataclass(frozen=True, slots=True)
class DayAppTotal:
    day: date
    app: str
    category: str
    seconds: float


@dataclass(frozen=True, slots=True)
class HourTotal:
    """Seconds in one local hour of one weekday (0 = Monday) over a range."""

    weekday: int
    hour: int
    seconds: float


@dataclass(frozen=True, slots=True)
class ActiveDay:
    """Time at the computer (not idle) on one local day, community apps or not."""

    day: date
    seconds: float


@dataclass(frozen=True, slots=True)
class MoodEntry:
    """A mood check-in: 1 (awful) to 5 (great), optional energy, tags and a note."""

    at: datetime
    score: int
    energy: int | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    id: int | None = None

    @property
    def label(self) -> str:
        return MOOD_LABELS[self.score]


@dataclass(frozen=True, slots=True)
class GratitudeItem:
    text: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class GratitudeEntry:
    """ "Three good things" for one day: one to three items, each with an optional why."""

    day: date
    at: datetime
    items: tuple[GratitudeItem, ...]
    id: int | None = None


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A completed questionnaire, with every item's answer and the published score."""

    at: datetime
    questionnaire: str
    version: str
    answers: tuple[int, ...]
    raw_score: int
    score: float
    id: int | None = None


@dataclass(frozen=True, slots=True)
class DailyLimit:
    """A daily budget in minutes for one community app or a whole category.

    ``weekdays`` holds the days (0 = Monday) it applies on; empty means every day.
    """

    target: str
    kind: LimitKind
    minutes: int
    weekdays: frozenset[int] = field(default_factory=frozenset)
    id: int | None = None

    def applies_on(self, day: date) -> bool:
        return not self.weekdays or day.weekday() in self.weekdays


@dataclass(frozen=True, slots=True)
class LimitStanding:
    """How a limit stands today."""

    limit: DailyLimit
    used_seconds: float

    @property
    def used_minutes(self) -> float:
        return self.used_seconds / 60


@dataclass(frozen=True, slots=True)
class BreakEvent:
    """A break prompt and what the person did with it."""

    at: datetime
    kind: BreakKind
    outcome: BreakOutcome
    target: str = ""
    reason: str = ""
    activity_id: str = ""
    id: int | None = None
