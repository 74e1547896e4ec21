"""Page 1: the title, "At a glance" and how complete the record is."""

from __future__ import annotations

from collections import Counter

from wellbeing_app.core.questionnaires import QUESTIONNAIRES, screening_band
from wellbeing_app.core.stats import MIN_N, association_numbers, top_associations
from wellbeing_app.core.text import duration_text
from wellbeing_app.reporting.report_context import (
    Context,
    app_totals,
    baseline,
    item9_statements,
    left_out_sentences,
    limits_history_note,
    mean,
    mood_values,
    report_title,
    score_text,
    usage_total,
    who5_depression_text,
)
from wellbeing_app.reporting.report_html import day_text, esc, number, percent, plural, table
from wellbeing_app.reporting.report_model import SECTION_NAMES, SECTIONS, ReportSection


def _glance_mood(context: Context) -> str:
    values = mood_values(context)
    if not values:
        return "No mood check-ins in this period."
    line = (
        f"Mood averaged <b>{number(mean(values))} out of 5</b> on the"
        f" {plural(len(values), 'day')} with a check-in"
    )
    half = len(context.mood_days) // 2
    early = [d.value for d in context.mood_days[:half] if d.value is not None]
    late = [d.value for d in context.mood_days[half:] if d.value is not None]
    if len(early) >= 3 and len(late) >= 3:
        a, b = mean(early), mean(late)
        if abs(b - a) < 0.2:
            line += f", about the same in both halves of the period ({number(a)} and {number(b)})"
        else:
            direction = "up" if b > a else "down"
            line += (
                f", {direction} from {number(a)} in the first half of the period"
                f" to {number(b)} in the second"
            )
    return line + "."


def _glance_usage(context: Context) -> str:
    total = usage_total(context)
    if total < 60 or not context.tracked:
        return "No time in online communities was recorded in this period."
    top, category, seconds = app_totals(context)[0]
    what = esc(top) if context.options.app_names else f"{esc(category)} apps"
    return (
        f"Online communities took <b>{duration_text(total / len(context.tracked))} a day</b>"
        f" on average over {plural(len(context.tracked), 'tracked day')};"
        f" the most went to {what} ({percent(round(seconds), round(total))})."
    )


def _glance_checkins(context: Context) -> str:
    parts = []
    advice = []
    for name in QUESTIONNAIRES:
        found = [c for c in context.data.checkins if c.questionnaire == name]
        if not found:
            continue
        latest = found[-1]
        band = screening_band(latest).label.lower()
        text = f"{name} <b>{score_text(latest)}</b> on {context.moment(latest.at)} ({band})"
        start = baseline(context, name)
        if start is not None and start != latest:
            text += f", {score_text(start)} at the baseline ({context.moment(start.at)})"
        parts.append(text)
        cut_off = who5_depression_text(found)
        if cut_off:
            advice.append(cut_off)
    if not parts:
        return "No questionnaire check-ins in this period."
    line = "Latest check-ins: " + "; ".join(parts) + "."
    line += "".join(f" <b>{esc(text)}</b>" for text in advice)
    return line + ("" if advice else " Screening results, not a diagnosis.")


def _glance_breaks(context: Context) -> str:
    parts = []
    summaries = context.limits.summaries
    applied = sum(limit.days_applied for limit in summaries)
    if applied:
        kept = applied - sum(limit.days_over for limit in summaries)
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


def _coverage_rows(context: Context) -> list[tuple[str, str]]:
    options, data = context.options, context.data
    n = len(context.days)
    rows = [("Days in this period", str(n))]
    if options.includes("mood"):
        with_mood = len(mood_values(context))
        rows.append(("Days with a mood check-in", f"{with_mood} of {n} ({percent(with_mood, n)})"))
        rows.append(("Mood check-ins in all", str(len(data.moods))))
        rows.append(("Days with a gratitude entry", f"{len(data.gratitude)} of {n}"))
    if options.includes("usage"):
        tracked = f"{len(context.tracked)} of {n} ({percent(len(context.tracked), n)})"
        if data.tracked_since is not None and data.tracked_since > data.first:
            tracked += f"; tracking began on {day_text(data.tracked_since)}"
        rows.append(("Days with time tracking", tracked))
        total = usage_total(context)
        if data.approximate_seconds > 0 and total > 0:
            rows.append(
                (
                    "Approximate community time",
                    f"{duration_text(data.approximate_seconds)} of {duration_text(total)}"
                    " (running apps only, focus not seen)",
                )
            )
        if data.imported_seconds > 0 and total > 0:
            rows.append(
                (
                    "Imported community time",
                    f"{duration_text(data.imported_seconds)} of {duration_text(total)}",
                )
            )
    if options.includes("checkins"):
        counts = Counter(c.questionnaire for c in data.checkins)
        listed = ", ".join(f"{counts[name]} {name}" for name in QUESTIONNAIRES if counts[name])
        rows.append(("Questionnaire check-ins", listed or "none"))
    return rows


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
    if data.asked_first is not None:
        parts.append(
            f'<p class="muted">The report was asked for from {day_text(data.asked_first)};'
            f" it covers {day_text(data.first)} to {day_text(data.last)}, the days the record"
            " holds.</p>"
        )
    glance: list[str] = []
    if options.includes("checkins"):
        # Thoughts of death or self-harm come first, apart from any score's band.
        glance += [
            f'<span class="flag">{s} See Check-in scores.</span>' for s in item9_statements(context)
        ]
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
        parts += [f"<li>{line}</li>" for line in glance]
        parts.append("</ul>")
    parts.append("<h2>How complete the record is</h2>")
    rows = _coverage_rows(context)
    parts.append(table(["", ""], ([esc(a), esc(b)] for a, b in rows), width="85%", widths=(40, 60)))
    notes = []
    history = limits_history_note(context) if options.includes("limits_breaks") else None
    if history:
        notes.append(history)
    inside = [SECTION_NAMES[key] for key in SECTIONS if key != "cover" and options.includes(key)]
    if inside:
        notes.append(f"In this report: {' · '.join(inside)}.")
    notes += left_out_sentences(context.left_out)
    parts += [f"<p>{esc(note)}</p>" for note in notes]
    return ReportSection("cover", title, "\n".join(parts))
