"""Charts for the Insights page and the therapist report: pure functions returning a ``Figure``.

Figures are built with ``matplotlib.figure.Figure``, never pyplot: no global state, so they can
be built off the GUI thread, shown in a Qt canvas and printed into a PDF alike. Colours come
from the Okabe-Ito palette, which stays distinct for the common kinds of colour blindness and in
greyscale print. Every chart copes with no data by saying so instead of failing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np
from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from wellbeing_app.core.models import MOOD_LABELS, DayAppTotal, HourTotal
from wellbeing_app.core.stats import (
    MIN_N,
    Association,
    BreakStats,
    DayValue,
    GroupComparison,
    association_numbers,
    days_in,
    paired,
)
from wellbeing_app.core.text import duration_text

NO_DATA = "No data for this period yet"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Okabe & Ito (2008), "Color Universal Design": distinct with any common colour vision.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
OTHER = "Other"
LONG_RANGE_DAYS = 120  # longer periods get a calmer day-by-day style
SIZE = (8.0, 4.0)  # inches: fits an A4 page's text width in a PDF, and a window on screen

_NOT_CAUSE = "An association, not cause."
GridAxis = Literal["both", "x", "y"]


@dataclass(frozen=True, slots=True)
class _Theme:
    background: str
    text: str
    muted: str
    grid: str
    weekend: str
    missing: str
    other: str
    heatmap: str
    line: str  # the main series: dark blue reads on white, sky blue on a dark background


_LIGHT = _Theme(
    background="#ffffff",
    text="#1a1a1a",
    muted="#555555",
    grid="#e3e3e3",
    weekend="#f0f0f0",
    missing="#9a9a9a",
    other="#a0a0a0",
    heatmap="YlGnBu",
    line=PALETTE[0],
)
_DARK = _Theme(
    background="#202124",
    text="#e8e8e8",
    muted="#b0b0b0",
    grid="#3c3c3c",
    weekend="#2c2d30",
    missing="#8a8a8a",
    other="#8c8c8c",
    heatmap="viridis",
    line=PALETTE[4],
)


def _theme(dark: bool) -> _Theme:
    return _DARK if dark else _LIGHT


def _figure(theme: _Theme, size: tuple[float, float] = SIZE) -> Figure:
    return Figure(figsize=size, layout="constrained", facecolor=theme.background)


def _style(ax: Axes, theme: _Theme, grid: GridAxis | None = "y") -> None:
    ax.set_facecolor(theme.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.muted)
    ax.tick_params(colors=theme.muted, labelcolor=theme.text, labelsize=9)
    ax.xaxis.label.set_color(theme.text)
    ax.yaxis.label.set_color(theme.text)
    ax.title.set_color(theme.text)
    if grid:
        ax.grid(axis=grid, color=theme.grid, linewidth=0.8)
        ax.set_axisbelow(True)


def _title(fig: Figure, ax: Axes, theme: _Theme, title: str, subtitle: str = "") -> None:
    """A bold title over the figure and an optional plain line under it."""
    fig.suptitle(title, fontsize=12, fontweight="bold", color=theme.text)
    if subtitle:
        ax.set_title(subtitle, fontsize=9, color=theme.muted, loc="left")


def _legend(fig: Figure, theme: _Theme, handles: Sequence[Artist], labels: Sequence[str]) -> None:
    fig.legend(
        handles, labels, loc="outside right upper", frameon=False, fontsize=9, labelcolor=theme.text
    )


def empty_figure(title: str, message: str = NO_DATA, dark: bool = False) -> Figure:
    """A figure that says there is nothing to show yet, in place of a chart."""
    theme = _theme(dark)
    fig = _figure(theme, (SIZE[0], 2.5))
    ax = fig.add_subplot()
    ax.set_axis_off()
    fig.suptitle(title, fontsize=12, fontweight="bold", color=theme.text)
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=theme.muted, wrap=True)
    return fig


def _day_num(days: Sequence[date]) -> np.ndarray:
    return np.asarray(mdates.date2num(list(days)), dtype=float)


def _date_axis(ax: Axes, first: date, last: date) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    lo, hi = _day_num([first, last])
    ax.set_xlim(lo - 0.6, hi + 0.6)


def _period(first: date, last: date) -> str:
    n = (last - first).days + 1
    return f"{first.day} {first:%b} {first.year} – {last.day} {last:%b} {last.year} ({n} days)"


def _hours_or_minutes(largest_minutes: float) -> tuple[float, str]:
    """Hours for big numbers, minutes for small: the divisor from minutes and the unit."""
    return (60.0, "hours") if largest_minutes >= 120 else (1.0, "minutes")


def _stack_apps(
    totals: Sequence[DayAppTotal], top_apps: int
) -> tuple[list[str], dict[str, dict[date, float]]]:
    """The largest apps in order (then "Other") and minutes per app per day."""
    by_app: dict[str, float] = defaultdict(float)
    for total in totals:
        by_app[total.app] += total.seconds
    ranked = sorted(by_app, key=lambda app: (-by_app[app], app))
    shown = ranked[: min(top_apps, len(PALETTE))]
    if len(ranked) == len(shown) + 1:  # an "Other" of one app is just that app
        shown = ranked
    minutes: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    for total in totals:
        name = total.app if total.app in shown else OTHER
        minutes[name][total.day] += total.seconds / 60
    names = shown + ([OTHER] if OTHER in minutes else [])
    return names, minutes


def _colour(index: int, name: str, theme: _Theme) -> str:
    return theme.other if name == OTHER else PALETTE[index % len(PALETTE)]


def _stacked_bars(
    ax: Axes,
    theme: _Theme,
    x: np.ndarray,
    keys: Sequence[date],
    names: Sequence[str],
    minutes: dict[str, dict[date, float]],
    divisor: float,
    width: float,
) -> list[Patch]:
    """One collection of rectangles per app, stacked; sets the y range.

    A ``PolyCollection`` per app instead of a ``bar`` call keeps a year of days (thousands of
    rectangles) quick to build and draw.
    """
    bottom = np.zeros(len(keys))
    left, right = x - width / 2, x + width / 2
    handles = []
    for index, name in enumerate(names):
        heights = np.array([minutes[name].get(key, 0.0) for key in keys]) / divisor
        top = bottom + heights
        corners = (
            np.column_stack([left, bottom]),
            np.column_stack([right, bottom]),
            np.column_stack([right, top]),
            np.column_stack([left, top]),
        )
        colour = _colour(index, name, theme)
        ax.add_collection(
            PolyCollection(
                list(np.stack(corners, axis=1)[heights > 0]),
                facecolors=colour,
                edgecolors="none",
                linewidths=0,
                zorder=2,
                label=name,
            ),
            autolim=False,
        )
        bottom = top
        handles.append(Patch(facecolor=colour, label=name))
    ax.set_ylim(0, float(bottom.max()) * 1.05)
    return handles


# --- usage ---------------------------------------------------------------------------------


def daily_usage_chart(
    day_totals: Sequence[DayAppTotal],
    first: date,
    last: date,
    top_apps: int = 6,
    *,
    tracked_since: date | None = None,
    dark: bool = False,
) -> Figure:
    """Stacked bars of community time per day by app; weekends shaded.

    Apps beyond the ``top_apps`` largest are grouped as "Other". Days before ``tracked_since``
    are hatched as not tracked, so they do not read as days of no use.
    """
    title = "Time in online communities per day"
    theme = _theme(dark)
    days = days_in(first, last)
    totals = [t for t in day_totals if first <= t.day <= last]
    if not days or sum(t.seconds for t in totals) <= 0:
        return empty_figure(title, dark=dark)
    names, minutes = _stack_apps(totals, top_apps)
    per_day = [sum(minutes[name].get(day, 0.0) for name in names) for day in days]
    divisor, unit = _hours_or_minutes(max(per_day))

    fig = _figure(theme)
    ax = fig.add_subplot()
    _style(ax, theme)
    x = _day_num(days)
    width = 1.0 if len(days) > LONG_RANGE_DAYS else 0.8  # thin bars would alias into stripes
    # Listed top to bottom, as the stack reads.
    handles = _stacked_bars(ax, theme, x, days, names, minutes, divisor, width)[::-1]

    weekend = [(float(v) - 0.5, 1.0) for v, day in zip(x, days, strict=True) if day.weekday() >= 5]
    if weekend and len(days) <= LONG_RANGE_DAYS:  # beyond, the stripes are only noise
        ax.broken_barh(
            weekend, (0, 1), transform=ax.get_xaxis_transform(), color=theme.weekend, zorder=0
        )
        handles.append(Patch(facecolor=theme.weekend, label="Weekend"))
    if tracked_since is not None and tracked_since > first:
        untracked = (min(tracked_since, last + timedelta(days=1)) - first).days
        ax.broken_barh(
            [(float(x[0]) - 0.5, float(untracked))],
            (0, 1),
            transform=ax.get_xaxis_transform(),
            facecolor="none",
            edgecolor=theme.missing,
            hatch="///",
            linewidth=0,
            zorder=1,
        )
        handles.append(
            Patch(facecolor="none", edgecolor=theme.missing, hatch="///", label="Not tracked yet")
        )

    _date_axis(ax, first, last)
    ax.set_ylabel(f"{unit.capitalize()} per day")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=divisor == 1.0))
    average = sum(per_day) / len(per_day)
    _title(
        fig,
        ax,
        theme,
        title,
        f"{_period(first, last)}; average {duration_text(average * 60)} a day",
    )
    _legend(fig, theme, handles, [str(h.get_label()) for h in handles])
    return fig


def weekly_usage_chart(
    week_totals: Sequence[DayAppTotal],
    top_apps: int = 6,
    *,
    first: date | None = None,
    last: date | None = None,
    dark: bool = False,
) -> Figure:
    """Stacked bars of community time per week by app.

    ``week_totals`` is per (week, app) with ``day`` the Monday, as ``UsageRepository.by_week``
    gives. With the report's ``first`` and ``last`` day, weeks only partly inside are hatched.
    """
    title = "Time in online communities per week"
    theme = _theme(dark)
    if sum(t.seconds for t in week_totals) <= 0:
        return empty_figure(title, dark=dark)
    names, minutes = _stack_apps(week_totals, top_apps)
    weeks = sorted({t.day for t in week_totals})
    per_week = [sum(minutes[name].get(week, 0.0) for name in names) for week in weeks]
    divisor, unit = _hours_or_minutes(max(per_week))

    fig = _figure(theme)
    ax = fig.add_subplot()
    _style(ax, theme)
    x = np.arange(len(weeks), dtype=float)
    handles = _stacked_bars(ax, theme, x, weeks, names, minutes, divisor, width=0.75)[::-1]

    partial = [
        i
        for i, week in enumerate(weeks)
        if (first is not None and week < first)
        or (last is not None and week + timedelta(days=6) > last)
    ]
    if partial:
        heights = [per_week[i] / divisor for i in partial]
        ax.bar(
            [x[i] for i in partial],
            heights,
            width=0.75,
            facecolor="none",
            edgecolor=theme.background,
            hatch="//",
            linewidth=0,
            zorder=3,
        )
        handles.append(
            Patch(
                facecolor=theme.other, edgecolor=theme.background, hatch="//", label="Partial week"
            )
        )

    step = max(1, -(-len(weeks) // 12))  # at most about 12 labels
    ax.xaxis.set_major_locator(FixedLocator(x[::step].tolist()))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _pos: _week_label(weeks, value)),
    )
    ax.set_xlim(-0.6, len(weeks) - 0.4)
    ax.set_xlabel("Week starting")
    ax.set_ylabel(f"{unit.capitalize()} per week")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=divisor == 1.0))
    subtitle = (
        f"{len(weeks)} weeks; average {duration_text(sum(per_week) / len(weeks) * 60)} a week"
    )
    _title(fig, ax, theme, title, subtitle)
    _legend(fig, theme, handles, [str(h.get_label()) for h in handles])
    return fig


def _week_label(weeks: Sequence[date], value: float) -> str:
    index = round(value)
    if not 0 <= index < len(weeks):
        return ""
    week = weeks[index]
    label = f"{week.day} {week:%b}"
    return f"{label}\n{week.year}" if index == 0 or (week.month == 1 and week.day <= 7) else label


def hour_heatmap(hour_totals: Sequence[HourTotal], *, dark: bool = False) -> Figure:
    """Minutes of community time by hour of the day (columns) and weekday (rows)."""
    title = "When the time in online communities is spent"
    theme = _theme(dark)
    grid = np.zeros((7, 24))
    for total in hour_totals:
        grid[total.weekday, total.hour] += total.seconds / 60
    if grid.sum() <= 0:
        return empty_figure(title, dark=dark)
    fig = _figure(theme, (8.0, 3.6))
    ax = fig.add_subplot()
    _style(ax, theme, grid=None)
    # Cells edged in the background colour keep neighbouring hours apart, even in greyscale.
    image = ax.pcolormesh(
        np.arange(-0.5, 24),
        np.arange(-0.5, 7),
        grid,
        cmap=theme.heatmap,
        vmin=0,
        edgecolors=theme.background,
        linewidth=1.2,
    )
    ax.invert_yaxis()
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_yticks(range(7), WEEKDAYS)
    ax.set_xticks(range(0, 24, 2), [f"{hour:02d}" for hour in range(0, 24, 2)])
    ax.tick_params(length=0)
    ax.set_xlabel("Hour of the day")
    bar = fig.colorbar(image, ax=ax, pad=0.02, fraction=0.05)
    bar.set_label("Minutes in this period", color=theme.text)
    bar.ax.tick_params(colors=theme.muted, labelcolor=theme.text, labelsize=9)
    bar.outline.set_visible(False)
    weekday, hour = np.unravel_index(int(grid.argmax()), grid.shape)
    busiest = f"Busiest: {WEEKDAYS[int(weekday)]} {int(hour):02d}:00–{int(hour) + 1:02d}:00"
    _title(fig, ax, theme, title, busiest)
    return fig


# --- mood ----------------------------------------------------------------------------------


def _mood_axis(ax: Axes, axis: str = "y") -> None:
    ticks = list(MOOD_LABELS)
    labels = [f"{MOOD_LABELS[score]} ({score})" for score in ticks]
    if axis == "y":
        ax.set_yticks(ticks, labels)
        ax.set_ylim(0.5, 5.4)
    else:
        ax.set_xticks(ticks, labels)
        ax.set_xlim(0.8, 5.2)


def _values(days: Sequence[date], series: Sequence[DayValue]) -> np.ndarray:
    by_day = {item.day: item.value for item in series}
    return np.array(
        [np.nan if by_day.get(day) is None else by_day[day] for day in days], dtype=float
    )


def _rolling_mean(values: np.ndarray, window: int = 7, least: int = 3) -> np.ndarray:
    """The mean of the last ``window`` days that have a value, where at least ``least`` do."""
    out = np.full(len(values), np.nan)
    for i in range(len(values)):
        recent = values[max(0, i - window + 1) : i + 1]
        present = recent[~np.isnan(recent)]
        if len(present) >= least:
            out[i] = present.mean()
    return out


def mood_chart(
    mood_days: Sequence[DayValue], first: date, last: date, *, dark: bool = False
) -> Figure:
    """Daily mean mood (1 awful … 5 great), with days without a check-in marked, not bridged.

    The line breaks at a missing day; a grey tick along the bottom marks each such day.
    """
    title = "Mood each day"
    theme = _theme(dark)
    days = days_in(first, last)
    values = _values(days, mood_days)
    if not days or np.isnan(values).all():
        return empty_figure(title, dark=dark)
    fig = _figure(theme)
    ax = fig.add_subplot()
    _style(ax, theme)
    x = _day_num(days)
    # Over many months single days are noise: the weekly average comes to the front.
    long = len(days) > LONG_RANGE_DAYS
    ax.plot(
        x,
        values,
        color=theme.line,
        marker="o",
        markersize=2 if long else 4,
        linewidth=0.7 if long else 1.4,
        alpha=0.5 if long else 1.0,
        label="Daily mood",
        zorder=3,
    )
    if len(days) >= 14:
        ax.plot(
            x,
            _rolling_mean(values),
            color=PALETTE[1] if not long else PALETTE[5],
            linewidth=2.2 if long else 2.0,
            alpha=1.0 if long else 0.85,
            label="7-day average",
            zorder=4 if long else 2,
        )
    missing = x[np.isnan(values)]
    ax.plot(
        missing,
        np.full(len(missing), 0.72),
        linestyle="none",
        marker="|",
        markersize=9,
        markeredgewidth=1.5,
        color=theme.missing,
        label="No check-in",
        zorder=2,
    )
    _mood_axis(ax)
    _date_axis(ax, first, last)
    ax.set_ylabel("Mood (daily average)")
    counted = int((~np.isnan(values)).sum())
    subtitle = f"{_period(first, last)}; a check-in on {counted} of {len(days)} days"
    _title(fig, ax, theme, title, subtitle)
    handles, labels = ax.get_legend_handles_labels()
    _legend(fig, theme, handles, labels)
    return fig


def usage_mood_chart(
    usage_days: Sequence[DayValue],
    mood_days: Sequence[DayValue],
    association: Association | None,
    *,
    dark: bool = False,
) -> Figure:
    """Each day as a point: community hours against mood, with r, its interval and n.

    The pairing (same day or next day) follows ``association``; without one, the same day.
    """
    lag = association.lag_days if association is not None else 0
    title = association.label if association is not None else "Community time and mood"
    theme = _theme(dark)
    pairs = paired(usage_days, mood_days, lag)
    if not pairs:
        return empty_figure(title, dark=dark)
    hours = np.array([usage for usage, _ in pairs]) / 60
    moods = np.array([mood for _, mood in pairs])
    fig = _figure(theme, (8.0, 4.4))
    ax = fig.add_subplot()
    _style(ax, theme, grid="both")
    ax.scatter(
        hours,
        moods,
        s=28,
        color=theme.line,
        alpha=0.75,
        edgecolors=theme.background,
        linewidths=0.5,
        zorder=3,
        label="One day",
    )
    if association is not None and len(set(hours.tolist())) > 1:
        slope, intercept = np.polyfit(hours, moods, 1)
        line_x = np.array([hours.min(), hours.max()])
        ax.plot(
            line_x,
            slope * line_x + intercept,
            color=PALETTE[5],
            linestyle="--",
            linewidth=1.5,
            label="Straight-line fit",
            zorder=2,
        )
    _mood_axis(ax)
    ax.set_xlim(left=0, right=max(1.0, float(hours.max()) * 1.05))
    when = "that day" if lag == 0 else "the day before"
    ax.set_xlabel(f"Hours in online communities {when}")
    ax.set_ylabel("Mood (daily average)")
    if association is not None:
        numbers = association_numbers(association.correlation)
    else:
        numbers = f"n = {len(pairs)} days; at least {MIN_N} with a clear spread are needed for r"
    _title(fig, ax, theme, title, f"{numbers}. {_NOT_CAUSE}")
    handles, labels = ax.get_legend_handles_labels()
    _legend(fig, theme, handles, labels)
    return fig


def gratitude_chart(comparison: GroupComparison | None, *, dark: bool = False) -> Figure:
    """Mean mood on days with and without a gratitude entry, each with its 95 % interval."""
    title = "Mood on days with and without a gratitude entry"
    theme = _theme(dark)
    if comparison is None:
        message = f"{NO_DATA}\n(at least {MIN_N} days with a mood check-in are needed)"
        return empty_figure(title, message, dark=dark)
    fig = _figure(theme, (8.0, 3.2))
    ax = fig.add_subplot()
    _style(ax, theme, grid="x")
    groups = (comparison.absent, comparison.present)
    colours = (PALETTE[4], PALETTE[2])
    for row, (group, colour) in enumerate(zip(groups, colours, strict=True)):
        ax.errorbar(
            group.mean,
            row,
            xerr=[[group.mean - group.low], [group.high - group.mean]],
            fmt="o",
            markersize=9,
            color=colour,
            ecolor=colour,
            elinewidth=2.5,
            capsize=6,
            capthick=2,
            zorder=3,
        )
        ax.annotate(
            f"{group.mean:.1f}",
            (group.mean, row),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            color=theme.text,
        )
    ax.set_yticks(range(2), [f"{group.label}\n({group.n} days)" for group in groups])
    ax.set_ylim(-0.6, 1.7)
    _mood_axis(ax, axis="x")
    ax.set_xlabel("Mean mood, with 95 % interval")
    subtitle = (
        f"Difference {_signed(comparison.difference)}"
        f" (95 % CI {_signed(comparison.low)} to {_signed(comparison.high)}). {_NOT_CAUSE}"
    )
    _title(fig, ax, theme, title, subtitle)
    return fig


def _signed(value: float) -> str:
    return f"{round(value, 2) + 0.0:+.2f}".replace("-", "−")


# --- breaks --------------------------------------------------------------------------------


def breaks_chart(stats: BreakStats, *, dark: bool = False) -> Figure:
    """What happened to break prompts, and the reasons given for skipping them."""
    title = "Break prompts and what happened next"
    theme = _theme(dark)
    if stats.is_empty:
        return empty_figure(title, dark=dark)
    outcomes = [
        ("Taken", stats.taken, PALETTE[2]),
        ("Snoozed", stats.snoozed, PALETTE[1]),
        ("Skipped", stats.skipped, PALETTE[4]),
        ("Dismissed", stats.dismissed, theme.other),
    ]
    if stats.heads_ups:
        outcomes.append(("Heads-ups", stats.heads_ups, PALETTE[3]))
    if stats.quiet_hours_nudges:
        outcomes.append(("Quiet-hours nudges", stats.quiet_hours_nudges, PALETTE[0]))
    fig = _figure(theme)
    reasons = stats.skip_reasons[:6]
    if reasons:
        left, right = fig.subplots(1, 2, width_ratios=(1, 1.15))
    else:
        left, right = fig.add_subplot(), None
    _bars(left, theme, [(label, n) for label, n, _ in outcomes], [c for *_, c in outcomes])
    left.set_xlabel("Times")
    left.set_title("Outcomes", fontsize=10, color=theme.text, loc="left")
    if right is not None:
        _bars(
            right,
            theme,
            [(reason[0].upper() + reason[1:], n) for reason, n in reasons],
            [theme.other] * len(reasons),
        )
        right.set_xlabel("Times")
        right.set_title("Reasons given for skipping", fontsize=10, color=theme.text, loc="left")
    share = stats.share_taken
    subtitle = (
        f"{stats.taken} of {stats.decided} prompts ended in a break ({share:.0%});"
        " a snoozed prompt comes back later."
        if share is not None
        else f"{stats.shown} prompts shown, none finished yet."
    )
    fig.suptitle(title, fontsize=12, fontweight="bold", color=theme.text)
    fig.supxlabel(subtitle, fontsize=9, color=theme.muted)
    return fig


def _bars(ax: Axes, theme: _Theme, rows: Sequence[tuple[str, int]], colours: list[str]) -> None:
    _style(ax, theme, grid="x")
    positions = np.arange(len(rows))[::-1]
    counts = [n for _, n in rows]
    ax.barh(positions, counts, color=colours, height=0.65, zorder=2)
    ax.set_yticks(positions, [label for label, _ in rows])
    largest = max(counts) if counts else 0
    for position, count in zip(positions, counts, strict=True):
        ax.text(
            count + largest * 0.02,
            position,
            str(count),
            va="center",
            fontsize=9,
            color=theme.text,
        )
    ax.set_xlim(0, max(1, largest) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
