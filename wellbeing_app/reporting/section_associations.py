"""Associations, not causes: the strongest patterns between community time and mood, with n."""

from __future__ import annotations

from collections.abc import Sequence

from wellbeing_app.core.stats import (
    MIN_N,
    Association,
    DayValue,
    daily_community_minutes,
    top_associations,
)
from wellbeing_app.reporting import load_charts
from wellbeing_app.reporting.report_context import Context
from wellbeing_app.reporting.report_html import (
    about_the_person,
    esc,
    image,
    render_figure,
    table,
)
from wellbeing_app.reporting.report_model import ReportFigure, ReportSection


def _usage_for(context: Context, association: Association) -> Sequence[DayValue]:
    """The community minutes the association was computed from (all, or one category)."""
    data = context.data
    for category in sorted({t.category for t in data.day_totals}):
        if association.label.lower().startswith(f"time in {category} apps".lower()):
            return daily_community_minutes(
                data.day_totals, data.first, data.last, data.tracked_since, {category}
            )
    return context.usage_days


def associations(context: Context) -> ReportSection:
    parts = [
        f"<p>Patterns in this person's own data. Each is an <b>association, not a cause</b>:"
        f" other things (sleep, work, illness, the weather) can drive both sides. Nothing is"
        f" reported from fewer than {MIN_N} days, and n is given for each.</p>"
    ]
    top = top_associations(context.associations, limit=3)
    figures: tuple[ReportFigure, ...] = ()
    if top:
        rows = [[esc(a.label), esc(about_the_person(a.wording)), str(a.n)] for a in top]
        parts.append(table(["Pattern", "What the data show", "n (days)"], rows, "llr"))
        if len(context.associations) > len(top):
            parts.append(
                f'<p class="muted">{len(context.associations)} pairings were checked (community'
                " time in all and per category, same day and next day); the strongest are"
                " shown. With several checks one can look strong by chance.</p>"
            )
        first = top[0]
        figure = render_figure(
            "usage-mood",
            load_charts().usage_mood_chart(_usage_for(context, first), context.mood_days, first),
            f"{first.label}: each day as a point",
        )
        figures = (figure,)
        parts.append(image(figure))
    else:
        parts.append(
            f"<p>Not enough days with both a mood check-in and tracked time yet (at least {MIN_N}"
            " are needed) to report any link between community time and mood.</p>"
        )
    if context.gratitude is not None:
        g = context.gratitude
        parts.append("<h3>Gratitude entries and mood</h3>")
        parts.append(f"<p>{esc(about_the_person(g.wording))} n = {g.n} days.</p>")
    return ReportSection("associations", "Associations, not causes", "\n".join(parts), figures)
