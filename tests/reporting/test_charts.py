"""Every chart renders from 60 days of demo data and from nothing, light and dark; no pyplot."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection, QuadMesh
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import DayAppTotal, HourTotal
from wellbeing_app.core.stats import (
    MIN_N,
    Association,
    BreakStats,
    DayValue,
    GroupComparison,
    break_adherence,
    daily_community_minutes,
    daily_mood,
    gratitude_vs_mood,
    usage_vs_mood,
)
from wellbeing_app.reporting import charts
from wellbeing_app.storage.repositories import open_repositories

CET = timezone(timedelta(hours=1))
LAST = date(2026, 11, 21)
FIRST = LAST - timedelta(days=59)
PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    days: list[DayAppTotal]
    weeks: list[DayAppTotal]
    hours: list[HourTotal]
    usage: tuple[DayValue, ...]
    moods: tuple[DayValue, ...]
    association: Association | None
    next_day: Association | None
    gratitude: GroupComparison | None
    breaks: BreakStats


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Period]:
    folder = tmp_path_factory.mktemp("charts") / "d"
    fill_demo(folder, FixedClock(datetime(2026, 11, 21, 21, 0, tzinfo=CET)), days=60)
    repos = open_repositories(folder)
    try:
        start = datetime(2026, 9, 1, tzinfo=CET)
        end = datetime(2026, 12, 1, tzinfo=CET)
        day_totals = repos.usage.by_day(FIRST, LAST)
        usage = daily_community_minutes(day_totals, FIRST, LAST, repos.usage.first_day())
        moods = daily_mood(repos.moods.between(start, end), FIRST, LAST, 4)
        yield Period(
            FIRST,
            LAST,
            day_totals,
            repos.usage.by_week(FIRST, LAST),
            repos.usage.by_hour(FIRST, LAST),
            usage,
            moods,
            usage_vs_mood(usage, moods, 0),
            usage_vs_mood(usage, moods, 1),
            gratitude_vs_mood(repos.gratitude.days_with_entries(FIRST, LAST), moods),
            break_adherence(repos.breaks.between(start, end)),
        )
    finally:
        repos.close()


EMPTY = Period(
    FIRST,
    LAST,
    [],
    [],
    [],
    daily_community_minutes([], FIRST, LAST),
    daily_mood([], FIRST, LAST, 4),
    None,
    None,
    None,
    break_adherence([]),
)

Builder = Callable[[Period, bool], Figure]
BUILDERS: dict[str, Builder] = {
    "daily_usage": lambda p, dark: charts.daily_usage_chart(p.days, p.first, p.last, dark=dark),
    "weekly_usage": lambda p, dark: charts.weekly_usage_chart(p.weeks, dark=dark),
    "hour_heatmap": lambda p, dark: charts.hour_heatmap(p.hours, dark=dark),
    "mood": lambda p, dark: charts.mood_chart(p.moods, p.first, p.last, dark=dark),
    "usage_mood": lambda p, dark: charts.usage_mood_chart(
        p.usage, p.moods, p.association, dark=dark
    ),
    "gratitude": lambda p, dark: charts.gratitude_chart(p.gratitude, dark=dark),
    "breaks": lambda p, dark: charts.breaks_chart(p.breaks, dark=dark),
}


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()


def texts(fig: Figure) -> str:
    """Every piece of text on the figure, for looking words up."""
    found = [fig.get_suptitle()]
    for ax in fig.axes:
        found += [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        found += [t.get_text() for t in ax.texts]
    found += [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    found.append(fig.get_supxlabel())
    return "\n".join(found)


def legend_labels(fig: Figure) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def line(fig: Figure, label: str) -> Line2D:
    (found,) = [ln for ln in fig.axes[0].get_lines() if ln.get_label() == label]
    return found


# --- every chart, every way ----------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_chart_renders_from_demo_data(demo: Period, name: str, dark: bool) -> None:
    fig = BUILDERS[name](demo, dark)
    assert isinstance(fig, Figure)
    assert png(fig).startswith(PNG)
    assert fig.get_suptitle()
    assert charts.NO_DATA not in texts(fig)
    assert fig.get_layout_engine() is not None  # laid out so nothing is cut off


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_chart_says_so_when_there_is_no_data(name: str, dark: bool) -> None:
    fig = BUILDERS[name](EMPTY, dark)
    assert png(fig).startswith(PNG)
    assert charts.NO_DATA in texts(fig)
    assert fig.get_suptitle()


def test_dark_charts_have_a_dark_background(demo: Period) -> None:
    light = charts.mood_chart(demo.moods, FIRST, LAST)
    dark = charts.mood_chart(demo.moods, FIRST, LAST, dark=True)
    assert sum(to_rgb(light.get_facecolor())) > 2.9
    assert sum(to_rgb(dark.get_facecolor())) < 0.6


# --- what each chart shows -----------------------------------------------------------------


def test_daily_usage_stacks_the_top_apps_and_groups_the_rest(demo: Period) -> None:
    fig = charts.daily_usage_chart(demo.days, FIRST, LAST, top_apps=4)
    assert fig.get_suptitle() == "Time in online communities per day"
    (ax,) = fig.axes
    stacks = [c for c in ax.collections if isinstance(c, PolyCollection)]
    labels = legend_labels(fig)
    assert len(labels) == 6  # four apps, Other, Weekend
    assert (labels[0], labels[-1]) == ("Other", "Weekend")  # the legend reads as the stack
    assert [str(c.get_label()) for c in stacks[:5]] == labels[4::-1]
    assert ax.get_ylabel() == "Hours per day"
    # The stacks' tops add up to the total time on the busiest day.
    busiest = max(
        sum(t.seconds for t in demo.days if t.day == day)
        for day in {t.day for t in demo.days if FIRST <= t.day <= LAST}
    )
    assert ax.get_ylim()[1] == pytest.approx(busiest / 3600 * 1.05, rel=1e-6)


def test_daily_usage_marks_days_before_tracking(demo: Period) -> None:
    fig = charts.daily_usage_chart(demo.days, FIRST, LAST, tracked_since=FIRST + timedelta(3))
    assert "Not tracked yet" in legend_labels(fig)


def test_light_use_is_shown_in_minutes() -> None:
    totals = [DayAppTotal(FIRST + timedelta(days=i), "Reddit", "forum", 600) for i in range(7)]
    fig = charts.daily_usage_chart(totals, FIRST, FIRST + timedelta(days=6))
    assert fig.axes[0].get_ylabel() == "Minutes per day"
    assert legend_labels(fig) == ["Reddit", "Weekend"]


def test_weekly_usage_has_one_bar_per_week_and_marks_partial_weeks(demo: Period) -> None:
    fig = charts.weekly_usage_chart(demo.weeks, first=FIRST, last=LAST)
    (ax,) = fig.axes
    weeks = sorted({t.day for t in demo.weeks})
    assert len(weeks) == 9
    assert ax.get_xlim() == pytest.approx((-0.6, 8.6))
    assert "Partial week" in legend_labels(fig)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "21 Sep\n2026"
    assert labels[-1] == "16 Nov"
    assert "Partial week" not in legend_labels(charts.weekly_usage_chart(demo.weeks))


def test_hour_heatmap_is_weekdays_by_hours_with_a_colour_bar(demo: Period) -> None:
    fig = charts.hour_heatmap(demo.hours)
    assert len(fig.axes) == 2  # the map and its colour bar
    ax = fig.axes[0]
    (cells,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    grid = np.asarray(cells.get_array()).reshape(7, 24)
    assert grid.shape == (7, 24)
    assert grid.sum() == pytest.approx(sum(t.seconds for t in demo.hours) / 60)
    assert grid[0].sum() == pytest.approx(sum(t.seconds for t in demo.hours if t.weekday == 0) / 60)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(charts.WEEKDAYS)
    assert ax.yaxis_inverted()  # Monday on top
    assert fig.axes[1].get_ylabel() == "Minutes in this period"


def test_mood_chart_has_every_day_and_marks_the_missing_ones(demo: Period) -> None:
    fig = charts.mood_chart(demo.moods, FIRST, LAST)
    daily = line(fig, "Daily mood")
    missing_days = [d for d in demo.moods if d.value is None]
    assert len(daily.get_xdata()) == 60  # type: ignore[arg-type]
    y = np.asarray(daily.get_ydata(), dtype=float)
    assert int(np.isnan(y).sum()) == len(missing_days) > 0  # gaps, not interpolated
    gaps = line(fig, "No check-in")
    assert len(gaps.get_xdata()) == len(missing_days)  # type: ignore[arg-type]
    assert line(fig, "7-day average")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["awful (1)", "bad (2)", "okay (3)", "good (4)", "great (5)"]
    assert f"a check-in on {60 - len(missing_days)} of 60 days" in texts(fig)


def test_usage_mood_chart_states_r_ci_n_and_not_cause(demo: Period) -> None:
    assert demo.association is not None
    fig = charts.usage_mood_chart(demo.usage, demo.moods, demo.association)
    words = texts(fig)
    assert "association, not cause" in words
    assert f"n = {demo.association.n} days" in words
    assert "r = −0." in words
    assert "95 % CI" in words
    (points,) = fig.axes[0].collections
    assert len(points.get_offsets()) == demo.association.n  # type: ignore[arg-type]
    assert fig.axes[0].get_xlabel() == "Hours in online communities that day"


def test_usage_mood_chart_for_the_next_day(demo: Period) -> None:
    assert demo.next_day is not None
    fig = charts.usage_mood_chart(demo.usage, demo.moods, demo.next_day)
    assert fig.axes[0].get_xlabel() == "Hours in online communities the day before"
    assert "(next day)" in fig.get_suptitle()


def test_usage_mood_chart_with_too_few_days_shows_points_but_no_r(demo: Period) -> None:
    few = demo.moods[:6]
    fig = charts.usage_mood_chart(demo.usage, few, usage_vs_mood(demo.usage, few))
    words = texts(fig)
    assert f"at least {MIN_N}" in words
    assert "r = " not in words
    assert "association, not cause" in words


def test_gratitude_chart_shows_both_groups_with_their_sizes(demo: Period) -> None:
    assert demo.gratitude is not None
    fig = charts.gratitude_chart(demo.gratitude)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [
        f"Other days\n({demo.gratitude.absent.n} days)",
        f"Days with a gratitude entry\n({demo.gratitude.present.n} days)",
    ]
    assert "association, not cause" in texts(fig)


def test_breaks_chart_shows_outcomes_and_reasons(demo: Period) -> None:
    fig = charts.breaks_chart(demo.breaks)
    assert len(fig.axes) == 2
    outcomes = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert outcomes == ["Taken", "Snoozed", "Skipped", "Dismissed"]  # top to bottom
    assert f"{demo.breaks.taken} of {demo.breaks.decided} prompts ended in a break" in texts(fig)


def test_breaks_chart_without_skips_has_one_panel() -> None:
    stats = BreakStats(3, 2, 1, 0, 0, 4, 0, ())
    fig = charts.breaks_chart(stats)
    assert len(fig.axes) == 1
    assert "Heads-ups" in [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_a_year_of_days_renders(demo: Period) -> None:
    first = LAST - timedelta(days=364)
    usage = charts.daily_usage_chart(demo.days, first, LAST, tracked_since=FIRST)
    assert "Not tracked yet" in legend_labels(usage)
    assert "Weekend" not in legend_labels(usage)  # too thin to mark over a year
    assert png(usage).startswith(PNG)
    mood = charts.mood_chart(demo.moods, first, LAST)
    assert len(line(mood, "Daily mood").get_xdata()) == 365  # type: ignore[arg-type]
    assert png(mood).startswith(PNG)


# --- no pyplot -----------------------------------------------------------------------------


def test_charts_never_import_pyplot() -> None:
    code = (
        "import sys\n"
        "from wellbeing_app.reporting import charts\n"
        "from matplotlib.backends.backend_agg import FigureCanvasAgg\n"
        "FigureCanvasAgg(charts.hour_heatmap([])).print_png(__import__('io').BytesIO())\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
