"""The report's data: what goes in (``ReportInput``), what comes out (``Report``) and the names of
its sections. Every other module of the package imports this one; it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from wellbeing_app.core.limit_history import LimitChange
from wellbeing_app.core.models import (
    ActiveDay,
    BreakEvent,
    CheckIn,
    DailyLimit,
    DayAppTotal,
    GratitudeEntry,
    HourTotal,
    MoodEntry,
)

# In the order they appear in the report.
SECTIONS: tuple[str, ...] = (
    "cover",
    "checkins",
    "mood",
    "usage",
    "limits_breaks",
    "activities",
    "associations",
    "questions",
    "calendar",
)
SECTION_TITLES: dict[str, str] = {
    "cover": "Summary and coverage",
    "checkins": "Check-in scores",
    "mood": "Mood",
    "usage": "Time in online communities",
    "limits_breaks": "Limits and breaks",
    "activities": "Offline activities",
    "associations": "Associations, not causes",
    "questions": "Questions for my next session",
    "calendar": "Day by day",
}
# How the cover lists them ("In this report: ...").
SECTION_NAMES: dict[str, str] = {
    "checkins": "check-in scores",
    "mood": "mood",
    "usage": "time in online communities",
    "limits_breaks": "limits and breaks",
    "activities": "offline activities",
    "associations": "associations",
    "questions": "questions for the next session",
    "calendar": "day-by-day calendar",
}
DEFAULT_SECTIONS: frozenset[str] = frozenset(SECTIONS) - {"questions"}
# What a report leaves out unless the person includes it (ReportOptions' defaults).
LEFT_OUT_BY_DEFAULT: tuple[str, ...] = ("notes", "gratitude text")


@dataclass(frozen=True, slots=True)
class ActivityDone:
    """An offline activity the person did, with their mood before and after when they said."""

    at: datetime
    title: str
    mood_before: int | None = None
    mood_after: int | None = None
    helped: bool | None = None
    during_break: bool = False


@dataclass(frozen=True, slots=True)
class LimitSummary:
    """How one daily limit went on the tracked days it was in force."""

    label: str
    minutes: int
    weekdays: frozenset[int]
    days_applied: int
    days_over: int
    average_minutes: float | None


@dataclass(frozen=True, slots=True)
class LimitScores:
    """Every limit's summary, and the days scored by today's limits for want of history.

    ``history_from`` is the first day the history knows (``None``: it knows none of the period);
    ``fallback_days`` counts the period's days before it.
    """

    summaries: tuple[LimitSummary, ...] = ()
    history_from: date | None = None
    fallback_days: int = 0


@dataclass(frozen=True, slots=True)
class ReportFigure:
    """A chart rendered to PNG for print; ``width`` is its width on the page at 96 px/inch."""

    name: str
    png: bytes
    width: int
    alt: str

    @property
    def url(self) -> str:
        return f"figure:{self.name}"


@dataclass(frozen=True, slots=True)
class ReportSection:
    """One part of the report: ``html`` refers to its ``figures`` by their ``url``.

    ``own_headings``: the section starts its pages with headings of its own (the calendar's
    months), so the document adds no title above it.
    """

    key: str
    title: str
    html: str
    figures: tuple[ReportFigure, ...] = ()
    own_headings: bool = False


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a report over ``first..last`` needs, as plain data (no database, no Qt).

    Attributes:
        made_at: when the data was gathered; the report shows its day.
        day_totals: community seconds per (local day, app) inside the range.
        hour_totals: community seconds per (weekday, hour) inside the range.
        active_days: time at the computer per day, where tracking recorded it.
        tracked_since: the first day with any usage ever; earlier days read "not tracked yet".
        approximate_seconds: community time in the range seen by a probe that knows only which
            apps run, not which has the focus.
        imported_seconds: community time in the range imported from another tool.
        moods, gratitude, checkins, break_events, activities: inside the range, oldest first.
        earlier_checkins: the latest check-in of each questionnaire before the range, a
            candidate baseline for the first score in the range.
        limits: the daily limits as they are set now.
        limit_changes: every recorded change of a limit up to the end of the range.
        limit_history_since: when the history of limits began; days before it are scored by
            ``limits``.
        asked_first: the first day asked for, when the range was narrowed to the data.
    """

    first: date
    last: date
    made_at: datetime
    day_start_hour: int = 4
    day_totals: tuple[DayAppTotal, ...] = ()
    hour_totals: tuple[HourTotal, ...] = ()
    active_days: tuple[ActiveDay, ...] = ()
    tracked_since: date | None = None
    approximate_seconds: float = 0.0
    imported_seconds: float = 0.0
    moods: tuple[MoodEntry, ...] = ()
    gratitude: tuple[GratitudeEntry, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    earlier_checkins: tuple[CheckIn, ...] = ()
    break_events: tuple[BreakEvent, ...] = ()
    limits: tuple[DailyLimit, ...] = ()
    limit_changes: tuple[LimitChange, ...] = ()
    limit_history_since: datetime | None = None
    activities: tuple[ActivityDone, ...] = ()
    asked_first: date | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A finished report: ordered sections and what was left out (by default or by choice)."""

    title: str
    subtitle: str
    first: date
    last: date
    sections: list[ReportSection]
    left_out: list[str] = field(default_factory=list)

    def section(self, key: str) -> ReportSection | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]
