"""The therapist report's sections: plain, kind HTML and the shared charts, one builder each.

Every builder takes an already redacted ``Context``: what it can see is what may be shown. The
HTML stays inside the subset ``QTextDocument`` understands (tables, headings, paragraphs,
``bgcolor``), because the PDF and the on-screen preview are both drawn from it.
"""

from __future__ import annotations

import html
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.models import MOOD_LABELS, CheckIn, DayAppTotal
from wellbeing_app.core.questionnaires import (
    GAD7_MEANINGFUL_CHANGE,
    PHQ9_MEANINGFUL_CHANGE,
    PHQ9_SELF_HARM_ITEM,
    QUESTIONNAIRES,
    WHO5_LOW_CUTOFF,
    WHO5_MEANINGFUL_CHANGE,
    difficulty_answer,
    needs_crisis_resources,
    screening_band,
)
from wellbeing_app.core.stats import (
    MIN_N,
    Association,
    BreakStats,
    DayValue,
    GroupComparison,
    association_numbers,
    break_adherence,
    daily_community_minutes,
    daily_mood,
    days_in,
    gratitude_vs_mood,
    top_associations,
    usage_associations,
)
from wellbeing_app.core.text import duration_text
from wellbeing_app.reporting import load_charts

if TYPE_CHECKING:
    from matplotlib.figure import Figure


if TYPE_CHECKING:
    from wellbeing_app.reporting.report import ReportInput, ReportOptions

FIGURE_DPI = 170  # print resolution: an 8-inch chart drawn 6.8 inches wide is ~200 dpi
FULL_WIDTH = 650  # pixels at 96 per inch: the text width of an A4 page with the report's margins
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The reasons a break prompt offers as buttons (ui.break_prompt.SKIP_REASONS, and the sample
# data's): shared as they are. Anything else was typed in the person's own words, like a note.
PRESET_REASONS = frozenset(
    {"talking with friends", "finishing something", "it's work", "not now", "no reason given"}
)
_MEANINGFUL = {
    "WHO-5": WHO5_MEANINGFUL_CHANGE,
    "PHQ-9": PHQ9_MEANINGFUL_CHANGE,
    "GAD-7": GAD7_MEANINGFUL_CHANGE,
}
_SCALES = {
    "WHO-5": (
        "Five questions about the last two weeks, scored 0–100; higher means better well-being."
        f" {WHO5_LOW_CUTOFF} or below is the screening cut-off for low well-being; a change of"
        f" {WHO5_MEANINGFUL_CHANGE} points counts as meaningful."
    ),
    "PHQ-9": (
        "Nine questions about low mood over the last two weeks, scored 0–27; higher means more"
        f" symptoms. A change of {PHQ9_MEANINGFUL_CHANGE} points counts as meaningful."
    ),
    "GAD-7": (
        "Seven questions about worry and anxiety over the last two weeks, scored 0–21; higher"
        f" means more symptoms. A change of {GAD7_MEANINGFUL_CHANGE} points counts as meaningful."
    ),
}
MOOD_COLOURS = {1: "#f4c7b8", 2: "#f9e0c4", 3: "#f2f2f2", 4: "#d3ead9", 5: "#b4dcc2"}

STYLE = """
body { font-family: 'DejaVu Sans', 'Noto Sans', 'Helvetica', 'Arial', sans-serif;
       font-size: 10pt; color: #1a1a1a; }
h1 { font-size: 20pt; color: #0b3d63; margin-top: 0px; margin-bottom: 2px; }
h2 { font-size: 14pt; color: #0b3d63; margin-top: 16px; margin-bottom: 4px; }
h3 { font-size: 11pt; color: #1a1a1a; margin-top: 10px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 6px; }
li { margin-bottom: 3px; }
table { border-collapse: collapse; margin-top: 2px; margin-bottom: 8px; }
th { background-color: #e6edf4; font-weight: bold; text-align: left;
     border-bottom: 2px solid #0b3d63; }
td { border-bottom: 1px solid #c5ced8; }
.muted { color: #555555; }
.small { font-size: 8.5pt; }
.flag { color: #8a1c1c; font-weight: bold; }
.range { font-size: 12pt; color: #333333; }
"""


# --- building blocks -----------------------------------------------------------------------


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
    """How one daily limit went over the report's tracked days."""

    label: str
    minutes: int
    weekdays: frozenset[int]
    days_applied: int
    days_over: int
    average_minutes: float | None


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
    """One part of the report: ``html`` refers to its ``figures`` by their ``url``."""

    key: str
    title: str
    html: str
    figures: tuple[ReportFigure, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """The redacted data and everything worked out from it once for all sections."""

    data: ReportInput
    options: ReportOptions
    limits: tuple[LimitSummary, ...]
    left_out: tuple[str, ...]
    days: tuple[date, ...]
    mood_days: tuple[DayValue, ...]
    usage_days: tuple[DayValue, ...]
    tracked: frozenset[date]
    breaks: BreakStats
    associations: tuple[Association, ...]
    gratitude: GroupComparison | None

    def moment(self, value: datetime) -> str:
        """A day, with the clock time only when exact times are shared."""
        text = day_text(day_of_datetime(value, self.data.day_start_hour))
        return f"{text}, {value:%H:%M}" if self.options.exact_times else text


def tracked_days(data: ReportInput) -> frozenset[date]:
    """Days in the range with recorded computer time or any community time."""
    found = {a.day for a in data.active_days if a.seconds > 0}
    found |= {t.day for t in data.day_totals if t.seconds > 0}
    return frozenset(day for day in found if data.first <= day <= data.last)


def make_context(
    data: ReportInput,
    options: ReportOptions,
    limits: tuple[LimitSummary, ...],
    left_out: Iterable[str],
) -> Context:
    mood_days = daily_mood(data.moods, data.first, data.last, data.day_start_hour)
    usage_days = daily_community_minutes(data.day_totals, data.first, data.last, data.tracked_since)
    gratitude_days = {g.day for g in data.gratitude}
    return Context(
        data=data,
        options=options,
        limits=limits,
        left_out=tuple(left_out),
        days=days_in(data.first, data.last),
        mood_days=mood_days,
        usage_days=usage_days,
        tracked=tracked_days(data),
        breaks=break_adherence(data.break_events),
        associations=usage_associations(data.day_totals, mood_days, data.tracked_since),
        gratitude=gratitude_vs_mood(gratitude_days, mood_days),
    )


def is_preset_reason(reason: str) -> bool:
    return reason.strip().lower() in PRESET_REASONS


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def day_text(day: date, year: bool = True) -> str:
    """``21 Nov 2026`` (month names fixed in English, whatever the system locale)."""
    month = MONTHS[day.month - 1][:3]
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"


def range_text(first: date, last: date) -> str:
    """``25 October – 21 November 2026``, the year once when both ends share it."""
    start = f"{first.day} {MONTHS[first.month - 1]}"
    if first.year != last.year:
        start += f" {first.year}"
    return f"{start} – {last.day} {MONTHS[last.month - 1]} {last.year}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _number(value: float, digits: int = 1) -> str:
    return f"{round(value, digits) + 0.0:.{digits}f}".replace("-", "−")


def _signed(value: float, digits: int = 0) -> str:
    rounded = round(value, digits) + 0.0
    text = f"{rounded:+.{digits}f}".replace("-", "−")
    return "±0" if rounded == 0 else text


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    align: str = "",
    width: str = "99%",
    widths: Sequence[int] = (),
) -> str:
    """An HTML table of already escaped cells.

    ``align`` has one letter per column (l/r/c); ``widths`` gives columns a share of the width
    in per cent (dates and scores read badly wrapped, and Qt shares space by content).
    """
    where = {"l": "left", "r": "right", "c": "center"}

    def cell(tag: str, index: int, content: str) -> str:
        side = where.get(align[index], "left") if index < len(align) else "left"
        share = f' width="{widths[index]}%"' if index < len(widths) else ""
        return f'<{tag} align="{side}"{share}>{content}</{tag}>'

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    thead = f"<thead><tr>{head}</tr></thead>" if any(headers) else ""
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    return f'<table width="{width}" cellspacing="0" cellpadding="5">{thead}{body}</table>'


def render_figure(name: str, figure: Figure, alt: str, width: int = FULL_WIDTH) -> ReportFigure:
    """Draws ``figure`` with Agg at print resolution into PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=FIGURE_DPI,
        facecolor=figure.get_facecolor(),
        metadata={"Software": None},
    )
    return ReportFigure(name, buffer.getvalue(), width, alt)


def image(figure: ReportFigure) -> str:
    return (
        f'<p align="center"><img src="{figure.url}" width="{figure.width}"'
        f' alt="{esc(figure.alt)}"></p>'
    )


def report_title(context: Context) -> tuple[str, str]:
    data = context.data
    return (
        "Self-tracking summary",
        f"{range_text(data.first, data.last)} · {len(context.days)} days",
    )


# --- cover ---------------------------------------------------------------------------------


def _mood_values(context: Context) -> list[float]:
    return [d.value for d in context.mood_days if d.value is not None]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _glance_mood(context: Context) -> str:
    values = _mood_values(context)
    if not values:
        return "No mood check-ins in this period."
    line = (
        f"Mood averaged <b>{_number(_mean(values))} out of 5</b> on the"
        f" {plural(len(values), 'day')} with a check-in"
    )
    half = len(context.mood_days) // 2
    early = [d.value for d in context.mood_days[:half] if d.value is not None]
    late = [d.value for d in context.mood_days[half:] if d.value is not None]
    if len(early) >= 3 and len(late) >= 3:
        a, b = _mean(early), _mean(late)
        if abs(b - a) < 0.2:
            line += f", about the same in both halves of the period ({_number(a)} and {_number(b)})"
        else:
            direction = "up" if b > a else "down"
            line += (
                f", {direction} from {_number(a)} in the first half of the period"
                f" to {_number(b)} in the second"
            )
    return line + "."


def _app_totals(context: Context) -> list[tuple[str, str, float]]:
    """(app or category, category, seconds), largest first."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for t in context.data.day_totals:
        totals[(t.app, t.category)] += t.seconds
    return sorted(
        ((app, category, seconds) for (app, category), seconds in totals.items()),
        key=lambda row: (-row[2], row[0]),
    )


def _usage_total(context: Context) -> float:
    return sum(t.seconds for t in context.data.day_totals)


def _glance_usage(context: Context) -> str:
    total = _usage_total(context)
    if total < 60 or not context.tracked:
        return "No time in online communities was recorded in this period."
    top, category, seconds = _app_totals(context)[0]
    what = esc(top) if context.options.app_names else f"{esc(category)} apps"
    return (
        f"Online communities took <b>{duration_text(total / len(context.tracked))} a day</b>"
        f" on average over {plural(len(context.tracked), 'tracked day')};"
        f" the most went to {what} ({percent(round(seconds), round(total))})."
    )


def _score_text(checkin: CheckIn) -> str:
    if checkin.questionnaire == "WHO-5":
        return f"{checkin.score:.0f}/100"
    name = checkin.questionnaire
    top = 27 if name == "PHQ-9" else 21
    return f"{checkin.raw_score}/{top}"


def _glance_checkins(context: Context) -> str:
    parts = []
    flagged = False
    for name in QUESTIONNAIRES:
        found = [c for c in context.data.checkins if c.questionnaire == name]
        if not found:
            continue
        latest = found[-1]
        band = screening_band(latest).label.lower()
        text = f"{name} <b>{_score_text(latest)}</b> on {context.moment(latest.at)} ({band})"
        if len(found) > 1:
            text += f", {_score_text(found[0])} at the start"
        parts.append(text)
        flagged = flagged or any(needs_crisis_resources(c) for c in found)
    if not parts:
        return "No questionnaire check-ins in this period."
    line = "Latest check-ins: " + "; ".join(parts) + ". Screening results, not a diagnosis."
    if flagged:
        line += (
            f' <span class="flag">PHQ-9 question {PHQ9_SELF_HARM_ITEM} was answered above'
            " “not at all”; see Check-in scores.</span>"
        )
    return line


def _glance_breaks(context: Context) -> str:
    parts = []
    applied = sum(limit.days_applied for limit in context.limits)
    if applied:
        kept = applied - sum(limit.days_over for limit in context.limits)
        parts.append(f"Daily limits were kept on <b>{kept} of {applied}</b> days they applied")
    stats = context.breaks
    if stats.decided:
        parts.append(
            f"{stats.taken} of {stats.decided} break prompts that ended became a break"
            f" ({percent(stats.taken, stats.decided)})"
        )
    elif stats.shown:
        parts.append(f"{plural(stats.shown, 'break prompt')} came up")
    if not parts:
        return "No daily limits or break prompts in this period."
    return "; ".join(parts) + "."


def _glance_patterns(context: Context) -> str | None:
    if context.options.includes("associations"):
        top = top_associations(context.associations, limit=1)
        if top:
            a = top[0]
            return (
                f"Strongest pattern: {esc(a.label.lower())}"
                f" ({association_numbers(a.correlation)}): an association, not a cause."
            )
    if context.options.includes("activities") and context.data.activities:
        done = context.data.activities
        both = [a for a in done if a.mood_before is not None and a.mood_after is not None]
        line = f"{plural(len(done), 'offline activity', 'offline activities')} done"
        if both:
            better = sum(1 for a in both if (a.mood_after or 0) > (a.mood_before or 0))
            line += f"; mood was higher afterwards {better} of {plural(len(both), 'time')}"
            line += " with both moods noted"
        return line + "."
    if context.options.includes("associations"):
        return (
            f"No pattern between community time and mood can be reported yet (at least {MIN_N}"
            " days with both are needed)."
        )
    return None


def cover(context: Context) -> ReportSection:
    options, data = context.options, context.data
    title, subtitle = report_title(context)
    parts = [
        f"<h1>{title}</h1>",
        f'<p class="range">{esc(subtitle)}</p>',
        f'<p class="muted">Made with the Wellbeing app on {day_text(data.made_at.date())}'
        " from the person's own entries and the time tracked on their computer. A self-tracking"
        " summary with screening results, not a diagnosis.</p>",
    ]
    glance: list[str] = []
    if options.includes("mood"):
        glance.append(_glance_mood(context))
    if options.includes("usage"):
        glance.append(_glance_usage(context))
    if options.includes("checkins"):
        glance.append(_glance_checkins(context))
    if options.includes("limits_breaks"):
        glance.append(_glance_breaks(context))
    pattern = _glance_patterns(context)
    if pattern:
        glance.append(pattern)
    if glance:
        parts.append("<h2>At a glance</h2><ul>")
        parts += [f"<li>{line}</li>" for line in glance[:5]]
        parts.append("</ul>")

    rows = [["Days in this period", str(len(context.days))]]
    n = len(context.days)
    if options.includes("mood"):
        with_mood = len(_mood_values(context))
        rows.append(["Days with a mood check-in", f"{with_mood} of {n} ({percent(with_mood, n)})"])
        rows.append(["Mood check-ins in all", str(len(data.moods))])
        rows.append(["Days with a gratitude entry", f"{len(data.gratitude)} of {n}"])
    if options.includes("usage"):
        tracked = f"{len(context.tracked)} of {n} ({percent(len(context.tracked), n)})"
        if data.tracked_since is not None and data.tracked_since > data.first:
            tracked += f"; tracking began on {day_text(data.tracked_since)}"
        rows.append(["Days with time tracking", tracked])
    if options.includes("checkins"):
        counts = Counter(c.questionnaire for c in data.checkins)
        listed = ", ".join(f"{counts[name]} {name}" for name in QUESTIONNAIRES if counts[name])
        rows.append(["Questionnaire check-ins", listed or "none"])
    parts.append("<h2>How complete the record is</h2>")
    parts.append(table(["", ""], ([esc(a), esc(b)] for a, b in rows), width="75%"))
    inside = [SECTION_NAMES[key] for key in BUILDERS if key != "cover" and options.includes(key)]
    if inside:
        parts.append(f"<p>In this report: {esc(' · '.join(inside))}.</p>")
    if context.left_out:
        parts.append(f'<p class="muted">{esc(left_out_sentence(context.left_out))}</p>')
    return ReportSection("cover", title, "\n".join(parts))


def left_out_sentence(left_out: Sequence[str]) -> str:
    return "Not included at your request: " + ", ".join(left_out) + "."


# --- check-ins -----------------------------------------------------------------------------


def _bands_text(name: str) -> str:
    bands = QUESTIONNAIRES[name].bands
    return " · ".join(f"{b.low}–{b.high} {b.label.lower()}" for b in bands)


def _change_text(name: str, change: float) -> str:
    meaningful = abs(change) >= _MEANINGFUL[name]
    return _signed(change) + (" (meaningful)" if meaningful else "")


def _questionnaire_block(context: Context, name: str) -> str:
    found = [c for c in context.data.checkins if c.questionnaire == name]
    if not found:
        return ""
    questionnaire = QUESTIONNAIRES[name]
    earlier = [c for c in context.data.earlier_checkins if c.questionnaire == name]
    series = earlier[-1:] + found
    parts = [f"<h3>{esc(questionnaire.title)}</h3>"]
    for checkin in found:
        if needs_crisis_resources(checkin):
            answer = questionnaire.answers[checkin.answers[PHQ9_SELF_HARM_ITEM - 1]]
            parts.append(
                f'<p class="flag">On {context.moment(checkin.at)}, question {PHQ9_SELF_HARM_ITEM}'
                " (thoughts that you would be better off dead or of hurting yourself) was"
                f" answered “{esc(answer.lower())}”.</p>"
            )
    parts.append(f"<p>{esc(_SCALES[name])}</p>")
    parts.append(f'<p class="muted">Published bands: {esc(_bands_text(name))}.</p>')
    with_difficulty = any(difficulty_answer(c) for c in series)
    headers = ["Date", "Score", "Screening band", "Change"]
    if with_difficulty:
        headers.append("How hard it made daily life")
    rows = []
    previous: CheckIn | None = None
    for checkin in series:
        when = context.moment(checkin.at)
        if checkin in earlier:
            when += " (before this period)"
        row = [
            esc(when),
            _score_text(checkin),
            esc(screening_band(checkin).label),
            _change_text(name, checkin.score - previous.score) if previous else "",
        ]
        if with_difficulty:
            row.append(esc(difficulty_answer(checkin) or ""))
        rows.append(row)
        previous = checkin
    widths = (25, 12, 21, 16, 26) if with_difficulty else (30, 15, 30, 25)
    parts.append(table(headers, rows, align="lrlr", widths=widths))
    if len(series) >= 2:
        start, end = series[0], series[-1]
        change = end.score - start.score
        meaningful = abs(change) >= _MEANINGFUL[name]
        if change == 0:
            trend = "no change"
        else:
            points = plural(round(abs(change)), "point")
            trend = f"{'higher' if change > 0 else 'lower'} by {points}"
            trend += (
                ", a meaningful change"
                if meaningful
                else f", less than the {_MEANINGFUL[name]} counted as meaningful"
            )
        parts.append(
            f"<p>Trend: {_score_text(start)} on {context.moment(start.at)} to"
            f" {_score_text(end)} on {context.moment(end.at)}, {trend}.</p>"
        )
    return "\n".join(parts)


def checkins(context: Context) -> ReportSection:
    blocks = [_questionnaire_block(context, name) for name in QUESTIONNAIRES]
    blocks = [block for block in blocks if block]
    if not blocks:
        blocks = [
            "<p>No questionnaire check-ins (WHO-5, PHQ-9 or GAD-7) were completed in this"
            " period.</p>"
        ]
    blocks.append(
        '<p class="muted">Standard screening questionnaires, scored as published. These are'
        " screening results, not a diagnosis.</p>"
    )
    return ReportSection("checkins", "Check-in scores", "\n".join(blocks))


# --- mood ----------------------------------------------------------------------------------


def mood(context: Context) -> ReportSection:
    data = context.data
    figure = render_figure(
        "mood",
        load_charts().mood_chart(context.mood_days, data.first, data.last),
        "Mood each day, with days without a check-in marked",
    )
    parts = [image(figure)]
    values = _mood_values(context)
    if values:
        parts.append(
            f"<p>Average <b>{_number(_mean(values))}</b> out of 5 (1 awful, 5 great) over"
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
                f"<p>Weekdays averaged {_number(_mean(weekday))}, weekends"
                f" {_number(_mean(weekend))}.</p>"
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


# --- usage ---------------------------------------------------------------------------------


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
    total = _usage_total(context)
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

    apps = _app_totals(context)
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
    if data.has_approximate:
        notes.append("Some of the time was imported from another tool and is approximate.")
    notes.append(
        "Counted: time with a community app or site in the foreground while the person was"
        " active at the computer. Phones and other devices are not included."
    )
    parts.append(f'<p class="muted">{esc(" ".join(notes))}</p>')
    return ReportSection("usage", "Time in online communities", "\n".join(parts), tuple(figures))


# --- limits and breaks ---------------------------------------------------------------------


def _weekdays_text(weekdays: frozenset[int]) -> str:
    if not weekdays or len(weekdays) == 7:
        return "every day"
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(weekdays))


def limits_breaks(context: Context) -> ReportSection:
    parts = ["<h3>Daily limits</h3>"]
    if context.limits:
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
            for limit in context.limits
        ]
        parts.append(
            table(
                ["Limit", "Budget", "Days it applied", "Kept", "Average those days"],
                rows,
                "llrrr",
            )
        )
        parts.append(
            '<p class="muted">Limits as they are set now; they may have been changed during the'
            " period.</p>"
        )
    else:
        parts.append("<p>No daily limits are set.</p>")

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


# --- activities ----------------------------------------------------------------------------


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
    rows = []
    for title, items in sorted(by_title.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        both = [i for i in items if i.mood_before is not None and i.mood_after is not None]
        helped = [i for i in items if i.helped is not None]
        if both:
            before = _mean([float(i.mood_before or 0) for i in both])
            after = _mean([float(i.mood_after or 0) for i in both])
            moods = f"{_number(before)} → {_number(after)} ({len(both)}×)"
        else:
            moods = "not noted"
        rows.append(
            [
                esc(title),
                str(len(items)),
                moods,
                f"{sum(1 for i in helped if i.helped)} of {len(helped)}" if helped else "",
            ]
        )
    both = [i for i in done if i.mood_before is not None and i.mood_after is not None]
    days = {day_of_datetime(i.at, context.data.day_start_hour) for i in done}
    parts = [
        f"<p>{plural(len(done), 'activity', 'activities')} away from the screen were logged"
        f" on {plural(len(days), 'day')}.</p>"
    ]
    if both:
        better = sum(1 for i in both if (i.mood_after or 0) > (i.mood_before or 0))
        same = sum(1 for i in both if i.mood_after == i.mood_before)
        change = _mean([float((i.mood_after or 0) - (i.mood_before or 0)) for i in both])
        parts.append(
            f"<p>Where mood was noted before and after ({plural(len(both), 'time')}), it was"
            f" higher afterwards {plural(better, 'time')} and unchanged {plural(same, 'time')};"
            " on average"
            f" {_signed(change, 1)} points on the 1–5 scale. Mood often lifts a little with time"
            " anyway, so this is a description, not proof that the activity helped.</p>"
        )
    parts.append(
        table(
            ["Activity", "Times", "Mood before → after (average)", "Felt it helped"],
            rows,
            "lrrr",
        )
    )
    during = sum(1 for i in done if i.during_break)
    if during:
        parts.append(
            f'<p class="muted">{plural(during, "activity was", "activities were")} chosen'
            " during a break without a mood noted before and after.</p>"
        )
    return ReportSection("activities", "Offline activities", "\n".join(parts))


# --- associations --------------------------------------------------------------------------


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
        rows = [[esc(a.label), esc(a.wording), str(a.n)] for a in top]
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
        parts.append(f"<p>{esc(g.wording)} n = {g.n} days.</p>")
    return ReportSection("associations", "Associations, not causes", "\n".join(parts), figures)


# --- questions and calendar ----------------------------------------------------------------


def questions(context: Context) -> ReportSection:
    asked = context.options.questions
    if asked:
        body = "<ol>" + "".join(f"<li>{esc(q)}</li>" for q in asked) + "</ol>"
    else:
        body = "<p>No questions were written down.</p>"
    return ReportSection(
        "questions",
        "Questions for my next session",
        '<p class="muted">Written by the person to bring up in their next session.</p>' + body,
    )


def _month_table(context: Context, year: int, month: int, values: dict[date, float]) -> str:
    data = context.data
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    cursor = start - timedelta(days=start.weekday())
    head = "".join(f'<th align="center" width="14%">{name}</th>' for name in WEEKDAY_NAMES)
    rows = []
    while cursor < following:
        week = [cursor + timedelta(days=i) for i in range(7)]
        if not any(d.month == month and data.first <= d <= data.last for d in week):
            cursor += timedelta(days=7)
            continue
        cells = []
        for _ in range(7):
            if cursor.month != month or not data.first <= cursor <= data.last:
                cells.append('<td bgcolor="#fafafa"></td>')
            elif cursor in values:
                value = values[cursor]
                score = max(1, min(5, round(value)))
                cells.append(
                    f'<td align="center" bgcolor="{MOOD_COLOURS[score]}">'
                    f'<span class="small muted">{cursor.day}</span><br>'
                    f"<b>{_number(value)}</b><br>"
                    f'<span class="small">{MOOD_LABELS[score]}</span></td>'
                )
            else:
                cells.append(
                    f'<td align="center"><span class="small muted">{cursor.day}</span><br>'
                    '<span class="muted">–</span><br><span class="small"> </span></td>'
                )
            cursor += timedelta(days=1)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<h3>{MONTHS[month - 1]} {year}</h3>"
        '<table width="100%" border="1" cellspacing="0" cellpadding="3"'
        f' style="border-color: #c5ced8;"><thead><tr>{head}</tr></thead>{"".join(rows)}</table>'
    )


def calendar(context: Context) -> ReportSection:
    values = {d.day: d.value for d in context.mood_days if d.value is not None}
    months = sorted({(d.year, d.month) for d in context.days})
    parts = [
        '<p class="muted">The day’s average mood (1 awful – 5 great) and its label; a dash'
        " marks a day without a check-in.</p>"
    ]
    parts += [_month_table(context, year, month, values) for year, month in months]
    return ReportSection("calendar", "Monthly mood calendar", "\n".join(parts))


# --- closing -------------------------------------------------------------------------------


def about(context: Context) -> ReportSection:
    data = context.data
    parts = [
        "<p>This is a <b>self-tracking summary</b>: mood check-ins, gratitude entries and"
        " questionnaires the person filled in themselves, and time in online communities"
        " measured on their own computer by the Wellbeing app. Questionnaire scores are"
        " <b>screening results, not a diagnosis</b>, and patterns between numbers are"
        " associations, not causes.</p>",
        f"<p>A day runs from {data.day_start_hour:02d}:00 to {data.day_start_hour:02d}:00"
        " the next morning, so a late night counts to the evening before. Days without an"
        " entry are shown as missing, never filled in.</p>"
        if context.options.exact_times
        else "<p>A day ends in the early morning, so a late night counts to the evening"
        " before. Days without an entry are shown as missing, never filled in.</p>",
    ]
    if context.left_out:
        parts.append(f"<p>{esc(left_out_sentence(context.left_out))}</p>")
    return ReportSection("about", "About this report", "\n".join(parts))


Builder = Callable[[Context], ReportSection]
BUILDERS: dict[str, Builder] = {
    "cover": cover,
    "checkins": checkins,
    "mood": mood,
    "usage": usage,
    "limits_breaks": limits_breaks,
    "activities": activities,
    "associations": associations,
    "questions": questions,
    "calendar": calendar,
}
SECTION_NAMES = {
    "checkins": "check-in scores",
    "mood": "mood",
    "usage": "time in online communities",
    "limits_breaks": "limits and breaks",
    "activities": "offline activities",
    "associations": "associations",
    "questions": "questions for the next session",
    "calendar": "monthly mood calendar",
}
# Sections that begin on a page of their own in print.
NEW_PAGE = frozenset({"questions", "calendar"})


def document_html(title: str, subtitle: str, sections: Sequence[ReportSection]) -> str:
    """One HTML document of all sections, in order."""
    parts = [f"<html><head><meta charset='utf-8'><title>{esc(title)}</title>"]
    parts.append(f"<style>{STYLE}</style></head><body>")
    if not sections or sections[0].key != "cover":
        parts.append(f'<h1>{esc(title)}</h1><p class="range">{esc(subtitle)}</p>')
    for index, section in enumerate(sections):
        if section.key == "cover":
            parts.append(section.html)
            continue
        breaks = section.key in NEW_PAGE or (index == 1 and sections[0].key == "cover")
        style = ' style="page-break-before: always;"' if breaks else ""
        parts.append(f"<h2{style}>{esc(section.title)}</h2>")
        parts.append(section.html)
    parts.append("</body></html>")
    return "\n".join(parts)
