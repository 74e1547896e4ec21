"""Check-in scores: WHO-5, PHQ-9 and GAD-7 as published, each trend from one baseline, and any
PHQ-9 question-9 answer first and apart from every band."""

from __future__ import annotations

from wellbeing_app.core.models import CheckIn
from wellbeing_app.core.questionnaires import (
    GAD7_MEANINGFUL_CHANGE,
    PHQ9_MEANINGFUL_CHANGE,
    QUESTIONNAIRES,
    WHO5_LOW_CUTOFF,
    WHO5_MEANINGFUL_CHANGE,
    difficulty_answer,
    screening_band,
)
from wellbeing_app.reporting.report_context import (
    BASELINE_DAYS,
    WHO5_DEPRESSION_CUTOFF,
    Context,
    at_or_below_who5_cutoff,
    baseline,
    item9_statements,
    score_text,
    who5_depression_text,
)
from wellbeing_app.reporting.report_html import box, esc, plural, signed, table
from wellbeing_app.reporting.report_model import ReportSection

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
CRISIS_ADVICE = (
    "This comes before any score and is not graded by one. If there is any immediate danger,"
    " contact local emergency services or a crisis line; the app lists crisis lines under"
    " “Get help now”."
)


def _bands_text(name: str) -> str:
    bands = QUESTIONNAIRES[name].bands
    return " · ".join(f"{b.low}–{b.high} {b.label.lower()}" for b in bands)


def _change_text(name: str, change: float) -> str:
    meaningful = abs(change) >= _MEANINGFUL[name]
    return signed(change) + (" (meaningful)" if meaningful else "")


def _trend(context: Context, name: str, start: CheckIn, end: CheckIn) -> str:
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
    return (
        f"<p>Trend: {score_text(start)} on {context.moment(start.at)} (the baseline) to"
        f" {score_text(end)} on {context.moment(end.at)}, {trend}.</p>"
    )


def _questionnaire_block(context: Context, name: str) -> str:
    found = [c for c in context.data.checkins if c.questionnaire == name]
    if not found:
        return ""
    questionnaire = QUESTIONNAIRES[name]
    start = baseline(context, name)
    before = start is not None and start not in found
    series = ([start] if before and start is not None else []) + found
    parts = [f"<h3>{esc(questionnaire.title)}</h3>"]
    parts.append(f"<p>{esc(_SCALES[name])}</p>")
    parts.append(f'<p class="muted">Published bands: {esc(_bands_text(name))}.</p>')
    with_difficulty = any(difficulty_answer(c) for c in series)
    with_change = len(series) > 1  # one score has nothing to change from: no empty column
    headers = ["Date", "Score", "Screening band"]
    headers += ["Change"] if with_change else []
    headers += ["How hard it made daily life"] if with_difficulty else []
    rows = []
    previous: CheckIn | None = None
    for checkin in series:
        when = context.moment(checkin.at)
        if before and checkin is start:
            when += " (baseline, before this period)"
        band = screening_band(checkin).label
        if at_or_below_who5_cutoff(checkin):
            band += f", at or below {WHO5_DEPRESSION_CUTOFF}"
        row = [esc(when), score_text(checkin), esc(band)]
        if with_change:
            row.append(_change_text(name, checkin.score - previous.score) if previous else "")
        if with_difficulty:
            row.append(esc(difficulty_answer(checkin) or ""))
        rows.append(row)
        previous = checkin
    widths = {3: (30, 15, 55), 4: (27, 13, 38, 22), 5: (23, 11, 27, 14, 25)}[len(headers)]
    align = "lrl" + ("r" if with_change else "") + "l"
    parts.append(table(headers, rows, align=align, widths=widths))
    cut_off = who5_depression_text(found)
    if cut_off:
        parts.append(f'<p class="flag">{esc(cut_off)}</p>')
    if len(series) >= 2 and start is not None and start is not series[-1]:
        parts.append(_trend(context, name, start, series[-1]))
    return "\n".join(parts)


def checkins(context: Context) -> ReportSection:
    blocks = []
    statements = item9_statements(context)
    if statements:
        blocks.append(box("<br>".join(f"<b>{s}</b>" for s in statements) + f"<br>{CRISIS_ADVICE}"))
    found = [_questionnaire_block(context, name) for name in QUESTIONNAIRES]
    blocks += [block for block in found if block]
    if not any(found):
        blocks.append(
            "<p>No questionnaire check-ins (WHO-5, PHQ-9 or GAD-7) were completed in this"
            " period.</p>"
        )
    blocks.append(
        '<p class="muted">Standard screening questionnaires, scored as published. These are'
        f" screening results, not a diagnosis. Each trend starts from a baseline: the last"
        f" check-in in the {BASELINE_DAYS} days before the period, or else the first in it.</p>"
    )
    return ReportSection("checkins", "Check-in scores", "\n".join(blocks))
