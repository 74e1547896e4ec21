"""Everything the Insights page shows, computed and drawn in one go (off the GUI thread).

The inputs are plain data read from storage; the output is text and PNG images, so the page
only has to place them. The same chart functions feed the PDF report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from wellbeing_app.core.models import BreakEvent, DayAppTotal, HourTotal, MoodEntry
from wellbeing_app.core.stats import (
    MIN_N,
    break_adherence,
    daily_community_minutes,
    daily_mood,
    gratitude_vs_mood,
    usage_vs_mood,
)
from wellbeing_app.reporting import load_charts

if TYPE_CHECKING:
    from matplotlib.figure import Figure


LONG_RANGE_DAYS = 45  # past this, weekly bars read better than daily ones


@dataclass(frozen=True, slots=True)
class InsightsInput:
    first: date
    last: date
    day_totals: tuple[DayAppTotal, ...]
    week_totals: tuple[DayAppTotal, ...]
    hour_totals: tuple[HourTotal, ...]
    moods: tuple[MoodEntry, ...]
    gratitude_days: tuple[date, ...]
    break_events: tuple[BreakEvent, ...]
    day_start_hour: int
    tracked_since: date | None = None
    dark: bool = False


@dataclass(frozen=True, slots=True)
class Panel:
    """One chart with what it means in words (e.g. the association wording)."""

    key: str
    title: str
    png: bytes
    caption: str = ""


def _png(figure: Figure, dpi: int = 96) -> bytes:
    buffer = io.BytesIO()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def build_panels(data: InsightsInput) -> list[Panel]:
    """Computes every insight for the period and draws its chart."""
    first, last, dark = data.first, data.last, data.dark
    usage = daily_community_minutes(data.day_totals, first, last, data.tracked_since)
    mood = daily_mood(data.moods, first, last, data.day_start_hour)
    same_day = usage_vs_mood(usage, mood, 0)
    next_day = usage_vs_mood(usage, mood, 1)
    gratitude = gratitude_vs_mood(data.gratitude_days, mood)
    breaks = break_adherence(data.break_events)
    long_range = (last - first).days + 1 > LONG_RANGE_DAYS
    charts = load_charts()
    usage_figure = (
        charts.weekly_usage_chart(data.week_totals, first=first, last=last, dark=dark)
        if long_range
        else charts.daily_usage_chart(
            data.day_totals, first, last, tracked_since=data.tracked_since, dark=dark
        )
    )
    panels = [
        Panel("usage", "Time in online communities", _png(usage_figure)),
        Panel(
            "heatmap",
            "When in the week",
            _png(charts.hour_heatmap(data.hour_totals, dark=dark)),
        ),
        Panel(
            "mood",
            "Mood",
            _png(charts.mood_chart(mood, first, last, dark=dark)),
            "Days without a check-in are marked along the bottom, not filled in.",
        ),
        Panel(
            "usage_mood",
            "Community time and mood, the same day",
            _png(charts.usage_mood_chart(usage, mood, same_day, dark=dark)),
            same_day.wording if same_day else _too_few(),
        ),
        Panel(
            "usage_mood_next",
            "Community time and mood the next day",
            _png(charts.usage_mood_chart(usage, mood, next_day, dark=dark)),
            next_day.wording if next_day else _too_few(),
        ),
        Panel(
            "gratitude",
            "Days with good things written",
            _png(charts.gratitude_chart(gratitude, dark=dark)),
            gratitude.wording if gratitude else _too_few(),
        ),
        Panel("breaks", "Break prompts", _png(charts.breaks_chart(breaks, dark=dark))),
    ]
    return panels


def _too_few() -> str:
    return (
        "Not enough days with both time and mood recorded yet to say anything; associations "
        f"appear after at least {MIN_N} such days."
    )


def period_days(choice: str) -> int:
    return {"4 weeks": 28, "3 months": 91, "12 months": 365}[choice]


PERIODS: Sequence[str] = ("4 weeks", "3 months", "12 months")
