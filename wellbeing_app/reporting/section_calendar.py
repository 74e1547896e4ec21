"""Day by day: a month to a page, like eMoods' monthly view. Each day shows its mood, its time in
online communities, the check-ins filled in and the break prompts taken; a line under each month
sums it up."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from wellbeing_app.core.models import MOOD_LABELS, BreakEvent, CheckIn
from wellbeing_app.core.questionnaires import needs_crisis_resources
from wellbeing_app.core.stats import break_adherence
from wellbeing_app.core.text import duration_text
from wellbeing_app.reporting.report_context import Context, mean, score_text
from wellbeing_app.reporting.report_html import (
    MONTHS,
    MOOD_COLOURS,
    WEEKDAY_NAMES,
    esc,
    number,
    plural,
)
from wellbeing_app.reporting.report_model import ReportSection

LEGEND = (
    "Each day: its date; the day’s average mood (1 awful – 5 great) with its label, the cell"
    " shaded by it; community time (time in online communities); the check-ins filled in"
    " (WHO-5 out of 100, PHQ-9 and GAD-7 as raw scores); the break prompts that became a"
    " break, of those that came up (“1/3 breaks”); then a gratitude entry (“good things”)"
    " and the offline activities done. A dash marks a day without a mood check-in,"
    " “not tracked” a day without time tracking. Nothing is filled in."
)
_BLANK = "&nbsp;"
SHORT_MONTH_WEEKS = 2  # a first month this short (in weeks of the period) may share a page
PAGE_WEEKS = 6  # week rows that fit on one page with two months' headings


class _Days:
    """What the calendar shows of each day, gathered once."""

    def __init__(self, context: Context) -> None:
        data = context.data
        self.mood = {d.day: d.value for d in context.mood_days if d.value is not None}
        self.seconds: dict[date, float] = defaultdict(float)
        for t in data.day_totals:
            self.seconds[t.day] += t.seconds
        self.checkins: dict[date, list[CheckIn]] = defaultdict(list)
        for c in data.checkins:
            self.checkins[context.day_of(c.at)].append(c)
        self.breaks: dict[date, list[BreakEvent]] = defaultdict(list)
        for e in data.break_events:
            self.breaks[context.day_of(e.at)].append(e)
        self.tracked = context.tracked
        self.gratitude = {g.day for g in data.gratitude}
        self.activities: dict[date, int] = defaultdict(int)
        for a in data.activities:
            self.activities[context.day_of(a.at)] += 1


def _checkin_line(checkin: CheckIn) -> str:
    score = f"{checkin.score:.0f}" if checkin.questionnaire == "WHO-5" else score_text(checkin)
    score = score.split("/")[0]
    text = f"{esc(checkin.questionnaire)} {score}"
    return f'<span class="flag">{text} (q9)</span>' if needs_crisis_resources(checkin) else text


def _cell(day: date, days: _Days) -> str:
    value = days.mood.get(day)
    colour = "#ffffff"
    if value is None:
        mood = '<span class="muted">–</span>'
    else:
        score = max(1, min(5, round(value)))
        colour = MOOD_COLOURS[score]
        mood = f"<b>{number(value)}</b> {MOOD_LABELS[score]}"
    # One line each, always, so a week's cells line up: time, check-ins, breaks, good things,
    # activities.
    lines = [
        duration_text(days.seconds.get(day, 0.0))
        if day in days.tracked
        else '<span class="muted">not tracked</span>'
    ]
    lines.append(", ".join(_checkin_line(c) for c in days.checkins.get(day, ())) or _BLANK)
    stats = break_adherence(days.breaks.get(day, ()))
    lines.append(f"{stats.taken}/{stats.shown} breaks" if stats.shown else _BLANK)
    lines.append("good things" if day in days.gratitude else _BLANK)
    done = days.activities.get(day, 0)
    lines.append(plural(done, "activity", "activities") if done else _BLANK)
    small = "<br>".join(lines)
    return (
        f'<td valign="top" bgcolor="{colour}"><b>{day.day}</b><br>{mood}<br>'
        f'<span class="small">{small}</span></td>'
    )


def _month_summary(context: Context, inside: list[date], days: _Days) -> str:
    moods = [days.mood[d] for d in inside if d in days.mood]
    tracked = [d for d in inside if d in days.tracked]
    parts = []
    if moods:
        parts.append(
            f"mood averaged {number(mean(moods))} on the {plural(len(moods), 'day')} with a"
            " check-in"
        )
    if tracked:
        seconds = sum(days.seconds.get(d, 0.0) for d in tracked)
        parts.append(
            f"community time {duration_text(seconds / len(tracked))} a day over"
            f" {plural(len(tracked), 'tracked day')}"
        )
    checkins = sum(len(days.checkins.get(d, ())) for d in inside)
    if checkins:
        parts.append(plural(checkins, "questionnaire check-in"))
    stats = break_adherence([e for d in inside for e in days.breaks.get(d, ())])
    if stats.shown:
        parts.append(f"{stats.taken} of {plural(stats.shown, 'break prompt')} became a break")
    if not parts:
        return '<p class="muted">No entries and no tracked time this month.</p>'
    text = "; ".join(parts)
    return f"<p>In these {plural(len(inside), 'day')}: {text}.</p>"


def _weeks(context: Context, year: int, month: int) -> list[list[date]]:
    """The Monday-to-Sunday weeks of the month that hold a day of the period."""
    data = context.data
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    monday = start - timedelta(days=start.weekday())
    found = []
    while monday < following:
        week = [monday + timedelta(days=i) for i in range(7)]
        if any(d.month == month and data.first <= d <= data.last for d in week):
            found.append(week)
        monday += timedelta(days=7)
    return found


def _month(context: Context, year: int, month: int, days: _Days, *, new_page: bool) -> str:
    data = context.data
    head = "".join(f'<th align="center" width="14%">{name}</th>' for name in WEEKDAY_NAMES)
    rows = []
    inside = []
    for week in _weeks(context, year, month):
        cells = []
        for day in week:
            if day.month != month or not data.first <= day <= data.last:
                cells.append('<td bgcolor="#ffffff"></td>')
            else:
                cells.append(_cell(day, days))
                inside.append(day)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    heading = f"Day by day · {MONTHS[month - 1]} {year}"
    return (
        (f'<h2 style="page-break-before: always;">{heading}</h2>' if new_page else "")
        + (f'<p class="small muted">{LEGEND}</p>' if new_page else f"<h2>{heading}</h2>")
        + '<table width="100%" border="1" cellspacing="0" cellpadding="6"'
        f' style="border-color: #c5ced8;"><thead><tr>{head}</tr></thead>{"".join(rows)}</table>'
        + _month_summary(context, inside, days)
    )


def calendar(context: Context) -> ReportSection:
    """A page per month; a month of a week or two at the start of the period shares the next
    month's page when both fit (``PAGE_WEEKS``), so no page is left almost blank."""
    days = _Days(context)
    months = sorted({(d.year, d.month) for d in context.days})
    sizes = [len(_weeks(context, year, month)) for year, month in months]
    parts = []
    for index, (year, month) in enumerate(months):
        shares = index == 1 and sizes[0] <= SHORT_MONTH_WEEKS and sizes[0] + sizes[1] <= PAGE_WEEKS
        parts.append(_month(context, year, month, days, new_page=not shares))
    return ReportSection("calendar", "Day by day", "\n".join(parts), own_headings=True)
