"""Limits and breaks (each day scored by the limits then in force) and offline activities."""

from __future__ import annotations

from collections import defaultdict

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.reporting import load_charts
from wellbeing_app.reporting.report_context import Context, limits_history_note, mean
from wellbeing_app.reporting.report_html import (
    WEEKDAY_NAMES,
    esc,
    image,
    number,
    percent,
    plural,
    render_figure,
    signed,
    table,
)
from wellbeing_app.reporting.report_model import ActivityDone, ReportFigure, ReportSection


def _weekdays_text(weekdays: frozenset[int]) -> str:
    if not weekdays or len(weekdays) == 7:
        return "every day"
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(weekdays))


def limits_breaks(context: Context) -> ReportSection:
    parts = ["<h3>Daily limits</h3>"]
    summaries = context.limits.summaries
    if summaries:
        rows = [
            [
                esc(limit.label),
                f"{limit.minutes} min, {_weekdays_text(limit.weekdays)}",
                str(limit.days_applied),
                f"{limit.days_applied - limit.days_over} of {limit.days_applied}"
                if limit.days_applied
                else "",
                f"{limit.average_minutes:.0f} min" if limit.average_minutes is not None else "",
            ]
            for limit in summaries
        ]
        parts.append(
            table(
                ["Limit", "Budget", "Days it applied", "Kept", "Average those days"],
                rows,
                "llrrr",
            )
        )
        note = "Each day is scored against the limits in force that day; a limit changed during"
        note += " the period has a row for each budget it had."
        history = limits_history_note(context)
        parts.append(f'<p class="muted">{esc(note)}{" " + esc(history) if history else ""}</p>')
    else:
        parts.append("<p>No daily limits applied on the tracked days of this period.</p>")

    parts.append("<h3>Break prompts</h3>")
    stats = context.breaks
    figures: tuple[ReportFigure, ...] = ()
    if stats.is_empty:
        parts.append("<p>No break prompts came up in this period.</p>")
    else:
        figure = render_figure(
            "breaks", load_charts().breaks_chart(stats), "Break prompts and what happened next"
        )
        figures = (figure,)
        sentence = f"{plural(stats.shown, 'break prompt')} came up"
        if stats.decided:
            sentence += (
                f"; of the {stats.decided} that ended, {stats.taken} became a break"
                f" ({percent(stats.taken, stats.decided)}), {stats.skipped} were skipped and"
                f" {stats.dismissed} dismissed."
                f" {plural(stats.snoozed, 'prompt was', 'prompts were')} snoozed"
                " (a snoozed prompt comes back)"
            )
        parts.append(f"<p>{sentence}.</p>")
        parts.append(image(figure))
    return ReportSection("limits_breaks", "Limits and breaks", "\n".join(parts), figures)


def activities(context: Context) -> ReportSection:
    done = context.data.activities
    if not done:
        return ReportSection(
            "activities",
            "Offline activities",
            "<p>No offline activities were logged in this period.</p>",
        )
    by_title: dict[str, list[ActivityDone]] = defaultdict(list)
    for item in done:
        by_title[item.title].append(item)
    both = [i for i in done if i.mood_before is not None and i.mood_after is not None]
    any_helped = any(i.helped is not None for i in done)
    rows = []
    for title, items in sorted(by_title.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        row = [esc(title), str(len(items))]
        noted = [i for i in items if i.mood_before is not None and i.mood_after is not None]
        if both:  # a column only when some activity has moods noted
            before = mean([float(i.mood_before or 0) for i in noted]) if noted else 0.0
            after = mean([float(i.mood_after or 0) for i in noted]) if noted else 0.0
            row.append(f"{number(before)} → {number(after)} ({len(noted)}×)" if noted else "–")
        if any_helped:
            helped = [i for i in items if i.helped is not None]
            row.append(f"{sum(1 for i in helped if i.helped)} of {len(helped)}" if helped else "–")
        rows.append(row)
    days = {day_of_datetime(i.at, context.data.day_start_hour) for i in done}
    parts = [
        f"<p>{plural(len(done), 'activity', 'activities')} away from the screen were logged"
        f" on {plural(len(days), 'day')}.</p>"
    ]
    if both:
        better = sum(1 for i in both if (i.mood_after or 0) > (i.mood_before or 0))
        same = sum(1 for i in both if i.mood_after == i.mood_before)
        change = mean([float((i.mood_after or 0) - (i.mood_before or 0)) for i in both])
        parts.append(
            f"<p>Where mood was noted before and after ({plural(len(both), 'time')}), it was"
            f" higher afterwards {plural(better, 'time')} and unchanged {plural(same, 'time')};"
            " on average"
            f" {signed(change, 1)} points on the 1–5 scale. Mood often lifts a little with time"
            " anyway, so this is a description, not proof that the activity helped.</p>"
        )
    headers = ["Activity", "Times"]
    headers += ["Mood before → after (average)"] if both else []
    headers += ["Felt it helped"] if any_helped else []
    parts.append(table(headers, rows, "lrrr", width="99%" if len(headers) > 2 else "60%"))
    during = sum(1 for i in done if i.during_break)
    if during:
        parts.append(
            f'<p class="muted">{plural(during, "activity was", "activities were")} chosen'
            " during a break without a mood noted before and after.</p>"
        )
    return ReportSection("activities", "Offline activities", "\n".join(parts))
