"""Time in online communities: per week (or month), per app or category, and by hour."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from wellbeing_app.core.models import DayAppTotal
from wellbeing_app.core.stats import days_in
from wellbeing_app.core.text import duration_text
from wellbeing_app.reporting import load_charts
from wellbeing_app.reporting.report_context import Context, app_totals, usage_total
from wellbeing_app.reporting.report_html import (
    MONTHS,
    day_text,
    esc,
    image,
    percent,
    plural,
    render_figure,
    table,
)
from wellbeing_app.reporting.report_model import ReportSection


def _week_totals(totals: Sequence[DayAppTotal]) -> list[DayAppTotal]:
    weeks: dict[tuple[date, str, str], float] = defaultdict(float)
    for t in totals:
        monday = t.day - timedelta(days=t.day.weekday())
        weeks[(monday, t.app, t.category)] += t.seconds
    return [DayAppTotal(w, a, c, s) for (w, a, c), s in sorted(weeks.items())]


MONTHLY_TABLE_DAYS = 182  # longer periods get a table per month (the chart stays per week)


def _weeks(first: date, last: date) -> list[tuple[str, list[date]]]:
    """(label, every day of the week) for each Monday-to-Sunday week touching the range."""
    monday = first - timedelta(days=first.weekday())
    found = []
    while monday <= last:
        found.append((day_text(monday), [monday + timedelta(days=i) for i in range(7)]))
        monday += timedelta(days=7)
    return found


def _months(first: date, last: date) -> list[tuple[str, list[date]]]:
    found: dict[tuple[int, int], list[date]] = defaultdict(list)
    start = date(first.year, first.month, 1)
    end = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    for day in days_in(start, end - timedelta(days=1)):
        found[(day.year, day.month)].append(day)
    return [(f"{MONTHS[month - 1]} {year}", days) for (year, month), days in found.items()]


def _period_table(context: Context, periods: list[tuple[str, list[date]]], what: str) -> str:
    """Community time per week or month, with partial ones at the ends marked as such."""
    data = context.data
    per_day: dict[date, float] = defaultdict(float)
    for t in data.day_totals:
        per_day[t.day] += t.seconds
    rows = []
    for name, days in periods:
        inside = [d for d in days if data.first <= d <= data.last]
        counted = [d for d in inside if d in context.tracked]
        seconds = sum(per_day.get(d, 0.0) for d in inside)
        partial = (
            f" (partial: {len(inside)} of {len(days)} days)" if len(inside) < len(days) else ""
        )
        rows.append(
            [
                esc(name + partial),
                str(len(counted)),
                duration_text(seconds) if counted else "not tracked",
                duration_text(seconds / len(counted)) if counted else "",
            ]
        )
    return table([what, "Days tracked", "Total", "A day on average"], rows, "lrrr")


def usage(context: Context) -> ReportSection:
    data, options = context.data, context.options
    total = usage_total(context)
    if total <= 0:
        return ReportSection(
            "usage",
            "Time in online communities",
            "<p>No time in online communities was recorded in this period.</p>",
        )
    weekly = render_figure(
        "weekly-usage",
        load_charts().weekly_usage_chart(
            _week_totals(data.day_totals), first=data.first, last=data.last
        ),
        "Time in online communities per week",
    )
    figures = [weekly]
    tracked = len(context.tracked)
    parts = [
        f"<p>In all <b>{duration_text(total)}</b> over {plural(tracked, 'tracked day')},"
        f" on average {duration_text(total / max(1, tracked))} a day.</p>",
        image(weekly),
    ]

    if len(context.days) > MONTHLY_TABLE_DAYS:
        parts.append("<h3>Per month</h3>")
        parts.append(_period_table(context, _months(data.first, data.last), "Month"))
    else:
        parts.append("<h3>Per week</h3>")
        parts.append(_period_table(context, _weeks(data.first, data.last), "Week starting"))

    apps = app_totals(context)
    parts.append("<h3>Per app</h3>" if options.app_names else "<h3>Per category</h3>")
    shown, rest = apps[:10], apps[10:]
    if options.app_names:
        app_rows = [
            [esc(app), esc(category), duration_text(s), percent(round(s), round(total))]
            for app, category, s in shown
        ]
        if rest:
            s = sum(row[2] for row in rest)
            app_rows.append(
                [f"{len(rest)} other apps", "", duration_text(s), percent(round(s), round(total))]
            )
        parts.append(table(["App", "Category", "Total", "Share"], app_rows, "llrr"))
    else:
        app_rows = [
            [esc(category), duration_text(s), percent(round(s), round(total))]
            for _, category, s in apps
        ]
        parts.append(table(["Category", "Total", "Share"], app_rows, "lrr"))
        parts.append('<p class="muted">App names are left out; time is shown per category.</p>')

    if data.hour_totals:
        hours = render_figure(
            "hours",
            load_charts().hour_heatmap(data.hour_totals),
            "Time in online communities by weekday and hour",
        )
        figures.append(hours)
        parts.append("<h3>Time of day</h3>")
        parts.append(image(hours))
    notes = []
    if data.tracked_since is not None and data.tracked_since > data.first:
        notes.append(
            f"Tracking began on {day_text(data.tracked_since)}; earlier days are not counted."
        )
    if data.approximate_seconds > 0:
        notes.append(
            f"{duration_text(data.approximate_seconds)} of the {duration_text(total)} is"
            " approximate: it came from a probe that sees running apps only, focus not seen,"
            " so it counts time an app was open rather than in use."
        )
    if data.imported_seconds > 0:
        notes.append(
            f"{duration_text(data.imported_seconds)} of the {duration_text(total)} was imported"
            " from another time tracker."
        )
    notes.append(
        "Counted: time with a community app or site in the foreground while the person was"
        " active at the computer. Phones and other devices are not included."
    )
    parts.append(f'<p class="muted">{esc(" ".join(notes))}</p>')
    return ReportSection("usage", "Time in online communities", "\n".join(parts), tuple(figures))
