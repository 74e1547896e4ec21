"""Mood: the chart, the averages, and the person's notes and good things when included."""

from __future__ import annotations

from collections import Counter

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.reporting import load_charts
from wellbeing_app.reporting.report_context import Context, mean, mood_values
from wellbeing_app.reporting.report_html import (
    day_text,
    esc,
    image,
    number,
    percent,
    plural,
    render_figure,
    table,
)
from wellbeing_app.reporting.report_model import ReportSection


def mood(context: Context) -> ReportSection:
    data = context.data
    figure = render_figure(
        "mood",
        load_charts().mood_chart(context.mood_days, data.first, data.last),
        "Mood each day, with days without a check-in marked",
    )
    parts = [image(figure)]
    values = mood_values(context)
    if values:
        parts.append(
            f"<p>Average <b>{number(mean(values))}</b> out of 5 (1 awful, 5 great) over"
            f" {plural(len(values), 'day')} with a check-in,"
            f" {percent(len(values), len(context.days))} of the period;"
            f" {plural(len(data.moods), 'check-in')} in all. Days without a check-in are"
            " marked along the bottom of the chart, not filled in.</p>"
        )
        counts = Counter(m.score for m in data.moods)
        spread = " · ".join(f"{MOOD_LABELS[s]} {counts[s]}" for s in sorted(MOOD_LABELS))
        parts.append(f"<p>Check-ins by mood: {spread}.</p>")
        weekday = [
            d.value for d in context.mood_days if d.value is not None and d.day.weekday() < 5
        ]
        weekend = [
            d.value for d in context.mood_days if d.value is not None and d.day.weekday() >= 5
        ]
        if len(weekday) >= 3 and len(weekend) >= 3:
            parts.append(
                f"<p>Weekdays averaged {number(mean(weekday))}, weekends"
                f" {number(mean(weekend))}.</p>"
            )
    gratitude_days = len(data.gratitude)
    parts.append(
        f"<p>Gratitude (“good things”) entries on {gratitude_days} of"
        f" {plural(len(context.days), 'day')}.</p>"
    )
    if context.options.include_notes:
        parts.append("<h3>Notes</h3>")
        tags = Counter(tag for m in data.moods for tag in m.tags)
        if tags:
            common = ", ".join(f"{esc(tag)} {n}" for tag, n in tags.most_common(10))
            parts.append(f"<p>Tags used most: {common}.</p>")
        noted = [m for m in data.moods if m.note]
        if noted:
            rows = [
                [esc(context.moment(m.at)), esc(f"{m.label} ({m.score})"), esc(m.note)]
                for m in noted
            ]
            parts.append(table(["When", "Mood", "Note"], rows, widths=(26, 12, 62)))
        else:
            parts.append("<p>No notes were written in this period.</p>")
    if context.options.include_gratitude_text:
        parts.append("<h3>Good things written down</h3>")
        for entry in data.gratitude:
            things = " · ".join(
                esc(item.text)
                + (f' <span class="muted">({esc(item.why)})</span>' if item.why else "")
                for item in entry.items
            )
            parts.append(f"<p><b>{day_text(entry.day)}</b>: {things}</p>")
        if not data.gratitude:
            parts.append("<p>None in this period.</p>")
    return ReportSection("mood", "Mood", "\n".join(parts), (figure,))
